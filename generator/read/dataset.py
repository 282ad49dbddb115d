"""Turning data rows into checked records; every problem is collected, none raised."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.facts import load_facts
from generator.model import (
    BENEFITS,
    COUNT_COLUMNS,
    FUNDING_SOURCES,
    Claim,
    Dataset,
    Level,
    Office,
    Region,
    Snapshot,
    VillageProgram,
)
from generator.problems import DataError, Problem, display_path
from generator.read.fact_validity import facts_as_of
from generator.read.files import TABLE_SUFFIXES, Row, Table, find_table, folder_files, read_table, table_files

MONTHS = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
]
CODE_PATTERN = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
LEVEL_NAMES = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
DEFAULT_TARGET = 100
DEFAULT_THRESHOLD = 3
"""Counts from 1 up to this minus one are hidden in published breakdowns unless dataset.yaml says otherwise."""
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(32874, 73051)
"""Excel serial day numbers read as dates: 1990-01-01 up to 2099-12-31."""

Parser = Callable[[str], Any]


class CellError(ValueError):
    """A cell that cannot be read; ``reason`` says what was expected."""

    def __init__(self, reason: str, code: str = "bad-value"):
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Column:
    """A column of a data file: its name, how a cell is read, and whether it may be empty."""

    name: str
    parse: Parser
    required: bool = True
    not_future: bool = False
    """For dates: a date after today is an error (a typo in the year, usually)."""


# -- cell parsers: each returns the value or raises CellError saying what was expected --


def text(cell: str) -> str:
    return cell


def region_code(cell: str) -> str:
    if not CODE_PATTERN.fullmatch(cell):
        raise CellError("kode wilayah Kemendagri seperti 63, 63.10, 63.10.01 atau 63.10.01.2005")
    return cell


def village_code(cell: str) -> str:
    if CODE_PATTERN.fullmatch(cell) and cell.count(".") < 3:
        level = LEVEL_NAMES[cell.count(".") + 1]
        raise CellError(f"ini kode {level}, padahal yang diharapkan kode desa seperti 63.10.01.2005", "wrong-level")
    if not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}", cell):
        raise CellError("kode desa Kemendagri seperti 63.10.01.2005")
    return cell


def number(cell: str) -> Decimal:
    """A number written the Indonesian way: thousands dots, decimal comma (``1.234``, ``12,5``, ``1.234,50``)."""
    if not cell.isascii():
        raise CellError("bilangan dengan angka 0-9 seperti 1234, 1.234 atau 12,5")
    if re.fullmatch(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", cell):
        return Decimal(cell.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?\d+\.\d+", cell):
        raise CellError("titik hanya untuk pemisah ribuan (1.234); desimal ditulis dengan koma (12,5)")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cell):
        raise CellError("bilangan cara Indonesia: titik untuk ribuan (1.234), koma untuk desimal (12,5)")
    raise CellError("bilangan seperti 1234, 1.234 atau 12,5")


def count(cell: str) -> int:
    """A whole number of 0 or more: ``1234`` or ``1.234``."""
    if cell.isdigit() and cell.isascii():  # the common case, read without the checks below
        return int(cell)
    if not re.search(r"\d", cell):
        raise CellError("bilangan bulat seperti 1234 atau 1.234")
    if re.fullmatch(r"\d{1,3}(,\d{3})+", cell):
        raise CellError("bilangan bulat; pemisah ribuan ditulis dengan titik (1.234), bukan koma")
    value = number(cell)
    if value < 0:
        raise CellError("bilangan 0 atau lebih; jumlah tidak boleh negatif", "negative-count")
    if value != value.to_integral_value():
        raise CellError("bilangan bulat (angka di belakang koma tidak boleh ada)")
    return int(value)


def rupiah(cell: str) -> int:
    """An amount in whole rupiah: ``5600000``, ``5.600.000``, ``Rp5.600.000`` or ``Rp 5.600.000,00``."""
    return count(re.sub(r"^rp\.?\s*", "", cell, flags=re.IGNORECASE))


@functools.lru_cache(maxsize=1 << 14)  # the same few dates recur on every row; one shared object each
def date(cell: str) -> dt.date:
    """``2023-03-15``, ``15/03/2023``, ``15 Maret 2023`` or an Excel serial day number such as ``45000``."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
            return dt.date.fromisoformat(cell)
        if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", cell):
            day, month_number, year = map(int, match.groups())
            return dt.date(year, month_number, day)
        if match := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", cell):
            day, name, year = match.groups()
            return dt.date(int(year), MONTHS.index(name.lower()) + 1, int(day))
        if cell.isdigit() and int(cell) in EXCEL_SERIALS:
            return EXCEL_EPOCH + dt.timedelta(days=int(cell))
    except ValueError:
        pass
    raise CellError("tanggal seperti 2023-03-15, 15/03/2023 atau 15 Maret 2023")


def month(cell: str) -> dt.date:
    """``2023-03``, ``03/2023`` or ``Maret 2023`` (or any date, as Excel turns months into dates) → its first day."""
    forms = (
        r"(?P<year>\d{4})-(?P<month>\d{1,2})",
        r"(?P<month>\d{1,2})/(?P<year>\d{4})",
        r"(?P<name>[A-Za-z]+) (?P<year>\d{4})",
    )
    for form in forms:
        if match := re.fullmatch(form, cell):
            parts = match.groupdict()
            name = (parts.get("name") or "").lower()
            number_ = MONTHS.index(name) + 1 if name in MONTHS else int(parts.get("month") or 0)
            if 1 <= number_ <= 12:
                return dt.date(int(parts["year"]), number_, 1)
    try:
        return date(cell).replace(day=1)
    except CellError:
        raise CellError("bulan seperti 2023-03, 03/2023 atau Maret 2023") from None


def one_of(allowed: dict[str, str]) -> Parser:
    def parse(cell: str) -> str:
        if cell not in allowed:
            raise CellError("salah satu dari: " + ", ".join(allowed))
        return cell

    return parse


# -- file specifications --

REGION_COLUMNS = (Column("kode", region_code), Column("nama", text))
PROGRAM_COLUMNS = (
    Column("kode_desa", village_code),
    Column("target", count, required=False),
    Column("sumber_dana", one_of(FUNDING_SOURCES)),
    Column("tanggal_bergabung", date, required=False, not_future=True),
    Column("kontak_kantor_desa", text, required=False),
)
PARTICIPATION_COLUMNS = (
    Column("kode_desa", village_code),
    Column("tanggal_data", date, not_future=True),
    *tuple(Column(name, count) for name in COUNT_COLUMNS),
)
CLAIM_COLUMNS = (
    Column("kode_desa", village_code),
    Column("manfaat", one_of(BENEFITS)),
    Column("bulan", month, not_future=True),
    Column("jumlah_kasus", count),
    Column("nilai_rp", rupiah),
)
OFFICE_COLUMNS = (
    Column("nama", text),
    Column("jenis", one_of({"kantor_cabang": "", "layanan_nasional": ""})),
    Column("kode_wilayah", region_code, required=False),
    Column("alamat", text, required=False),
    Column("telepon", text, required=False),
    Column("catatan", text, required=False),
)

TABLES = {
    "wilayah": "wilayah",
    "program": "program_desa",
    "kepesertaan": "kepesertaan",
    "klaim": "klaim",
    "kantor": "kantor",
}
"""The tables of a data folder, by name without suffix: each is a ``.csv`` or ``.xlsx`` file."""
DOCUMENTS = {"fakta": "fakta.yaml", "dataset": "dataset.yaml"}


def parse_rows(table: Table, columns: tuple[Column, ...]) -> tuple[Iterator[tuple[Row, dict[str, Any]]], list[Problem]]:
    """Check the header, then read every cell as the rows are consumed; rows with a bad cell are left out.

    The problem list returned grows while the rows are read.
    """
    problems = _check_header(table, columns)
    if problems:
        return iter(()), problems

    def parsed() -> Iterator[tuple[Row, dict[str, Any]]]:
        for row in table.rows:
            values, row_problems = _parse_row(table.path, row, columns)
            problems.extend(row_problems)
            if not row_problems:
                yield row, values

    return parsed(), problems


def _check_header(table: Table, columns: tuple[Column, ...]) -> list[Problem]:
    if not table.header:
        return []
    known = {c.name for c in columns}
    problems = [
        Problem(table.path, 1, c.name, "missing-column", "kolom wajib ini tidak ada")
        for c in columns
        if c.name not in table.header
    ]
    problems += [
        Problem(
            table.path,
            1,
            name or f"kolom ke-{i}",
            "unknown-column",
            "kolom tidak dikenal; kolom yang dikenal: " + ", ".join(c.name for c in columns),
        )
        for i, name in enumerate(table.header, start=1)
        if name not in known
    ]
    return problems


def _parse_row(path: str, row: Row, columns: tuple[Column, ...]) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems = []
    for column in columns:
        cell = row.cells.get(column.name, "")
        if not cell:
            if column.required:
                problems.append(Problem(path, row.number, column.name, "empty-cell", "sel ini wajib diisi"))
            values[column.name] = None
            continue
        try:
            values[column.name] = column.parse(cell)
        except CellError as error:
            message = f"{cell!r} tidak terbaca; yang diharapkan: {error.reason}"
            if error.code != "bad-value":
                message = f"{cell!r}: {error.reason}"
            problems.append(Problem(path, row.number, column.name, error.code, message))
            continue
        if column.not_future and values[column.name] > dt.date.today():
            problems.append(
                Problem(
                    path,
                    row.number,
                    column.name,
                    "future-date",
                    f"{cell!r} ada di masa depan; yang diharapkan tanggal hari ini atau sebelumnya (salah ketik tahun?)",
                )
            )
    return values, problems


@dataclass(frozen=True)
class ParsedFile:
    """One data file's checked records, each with the number of the row it came from."""

    shown: str
    """The file as messages name it."""
    digest: bytes | None
    """Hash of the file's bytes (``None`` if it could not be read): the same bytes always parse the same."""
    records: list[tuple[int, Any]]
    problems: list[Problem]
    provinces: frozenset[str] = frozenset()
    """Codes of the provinces its rows are about."""


ParseCache = dict[Path, ParsedFile]
"""Files parsed by an earlier load, by path; one whose bytes are unchanged is not parsed again."""


def _region(v: dict[str, Any]) -> Region:
    return Region(v["kode"], v["nama"])


def _program(v: dict[str, Any]) -> VillageProgram:
    target = DEFAULT_TARGET if v["target"] is None else v["target"]
    return VillageProgram(
        v["kode_desa"], target, v["sumber_dana"], v["tanggal_bergabung"], v["kontak_kantor_desa"] or ""
    )


def _snapshot(v: dict[str, Any]) -> Snapshot:
    # one string object per village code, not one per row
    return Snapshot(sys.intern(v["kode_desa"]), v["tanggal_data"], tuple(v[c] for c in COUNT_COLUMNS))


def _claim(v: dict[str, Any]) -> Claim:
    return Claim(v["kode_desa"], v["manfaat"], v["bulan"], v["jumlah_kasus"], v["nilai_rp"])


def _office(v: dict[str, Any]) -> Office:
    optional = (v[name] or "" for name in ("kode_wilayah", "alamat", "telepon", "catatan"))
    return Office(v["nama"], v["jenis"], *optional)


RECORDS: dict[str, tuple[tuple[Column, ...], Callable[[dict[str, Any]], Any]]] = {
    "wilayah": (REGION_COLUMNS, _region),
    "program": (PROGRAM_COLUMNS, _program),
    "kepesertaan": (PARTICIPATION_COLUMNS, _snapshot),
    "klaim": (CLAIM_COLUMNS, _claim),
    "kantor": (OFFICE_COLUMNS, _office),
}
"""The columns of each table, and the record each of its rows becomes."""
VILLAGE_TABLES = ("program", "kepesertaan", "klaim")
"""Tables whose rows are each about one village; the others concern every page."""


def parse_file(path: Path, kind: str, cache: ParseCache) -> ParsedFile:
    """Read and check every row of one file of table ``kind``; a file read before without problems is reused."""
    try:
        digest: bytes | None = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        digest = None
    cached = cache.get(path)
    if cached and digest and cached.digest == digest:
        return cached
    columns, record = RECORDS[kind]
    shown = display_path(path)
    raw, found = read_table(path, shown)
    rows, more = parse_rows(raw, columns)
    records = [(row.number, record(values)) for row, values in rows]
    provinces = frozenset(r.village[:2] for _, r in records) if kind in VILLAGE_TABLES else frozenset()
    parsed = ParsedFile(shown, digest, records, found + more, provinces)
    if digest and not parsed.problems:
        cache[path] = parsed
    return parsed


def load_dataset(data_dir: Path, cache: ParseCache | None = None) -> Dataset:
    """Read, check and cross-check every file of a data folder; raise DataError listing all problems.

    A table is one file, or a folder of files (one per kabupaten, say) read as if they were one.
    With a ``cache`` (kept between loads), only files whose bytes changed are parsed again.
    """
    cache = {} if cache is None else cache
    paths = {kind: find_table(data_dir, stem) for kind, stem in TABLES.items()}
    paths.update((kind, data_dir / name) for kind, name in DOCUMENTS.items())
    shown = {kind: display_path(path) + ("/" if path.is_dir() else "") for kind, path in paths.items()}
    problems: list[Problem] = []

    def table(kind: str) -> list[ParsedFile]:
        if len(twins := table_files(data_dir, TABLES[kind])) > 1:
            names = " dan ".join(display_path(p) for p in twins)
            problems.append(
                Problem(names, 0, "", "two-files", "hanya boleh ada satu; hapus atau pindahkan salah satunya")
            )
            return []
        files = _folder_tables(paths[kind], problems) if paths[kind].is_dir() else [paths[kind]]
        read.update(files)
        parsed = [parse_file(path, kind, cache) for path in files]
        for file in parsed:
            problems.extend(file.problems)
        return parsed

    read: set[Path] = set()
    tables = {kind: table(kind) for kind in TABLES}
    for path in cache.keys() - read:
        del cache[path]  # a file no longer in the data folder
    regions = _regions(tables["wilayah"], problems)
    villages = {code for code, region in regions.items() if region.level == Level.DESA}
    programs = _programs(tables["program"], villages, problems)
    snapshots = _snapshots(tables["kepesertaan"], villages, problems)
    claims = _claims(tables["klaim"], villages, problems)
    offices = [office for file in tables["kantor"] for _, office in file.records]
    facts, fact_problems = load_facts(paths["fakta"], shown["fakta"])
    data_date = max((rows[-1].date for rows in snapshots.values() if rows), default=None)
    facts, fact_warnings = facts_as_of(facts, data_date, shown["fakta"])
    problems += fact_problems + fact_warnings
    sample, threshold = _dataset_flags(paths["dataset"], shown["dataset"], problems)
    failed = {p.path for p in problems if not p.warning}
    # a table that failed to read makes every village look empty; its own errors say enough
    problems += [p for p in _villages_without_data(regions, programs, snapshots, shown) if not _of_failed(p, failed)]
    if failed:
        raise DataError(sorted(problems, key=Problem.sort_key))
    warnings = sorted(problems, key=Problem.sort_key)
    fingerprints = _fingerprints(tables, [paths["fakta"], paths["dataset"]])
    return Dataset(
        regions, programs, snapshots, claims, offices, facts, sample, threshold, shown, warnings, fingerprints
    )


def _fingerprints(tables: dict[str, list[ParsedFile]], documents: list[Path]) -> dict[str, bytes]:
    """A hash of the files each province's rows came from, and under ``""`` one of the files every page uses."""
    digests: dict[str, list[bytes]] = {"": [path.read_bytes() for path in documents]}
    for kind, files in tables.items():
        for file in files:
            for province in file.provinces if kind in VILLAGE_TABLES else [""]:
                digests.setdefault(province, []).append(file.digest or b"")
    return {code: hashlib.blake2b(b"\0".join(parts), digest_size=16).digest() for code, parts in digests.items()}


def _of_failed(warning: Problem, failed: set[str]) -> bool:
    """Whether a warning is about a table with errors: its file, or a file in its folder (shown ``data/klaim/``)."""
    folder = warning.path.endswith("/")
    return any(path == warning.path or (folder and path.startswith(warning.path)) for path in failed)


def _folder_tables(folder: Path, problems: list[Problem]) -> list[Path]:
    """The CSV and XLSX files of a table folder; any other file there, or none at all, is a problem."""
    files = folder_files(folder)
    for path in files:
        if path.suffix not in TABLE_SUFFIXES:
            reason = "di folder tabel hanya boleh ada berkas .csv atau .xlsx; simpan ulang sebagai salah satunya"
            problems.append(Problem(display_path(path), 0, "", "not-a-table", reason + " atau pindahkan"))
    if not files:
        problems.append(Problem(display_path(folder) + "/", 0, "", "empty-file", "folder tabel ini kosong"))
    return [path for path in files if path.suffix in TABLE_SUFFIXES]


def _rows(files: list[ParsedFile]) -> Iterator[tuple[ParsedFile, int, Any]]:
    """Every record of a table's files, with its file and row number."""
    for file in files:
        for number, record in file.records:
            yield file, number, record


def _regions(files: list[ParsedFile], problems: list[Problem]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    first: dict[str, ParsedFile] = {}
    for file, number, region in _rows(files):
        if where := _seen_before(first, region.code, file):
            problems.append(
                Problem(file.shown, number, "kode", "duplicate-row", f"kode {region.code} sudah ada {where}")
            )
        regions[region.code] = region
    for file, number, region in _rows(files):
        if region.parent_code and region.parent_code not in regions:
            problems.append(
                Problem(
                    file.shown,
                    number,
                    "kode",
                    "missing-parent",
                    f"wilayah induk {region.parent_code} dari {region.code} tidak ada di data wilayah",
                )
            )
    return regions


def _village_known(code: str, villages: set[str], file: ParsedFile, number: int, problems: list[Problem]) -> bool:
    if code in villages:
        return True
    problems.append(
        Problem(file.shown, number, "kode_desa", "unknown-village", f"kode desa {code} tidak ada di data wilayah")
    )
    return False


def _programs(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> dict[str, VillageProgram]:
    programs: dict[str, VillageProgram] = {}
    first: dict[str, ParsedFile] = {}
    for file, number, program in _rows(files):
        code = program.village
        if not _village_known(code, villages, file, number, problems):
            continue
        if where := _seen_before(first, code, file):
            problems.append(Problem(file.shown, number, "kode_desa", "duplicate-row", f"desa {code} sudah ada {where}"))
        programs[code] = program
    return programs


def _snapshots(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> dict[str, list[Snapshot]]:
    first: dict[tuple[str, dt.date], ParsedFile] = {}
    by_village: dict[str, list[Snapshot]] = {}
    for file in files:
        for number, snapshot in file.records:  # the largest table: the usual case is checked inline
            code, key = snapshot.village, (snapshot.village, snapshot.date)
            if code in villages and key not in first:
                first[key] = file
                by_village.setdefault(code, []).append(snapshot)
            elif _village_known(code, villages, file, number, problems):
                where = _seen_before(first, key, file)
                problems.append(
                    Problem(
                        file.shown,
                        number,
                        "tanggal_data",
                        "duplicate-row",
                        f"desa {code} sudah punya data per {snapshot.date.isoformat()} {where}",
                    )
                )
    for snapshots in by_village.values():
        snapshots.sort(key=lambda s: s.date)
    return by_village


def _claims(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> list[Claim]:
    claims = []
    first: dict[tuple[str, str, dt.date], ParsedFile] = {}
    for file, number, claim in _rows(files):
        if not _village_known(claim.village, villages, file, number, problems):
            continue
        if where := _seen_before(first, (claim.village, claim.benefit, claim.month), file):
            problems.append(
                Problem(
                    file.shown,
                    number,
                    "bulan",
                    "duplicate-row",
                    f"desa, manfaat dan bulan ini sudah ada {where}",
                )
            )
            continue
        claims.append(claim)
    return claims


def _seen_before(first: dict[Any, ParsedFile], key: object, file: ParsedFile) -> str | None:
    """``None`` the first time ``key`` is seen; afterwards where it was: "di baris sebelumnya" or another file."""
    earlier = first.get(key)
    if earlier is None:
        first[key] = file
        return None
    return "di baris sebelumnya" if earlier is file else f"di {earlier.shown}"


def _villages_without_data(
    regions: dict[str, Region],
    programs: dict[str, VillageProgram],
    snapshots: dict[str, list[Snapshot]],
    shown: dict[str, str],
) -> list[Problem]:
    """Warn about villages in the reference that no programme or participation row mentions."""
    return [
        Problem(
            shown["kepesertaan"],
            0,
            "kode_desa",
            "village-without-data",
            f"{region.full_name} ({code}) belum punya data kepesertaan",
            warning=True,
        )
        for code, region in sorted(regions.items())
        if region.level == Level.DESA and code not in snapshots
    ] + [
        Problem(
            shown["program"],
            0,
            "kode_desa",
            "village-without-program",
            f"{region.full_name} ({code}) belum ada di data program; dipakai target {DEFAULT_TARGET}",
            warning=True,
        )
        for code, region in sorted(regions.items())
        if region.level == Level.DESA and code not in programs
    ]


def _dataset_flags(path: Path, shown: str, problems: list[Problem]) -> tuple[bool, int]:
    """Read ``dataset.yaml``: whether the figures are sample data, and the small-count threshold."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        problems.append(Problem(shown, 0, "", "missing-file", "berkas tidak ada"))
        return True, DEFAULT_THRESHOLD
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 0, "", "bad-yaml", f"YAML tidak terbaca: {error}"))
        return True, DEFAULT_THRESHOLD
    sample = raw.get("data_contoh")
    if not isinstance(sample, bool):
        problems.append(
            Problem(
                shown, 0, "data_contoh", "bad-value", "tulis data_contoh: true (data contoh) atau false (data resmi)"
            )
        )
        sample = True
    threshold = raw.get("ambang_angka_kecil", DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        problems.append(
            Problem(
                shown,
                0,
                "ambang_angka_kecil",
                "bad-value",
                f"{threshold!r} bukan ambang yang sah; tulis bilangan bulat 1 atau lebih, mis. ambang_angka_kecil: 3",
            )
        )
        threshold = DEFAULT_THRESHOLD
    return sample, threshold
