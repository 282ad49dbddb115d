"""Text for pages: numbers, money and dates through Babel (Indonesian, and English for the English pages), and
data text made safe for Markdown."""

from __future__ import annotations

import datetime as dt
import functools
import string
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_currency, format_decimal

LOCALE = "id"
ENGLISH = "en"
MONEY = {LOCALE: "¤#,##0", ENGLISH: "¤\u00a0#,##0"}
"""``Rp42.000.000``; ``IDR 42,000,000``."""
MONEY_SHORT = {LOCALE: "Rp{}", ENGLISH: "IDR\u00a0{}"}
"""``Rp42 juta``; ``IDR 42 million``."""
DATE = {LOCALE: "d MMMM y", ENGLISH: "long"}
"""``30 November 2026``; ``November 30, 2026``."""
cached = functools.lru_cache(maxsize=1 << 16)
"""Babel parses its locale data on every call; the same few thousand values recur on every page."""


@cached
def number(value: int | float | Decimal, locale: str = LOCALE) -> str:
    """``1234`` → ``1.234`` (English: ``1,234``)."""
    return format_decimal(value, locale=locale)


@cached
def rupiah(value: int | float | Decimal, locale: str = LOCALE) -> str:
    """``42000000`` → ``Rp42.000.000`` (English: ``IDR 42,000,000``)."""
    return format_currency(value, "IDR", format=MONEY[locale], locale=locale, currency_digits=False)


def rupiah_short(value: int | float | Decimal, locale: str = LOCALE) -> str:
    """``42000000`` → ``Rp42 juta``; ``2980000000`` → ``Rp2,98 miliar`` (English: ``IDR 42 million``)."""
    words = format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=2)
    return MONEY_SHORT[locale].format(words)


@cached
def percent(part: int, whole: int, locale: str = LOCALE) -> str:
    """``73, 100`` → ``73%``; ``1, 3`` → ``33,3%`` (English: ``33.3%``); no target → ``–``."""
    value = percent_value(part, whole)
    return "–" if value is None else format_decimal(value, format="#,##0.#", locale=locale) + "%"


@cached
def percent_value(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, rounded to one decimal (half to even) as pages show it; None if no whole."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


@cached
def date(value: dt.date, locale: str = LOCALE) -> str:
    """``2023-03-15`` → ``15 Maret 2023`` (English: ``March 15, 2023``)."""
    return format_date(value, format=DATE[locale], locale=locale)


@cached
def month(value: dt.date) -> str:
    """``2023-03-01`` → ``Maret 2023``."""
    return format_date(value, format="MMMM y", locale=LOCALE)


ENTITY_ENCODED = frozenset(string.punctuation)
"""Characters that Markdown, its extensions or HTML could read as markup."""


def markdown_text(value: object) -> str:
    """Text from data, made to show as itself in Markdown: no markup, no HTML, no links, no attributes.

    Every ASCII punctuation character becomes a numeric character reference (``<`` → ``&#60;``),
    which Python-Markdown passes through untouched and the browser shows as the character;
    runs of white space become one space, so a line break in a cell cannot end a table row, and
    control characters are dropped (Python-Markdown uses some of them as its own placeholders).
    """
    visible = "".join(c for c in str(value) if c.isspace() or unicodedata.category(c) != "Cc")
    return "".join(f"&#{ord(c)};" if c in ENTITY_ENCODED else c for c in " ".join(visible.split()))
