"""Rendering hand-written pages: fill in programme facts and figures, add the sample banner and the sources used."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import jinja2

from generator import formatting
from generator.facts import Fact, FactsView, LegalBasis, LegalBasisShown, MissingFact, sources_of
from generator.formatting import LOCALE, markdown_text
from generator.model import Dataset
from generator.render.hiding_example import hiding_example
from generator.texts import PROSE_TEXTS


def render_prose(
    source: str,
    name: str,
    data: Dataset,
    summary: dict[str, str],
    context: dict[str, Any] | None = None,
    locale: str = LOCALE,
) -> str:
    """Render a hand-written page: fill in facts and figures, add the sample banner and the sources used.
    ``context`` adds names for a page made from a template (the claim guide's ``halaman``); ``locale`` is the
    page's language (``en``: English numbers, money, dates and texts)."""
    _check_conditions(source, name, data.facts.facts)
    used: set[str] = set()
    summary_view = _Recorder(summary)
    legal_view = _Recorder(_LegalBasis(data.facts.legal_basis, locale))
    texts = PROSE_TEXTS[locale]
    try:
        text = _template(source, locale).render(
            fakta=FactsView(data.facts.facts, used, locale=locale),
            ringkasan=summary_view,
            dasar_hukum=legal_view,
            aturan_data={"ambang_angka_kecil": formatting.number(data.threshold, locale)},
            contoh_sembunyi=hiding_example(data.threshold, locale),
            **(context or {}),
        )
    except (jinja2.TemplateError, MissingFact, _NoValue) as error:
        line = getattr(error, "lineno", None) or _template_line(error.__traceback__)
        raise PageError(f"{name}:{line or 0}: {error}") from None
    if summary_view.used and data.sample:
        text = _after_heading(text, texts.sample_banner + "\n")
    return text + _sources_section(data, used, legal_view.used, locale)


@functools.lru_cache(maxsize=8)
def _template(source: str, locale: str) -> jinja2.Template:
    """A page's template, compiled once per build process (the claim guide renders one template for many pages)."""
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False, finalize=_not_none
    )
    env.filters.update(
        rupiah=functools.partial(formatting.rupiah, locale=locale),
        angka=functools.partial(formatting.number, locale=locale),
        tanggal=functools.partial(formatting.date, locale=locale),
    )
    return env.from_string(source)


def _not_none(value: Any) -> Any:
    """What a ``{{ ... }}`` writes; nothing (``None``, e.g. the successor of a fact without one) stops the page."""
    if value is None:
        raise _NoValue(
            "yang ditulis di sini kosong dan akan tampil sebagai 'None' "
            "(mis. .pengganti dari fakta yang tidak punya diganti_oleh); tulis fakta yang ada nilainya"
        )
    return value


class _NoValue(Exception):
    """A page writes a value that is nothing."""


FACT_REFERENCE = re.compile(r"\bfakta((?:\.[a-z_][a-z0-9_]*)+)")


def _check_conditions(source: str, name: str, facts: dict[str, Fact]) -> None:
    """A fact with ``syarat`` is written in the same paragraph, list or table as each of its conditions."""
    line = 1
    for block in re.split(r"(\n[ \t]*\n)", source):
        if not block.strip():
            line += block.count("\n")
            continue
        named = facts_named(block, facts)
        for key in sorted(named):
            missing = [c for c in facts[key].conditions if c not in named]
            if missing:
                raise PageError(
                    f"{name}:{line}: fakta {key} ditulis tanpa syaratnya ({', '.join(missing)}); "
                    "tulis syarat itu di paragraf, daftar atau tabel yang sama"
                )
        line += block.count("\n")


def facts_named(source: str, facts: dict[str, Fact]) -> set[str]:
    """The facts a page's source refers to (``fakta.jkm.total.singkat`` → ``jkm.total``)."""
    return {key for match in FACT_REFERENCE.finditer(source) if (key := _fact_key(match.group(1)[1:], facts))}


def _fact_key(path: str, facts: dict[str, Fact]) -> str:
    """The fact a dotted reference names (``jkm.total.singkat`` → ``jkm.total``), or ``""``."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in facts:
            return ".".join(parts[:end])
    return ""


def _template_line(trace: Any) -> int | None:
    """The template line an error was raised on: Jinja maps template frames to ``<template>``."""
    line = None
    while trace:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


class PageError(Exception):
    """A hand-written page refers to a fact that does not exist, or has a template error."""


class _Recorder:
    """Wraps a value handed to a page and notes whether the page used it."""

    def __init__(self, value: Any):
        self.value = value
        self.used = False

    def __getattr__(self, name: str) -> Any:
        self.used = True
        return self.value[name] if isinstance(self.value, dict) else getattr(self.value, name)

    def __iter__(self) -> Any:
        self.used = True
        return iter(self.value)


class _LegalBasis:
    """The legal basis as a page in ``locale`` lists it: each regulation worded when the page reaches it."""

    def __init__(self, items: list[LegalBasis], locale: str):
        self.items = items
        self.locale = locale

    def __iter__(self) -> Iterator[LegalBasisShown]:
        return (item.in_locale(self.locale) for item in self.items)


def _after_heading(text: str, block: str) -> str:
    """Insert a block after the page's first ``# `` heading (or at the top of the body)."""
    match = re.search(r"^# .*\n", text, flags=re.MULTILINE)
    at = match.end() if match else 0
    return text[:at] + "\n" + block + text[at:]


def _sources_section(data: Dataset, used: set[str], legal: bool, locale: str) -> str:
    cited = sources_of(data.facts, used, legal)
    if not cited:
        return ""
    texts = PROSE_TEXTS[locale]
    lines = ["", f"## {texts.sources_heading}", ""]
    dates = {source.checked for source in cited}
    checked_on = dates.pop() if len(dates) == 1 else None  # one date for all: said once, below the list
    for source in cited:
        title = f"[{markdown_text(source.title)}]({source.url})" if source.url else markdown_text(source.title)
        when = f", {formatting.date(source.date, locale)}" if source.date else ""
        checked = (
            texts.checked.format(formatting.date(source.checked, locale)) if source.checked and not checked_on else ""
        )
        lines.append(f"- {title}, {markdown_text(source.publisher)}{when}.{checked}")
    if checked_on:
        lines += ["", texts.all_checked.format(formatting.date(checked_on, locale))]
    if any(not data.facts.facts[k].certain for k in used):
        lines += ["", texts.uncertain_note]
    return "\n".join(lines) + "\n"
