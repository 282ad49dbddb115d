"""Importing participant lists: counts only, and no personal data anywhere afterwards."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import random
import re
from pathlib import Path

import openpyxl
import pytest

from generator.problems import DataError
from generator.read.participants import import_participants
from tests.helpers import run_generator

HEADER = ["NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Pekerjaan", "Kode Desa", "Tanggal Terdaftar", "Status"]
FIRST = ["Budi", "Siti", "Ahmad", "Rina", "Joko", "Nur", "Dewi", "Agus", "Sri", "Yusuf", "Fitri", "Rahmat"]
LAST = ["Santoso", "Aminah", "Hidayat", "Lestari", "Saputra", "Wahyuni", "Pratama", "Rahayu", "Syahputra", "Halim"]
JOBS = ["PETANI/PEKEBUN", "NELAYAN/PERIKANAN", "PERANGKAT DESA", "KETUA RT", "BURUH HARIAN LEPAS", "PEDAGANG"]


@pytest.fixture
def unduhan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where staff keep a downloaded participant list: outside the project (which the import checks)."""
    return tmp_path_factory.mktemp("unduhan")


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER, above: list[list[str]] = ()) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([*above, header, *rows])
    return path


def person(nik: str, village: str = "63.10.01.2005", **changes: str) -> list[str]:
    row = {
        "nik": nik,
        "nama": "Budi Santoso",
        "lahir": "1980-01-01",
        "jk": "L",
        "kerja": "PETANI/PEKEBUN",
        "desa": village,
        "daftar": "2026-10-01",
        "status": "Aktif",
    }
    row.update(changes)
    return list(row.values())


def participation_row(data: Path, village: str, when: str) -> list[str]:
    rows = [r for r in csv.reader((data / "kepesertaan.csv").open(encoding="utf-8")) if r[:2] == [village, when]]
    assert len(rows) == 1
    return rows[0]


def test_import_counts_each_person_once_and_reports_rejections_by_row(project, unduhan):
    rows = [
        person("6310010101800001"),
        person("6310010101800001"),  # same person twice
        person("6.31001E+15"),  # NIK turned into a number by Excel
        person("631001010180000"),  # 15 digits
        person("6310010101800002", jk="Perempuan", kerja="Ketua RT"),
        person("6310010101800003", status="Nonaktif"),
        person("6310010101800004", jk="X"),
        person("6310010101800005", village="63.10.99.2005"),
        person("6310010101800006", kerja="Tukang Kayu"),
        person("6310010101800007", daftar="2026-11-15"),
    ]
    report = import_participants(write_csv(unduhan / "peserta.csv", rows), project.data, dt.date(2026, 10, 31))
    assert report.lines()[:4] == [
        "Baris dibaca: 10",
        "Dihitung: 3 peserta aktif di 1 desa, data per 2026-10-31",
        "Tidak dihitung karena tidak aktif: 1",
        "Ditolak: 6",
    ]
    assert {reason: rows for reason, rows in report.rejected.items()} == {
        "duplicate-nik": [3],
        "nik-as-number": [4],
        "bad-nik": [5],
        "bad-gender": [8],
        "unknown-village": [9],
        "after-data-date": [11],
    }
    counted = participation_row(project.data, "63.10.01.2005", "2026-10-31")
    header = next(csv.reader((project.data / "kepesertaan.csv").open(encoding="utf-8")))
    assert {name: int(n) for name, n in zip(header[2:], counted[2:], strict=True) if n != "0"} == {
        "petani_l": 1,
        "rt_rw_p": 1,
        "lainnya_l": 1,
    }


def test_without_a_date_the_latest_registration_dates_the_data(project, unduhan):
    rows = [person("6310010101800001", daftar="2026-09-30"), person("6310010101800002", daftar="15/10/2026")]
    report = import_participants(write_csv(unduhan / "peserta.csv", rows), project.data, None)
    assert report.data_date == dt.date(2026, 10, 15)
    assert participation_row(project.data, "63.10.01.2005", "2026-10-15")[2] == "2"


def test_other_dates_and_villages_are_kept(project, unduhan):
    before = (project.data / "kepesertaan.csv").read_text(encoding="utf-8").splitlines()
    import_participants(write_csv(unduhan / "p.csv", [person("6310010101800001")]), project.data, dt.date(2026, 10, 31))
    after = (project.data / "kepesertaan.csv").read_text(encoding="utf-8").splitlines()
    changed = sorted(set(before) ^ set(after))
    assert len(changed) == 2 and all(line.startswith("63.10.01.2005,2026-10-31,") for line in changed)


def test_xlsx_nik_stored_as_a_number_is_rejected_and_text_nik_counted(project, unduhan):
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([6310010101800010, *person("x")[1:]])
    book.active.append(["6310010101800011", *person("x")[1:]])
    book.save(unduhan / "peserta.xlsx")
    report = import_participants(unduhan / "peserta.xlsx", project.data, dt.date(2026, 10, 31))
    assert report.rejected == {"nik-as-number": [2]}
    assert report.counted == 1


def test_missing_columns_stop_the_import_and_write_nothing(project, unduhan):
    before = (project.data / "kepesertaan.csv").read_bytes()
    path = unduhan / "peserta.csv"
    path.write_text("NIK,Nama,Kode Desa\n6310010101800001,Budi,63.10.01.2005\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_participants(path, project.data, None)
    assert [(p.column, p.code) for p in caught.value.problems] == [
        ("jenis_kelamin", "missing-column"),
        ("pekerjaan", "missing-column"),
        ("status", "missing-column"),
        ("tanggal_terdaftar", "missing-column"),
    ]
    assert (project.data / "kepesertaan.csv").read_bytes() == before


def _fake_people(villages: list[str], count: int) -> list[list[str]]:
    """Participants with made-up but well-formed NIKs, names and birth dates."""
    rng = random.Random(20261124)
    people = []
    for n in range(count):
        born = f"{rng.randint(1955, 1999)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        nik = f"6310{rng.randint(10, 99)}{born[8:10]}{born[5:7]}{born[2:4]}{n:04d}"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        status = "Aktif" if n % 9 else "Nonaktif"
        people.append(person(nik, rng.choice(villages), nama=name, lahir=born, kerja=rng.choice(JOBS), status=status))
    return people


def _run(*args: str, cwd: Path) -> str:
    result = run_generator(*args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _everything_written(folder: Path) -> str:
    """The text of every file under ``folder``, compressed ones unpacked."""
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        parts.append((gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", errors="replace"))
    return "\n".join(parts)


def test_no_nik_name_or_birth_date_reaches_data_docs_site_search_or_output(project, unduhan):
    villages = ["63.10.01.2005", "63.10.01.2006", "63.10.02.2001", "63.10.05.2003"]
    people = _fake_people(villages, 400)
    source = write_csv(unduhan / "peserta.csv", people)  # outside the folders checked below
    output = _run("import", str(source), "--per", "2026-10-31", cwd=project.config.parent)
    output += _run("build", cwd=project.config.parent)
    written = "\n".join(_everything_written(f) for f in (project.data, project.docs, project.staged, project.site))
    written += output
    assert (project.site / "search" / "search_index.json").exists()

    niks = {p[0] for p in people}
    digests = {
        getattr(hashlib, algorithm)(nik.encode()).hexdigest() for nik in niks for algorithm in ("md5", "sha1", "sha256")
    }
    births = {p[2] for p in people}
    births |= {f"{b[8:10]}/{b[5:7]}/{b[:4]}" for b in births}
    assert not niks & set(re.findall(r"\d{16}", written))
    assert not digests & set(re.findall(r"[0-9a-f]{32,64}", written))
    assert not births & set(re.findall(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}", written))
    assert not re.search("|".join(sorted({p[1] for p in people})), written)
    assert "Dihitung: " in output and "Baris dibaca: 400" in output


def test_into_a_folder_table_the_import_writes_the_kabupaten_file(project, unduhan):
    (project.data / "kepesertaan").mkdir()
    (project.data / "kepesertaan.csv").rename(project.data / "kepesertaan" / "63.10.csv")
    before = (project.data / "kepesertaan" / "63.10.csv").read_text(encoding="utf-8").splitlines()
    import_participants(write_csv(unduhan / "p.csv", [person("6310010101800001")]), project.data, dt.date(2026, 10, 31))
    after = (project.data / "kepesertaan" / "63.10.csv").read_text(encoding="utf-8").splitlines()
    changed = sorted(set(before) ^ set(after))
    assert len(changed) == 2 and all(line.startswith("63.10.01.2005,2026-10-31,") for line in changed)
    assert sorted(p.name for p in (project.data / "kepesertaan").iterdir()) == ["63.10.csv"]
    assert not (project.data / "kepesertaan.csv").exists()


EXPORT_HEADERS = {
    "BPJS Ketenagakerjaan": [
        "No. NIK",
        "Nama Lengkap",
        "Tgl. Lahir",
        "L/P",
        "Jenis Pekerjaan",
        "Kode Desa/Kelurahan",
        "TMT Kepesertaan",
        "Status Kepesertaan",
    ],
    "SIAK": [
        "Nomor Induk Kependudukan",
        "Nama",
        "Tanggal Lahir",
        "Jenis Kelamin",
        "Pekerjaan",
        "Kode Kelurahan",
        "Tanggal Daftar",
        "Status Peserta",
    ],
    "Excel kabupaten": [
        "NIK ",
        "NAMA PESERTA",
        "TGL LAHIR",
        "JK",
        "PROFESI",
        "KD_DESA",
        "TGL_TERDAFTAR",
        "STATUS",
    ],
}
"""Header rows as real exports write them (names, order of columns as in HEADER)."""


@pytest.mark.parametrize("system", sorted(EXPORT_HEADERS))
@pytest.mark.parametrize("above", [[], [["DAFTAR PESERTA BPJS KETENAGAKERJAAN"], ["Per 31 Oktober 2026"], []]])
def test_exports_are_read_under_the_names_other_systems_give_the_columns(project, unduhan, system, above):
    rows = [person("6310010101800001"), person("6310010101800002", jk="P", kerja="Nelayan")]
    source = write_csv(unduhan / "ekspor.csv", rows, EXPORT_HEADERS[system], above)
    report = import_participants(source, project.data, dt.date(2026, 10, 31))
    assert report.counted == 2 and not report.rejected
    if above:  # rows are named as the spreadsheet shows them: the header is row 4 here
        bad = write_csv(unduhan / "ekspor.csv", [*rows, person("123")], EXPORT_HEADERS[system], above)
        assert import_participants(bad, project.data, dt.date(2026, 10, 31)).rejected == {"bad-nik": [7]}


def test_an_xlsx_export_with_a_title_row_is_read(project, unduhan):
    book = openpyxl.Workbook()
    book.active.append(["Rekap peserta Desa Sungai Danau"])
    book.active.append([])
    book.active.append(EXPORT_HEADERS["BPJS Ketenagakerjaan"])
    book.active.append(person("6310010101800001"))
    book.save(unduhan / "ekspor.xlsx")
    assert import_participants(unduhan / "ekspor.xlsx", project.data, dt.date(2026, 10, 31)).counted == 1


def test_a_column_that_cannot_be_found_is_named_with_the_files_columns_and_the_closest(project, unduhan):
    header = [*HEADER[:-1], "Keterangan Aktif"]
    source = write_csv(unduhan / "ekspor.csv", [person("6310010101800001")], header)
    with pytest.raises(DataError) as caught:
        import_participants(source, project.data, dt.date(2026, 10, 31))
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.code) == (1, "status", "missing-column")
    assert "'Keterangan Aktif'" in problem.message and "'Kode Desa'" in problem.message
    report = import_participants(source, project.data, dt.date(2026, 10, 31), {"status": "Keterangan Aktif"})
    assert report.counted == 1


def test_a_column_named_by_hand_on_the_command_line(project, unduhan):
    header = [*HEADER[:-1], "Keaktifan Peserta BPJS"]
    source = write_csv(unduhan / "ekspor.csv", [person("6310010101800001")], header)
    refused = run_generator("import", str(source), "--per", "2026-10-31", cwd=project.config.parent)
    assert refused.returncode != 0 and "--kolom status=" in refused.stderr + refused.stdout
    output = _run(
        "import",
        str(source),
        "--per",
        "2026-10-31",
        "--kolom",
        "status=Keaktifan Peserta BPJS",
        cwd=project.config.parent,
    )
    assert "Dihitung: 1 peserta" in output
    assert f"Hapus berkas asli {source}" in output  # and staff are reminded to delete the raw list


@pytest.mark.parametrize("inside", ["data", "docs", "site", "."])
def test_a_list_inside_the_project_is_refused_and_nothing_is_written(project, inside):
    before = (project.data / "kepesertaan.csv").read_bytes()
    folder = project.config.parent / inside
    folder.mkdir(exist_ok=True)
    source = write_csv(folder / "peserta.csv", [person("6310010101800001")])
    result = run_generator("import", str(source), "--per", "2026-10-31", cwd=project.config.parent)
    assert result.returncode != 0
    assert "di dalam folder proyek" in result.stderr and "Traceback" not in result.stderr
    assert (project.data / "kepesertaan.csv").read_bytes() == before
