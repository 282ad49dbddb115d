"""Writes the XLSX cases of this corpus (run once; the results are committed): python buat_xlsx.py"""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl

HEADER = (Path(__file__).parent / "dasar" / "kepesertaan.csv").read_text().splitlines()[0].split(",")


def workbook(rows: list[list[object]], path: str) -> None:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


counts = [25, 10, 8, 2, 6, 3, 7, 2, 12, 4, 5, 6, 3, 0, 1, 1, 2, 1]
# A count typed as 12.5 and a data date typed as a real Excel date.
workbook(
    [
        HEADER,
        ["63.10.01.2005", dt.datetime(2026, 10, 31), 12.5, *counts[1:]],
        ["63.10.01.2006", dt.datetime(2026, 10, 31), *counts],
    ],
    "kepesertaan/xlsx-pecahan.xlsx",
)
workbook([], "kepesertaan/xlsx-lembar-kosong.xlsx")
with zipfile.ZipFile("kepesertaan/zip-bukan-xlsx.xlsx", "w") as archive:
    archive.writestr("catatan.txt", "bukan buku kerja")
