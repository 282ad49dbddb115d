"""Programme facts (``data/fakta.yaml``): amounts and rules with their sources.

Pages never write a programme number themselves; they render a :class:`Fact`,
which formats itself in Indonesian and remembers that the page used it, so the
page can list the sources of exactly the facts it shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import formatting
from generator.problems import Problem

UNITS = {
    "rupiah",
    "rupiah_per_bulan",
    "persen",
    "orang",
    "anak",
    "kasus",
    "kali",
    "tahun",
    "bulan",
    "hari_kerja",
    "tanggal",
    "teks",
    "nomor",
    "daftar",
}
FACT_KEYS = {
    "nilai",
    "satuan",
    "sumber",
    "berlaku_mulai",
    "berlaku_sampai",
    "diganti_oleh",
    "diperiksa",
    "syarat",
    "status",
    "catatan",
}
STATUSES = {"pasti", "belum_pasti"}
UNCERTAIN_MARK = " (belum dipastikan)"


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
    as_of: dt.date | None = None
    """The data date the site is built for; set by :func:`generator.read.fact_validity.facts_as_of`."""
    successor: Fact | None = None
    """The fact named by ``replaced_by``, once resolved."""

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
        """The value in Indonesian notation for Markdown, without the uncertainty mark."""
        text = self.plain()
        return formatting.markdown_text(text) if isinstance(self.value, (str, tuple)) else text

    def plain(self) -> str:
        """The value in Indonesian notation as plain text, without the uncertainty mark."""
        if isinstance(self.value, tuple):
            return "; ".join(self.value)
        if self.unit in ("rupiah", "rupiah_per_bulan"):
            return formatting.rupiah(self.value)  # type: ignore[arg-type]
        if self.unit == "persen":
            return f"{formatting.number(self.value)}%"  # type: ignore[arg-type]
        if self.unit == "tanggal":
            return formatting.date(self.value)  # type: ignore[arg-type]
        if isinstance(self.value, int):
            return formatting.number(self.value)
        return str(self.value)

    def _marked(self, text: str) -> str:
        """The text with the uncertainty mark, and, once ended, when it ended and what holds now."""
        if not self.certain:
            text += UNCERTAIN_MARK
        if self.berakhir:
            ended = f"berlaku sampai {self.berlaku_sampai}, sudah berakhir"
            text += f" ({ended}; kini: {self.successor})" if self.successor else f" ({ended})"
        elif self.belum_berlaku:
            text += f" (mulai berlaku {self.berlaku_mulai})"
        return text

    def __str__(self) -> str:
        return self._marked(self.formatted())

    @property
    def nilai(self) -> int | str | dt.date | tuple[str, ...]:
        """The raw value, for arithmetic in templates."""
        return self.value

    @property
    def singkat(self) -> str:
        """Short money form: ``Rp42 juta``."""
        return self._marked(formatting.rupiah_short(self.value))  # type: ignore[arg-type]

    @property
    def butir(self) -> list[str]:
        """The items of a list fact (``satuan: daftar``), each safe for Markdown; the marks go on the last."""
        items = [formatting.markdown_text(item) for item in self.value] if isinstance(self.value, tuple) else []
        return [*items[:-1], self._marked(items[-1])] if items else []

    @property
    def berlaku_mulai(self) -> str:
        return formatting.date(self.valid_from) if self.valid_from else ""

    @property
    def berlaku_sampai(self) -> str:
        return formatting.date(self.valid_until) if self.valid_until else ""


@dataclass(frozen=True)
class LegalBasis:
    """One regulation in the legal basis of the programme."""

    nama: str
    tentang: str
    tanggal: str
    sources: tuple[str, ...]


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

    def __init__(self, facts: dict[str, Fact], used: set[str], prefix: str = ""):
        self._facts = facts
        self._used = used
        self._prefix = prefix

    def __getattr__(self, name: str) -> Fact | FactsView:
        key = self._prefix + name
        if key in self._facts:
            fact = self._facts[key]
            self._used.add(key)
            if fact.successor:
                self._used.add(fact.successor.key)  # shown beside it once it ends: its sources are listed too
            return fact
        if any(k.startswith(key + ".") for k in self._facts):
            return FactsView(self._facts, self._used, key + ".")
        raise AttributeError(key)

    def __getitem__(self, name: str) -> Fact | FactsView:
        """Jinja falls back to item access after attribute access fails: name the missing fact."""
        raise MissingFact(f"fakta '{self._prefix}{name}' tidak ada di data/fakta.yaml")


class MissingFact(Exception):
    """A page asked for a fact that the facts file does not have."""


class _LineLoader(yaml.SafeLoader):
    """YAML loader that remembers the line of every mapping as ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_facts(path: Path, shown_as: str) -> tuple[Facts, list[Problem]]:
    """Read the facts file; every problem is returned, none raised."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    except FileNotFoundError:
        return Facts({}, {}, []), [Problem(shown_as, 0, "", "missing-file", "berkas tidak ada")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return Facts({}, {}, []), [Problem(shown_as, line, "", "bad-yaml", f"YAML tidak terbaca: {error}")]
    problems: list[Problem] = []
    sources = _read_sources(raw.get("sumber", {}), shown_as, problems)
    facts: dict[str, Fact] = {}
    _read_fact_group(raw.get("fakta", {}), "", sources, facts, shown_as, problems)
    _check_references(facts, shown_as, problems)
    legal = [_read_legal(item, sources, shown_as, problems) for item in raw.get("dasar_hukum", [])]
    published = [_read_published(item, facts, shown_as, problems) for item in raw.get("angka_terbit", [])]
    return Facts(facts, sources, legal, [p for p in published if p]), problems


def _read_sources(raw: dict[str, Any], path: str, problems: list[Problem]) -> dict[str, Source]:
    sources = {}
    for key, item in raw.items():
        if key == "__line__":
            continue
        if not isinstance(item, dict) or not item.get("judul"):
            line = item.get("__line__", 0) if isinstance(item, dict) else raw["__line__"]
            problems.append(Problem(path, line, f"sumber.{key}", "bad-source", "sumber perlu paling sedikit 'judul'"))
            continue
        url = str(item.get("url", ""))
        if url and not url.startswith(("https://", "http://")):
            problems.append(
                Problem(
                    path,
                    item["__line__"],
                    f"sumber.{key}.url",
                    "bad-url",
                    f"{url!r} bukan alamat web; tulis https://...",
                )
            )
        checked = _date_key(item, "diperiksa", f"sumber.{key}", path, problems)
        sources[key] = Source(
            key,
            str(item["judul"]),
            str(item.get("penerbit", "")),
            item.get("tanggal"),
            str(item.get("url", "")),
            checked,
        )
    return sources


def _date_key(item: dict[str, Any], name: str, key: str, path: str, problems: list[Problem]) -> dt.date | None:
    """An optional date under ``name``; anything else there is a problem."""
    value = item.get(name)
    if value is None or isinstance(value, dt.date):
        return value
    problems.append(
        Problem(path, item["__line__"], f"{key}.{name}", "bad-date", f"{value!r} bukan tanggal; tulis YYYY-MM-DD")
    )
    return None


def _read_fact_group(
    raw: dict[str, Any],
    prefix: str,
    sources: dict[str, Source],
    out: dict[str, Fact],
    path: str,
    problems: list[Problem],
) -> None:
    for name, item in raw.items():
        if name == "__line__":
            continue
        key = prefix + str(name)
        if isinstance(item, dict) and "nilai" in item:
            fact = _read_fact(key, item, sources, path, problems)
            if fact:
                out[key] = fact
        elif isinstance(item, dict):
            _read_fact_group(item, key + ".", sources, out, path, problems)
        else:
            problems.append(
                Problem(path, raw["__line__"], key, "bad-fact", "fakta harus berisi 'nilai', 'satuan' dan 'sumber'")
            )


def _read_fact(
    key: str, item: dict[str, Any], sources: dict[str, Source], path: str, problems: list[Problem]
) -> Fact | None:
    line = item["__line__"]
    found = len(problems)
    unknown = sorted(set(item) - FACT_KEYS - {"__line__"})
    if unknown:
        problems.append(
            Problem(path, line, key, "unknown-key", f"kunci tidak dikenal {unknown}; yang boleh: {sorted(FACT_KEYS)}")
        )
    unit = item.get("satuan")
    if unit not in UNITS:
        problems.append(
            Problem(
                path,
                line,
                f"{key}.satuan",
                "bad-unit",
                f"satuan {unit!r} tidak dikenal; yang boleh: {', '.join(sorted(UNITS))}",
            )
        )
    value = item["nilai"]
    if unit == "tanggal" and not isinstance(value, dt.date):
        problems.append(Problem(path, line, f"{key}.nilai", "bad-date", f"{value!r} bukan tanggal; tulis YYYY-MM-DD"))
    elif unit == "daftar" and not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
        problems.append(Problem(path, line, f"{key}.nilai", "bad-list", "satuan daftar perlu nilai berupa daftar teks"))
    elif unit not in ("tanggal", "teks", "nomor", "daftar") and not isinstance(value, int):
        problems.append(Problem(path, line, f"{key}.nilai", "bad-number", f"{value!r} bukan bilangan bulat"))
    valid_from, valid_until, checked = (_date_key(item, k, key, path, problems) for k in _FACT_DATES)
    if valid_from and valid_until and valid_from > valid_until:
        problems.append(
            Problem(path, line, f"{key}.berlaku_sampai", "bad-date", "berlaku_sampai lebih awal dari berlaku_mulai")
        )
    replaced_by = item.get("diganti_oleh") or ""
    if replaced_by and not valid_until:
        problems.append(
            Problem(path, line, f"{key}.diganti_oleh", "bad-fact", "diganti_oleh perlu tanggal berlaku_sampai")
        )
    conditions = item.get("syarat") or []
    if not isinstance(conditions, list):
        problems.append(Problem(path, line, f"{key}.syarat", "bad-fact", "syarat ditulis sebagai daftar: [fakta, ...]"))
        conditions = []
    cited = item.get("sumber") or []
    if not cited:
        problems.append(Problem(path, line, f"{key}.sumber", "missing-source", "setiap fakta perlu sumber"))
    for source in cited:
        if source not in sources:
            problems.append(
                Problem(
                    path, line, f"{key}.sumber", "unknown-source", f"sumber {source!r} tidak ada di bagian 'sumber'"
                )
            )
    status = item.get("status", "pasti")
    if status not in STATUSES:
        problems.append(
            Problem(path, line, f"{key}.status", "bad-status", f"status {status!r}; yang boleh: pasti, belum_pasti")
        )
    if len(problems) > found:
        return None
    return Fact(
        key,
        tuple(value) if isinstance(value, list) else value,
        unit,
        tuple(cited),
        valid_from,
        valid_until,
        status == "pasti",
        str(item.get("catatan", "")),
        str(replaced_by),
        checked or max((sources[s].checked for s in cited if sources[s].checked), default=None),
        tuple(str(c) for c in conditions),
        line,
    )


_FACT_DATES = ("berlaku_mulai", "berlaku_sampai", "diperiksa")


def _check_references(facts: dict[str, Fact], path: str, problems: list[Problem]) -> None:
    """Every ``diganti_oleh`` and ``syarat`` names a fact of the file."""
    for fact in facts.values():
        named = [("diganti_oleh", fact.replaced_by)] if fact.replaced_by else []
        for field_name, key in named + [("syarat", c) for c in fact.conditions]:
            if key not in facts:
                problems.append(
                    Problem(
                        path,
                        fact.line,
                        f"{fact.key}.{field_name}",
                        "unknown-fact",
                        f"fakta {key!r} tidak ada di bagian 'fakta'",
                    )
                )


def _read_legal(item: dict[str, Any], sources: dict[str, Source], path: str, problems: list[Problem]) -> LegalBasis:
    for source in item.get("sumber", []):
        if source not in sources:
            problems.append(
                Problem(
                    path,
                    item["__line__"],
                    "dasar_hukum.sumber",
                    "unknown-source",
                    f"sumber {source!r} tidak ada di bagian 'sumber'",
                )
            )
    when = item.get("tanggal")
    return LegalBasis(
        str(item.get("nama", "")),
        str(item.get("tentang", "")),
        formatting.date(when) if when else "",
        tuple(item.get("sumber", [])),
    )


def _read_published(
    item: dict[str, Any], facts: dict[str, Fact], path: str, problems: list[Problem]
) -> PublishedFigure | None:
    key = str(item.get("fakta", ""))
    if key not in facts:
        problems.append(
            Problem(
                path,
                item["__line__"],
                "angka_terbit.fakta",
                "unknown-fact",
                f"fakta {key!r} tidak ada di bagian 'fakta'",
            )
        )
        return None
    return PublishedFigure(str(item.get("kode_wilayah", "")), str(item.get("keterangan", "")), facts[key])


def sources_of(facts: Facts, used: set[str], legal: bool = False) -> list[tuple[Source, list[Fact]]]:
    """The sources behind the used facts, each with the facts it backs, in a stable order."""
    backing: dict[str, list[Fact]] = {}
    for key in sorted(used):
        for source in facts.facts[key].sources:
            backing.setdefault(source, []).append(facts.facts[key])
    if legal:
        for item in facts.legal_basis:
            for source in item.sources:
                backing.setdefault(source, [])
    return [
        (facts.sources[key], backing[key]) for key in sorted(backing, key=lambda k: facts.sources[k].title.casefold())
    ]
