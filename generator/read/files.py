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
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

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
    names: tuple[str, ...] = ()
    """The header cells as written (for messages)."""
    header_row: int = 1
    """The row the header is in: an export may have titles or blank rows above it."""


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


HeaderTest = Callable[[list[str]], bool]
"""Whether a row is the header, for tables whose header may sit below titles (participant exports)."""
HEADER_SEARCH_ROWS = 20
"""How many rows at the top a :data:`HeaderTest` looks through; without a match the first row is the header."""


def read_table(path: Path, shown_as: str, is_header: HeaderTest | None = None) -> tuple[Table, list[Problem]]:
    """Read a CSV or XLSX table; problems name the file and say what was expected. The header is the first row,
    or with ``is_header`` the first of the top rows that passes it."""

    def fail(code: str, message: str, row: int = 0) -> tuple[Table, list[Problem]]:
        return Table(shown_as, (), []), [Problem(shown_as, row, "", code, message)]

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return fail("missing-file", f"berkas tidak ada (diharapkan {path.stem}.csv atau {path.stem}.xlsx)")
    if not raw.strip():
        return fail("empty-file", "berkas kosong; baris pertama harus berisi nama kolom", 1)
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, raw, shown_as, is_header)
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
    top = first_line if is_header is None else "".join(text.readline() for _ in range(HEADER_SEARCH_ROWS))
    text.seek(0)
    return _read_csv(text, _delimiter(top, is_header is not None), shown_as, is_header)


def _encoding(raw: bytes) -> str | None:
    """The first of :data:`ENCODINGS` the bytes decode in (the text itself is decoded while it is read)."""
    for encoding in ENCODINGS:
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _delimiter(top: str, by_line: bool = False) -> str:
    """The delimiter the header line uses most: comma, semicolon or tab; ``by_line``, the one used most on any one
    of the top lines (a title line above the header has none)."""
    if by_line:
        return max(",;\t", key=lambda mark: max(line.count(mark) for line in top.splitlines() or [""]))
    return max(",;\t", key=top.count)


def _read_csv(
    text: io.TextIOWrapper, delimiter: str, shown_as: str, is_header: HeaderTest | None
) -> tuple[Table, list[Problem]]:
    problems: list[Problem] = []
    records = _csv_records(csv.reader(text, delimiter=delimiter), shown_as, problems)
    (number, names), rest = _header_row(records, is_header, lambda cells: cells)
    header = tuple(column_key(name) for name in names)
    lines = ((line, cells, frozenset[str]()) for line, cells in rest)
    table = Table(shown_as, header, _rows(shown_as, header, lines, problems), tuple(n.strip() for n in names), number)
    return table, problems


def _csv_records(reader: Any, shown_as: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """The records of a CSV file, each with the line it starts on. A quote that is never closed swallows the lines
    after it into one cell: such a cell, or a cell too large to read, is a problem naming its line."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(
                Problem(shown_as, start, "", "bad-quote", UNCLOSED_QUOTE.format(lines="sampai akhir berkas"))
            )
            return
        if reader.line_num > start and any("\n" in cell or "\r" in cell for cell in cells):
            lines = f"{reader.line_num - start} baris berikutnya"
            problems.append(Problem(shown_as, start, "", "bad-quote", UNCLOSED_QUOTE.format(lines=lines)))
            continue
        yield start, cells


UNCLOSED_QUOTE = (
    'ada tanda kutip (") yang tidak ditutup di baris ini, sehingga {lines} terbaca sebagai satu sel; '
    'hapus tanda kutip itu, atau tutup dengan kutip kedua (tanda kutip di dalam sel ditulis dua kali: "")'
)

Cells = TypeVar("Cells")


def _header_row(
    rows: Iterator[tuple[int, Cells]], is_header: HeaderTest | None, texts: Callable[[Cells], list[str]]
) -> tuple[tuple[int, Cells], Iterator[tuple[int, Cells]]]:
    """The header row (its number and cells) and the rows after it: the first row, unless ``is_header`` finds
    another among the top rows (those above it are left out: titles, dates, blank lines)."""
    first = next(rows, None)
    if first is None:  # nothing could be read (the problem is already noted)
        return (1, cast(Cells, [])), rows
    if is_header is None or is_header(texts(first[1])):
        return first, rows
    top = [first, *itertools.islice(rows, HEADER_SEARCH_ROWS - 1)]
    found = next((position for position, (_, cells) in enumerate(top) if is_header(texts(cells))), 0)
    return top[found], itertools.chain(top[found + 1 :], rows)


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


def _read_xlsx(path: Path, raw: bytes, shown_as: str, is_header: HeaderTest | None) -> tuple[Table, list[Problem]]:
    problem = _xlsx_problem(raw)
    if problem:
        return Table(shown_as, (), []), [Problem(shown_as, 0, "", "not-a-spreadsheet", problem)]
    try:  # a truncated or damaged workbook fails in many ways inside openpyxl, zipfile and the XML parser
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet_rows = enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
        first = next(sheet_rows, None)
    except Exception:  # any failure of a workbook's bytes is a problem of the file, not a crash
        return Table(shown_as, (), []), [Problem(shown_as, 0, "", "not-a-spreadsheet", DAMAGED_XLSX)]
    if first is None or (not any(c is not None for c in first[1]) and is_header is None):
        workbook.close()
        return Table(shown_as, (), []), [
            Problem(shown_as, 1, "", "empty-file", "lembar pertama kosong; baris 1 harus berisi nama kolom")
        ]
    texts = lambda cells: [_xlsx_text(c) for c in cells]  # noqa: E731
    (number, header_cells), rest = _header_row(itertools.chain([first], sheet_rows), is_header, texts)
    header = tuple(column_key(_xlsx_text(c)) for c in header_cells)
    while header and not header[-1]:
        header = header[:-1]
    names = tuple(_xlsx_text(c).strip() for c in header_cells)[: len(header)]

    problems: list[Problem] = []

    def lines() -> Iterator[tuple[int, list[str], frozenset[str]]]:
        line = number
        try:
            for line, cells in rest:
                yield line, texts(cells), _numeric_columns(header, cells)
        except Exception:  # as above: the rest of a damaged sheet cannot be read
            problems.append(Problem(shown_as, line + 1, "", "not-a-spreadsheet", DAMAGED_XLSX))
        finally:
            workbook.close()

    return Table(shown_as, header, _rows(shown_as, header, lines(), problems), names, number), problems


DAMAGED_XLSX = "buku kerja ini rusak atau terpotong dan tidak bisa dibaca sampai habis; simpan ulang dari Excel"


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
