"""Reading data files into rows that remember where they came from.

Staff save spreadsheets in whatever form Excel gives them, so a table may be:
CSV in UTF-8 (with or without a byte-order mark) or Windows-1252, delimited by
commas, semicolons (Excel in an Indonesian locale) or tabs; or an XLSX workbook
(first sheet). Anything else is a clear problem, never a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl  # with defusedxml installed, openpyxl parses XML safely (no entity bombs)

from generator.problems import Problem

TABLE_SUFFIXES = (".csv", ".xlsx")
MAX_XLSX_UNPACKED = 512 * 1024 * 1024
"""An XLSX file that would unpack to more than this is refused (zip bomb guard)."""
ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it (header = 1) and its cells by column."""

    number: int
    cells: dict[str, str]
    numeric: frozenset[str] = field(default=frozenset())
    """Columns whose XLSX cell held a number rather than text (Excel may have rounded it)."""


@dataclass(frozen=True)
class Table:
    """A data file's header and rows."""

    path: str
    """The file as shown in messages."""
    header: tuple[str, ...]
    rows: Iterable[Row]
    """Read lazily and only once, so that a large file is never held in memory as rows; problems found on
    the way are added to the list :func:`read_table` returned."""


def column_key(name: str) -> str:
    """Header names are matched loosely: ``Kode Desa`` and ``kode-desa`` both mean ``kode_desa``."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def table_files(folder: Path, stem: str) -> list[Path]:
    """Where table ``stem`` lives in ``folder``: ``stem.csv``, ``stem.xlsx`` or a folder ``stem/`` of such files.

    More than one of these is ambiguous; the caller reports it.
    """
    found = [folder / f"{stem}{suffix}" for suffix in TABLE_SUFFIXES if (folder / f"{stem}{suffix}").exists()]
    return [*found, folder / stem] if (folder / stem).is_dir() else found


def folder_files(folder: Path) -> list[Path]:
    """The files of a table split into a folder (one per kabupaten, say), in name order; hidden files and
    Excel's lock files (``~$...``) are left out."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def find_table(folder: Path, stem: str) -> Path:
    """The file or folder holding table ``stem`` in ``folder`` (``stem.csv`` when there is none, or two)."""
    found = table_files(folder, stem)
    return found[0] if len(found) == 1 else folder / f"{stem}.csv"


def read_table(path: Path, shown_as: str) -> tuple[Table, list[Problem]]:
    """Read a CSV or XLSX table; problems name the file and say what was expected."""

    def fail(code: str, message: str, row: int = 0) -> tuple[Table, list[Problem]]:
        return Table(shown_as, (), []), [Problem(shown_as, row, "", code, message)]

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("missing-file", f"berkas tidak ada (diharapkan {path.stem}.csv atau {path.stem}.xlsx)")
    if not raw.strip():
        return fail("empty-file", "berkas kosong; baris pertama harus berisi nama kolom", 1)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, raw, shown_as)
    if raw.startswith(b"PK\x03\x04"):
        return fail(
            "not-a-spreadsheet", "berkas ini XLSX atau ZIP, bukan CSV; beri akhiran .xlsx atau simpan sebagai CSV"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("bad-encoding", "berkas berkode UTF-16; simpan ulang sebagai CSV UTF-8 atau CSV biasa")
    if b"\x00" in raw:
        return fail("not-a-spreadsheet", "berkas ini bukan teks (berisi bita nol); simpan sebagai CSV atau XLSX")
    encoding = _encoding(raw)
    if encoding is None:
        return fail(
            "bad-encoding", "teks tidak terbaca sebagai UTF-8 maupun Windows-1252; simpan ulang sebagai CSV UTF-8"
        )
    text = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, newline="")
    first_line = text.readline()
    if not first_line.strip() and not text.read(1 << 16).strip():
        return fail("empty-file", "berkas kosong; baris pertama harus berisi nama kolom", 1)
    text.seek(0)
    return _read_csv(text, _delimiter(first_line), shown_as)


def _encoding(raw: bytes) -> str | None:
    """The first of :data:`ENCODINGS` the bytes decode in (the text itself is decoded while it is read)."""
    for encoding in ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _delimiter(header_line: str) -> str:
    """The delimiter the header line uses most: comma, semicolon or tab."""
    return max(",;\t", key=header_line.count)


def _read_csv(text: io.TextIOWrapper, delimiter: str, shown_as: str) -> tuple[Table, list[Problem]]:
    reader = csv.reader(text, delimiter=delimiter)
    header = tuple(column_key(name) for name in next(reader))
    problems: list[Problem] = []
    lines = ((number, cells, frozenset[str]()) for number, cells in enumerate(reader, start=2))
    return Table(shown_as, header, _rows(shown_as, header, lines, problems)), problems


def _rows(
    shown_as: str,
    header: tuple[str, ...],
    lines: Iterable[tuple[int, list[str], frozenset[str]]],
    problems: list[Problem],
) -> Iterator[Row]:
    """Rows from raw cells; blank rows are skipped, rows with extra filled cells are problems."""
    for number, cells, numeric in lines:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if len(cells) > len(header) and any(cells[len(header) :]):
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "",
                    "wrong-cell-count",
                    f"{len(cells)} sel terisi, padahal judul kolom hanya ada {len(header)}",
                )
            )
        yield Row(number, dict(zip(header, cells, strict=False)), numeric)


def _read_xlsx(path: Path, raw: bytes, shown_as: str) -> tuple[Table, list[Problem]]:
    problem = _xlsx_problem(raw)
    if problem:
        return Table(shown_as, (), []), [Problem(shown_as, 0, "", "not-a-spreadsheet", problem)]
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet_rows = workbook.worksheets[0].iter_rows(values_only=True)
    header_cells = next(sheet_rows, None)
    if not header_cells or not any(c is not None for c in header_cells):
        workbook.close()
        return Table(shown_as, (), []), [
            Problem(shown_as, 1, "", "empty-file", "lembar pertama kosong; baris 1 harus berisi nama kolom")
        ]
    header = tuple(column_key(_xlsx_text(c)) for c in header_cells)
    while header and not header[-1]:
        header = header[:-1]

    def lines() -> Iterator[tuple[int, list[str], frozenset[str]]]:
        try:
            for number, cells in enumerate(sheet_rows, start=2):
                yield number, [_xlsx_text(c) for c in cells], _numeric_columns(header, cells)
        finally:
            workbook.close()

    problems: list[Problem] = []
    return Table(shown_as, header, _rows(shown_as, header, lines(), problems)), problems


def _xlsx_problem(raw: bytes) -> str | None:
    """Why bytes cannot be an XLSX workbook we are willing to open, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return "berkas berakhiran .xlsx tetapi isinya bukan buku kerja Excel; simpan ulang dari Excel sebagai .xlsx"
    if "xl/workbook.xml" not in names:
        return "arsip ZIP ini bukan buku kerja Excel (.xlsx); simpan ulang dari Excel sebagai .xlsx"
    if unpacked > MAX_XLSX_UNPACKED:
        return f"isi buku kerja terlalu besar setelah dibuka ({unpacked // 2**20} MB); pecah menjadi beberapa berkas"
    return None


def _xlsx_text(value: object) -> str:
    """A cell as the text a CSV export would hold: dates in ISO form, decimals with a comma."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)


def _numeric_columns(header: tuple[str, ...], cells: tuple[object, ...]) -> frozenset[str]:
    return frozenset(
        name
        for name, value in zip(header, cells, strict=False)
        if isinstance(value, int | float) and not isinstance(value, bool)
    )
