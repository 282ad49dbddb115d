"""No reader ever crashes: whatever bytes a data file or a participant export holds, the answer is a list of
problems (a ``DataError``) or a checked dataset, never a traceback.

Hypothesis writes arbitrary bytes, and mutations of the real files (a stray quote, a cut, a huge cell, mixed line
endings, a formula, a number or date typed as text), into one file at a time of a copy of the default data.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.problems import DataError, GeneratorError
from generator.read.dataset import load_dataset
from generator.read.participants import import_participants
from generator.read.tables import ParseCache
from tests.helpers import ROOT

TABLES = ["wilayah.csv", "program_desa.csv", "kepesertaan.csv", "klaim.csv", "kantor.csv", "dataset.yaml", "fakta.yaml"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture(scope="module")
def cache(folder: Path) -> ParseCache:
    """Files parsed once: each example parses only the file it changed."""
    parsed: ParseCache = {}
    load_dataset(folder, parsed)
    return parsed


def mutations(original: bytes) -> st.SearchStrategy[bytes]:
    """The original bytes changed the way files get damaged or mistyped."""
    lines = original.split(b"\n")

    def edit(index: int, insert: bytes) -> bytes:
        position = index % (len(original) + 1)
        return original[:position] + insert + original[position:]

    inserts = st.sampled_from(
        [
            b'"',
            b'""',
            b"\r",
            b"\r\n",
            b"\n",
            b",",
            b";",
            b"\t",
            b"=SUM(A1:A9)",
            b"x" * 300_000,
            b"\xff\xfe",
            b"\x00",
            b"1.234,5",
            b"12/31/2025",
            b"31 Februari 2026",
            b"-3",
            b"1e9",
            b"  ",
            "é".encode("cp1252"),
        ]
    )
    return st.one_of(
        st.tuples(st.integers(0, len(original)), inserts).map(lambda edit_at: edit(*edit_at)),
        st.integers(0, len(original)).map(lambda cut: original[:cut]),
        st.integers(0, max(len(lines) - 1, 0)).map(lambda n: b"\n".join(lines[:n] + lines[n + 1 :])),
        st.integers(0, max(len(lines) - 1, 0)).map(lambda n: b"\n".join([*lines[: n + 1], lines[n], *lines[n + 1 :]])),
        st.just(original.replace(b"\n", b"\r", 40)),
        st.binary(max_size=2000),
    )


def problems_or_data(folder: Path, cache: ParseCache) -> None:
    try:
        load_dataset(folder, cache)
    except DataError as error:
        assert error.problems and all(problem.path for problem in error.problems)


OLD_CODES = b"kode_lama,kode_baru,tanggal_berubah,keterangan\n63.10.01.1999,63.10.01.2005,2024-01-01,pemekaran\n"
"""A table of old village codes (the default data has none)."""


@pytest.mark.parametrize("name", [*TABLES, "kode_lama.csv"])
def test_any_bytes_in_a_data_file_give_problems_not_a_crash(folder, cache, name):
    original = OLD_CODES if name == "kode_lama.csv" else (ROOT / "data" / name).read_bytes()

    @FUZZ
    @given(mutations(original))
    def check(content: bytes) -> None:
        (folder / name).write_bytes(content)
        try:
            problems_or_data(folder, cache)
        finally:
            (folder / name).write_bytes(original)

    try:
        check()
    finally:
        if name == "kode_lama.csv":
            (folder / name).unlink()


def _workbook_bytes(csv_path: Path) -> bytes:
    import csv

    book = openpyxl.Workbook()
    with csv_path.open(encoding="utf-8") as source:
        for row in csv.reader(source):
            book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_damaged_workbook_gives_problems_not_a_crash(folder, cache):
    original = _workbook_bytes(ROOT / "data" / "klaim.csv")
    (folder / "klaim.csv").rename(folder / "klaim.csv.asli")

    @FUZZ
    @given(st.one_of(st.integers(0, len(original)).map(lambda cut: original[:cut]), mutations(original)))
    def check(content: bytes) -> None:
        (folder / "klaim.xlsx").write_bytes(content)
        problems_or_data(folder, cache)

    try:
        check()
    finally:
        (folder / "klaim.xlsx").unlink(missing_ok=True)
        (folder / "klaim.csv.asli").rename(folder / "klaim.csv")


EXPORT = (
    b"No. NIK,Nama Lengkap,Tgl Lahir,L/P,Pekerjaan,Kode Desa/Kelurahan,Tgl Daftar,Status Kepesertaan\n"
    b"6310010101800001,Budi,1980-01-01,L,PETANI,63.10.01.2005,2026-10-01,Aktif\n"
    b'6310010101800002,"Siti, S.Pd",1985-02-02,P,NELAYAN,63.10.01.2005,01/10/2026,aktif\n'
)


@FUZZ
@given(mutations(EXPORT))
def test_any_bytes_in_a_participant_export_give_problems_not_a_crash(tmp_path_factory, content):
    project = tmp_path_factory.mktemp("proyek")
    shutil.copytree(ROOT / "data", project / "data")
    downloads = tmp_path_factory.mktemp("unduhan")
    for suffix in (".csv", ".xlsx"):
        (downloads / f"ekspor{suffix}").write_bytes(content)
        try:
            import_participants(downloads / f"ekspor{suffix}", project / "data", dt.date(2026, 10, 31))
        except (DataError, GeneratorError) as error:
            assert str(error)
