"""Reading ``data/fakta.yaml``: every fact, source and legal basis checked for shape; problems collected, none raised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.facts import WORDED, Fact, Facts, LegalBasis, PublishedFigure, Source
from generator.problems import Problem
from generator.read.yaml_file import Field, Located, check_fields, read_yaml

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
STATUSES = {"pasti", "belum_pasti"}

FILE = {
    "sumber": Field(dict, required=True),
    "fakta": Field(dict, required=True),
    "dasar_hukum": Field(list, items=dict),
    "angka_terbit": Field(list, items=dict),
}
SOURCE = {
    "judul": Field(str, required=True),
    "penerbit": Field(str),
    "tanggal": Field(dt.date),
    "url": Field(str),
    "diperiksa": Field(dt.date),
}
FACT = {
    "nilai": Field((int, str, dt.date, list), required=True),
    "satuan": Field(str, required=True),
    "sumber": Field(list, required=True, items=str),
    "berlaku_mulai": Field(dt.date),
    "berlaku_sampai": Field(dt.date),
    "diganti_oleh": Field(str),
    "diperiksa": Field(dt.date),
    "syarat": Field(list, items=str),
    "status": Field(str),
    "catatan": Field(str),
    "inggris": Field((str, list)),
}
LEGAL = {
    "nama": Field(str, required=True),
    "tentang": Field(str),
    "tanggal": Field(dt.date),
    "sumber": Field(list, items=str),
    "inggris": Field(str),
}
PUBLISHED = {
    "kode_wilayah": Field(str, required=True),
    "keterangan": Field(str, required=True),
    "fakta": Field(str, required=True),
}


def load_facts(path: Path, shown_as: str) -> tuple[Facts, list[Problem]]:
    """Read the facts file; every problem is returned, none raised."""
    raw, problems = read_yaml(path, shown_as)
    if raw is None or not check_fields(raw, FILE, "", shown_as, problems):
        return Facts({}, {}, []), problems
    sources = _read_sources(raw["sumber"], shown_as, problems)  # both mappings: checked above
    read: dict[str, Fact | None] = {}
    _read_fact_group(raw["fakta"], "", sources, read, shown_as, problems)
    facts = {key: fact for key, fact in read.items() if fact}
    _check_references(facts, set(read), shown_as, problems)
    legal = [_read_legal(item, sources, shown_as, problems) for item in raw.get("dasar_hukum", [])]
    published = [_read_published(item, facts, shown_as, problems) for item in raw.get("angka_terbit", [])]
    return Facts(facts, sources, [item for item in legal if item], [p for p in published if p]), problems


def _read_sources(raw: Located, path: str, problems: list[Problem]) -> dict[str, Source]:
    sources = {}
    for key, item in raw.items():
        where = f"sumber.{key}"
        if not isinstance(item, Located):
            problems.append(Problem(path, raw.line_of(key), where, "bad-source", "sumber perlu paling sedikit 'judul'"))
            continue
        if not check_fields(item, SOURCE, where, path, problems):
            continue
        url = item.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            message = f"{url!r} bukan alamat web; tulis https://..."
            problems.append(Problem(path, item.line_of("url"), f"{where}.url", "bad-url", message))
        checked_line = item.line_of("diperiksa") if "diperiksa" in item else raw.line_of(key)
        sources[key] = Source(
            key, item["judul"], item.get("penerbit", ""), item.get("tanggal"), url, item.get("diperiksa"), checked_line
        )
    return sources


def _read_fact_group(
    raw: Located,
    prefix: str,
    sources: dict[str, Source],
    out: dict[str, Fact | None],
    path: str,
    problems: list[Problem],
) -> None:
    for name, item in raw.items():
        key = prefix + str(name)
        if isinstance(item, Located) and "nilai" in item:
            out[key] = _read_fact(key, item, raw.line_of(name), sources, path, problems)  # None: it has errors
        elif isinstance(item, Located):
            _read_fact_group(item, key + ".", sources, out, path, problems)
        else:
            message = "fakta harus berisi 'nilai', 'satuan' dan 'sumber'"
            problems.append(Problem(path, raw.line_of(name), key, "bad-fact", message))


def _read_fact(
    key: str, item: Located, line: int, sources: dict[str, Source], path: str, problems: list[Problem]
) -> Fact | None:
    """One fact; ``line`` is the line of its own key."""
    found = len(problems)
    if not check_fields(item, FACT, key, path, problems):
        return None
    problems += _value_problems(key, item, path) or _english_problems(key, item, path)  # wording needs a good value
    problems += _source_problems(key, item, sources, path)
    valid_from, valid_until = item.get("berlaku_mulai"), item.get("berlaku_sampai")
    if valid_from and valid_until and valid_from > valid_until:
        message = "berlaku_sampai lebih awal dari berlaku_mulai"
        problems.append(Problem(path, item.line_of("berlaku_sampai"), f"{key}.berlaku_sampai", "bad-date", message))
    replaced_by = item.get("diganti_oleh", "")
    if replaced_by and not valid_until:
        message = "diganti_oleh perlu tanggal berlaku_sampai"
        problems.append(Problem(path, item.line_of("diganti_oleh"), f"{key}.diganti_oleh", "bad-fact", message))
    status = item.get("status", "pasti")
    if status not in STATUSES:
        message = f"status {status!r}; yang boleh: pasti, belum_pasti"
        problems.append(Problem(path, item.line_of("status"), f"{key}.status", "bad-status", message))
    if len(problems) > found:
        return None
    cited = tuple(item["sumber"])
    value = item["nilai"]
    return Fact(
        key,
        tuple(value) if isinstance(value, list) else value,
        item["satuan"],
        cited,
        valid_from,
        valid_until,
        status == "pasti",
        item.get("catatan", ""),
        replaced_by,
        item.get("diperiksa") or max((c for s in cited if (c := sources[s].checked)), default=None),
        tuple(item.get("syarat", ())),
        line,
        field_lines={str(name): item.line_of(name) for name in item},
        english=tuple(english) if isinstance(english := item.get("inggris", ""), list) else english,
    )


def _value_problems(key: str, item: Located, path: str) -> list[Problem]:
    """Whether the value fits its unit: a date for ``tanggal``, a list of texts for ``daftar``, a number otherwise."""
    unit, value = item["satuan"], item["nilai"]
    line, unit_line = item.line_of("nilai"), item.line_of("satuan")
    if unit not in UNITS:
        message = f"satuan {unit!r} tidak dikenal; yang boleh: {', '.join(sorted(UNITS))}"
        return [Problem(path, unit_line, f"{key}.satuan", "bad-unit", message)]
    if unit == "tanggal" and not isinstance(value, dt.date):
        return [Problem(path, line, f"{key}.nilai", "bad-date", f"{value!r} bukan tanggal; tulis YYYY-MM-DD")]
    if unit == "daftar" and not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
        return [Problem(path, line, f"{key}.nilai", "bad-list", "satuan daftar perlu nilai berupa daftar teks")]
    if unit != "daftar" and isinstance(value, list):
        return [Problem(path, line, f"{key}.nilai", "bad-list", "hanya satuan daftar yang boleh bernilai daftar")]
    if unit not in ("tanggal", "teks", "nomor", "daftar") and not isinstance(value, int):
        return [Problem(path, line, f"{key}.nilai", "bad-number", f"{value!r} bukan bilangan bulat")]
    return []


def _english_problems(key: str, item: Located, path: str) -> list[Problem]:
    """Whether ``inggris`` is the English wording of a text (a text) or of a list (a list as long)."""
    if "inggris" not in item:
        return []
    unit, value, english = item["satuan"], item["nilai"], item["inggris"]
    where, line = f"{key}.inggris", item.line_of("inggris")
    if unit not in WORDED:
        return [Problem(path, line, where, "bad-value", "inggris hanya untuk satuan teks atau daftar")]
    if unit == "teks" and not isinstance(english, str):
        return [Problem(path, line, where, "bad-value", "inggris dari satuan teks harus berupa satu teks")]
    texts = isinstance(english, list) and all(isinstance(text, str) for text in english)
    if unit == "daftar" and not (texts and len(english) == len(value)):
        message = f"inggris harus berupa daftar {len(value)} teks, sebanyak butir nilai, dalam urutan yang sama"
        return [Problem(path, line, where, "bad-value", message)]
    return []


def _source_problems(key: str, item: Located, sources: dict[str, Source], path: str) -> list[Problem]:
    line = item.line_of("sumber")
    if not item["sumber"]:
        return [Problem(path, line, f"{key}.sumber", "missing-source", "setiap fakta perlu sumber")]
    return [
        Problem(path, line, f"{key}.sumber", "unknown-source", f"sumber {source!r} tidak ada di bagian 'sumber'")
        for source in item["sumber"]
        if source not in sources
    ]


def _check_references(facts: dict[str, Fact], written: set[str], path: str, problems: list[Problem]) -> None:
    """Every ``diganti_oleh`` and ``syarat`` names a fact of the file read without errors (``written`` holds those
    with errors too), and no fact is its own successor."""
    looped: set[str] = set()
    for fact in facts.values():
        named = [("diganti_oleh", fact.replaced_by)] if fact.replaced_by else []
        for field_name, key in named + [("syarat", c) for c in fact.conditions]:
            if key not in facts:
                why = "punya galat; perbaiki dulu fakta itu" if key in written else "tidak ada di bagian 'fakta'"
                line = fact.line_of(field_name)
                problems.append(Problem(path, line, f"{fact.key}.{field_name}", "unknown-fact", f"fakta {key!r} {why}"))
        loop = _successor_loop(fact, facts)
        if loop and fact.key not in looped:  # a loop is reported once, at its first fact in the file
            looped.update(loop)
            if len(loop) == 1:
                message = "fakta tidak boleh diganti oleh dirinya sendiri; tulis fakta pengganti yang lain"
            else:
                chain = " → ".join([*loop, fact.key])
                message = f"penggantinya berputar kembali ke fakta ini ({chain}); fakta pengganti harus fakta lain"
            line = fact.line_of("diganti_oleh")
            problems.append(Problem(path, line, f"{fact.key}.diganti_oleh", "successor-loop", message))


def _successor_loop(fact: Fact, facts: dict[str, Fact]) -> list[str]:
    """The facts from ``fact`` through its successors back to ``fact``, or ``[]`` if they do not come back to it."""
    chain = [fact.key]
    key = fact.replaced_by
    while key in facts and key not in chain:
        chain.append(key)
        key = facts[key].replaced_by
    return chain if key == fact.key else []


def _read_legal(item: Located, sources: dict[str, Source], path: str, problems: list[Problem]) -> LegalBasis | None:
    if not check_fields(item, LEGAL, "dasar_hukum", path, problems):
        return None
    for source in item.get("sumber", []):
        if source not in sources:
            message = f"sumber {source!r} tidak ada di bagian 'sumber'"
            problems.append(Problem(path, item.line_of("sumber"), "dasar_hukum.sumber", "unknown-source", message))
    return LegalBasis(
        item["nama"],
        item.get("tentang", ""),
        item.get("tanggal"),
        tuple(item.get("sumber", [])),
        item.get("inggris", ""),
    )


def _read_published(
    item: Located, facts: dict[str, Fact], path: str, problems: list[Problem]
) -> PublishedFigure | None:
    if not check_fields(item, PUBLISHED, "angka_terbit", path, problems):
        return None
    key = item["fakta"]
    if key not in facts:
        message = f"fakta {key!r} tidak ada di bagian 'fakta'"
        problems.append(Problem(path, item.line_of("fakta"), "angka_terbit.fakta", "unknown-fact", message))
        return None
    return PublishedFigure(item["kode_wilayah"], item["keterangan"], facts[key])
