"""Reading one cell of a data file: Indonesian numbers, dates, months, codes; a bad cell raises ``CellError``."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

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


# -- cell parsers: each returns the value or raises CellError saying what was expected --


def text(cell: str) -> str:
    return cell


def region_code(cell: str) -> str:
    if not CODE_PATTERN.fullmatch(cell):
        raise CellError("kode wilayah Kemendagri seperti 63, 63.10, 63.10.01 atau 63.10.01.2005")
    return cell


VILLAGE_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")


@functools.lru_cache(maxsize=1 << 17)  # every village's code recurs in each month's rows; a bad one raises every time
def village_code(cell: str) -> str:
    if CODE_PATTERN.fullmatch(cell) and cell.count(".") < 3:
        level = LEVEL_NAMES[cell.count(".") + 1]
        raise CellError(f"ini kode {level}, padahal yang diharapkan kode desa seperti 63.10.01.2005", "wrong-level")
    if not VILLAGE_CODE.fullmatch(cell):
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
            day_text, name, year_text = match.groups()
            return dt.date(int(year_text), MONTHS.index(name.lower()) + 1, int(day_text))
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
