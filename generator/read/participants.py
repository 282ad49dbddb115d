"""Importing a participant list: names and NIK numbers in, counts per village out.

A participant-level export (CSV or XLSX, one row per person) becomes rows of the
participation file: per village, enrolled active workers by occupation and gender
on one date. The NIK is used only in memory, to count each person once per village
and to check that it has 16 digits. No NIK, hash of a NIK, name or birth date is
written anywhere or printed: problems name rows by number only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import COUNT_COLUMNS, Level, Region
from generator.problems import DataError, GeneratorError, display_path
from generator.read.cells import CellError, date, village_code
from generator.read.export_columns import REQUIRED, find_columns, is_header
from generator.read.files import Row, find_table, read_table
from generator.read.tables import PARTICIPATION_COLUMNS, REGION_COLUMNS, parse_rows

PERSONAL = ("nik", "nama", "tanggal_lahir")
"""Columns that are read for counting (NIK) or not at all (name, birth date), and never shown."""

GENDERS = {"l": "l", "lk": "l", "laki_laki": "l", "pria": "l", "p": "p", "pr": "p", "perempuan": "p", "wanita": "p"}
ACTIVE = {"aktif"}
INACTIVE = {"nonaktif", "non_aktif", "tidak_aktif", "keluar", "meninggal", "berhenti"}
OCCUPATION_WORDS = {
    "petani": "petani",
    "pekebun": "petani",
    "peternak": "petani",
    "nelayan": "nelayan",
    "perangkat": "perangkat_desa",
    "aparat": "perangkat_desa",
    "kepala_desa": "perangkat_desa",
    "rt": "rt_rw",
    "rw": "rt_rw",
    "buruh": "buruh_harian",
    "pedagang": "pedagang",
    "ojek": "ojek",
    "marbot": "pekerja_keagamaan",
    "imam": "pekerja_keagamaan",
    "guru_ngaji": "pekerja_keagamaan",
    "pendeta": "pekerja_keagamaan",
    "keagamaan": "pekerja_keagamaan",
}
"""Words in an export's occupation text and the occupation they count under; anything else is ``lainnya``."""

REASONS = {
    "nik-as-number": "NIK tersimpan sebagai angka oleh Excel, sehingga angka terakhirnya hilang; "
    "format kolom NIK sebagai Teks lalu ekspor ulang",
    "bad-nik": "NIK bukan 16 angka",
    "duplicate-nik": "NIK yang sama sudah dihitung di desa ini",
    "unknown-village": "kode desa tidak ada di wilayah",
    "bad-village-code": "kode desa tidak terbaca (harus seperti 63.10.01.2005)",
    "bad-gender": "jenis kelamin bukan L atau P",
    "bad-date": "tanggal terdaftar tidak terbaca",
    "after-data-date": "terdaftar sesudah tanggal data",
    "bad-status": "status bukan aktif atau nonaktif",
    "empty-cell": "sel wajib kosong",
}
"""Why a row is not counted, as shown to staff."""
SHOWN_ROWS = 10


@dataclass
class ImportReport:
    """What an import read, counted and left out; rows are named by number only."""

    data_date: dt.date
    rows_read: int = 0
    counted: int = 0
    inactive: int = 0
    as_other: int = 0
    """Counted under ``lainnya`` because the occupation text was not recognised."""
    rejected: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    """Per village code, counts per column of the participation file."""

    def reject(self, reason: str, row: int) -> None:
        self.rejected.setdefault(reason, []).append(row)

    def lines(self) -> list[str]:
        """The report printed to staff."""
        rejected = sum(len(rows) for rows in self.rejected.values())
        lines = [
            f"Baris dibaca: {self.rows_read}",
            f"Dihitung: {self.counted} peserta aktif di {len(self.counts)} desa, data per {self.data_date.isoformat()}",
            f"Tidak dihitung karena tidak aktif: {self.inactive}",
            f"Ditolak: {rejected}",
        ]
        for reason, rows in sorted(self.rejected.items()):
            shown = ", ".join(str(n) for n in rows[:SHOWN_ROWS])
            more = f" dan {len(rows) - SHOWN_ROWS} lainnya" if len(rows) > SHOWN_ROWS else ""
            lines.append(f"  {len(rows)} × {REASONS[reason]} (baris {shown}{more}) [{reason}]")
        if self.as_other:
            lines.append(f"Pekerjaan tidak dikenali, dihitung sebagai 'lainnya': {self.as_other}")
        return lines


def import_participants(
    source: Path, data_dir: Path, data_date: dt.date | None = None, by_hand: Mapping[str, str] | None = None
) -> ImportReport:
    """Count ``source`` into the participation file of ``data_dir``; rows for other dates and villages stay.

    The export's columns are found by the names other systems give them (``export_columns.py``); ``by_hand``
    names any other (``{"status": "Status Peserta BPJS"}``). A list inside the project is refused: it holds names
    and NIKs, and anything there may be published or committed.
    """
    shown = display_path(source)
    _refuse_inside_project(source, data_dir)
    table, problems = read_table(source, shown, is_header)
    columns, missing = find_columns(shown, table.header, table.names, by_hand or {}, table.header_row)
    problems += missing if table.header else []
    if problems:
        raise DataError(problems)
    rows = [Row(row.number, _renamed(row.cells, columns), _renamed_set(row.numeric, columns)) for row in table.rows]
    if problems:  # found while the rows were read (an unclosed quote, a damaged workbook)
        raise DataError(problems)
    villages = _villages(data_dir)
    if data_date is None:
        data_date = _latest_registration(rows) or dt.date.today()
    report = ImportReport(data_date, rows_read=len(rows))
    seen: dict[str, set[str]] = {}
    for row in rows:
        _count_row(row, villages, data_date, seen, report)
    _write_participation(data_dir, report.counts, data_date)
    return report


def _renamed(cells: dict[str, str], columns: Mapping[str, str]) -> dict[str, str]:
    """A row's cells under the names the import reads."""
    return {column: cells.get(key, "") for column, key in columns.items()}


def _renamed_set(numeric: frozenset[str], columns: Mapping[str, str]) -> frozenset[str]:
    return frozenset(column for column, key in columns.items() if key in numeric)


PROJECT_MARKERS = ("mkdocs.yml", ".git")
"""A folder holding one of these is a project whose files may be published or committed."""


def _refuse_inside_project(source: Path, data_dir: Path) -> None:
    """Refuse a participant list inside the project (its data folder, docs, site, or any folder of it)."""
    place = source.resolve().parent
    project = data_dir.resolve().parent
    for folder in (place, *place.parents):
        if folder == project or any((folder / marker).exists() for marker in PROJECT_MARKERS):
            raise GeneratorError(
                f"{display_path(source)}: daftar peserta berisi nama dan NIK, jadi tidak boleh disimpan di dalam "
                f"folder proyek ({folder}): isinya bisa ikut terbit atau ter-commit. Pindahkan ke folder di luar "
                "proyek (mis. Unduhan) lalu impor dari sana"
            )


def _villages(data_dir: Path) -> set[str]:
    path = find_table(data_dir, "wilayah")
    table, problems = read_table(path, display_path(path))
    rows, more = parse_rows(table, REGION_COLUMNS)
    villages = {v["kode"] for _, v in rows if Region(v["kode"], "").level == Level.DESA}
    if problems or more:
        raise DataError(problems + more)
    return villages


def _latest_registration(rows: list[Row]) -> dt.date | None:
    dates = []
    for row in rows:
        try:
            dates.append(date(row.cells.get("tanggal_terdaftar", "")))
        except CellError:
            continue
    return max(dates, default=None)


def _count_row(
    row: Row, villages: set[str], data_date: dt.date, seen: dict[str, set[str]], report: ImportReport
) -> None:
    """Count one person, or record why not (by row number only)."""
    cells = row.cells
    reason = _row_problem(row, villages, data_date)
    if reason:
        report.reject(reason, row.number)
        return
    village = report.counts.setdefault(cells["kode_desa"], Counter())
    if _key(cells["status"]) in INACTIVE:
        report.inactive += 1
        return
    people = seen.setdefault(cells["kode_desa"], set())
    if cells["nik"] in people:
        report.reject("duplicate-nik", row.number)
        return
    people.add(cells["nik"])
    occupation = _occupation(cells["pekerjaan"])
    if occupation == "lainnya" and _key(cells["pekerjaan"]) != "lainnya":
        report.as_other += 1
    village[f"{occupation}_{GENDERS[_key(cells['jenis_kelamin'])]}"] += 1
    report.counted += 1


def _row_problem(row: Row, villages: set[str], data_date: dt.date) -> str | None:
    """The reason a row cannot be counted, or None."""
    cells = row.cells
    if any(not cells.get(name) for name in REQUIRED):
        return "empty-cell"
    if reason := _nik_problem(cells["nik"], "nik" in row.numeric) or _village_problem(cells["kode_desa"], villages):
        return reason
    if _key(cells["jenis_kelamin"]) not in GENDERS:
        return "bad-gender"
    try:
        registered = date(cells["tanggal_terdaftar"])
    except CellError:
        return "bad-date"
    if registered > data_date:
        return "after-data-date"
    if _key(cells["status"]) not in ACTIVE | INACTIVE:
        return "bad-status"
    return None


def _key(text: str) -> str:
    return re.sub(r"[\s\-/]+", "_", text.strip().lower())


def _nik_problem(nik: str, stored_as_number: bool) -> str | None:
    if stored_as_number or re.fullmatch(r"\d[.,]\d+[eE]\+?\d+", nik):
        return "nik-as-number"
    return None if re.fullmatch(r"\d{16}", nik) else "bad-nik"


def _village_problem(code: str, villages: set[str]) -> str | None:
    try:
        village_code(code)
    except CellError:
        return "bad-village-code"
    return None if code in villages else "unknown-village"


def _occupation(text: str) -> str:
    key = _key(text)
    for word, occupation in OCCUPATION_WORDS.items():
        if re.search(rf"(^|_){word}(_|$)", key):
            return occupation
    return "lainnya"


def _write_participation(data_dir: Path, counts: dict[str, Counter[str]], data_date: dt.date) -> None:
    """Replace this date's rows of the imported villages in ``kepesertaan.csv``, or, when the table is a
    folder, in ``kepesertaan/<kode kabupaten>.csv`` of each village's kabupaten."""
    if (data_dir / "kepesertaan.xlsx").exists():
        raise GeneratorError(f"{data_dir / 'kepesertaan.xlsx'} ada; impor menulis kepesertaan.csv, jadi pindahkan dulu")
    if not (data_dir / "kepesertaan").is_dir():
        _write_file(data_dir / "kepesertaan.csv", counts, data_date)
        return
    for regency in sorted({code[:5] for code in counts}):
        part = {code: c for code, c in counts.items() if code.startswith(regency)}
        _write_file(data_dir / "kepesertaan" / f"{regency}.csv", part, data_date)


def _write_file(target: Path, counts: dict[str, Counter[str]], data_date: dt.date) -> None:
    """Replace this date's rows of the villages in ``counts`` in ``target``; write via a temporary file."""
    header = [column.name for column in PARTICIPATION_COLUMNS]
    kept = _kept_rows(target, header, set(counts), data_date)
    new = [[code, data_date.isoformat(), *(str(counts[code][c]) for c in COUNT_COLUMNS)] for code in counts]
    rows = sorted(kept + new, key=lambda r: (r[0], date(r[1])))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    temporary = target.with_name(f".{target.name}.baru")
    temporary.write_text(out.getvalue(), encoding="utf-8")
    os.replace(temporary, target)


def _kept_rows(target: Path, header: list[str], villages: set[str], data_date: dt.date) -> list[list[str]]:
    if not target.exists():
        return []
    table, problems = read_table(target, display_path(target))
    rows, more = parse_rows(table, PARTICIPATION_COLUMNS)
    kept = [
        [row.cells[name] for name in header]
        for row, values in rows
        if not (values["kode_desa"] in villages and values["tanggal_data"] == data_date)
    ]
    if problems or more:
        raise DataError(problems + more)
    return kept
