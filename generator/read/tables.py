"""The tables of a data folder: their columns, and each file's rows read into checked records."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import (
    BENEFITS,
    COUNT_COLUMNS,
    DEFAULT_TARGET,
    FUNDING_SOURCES,
    Claim,
    CodeChange,
    Office,
    Region,
    Snapshot,
    VillageProgram,
    province_of,
)
from generator.problems import Problem, display_path
from generator.read.cells import (
    CellError,
    Parser,
    count,
    date,
    month,
    one_of,
    region_code,
    rupiah,
    text,
    village_code,
)
from generator.read.files import Row, Table, read_table


@dataclass(frozen=True)
class Column:
    """A column of a data file: its name, how a cell is read, and whether it may be empty."""

    name: str
    parse: Parser
    required: bool = True
    not_future: bool = False
    """For dates: a date after today is an error (a typo in the year, usually)."""


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

CODE_CHANGE_COLUMNS = (
    Column("kode_lama", village_code),
    Column("kode_baru", village_code),
    Column("tanggal_berubah", date, not_future=True),
    Column("keterangan", text, required=False),
)

TABLES = {
    "wilayah": "wilayah",
    "program": "program_desa",
    "kepesertaan": "kepesertaan",
    "klaim": "klaim",
    "kantor": "kantor",
    "kode_lama": "kode_lama",
}
"""The tables of a data folder, by name without suffix: each is a ``.csv`` or ``.xlsx`` file."""
OPTIONAL_TABLES = {"kode_lama"}
"""Tables a data folder may leave out: no village has changed its code yet."""
DOCUMENTS = {"fakta": "fakta.yaml", "dataset": "dataset.yaml"}


def parse_rows(table: Table, columns: tuple[Column, ...]) -> tuple[Iterator[tuple[Row, dict[str, Any]]], list[Problem]]:
    """Check the header, then read every cell as the rows are consumed; rows with a bad cell are left out.

    The problem list returned grows while the rows are read.
    """
    problems = _check_header(table, columns)
    if problems:
        return iter(()), problems

    def parsed() -> Iterator[tuple[Row, dict[str, Any]]]:
        today = dt.date.today()
        for row in table.rows:
            values, row_problems = _parse_row(table.path, row, columns, today)
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


def _parse_row(
    path: str, row: Row, columns: tuple[Column, ...], today: dt.date
) -> tuple[dict[str, Any], list[Problem]]:
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
        if column.not_future and values[column.name] > today:
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


def _code_change(v: dict[str, Any]) -> CodeChange:
    return CodeChange(v["kode_lama"], (v["kode_baru"],), v["tanggal_berubah"])


def _office(v: dict[str, Any]) -> Office:
    optional = (v[name] or "" for name in ("kode_wilayah", "alamat", "telepon", "catatan"))
    return Office(v["nama"], v["jenis"], *optional)


RECORDS: dict[str, tuple[tuple[Column, ...], Callable[[dict[str, Any]], Any]]] = {
    "wilayah": (REGION_COLUMNS, _region),
    "program": (PROGRAM_COLUMNS, _program),
    "kepesertaan": (PARTICIPATION_COLUMNS, _snapshot),
    "klaim": (CLAIM_COLUMNS, _claim),
    "kantor": (OFFICE_COLUMNS, _office),
    "kode_lama": (CODE_CHANGE_COLUMNS, _code_change),
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
    provinces = frozenset(province_of(r.village) for _, r in records) if kind in VILLAGE_TABLES else frozenset()
    parsed = ParsedFile(shown, digest, records, found + more, provinces)
    if digest and not parsed.problems:
        cache[path] = parsed
    return parsed


def rows_of(files: list[ParsedFile]) -> Iterator[tuple[ParsedFile, int, Any]]:
    """Every record of a table's files, with its file and row number."""
    for file in files:
        for number, record in file.records:
            yield file, number, record
