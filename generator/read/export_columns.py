"""The columns of a participant export, found under the names other systems give them.

Exports from BPJS Ketenagakerjaan, SIAK, OpenSID or a kabupaten's own spreadsheet name the same column in many ways
("NIK", "No. NIK", "Nomor Induk Kependudukan"; "Jenis Kelamin", "JK", "L/P"). A header cell is compared without
case, spaces or punctuation against the names below; staff can name any other column by hand (``--kolom``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from generator.problems import Problem

NAMES: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no_nik", "nomor_nik", "nik_ktp", "no_ktp", "nomor_ktp", "nomor_induk_kependudukan", "nik_peserta"),
    "nama": ("nama", "nama_lengkap", "nama_peserta", "nama_tenaga_kerja", "nama_tk", "nama_pekerja"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir", "tgl_lhr", "tanggal_lhr", "tgllahir", "ttl_tanggal"),
    "jenis_kelamin": ("jenis_kelamin", "jk", "l_p", "kelamin", "gender", "jns_kelamin", "jenis_kel", "sex"),
    "pekerjaan": ("pekerjaan", "jenis_pekerjaan", "profesi", "okupasi", "pekerjaan_peserta", "jenis_usaha", "kerja"),
    "kode_desa": (
        "kode_desa",
        "kode_desa_kelurahan",
        "kode_kelurahan",
        "kode_kelurahan_desa",
        "kode_desa_kel",
        "kd_desa",
        "kode_wilayah_desa",
        "kode_wilayah",
    ),
    "tanggal_terdaftar": (
        "tanggal_terdaftar",
        "tgl_terdaftar",
        "tanggal_daftar",
        "tgl_daftar",
        "tanggal_kepesertaan",
        "tgl_kepesertaan",
        "tmt",
        "tmt_kepesertaan",
        "tanggal_mulai",
        "tgl_mulai",
        "tanggal_registrasi",
        "tgl_registrasi",
    ),
    "status": ("status", "status_kepesertaan", "status_peserta", "status_aktif", "keaktifan", "status_tk"),
}
"""Each column the import reads, and the names exports give it (compared as :func:`plain`)."""
REQUIRED = ("nik", "jenis_kelamin", "pekerjaan", "kode_desa", "tanggal_terdaftar", "status")
HEADER_SEARCH_ROWS = 20
"""How many rows at the top of an export may hold titles, dates or blank lines above the header."""


def plain(name: str) -> str:
    """A header name without case, spaces or punctuation: ``Kode Desa/Kelurahan`` → ``kode_desa_kelurahan``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


ALIASES = {alias: column for column, aliases in NAMES.items() for alias in aliases}


def is_header(cells: list[str]) -> bool:
    """Whether a row looks like an export's header: it names at least three of the required columns."""
    found = {ALIASES.get(plain(cell)) for cell in cells}
    return len(found & set(REQUIRED)) >= 3


def find_columns(
    shown: str, header: tuple[str, ...], names: tuple[str, ...], by_hand: Mapping[str, str], row: int
) -> tuple[dict[str, str], list[Problem]]:
    """Which header key holds each column the import reads: ``header`` are the table's keys, ``names`` the
    header cells as written; ``by_hand`` maps a column to a header name staff gave (``--kolom status=...``).
    A required column that cannot be found is a problem listing the file's columns and the closest name."""
    written = {plain(name): key for name, key in zip(names, header, strict=True) if name}
    found: dict[str, str] = {}
    problems = []
    for column, name in by_hand.items():
        if plain(name) in written:
            found[column] = written[plain(name)]
        else:
            problems.append(
                Problem(
                    shown,
                    row,
                    column,
                    "unknown-column",
                    f"--kolom {column}={name}: kolom {name!r} tidak ada; {_columns_of(names)}",
                )
            )
    for key, name in zip(header, names, strict=True):
        known = ALIASES.get(plain(name))
        if known and known not in found:
            found[known] = key
    for column in REQUIRED:
        if column not in found and column not in by_hand:
            problems.append(Problem(shown, row, column, "missing-column", _missing(column, names)))
    return found, problems


def _missing(column: str, names: tuple[str, ...]) -> str:
    """The message for a required column not found: the file's columns, the likeliest of them, the option."""
    closest = max((n for n in names if n), key=lambda name: _likeness(column, name), default=None)
    if closest is not None and _likeness(column, closest) >= LIKE_ENOUGH:
        hint = f"; yang paling mirip: {closest!r} (jika itu kolomnya, impor dengan --kolom {column}={closest!r})"
    else:
        hint = f"; tunjuk kolomnya sendiri dengan --kolom {column}=JUDUL"
    return f"kolom wajib ini tidak ditemukan; {_columns_of(names)}{hint}"


LIKE_ENOUGH = 0.6


def _likeness(column: str, name: str) -> float:
    """How much a header name looks like one of the names of ``column`` (1: it holds one as a word)."""
    words = set(plain(name).split("_"))
    if any(alias in words for alias in NAMES[column]):
        return 1.0
    return max(difflib.SequenceMatcher(None, plain(name), alias).ratio() for alias in NAMES[column])


def _columns_of(names: tuple[str, ...]) -> str:
    return "kolom di berkas: " + ", ".join(repr(n) for n in names if n)
