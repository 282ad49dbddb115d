"""Problems found in data files, reported to staff as ``FILE:ROW:COLUMN: message``."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in a data file."""

    path: str
    """The data file, as the user named it (e.g. ``data/klaim.csv``)."""
    row: int
    """Row as the spreadsheet shows it: the header is row 1; 0 when not row-specific."""
    column: str
    """Column name, or ``""`` when the problem concerns the whole row or file."""
    code: str
    """Stable kebab-case code, e.g. ``unknown-village``."""
    message: str
    """What was found and what was expected, in plain words."""
    warning: bool = False
    """True for a warning, which only fails the build with ``--strict``."""

    def __str__(self) -> str:
        place = self.path
        if self.row:
            place += f":{self.row}:{self.column}" if self.column else f":{self.row}"
        kind = "peringatan" if self.warning else "galat"
        return f"{place}: {kind}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple[bool, str, int, str, str]:
        """Errors before warnings, then by file, row and column."""
        return (self.warning, self.path, self.row, self.column, self.code)


class GeneratorError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""


class DataError(GeneratorError):
    """The data files hold errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = sum(not p.warning for p in problems)
        files = len({p.path for p in problems})
        super().__init__(f"{errors} galat di {files} berkas")


def display_path(path: Path) -> str:
    """A path as short as possible for messages: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


MAX_SHOWN_PROBLEMS = 50
"""Problems printed in full; beyond this only their number is given."""


def problem_lines(error: GeneratorError) -> list[str]:
    """What staff read about a failed build: every problem up to a cap, then how many more there are; the last line
    says nothing was published."""
    if not isinstance(error, DataError):
        return [f"Gagal: {error}"]
    lines = [str(problem) for problem in error.problems[:MAX_SHOWN_PROBLEMS]]
    rest = error.problems[MAX_SHOWN_PROBLEMS:]
    if rest:
        errors = sum(not p.warning for p in rest)
        lines.append(f"... dan {len(rest)} masalah lain ({errors} galat, {len(rest) - errors} peringatan)")
    lines.append(f"Gagal: {error}. Situs yang sudah terbit tidak diubah.")
    return lines


def problem_page(lines: list[str], when: str) -> str:
    """A page for staff (never published) with the problems of the last build, or the news that it was published
    when ``lines`` is empty; it reloads itself, so a tab left open follows ``pantau``."""
    if lines:
        title = "Data bermasalah: situs belum diperbarui"
        body = "<ul>" + "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines) + "</ul>"
        body += "<p>Perbaiki berkasnya lalu simpan; halaman ini memperbarui diri sendiri.</p>"
    else:
        title = "Data sudah benar: situs diterbitkan"
        body = "<p>Tidak ada masalah.</p>"
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>{title}</title></head><body><h1>{title}</h1><p>Pemeriksaan terakhir: {html.escape(when)}.</p>"
        f"{body}</body></html>\n"
    )
