"""Validation: every problem is reported with file, row (header = 1), column and a stable code."""

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.problems import DataError
from generator.read.cells import CellError, count, date, month, rupiah
from generator.read.dataset import load_dataset
from tests.helpers import row_of, set_cell


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(data: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return [(Path(p.path).name, p.row, p.column, p.code) for p in caught.value.problems if not p.warning]


def test_built_in_data_is_valid(project, sample):
    data = load_dataset(project.data)
    assert len([r for r in data.regions.values() if r.level == 4]) == sample.villages
    assert data.sample is True
    assert data.warnings == []


def test_cell_parsers_accept_the_forms_staff_write():
    assert count("1234") == count("1.234") == count("1.234,00") == 1234
    assert rupiah("Rp5.600.000") == rupiah("Rp 5.600.000,00") == rupiah("5600000") == 5_600_000
    assert date("2023-03-15") == date("15/03/2023") == date("15 Maret 2023") == date("45000")
    assert month("2023-03") == month("03/2023") == month("Maret 2023") == month("2023-03-01") == dt.date(2023, 3, 1)


@pytest.mark.parametrize("cell", ["1,234", "1.23", "12,5", "1 234", "1.2345", "٣"])
def test_counts_that_could_be_misread_are_refused(cell):
    with pytest.raises(CellError):
        count(cell)


def same_dataset(first: Path, second: Path) -> None:
    a, b = load_dataset(first), load_dataset(second)
    assert (a.regions, a.programs, a.snapshots, a.claims) == (b.regions, b.programs, b.snapshots, b.claims)


def test_semicolon_windows_1252_csv_with_excel_headers_reads_the_same(project, tmp_path):
    """Excel in an Indonesian locale: semicolons, CRLF, Windows-1252, headers typed as words."""
    other = tmp_path / "lain"
    shutil.copytree(project.data, other)
    for name in ("wilayah.csv", "kepesertaan.csv", "program_desa.csv", "klaim.csv"):
        rows = list(csv.reader((project.data / name).open(encoding="utf-8")))
        rows[0] = [column.replace("_", " ").title() for column in rows[0]]
        with (other / name).open("w", encoding="cp1252", newline="") as out:
            csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    same_dataset(project.data, other)


def test_xlsx_workbooks_read_the_same_as_csv(project, tmp_path):
    """Counts as numbers, dates as real Excel dates, months as Excel turns them into dates."""
    other = tmp_path / "lain"
    shutil.copytree(project.data, other)
    for stem in ("kepesertaan", "klaim"):
        book = openpyxl.Workbook()
        rows = list(csv.reader((project.data / f"{stem}.csv").open(encoding="utf-8")))
        book.active.append(rows[0])
        for row in rows[1:]:
            book.active.append([_as_excel_value(cell) for cell in row])
        book.save(other / f"{stem}.xlsx")
        (other / f"{stem}.csv").unlink()
    same_dataset(project.data, other)


def _as_excel_value(cell: str) -> object:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return dt.datetime.fromisoformat(cell)
    if re.fullmatch(r"\d{4}-\d{2}", cell):
        return dt.datetime.fromisoformat(cell + "-01")
    return int(cell) if cell.isdigit() else cell


def test_csv_and_xlsx_of_the_same_table_is_an_error(project):
    openpyxl.Workbook().save(project.data / "klaim.xlsx")
    with pytest.raises(DataError) as caught:
        load_dataset(project.data)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("two-files", f"{project.data / 'klaim.csv'} dan {project.data / 'klaim.xlsx'}")
    ]


@pytest.mark.parametrize("cell", ["-3", "12,5", "1.23", "dua", "1 234"])
def test_bad_counts_are_rejected(cell):
    with pytest.raises(ValueError):
        count(cell)


def test_all_problems_are_reported_in_one_run(project):
    participation, claims, programme = (project.data / n for n in ("kepesertaan.csv", "klaim.csv", "program_desa.csv"))
    counted = row_of(participation, "63.10.01.2005,")
    set_cell(participation, counted, 2, "-25")
    set_cell(claims, 2, 0, "63.10.99.9999")
    funded = row_of(programme, "63.10.01.2005,")
    set_cell(programme, funded, 2, "hibah")
    found = problems_of(project.data)
    assert ("kepesertaan.csv", counted, "petani_l", "negative-count") in found
    assert ("klaim.csv", 2, "kode_desa", "unknown-village") in found
    assert ("program_desa.csv", funded, "sumber_dana", "bad-value") in found


def test_message_names_file_row_column_value_and_expectation(project):
    programme = project.data / "program_desa.csv"
    row = row_of(programme, "63.10.01.2005,")
    set_cell(programme, row, 1, "seratus")
    with pytest.raises(DataError) as caught:
        load_dataset(project.data)
    message = str(caught.value.problems[0])
    assert message.endswith(
        f"program_desa.csv:{row}:target: galat: 'seratus' tidak terbaca; yang diharapkan: bilangan bulat seperti 1234"
        " atau 1.234 [bad-value]"
    )


def test_missing_and_unknown_columns(project):
    replace_in(project.data / "klaim.csv", "jumlah_kasus", "kasus")
    found = problems_of(project.data)
    assert ("klaim.csv", 1, "jumlah_kasus", "missing-column") in found
    assert ("klaim.csv", 1, "kasus", "unknown-column") in found


def test_duplicate_snapshot_of_a_village_is_an_error(project):
    path = project.data / "kepesertaan.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    assert problems_of(project.data) == [("kepesertaan.csv", len(lines) + 1, "tanggal_data", "duplicate-row")]


def test_village_without_data_is_a_warning_not_an_error(project):
    path = project.data / "kepesertaan.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("63.10.01.2005,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    data = load_dataset(project.data)
    assert [(w.code, w.warning) for w in data.warnings] == [("village-without-data", True)]
    assert "Desa Segumbang (63.10.01.2005)" in str(data.warnings[0])


def test_region_without_parent(project):
    with open(project.data / "wilayah.csv", "a", encoding="utf-8") as file:
        file.write("63.11.01,Kecamatan Yatim\n")
    assert problems_of(project.data) == [("wilayah.csv", 173, "kode", "missing-parent")]


def test_a_broken_file_does_not_also_flood_warnings_about_every_village(project):
    replace_in(project.data / "program_desa.csv", "sumber_dana", "sumber")
    with pytest.raises(DataError) as caught:
        load_dataset(project.data)
    assert sorted(p.code for p in caught.value.problems) == ["missing-column", "unknown-column"]
    missing = next(p for p in caught.value.problems if p.code == "missing-column")
    assert str(missing).endswith("program_desa.csv:1:sumber_dana: galat: kolom wajib ini tidak ada [missing-column]")


def split_per_kecamatan(data: Path) -> list[Path]:
    """Move kepesertaan.csv into a folder of one file per kecamatan; returns the files."""
    lines = (data / "kepesertaan.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "kepesertaan.csv").unlink()
    (data / "kepesertaan").mkdir()
    parts: dict[str, list[str]] = {}
    for line in lines[1:]:
        parts.setdefault(line[:8], []).append(line)
    for kecamatan, rows in parts.items():
        (data / "kepesertaan" / f"{kecamatan}.csv").write_text(lines[0] + "".join(rows), encoding="utf-8")
    return sorted((data / "kepesertaan").iterdir())


def test_a_table_split_into_a_folder_reads_as_one(project, tmp_path):
    other = tmp_path / "lain"
    shutil.copytree(project.data, other)
    assert len(split_per_kecamatan(other)) == 12
    same_dataset(project.data, other)


def test_a_row_repeated_in_another_file_of_the_folder_names_that_file(project):
    first, second, *_ = split_per_kecamatan(project.data)
    row = first.read_text(encoding="utf-8").splitlines()[1]
    with second.open("a", encoding="utf-8") as out:
        out.write(row + "\n")
    with pytest.raises(DataError) as caught:
        load_dataset(project.data)
    [problem] = caught.value.problems
    assert (Path(problem.path), problem.row, problem.code) == (
        second,
        1 + len(second.read_text().splitlines()) - 1,
        "duplicate-row",
    )
    assert problem.message.endswith(f" di {first}"), problem.message


def test_a_folder_beside_a_file_of_the_same_table_is_refused(project):
    (project.data / "klaim").mkdir()
    shutil.copy(project.data / "klaim.csv", project.data / "klaim" / "a.csv")
    assert [code for *_, code in problems_of(project.data)] == ["two-files"]


def test_a_file_in_a_table_folder_that_is_not_csv_or_xlsx_is_refused_not_skipped(project):
    files = split_per_kecamatan(project.data)
    files[0].rename(files[0].with_suffix(".ods"))  # saved from LibreOffice: it would otherwise be silently left out
    (project.data / "kepesertaan" / "~$63.10.02.csv").write_text("kunci Excel", encoding="utf-8")
    assert problems_of(project.data) == [(files[0].with_suffix(".ods").name, 0, "", "not-a-table")]
    with pytest.raises(DataError) as caught:
        load_dataset(project.data)
    assert len(caught.value.problems) == 1  # no "village without data" warning for every village of the folder


def test_an_empty_table_folder_is_refused(project):
    for path in split_per_kecamatan(project.data):
        path.unlink()
    assert problems_of(project.data) == [("kepesertaan", 0, "", "empty-file")]
