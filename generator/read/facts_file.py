"""Reading ``data/fakta.yaml``: every fact, source and legal basis checked for shape; problems collected, none raised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from generator import formatting
from generator.facts import Fact, Facts, LegalBasis, PublishedFigure, Source
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
