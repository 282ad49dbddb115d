"""Programme facts (``data/fakta.yaml``): amounts and rules with their sources.

Pages never write a programme number themselves; they render a :class:`Fact`,
which formats itself in the page's language (Indonesian, or English on English pages) and remembers that the page
used it, so the page can list the sources of exactly the facts it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from generator import formatting
from generator.formatting import LOCALE
from generator.texts import FACT_MARKS

WORDED = ("teks", "daftar")
"""Units of facts whose value is words: English pages show their ``inggris``."""


@dataclass(frozen=True)
class Source:
    """A published document a fact rests on."""

    key: str
    title: str
    publisher: str
    date: dt.date | None
    url: str
    checked: dt.date | None = None
    """When staff last checked the facts it backs against it (``diperiksa``)."""
    checked_line: int = 0
    """The line of its ``diperiksa`` in the facts file, or of its own key when it has none."""


@dataclass(frozen=True)
class Fact:
    """One programme amount or rule."""

    key: str
    """Dotted path in the facts file, e.g. ``jkm.total``."""
    value: int | str | dt.date | tuple[str, ...]
    unit: str
    sources: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    certain: bool = True
    note: str = ""
    replaced_by: str = ""
    """Key of the fact that holds once this one ends (``diganti_oleh``)."""
    checked: dt.date | None = None
    """When it was last checked against its sources: its own ``diperiksa``, else its latest source's."""
    conditions: tuple[str, ...] = ()
    """Facts a page must state in the same paragraph, list or table wherever it shows this one (``syarat``)."""
    line: int = 0
    """The line of its own key in the facts file."""
    as_of: dt.date | None = None
    """The data date the site is built for; set by :func:`generator.read.fact_validity.facts_as_of`."""
    successor: Fact | None = None
    """The fact named by ``replaced_by``, once resolved."""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each of its keys (``berlaku_sampai``, ``syarat``, ...) in the facts file."""
    english: str | tuple[str, ...] = ""
    """The wording of a text or list fact on English pages (``inggris``)."""
    locale: str = field(default=LOCALE, compare=False, repr=False)
    """The language of the page that writes it: ``en`` gives English notation, wording and marks."""

    def line_of(self, name: str) -> int:
        """The line of one of its keys, or of the fact itself if it has no such key."""
        return self.field_lines.get(name, self.line)

    def in_locale(self, locale: str) -> Fact:
        """The fact as a page in ``locale`` writes it (``fakta.jkm.total`` on an English page), successor too."""
        if locale == self.locale:
            return self
        return replace(self, locale=locale, successor=self.successor.in_locale(locale) if self.successor else None)

    @property
    def berakhir(self) -> bool:
        """Its validity ended before the data date."""
        return bool(self.valid_until and self.as_of and self.valid_until < self.as_of)

    @property
    def belum_berlaku(self) -> bool:
        """Its validity starts after the data date."""
        return bool(self.valid_from and self.as_of and self.valid_from > self.as_of)

    @property
    def berlaku(self) -> bool:
        """It holds on the data date: started (or no start given) and not ended."""
        return not self.belum_berlaku and not self.berakhir

    @property
    def pengganti(self) -> Fact | None:
        return self.successor

    def formatted(self) -> str:
        """The value in its page's notation for Markdown, without the uncertainty mark."""
        text = self.plain()
        return formatting.markdown_text(text) if isinstance(self.value, (str, tuple)) else text

    def plain(self) -> str:
        """The value in its page's notation as plain text, without the uncertainty mark."""
        value, locale = self.worded(), self.locale
        if isinstance(value, tuple):
            return "; ".join(value)
        if self.unit in ("rupiah", "rupiah_per_bulan"):
            return formatting.rupiah(value, locale)
        if self.unit == "persen":
            return f"{formatting.number(value, locale)}%"
        if self.unit == "tanggal":
            return formatting.date(value, locale)
        if isinstance(value, int):
            return formatting.number(value, locale)
        return str(value)

    def worded(self) -> int | str | dt.date | tuple[str, ...]:
        """The value; a text or list in its page's language (English: its ``inggris``)."""
        if self.locale == LOCALE or self.unit not in WORDED:
            return self.value
        if not self.english:
            raise MissingFact(f"fakta '{self.key}' dipakai di halaman berbahasa Inggris tetapi belum punya inggris:")
        return self.english

    def _marked(self, text: str) -> str:
        """The text with the uncertainty mark, and, once ended, when it ended and what holds now.

        What holds now is written only when it is the same kind of value: a sector's name is not followed by
        "kini: Rp16.800" because the fee is what replaces the discount for that sector.
        """
        marks = FACT_MARKS[self.locale]
        if not self.certain:
            text += marks.uncertain
        if self.berakhir:
            until = formatting.date(self.valid_until, self.locale)
            now = self.successor if self.successor and self.successor.unit == self.unit else None
            text += marks.ended_now.format(until, now) if now else marks.ended.format(until)
        elif self.belum_berlaku:
            text += marks.starts.format(self.berlaku_mulai)
        return text

    def __str__(self) -> str:
        return self._marked(self.formatted())

    @property
    def nilai(self) -> int | str | dt.date | tuple[str, ...]:
        """The raw value, for arithmetic in templates."""
        return self.value

    @property
    def teks(self) -> str:
        """The value as plain text with its marks, for HTML templates (which escape it themselves)."""
        return self._marked(self.plain())

    @property
    def singkat(self) -> str:
        """Short money form: ``Rp42 juta`` (English: ``IDR 42 million``)."""
        return self._marked(formatting.rupiah_short(self.value, self.locale))  # type: ignore[arg-type]

    @property
    def butir(self) -> list[str]:
        """The items of a list fact (``satuan: daftar``), each safe for Markdown; the marks go on the last."""
        value = self.worded()
        items = [formatting.markdown_text(item) for item in value] if isinstance(value, tuple) else []
        return [*items[:-1], self._marked(items[-1])] if items else []

    @property
    def berlaku_mulai(self) -> str:
        return formatting.date(self.valid_from, self.locale) if self.valid_from else ""

    @property
    def berlaku_sampai(self) -> str:
        return formatting.date(self.valid_until, self.locale) if self.valid_until else ""


@dataclass(frozen=True)
class LegalBasis:
    """One regulation in the legal basis of the programme."""

    nama: str
    tentang: str
    date: dt.date | None
    sources: tuple[str, ...]
    english: str = ""
    """What it is about, on English pages (``inggris``)."""

    def in_locale(self, locale: str) -> LegalBasisShown:
        """The regulation as a page in ``locale`` writes it (``dasar_hukum`` in page templates), safe for Markdown."""
        about = self.tentang if locale == LOCALE else self.english
        if not about and self.tentang:
            raise MissingFact(
                f"dasar hukum '{self.nama}' dipakai di halaman berbahasa Inggris tetapi belum punya inggris:"
            )
        when = formatting.date(self.date, locale) if self.date else ""
        return LegalBasisShown(formatting.markdown_text(self.nama), formatting.markdown_text(about), when)


@dataclass(frozen=True)
class LegalBasisShown:
    """A regulation's name, what it is about and its date, in a page's language."""

    nama: str
    tentang: str
    tanggal: str


@dataclass(frozen=True)
class PublishedFigure:
    """A figure once announced for a region, shown on that region's page."""

    region: str
    """Kemendagri code with dots, e.g. ``63.10``."""
    label: str
    fact: Fact


@dataclass
class Facts:
    """Everything in the facts file."""

    facts: dict[str, Fact]
    sources: dict[str, Source]
    legal_basis: list[LegalBasis]
    published: list[PublishedFigure] = field(default_factory=list)


class FactsView:
    """Attribute access to facts for templates (``fakta.jkm.total``) that records what was used."""

    def __init__(self, facts: dict[str, Fact], used: set[str], prefix: str = "", locale: str = LOCALE):
        self._facts = facts
        self._used = used
        self._prefix = prefix
        self._locale = locale

    def __getattr__(self, name: str) -> Fact | FactsView:
        key = self._prefix + name
        if key in self._facts:
            fact = self._facts[key]
            self._used.add(key)
            if fact.successor:
                self._used.add(fact.successor.key)  # shown beside it once it ends: its sources are listed too
            return fact.in_locale(self._locale)
        if any(k.startswith(key + ".") for k in self._facts):
            return FactsView(self._facts, self._used, key + ".", self._locale)
        raise AttributeError(key)

    def __getitem__(self, name: str) -> Fact | FactsView:
        """Jinja falls back to item access after attribute access fails: name the missing fact."""
        raise MissingFact(f"fakta '{self._prefix}{name}' tidak ada di data/fakta.yaml")


class MissingFact(Exception):
    """A page asked for a fact that the facts file does not have."""


def sources_of(facts: Facts, used: set[str], legal: bool = False) -> list[Source]:
    """The sources behind the used facts (and the legal basis, if ``legal``), each once, in title order."""
    keys = {source for key in used for source in facts.facts[key].sources}
    if legal:
        keys.update(source for item in facts.legal_basis for source in item.sources)
    return sorted((facts.sources[key] for key in keys), key=lambda source: (source.title.casefold(), source.key))
