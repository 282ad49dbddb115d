"""Reading data files into rows that remember where they came from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it (header = 1) and its cells by column."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A data file's header and rows."""

    path: str
    """The file as shown in messages."""
    header: tuple[str, ...]
    rows: list[Row]


def read_csv(path: Path, shown_as: str) -> tuple[Table, list[Problem]]:
    """Read a UTF-8 CSV file (a byte-order mark is allowed); blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Table(shown_as, (), []), [Problem(shown_as, 0, "", "missing-file", "berkas tidak ada")]
    except UnicodeDecodeError as error:
        return Table(shown_as, (), []), [
            Problem(shown_as, 0, "", "bad-encoding", f"bukan teks UTF-8 ({error.reason} pada bita ke-{error.start})")
        ]
    lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        return Table(shown_as, (), []), [
            Problem(shown_as, 1, "", "empty-file", "berkas kosong; baris pertama harus berisi nama kolom")
        ]
    header = tuple(name.strip() for name in lines[0])
    rows = [
        Row(number, dict(zip(header, (cell.strip() for cell in cells), strict=False)))
        for number, cells in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    problems = [
        Problem(
            shown_as,
            row.number,
            "",
            "wrong-cell-count",
            f"{len(lines[row.number - 1])} sel, padahal judul kolom ada {len(header)}",
        )
        for row in rows
        if len(lines[row.number - 1]) != len(header)
    ]
    return Table(shown_as, header, rows), problems
