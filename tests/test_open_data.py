"""Open data and the JSON API of the default site: valid by their standards, and exactly the figures of the pages."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator import formatting
from generator.build import renderer_of
from generator.model import BENEFITS, OCCUPATIONS
from generator.read.dataset import load_dataset
from generator.render.data_dictionary import BENEFIT_CODES
from generator.render.download_pages import download_page
from generator.write import data_package
from generator.write.api import Api
from tests.htmltools import page_text, read_page

HIDDEN = "•disembunyikan"
FRICTIONLESS = Path(sys.executable).with_name("frictionless")
LEVELS = ("desa", "kecamatan", "kabupaten")


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def validate(package: Path) -> dict:
    """The report of ``frictionless validate`` on a package, as JSON."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(package)], capture_output=True, text=True, check=False
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def tables(built) -> dict[str, dict[str, dict[str, str]]]:
    """Every national level table of the default site, by level, then by region code."""
    return {level: {r[f"kode_{level}"]: r for r in rows_of(built.site / "unduh" / f"{level}.csv")} for level in LEVELS}


def test_frictionless_validates_the_national_and_the_kabupaten_packages(built):
    for package in (built.site / "unduh" / "datapackage.json", built.site / "unduh/kabupaten/6310/datapackage.json"):
        report = validate(package)
        assert report["valid"], json.dumps(report["tasks"][0]["errors"][:3], ensure_ascii=False)
        assert {task["name"] for task in report["tasks"]} >= {"desa", "kecamatan", "riwayat-bulanan"}


def test_frictionless_finds_a_figure_that_breaks_its_schema(built, tmp_path):
    copy = tmp_path / "unduh"
    shutil.copytree(built.site / "unduh" / "kabupaten" / "6310", copy)
    lines = (copy / "desa.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("peserta")] = "1.234"  # a page's number, not a machine's
    lines[1] = ",".join(f'"{c}"' for c in cells)
    (copy / "desa.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(copy / "datapackage.json")
    assert not report["valid"]
    errors = [e for task in report["tasks"] for e in task["errors"]]
    assert any(e["type"] == "type-error" and e["fieldName"] == "peserta" for e in errors)


def shown(row: dict[str, str], column: str, form=formatting.number) -> str:
    """A file's cell as its page shows it: hidden (named in ``disembunyikan``) as •, else formatted."""
    value = row[column]
    if column in row["disembunyikan"].split():
        assert value == "", (row["kode_" + next(iter(LEVELS))] if "kode_desa" in row else row, column)
        return HIDDEN
    return form(int(value)) if value != "" else ""


def month_of(value: str) -> str:
    return formatting.month(dt.date.fromisoformat(value + "-01"))


def test_every_figure_of_the_files_is_the_figure_on_its_page(built, tables):
    """For every region page: the headline, the occupation × gender table and the claims table, cell by cell."""
    checked = 0
    for level in LEVELS:
        for code, row in tables[level].items():
            page = built.site / level / code.replace(".", "") / "index.html"
            text, found = page_text(page), read_page(page).tables
            percent = formatting.percent(int(row["peserta"]), int(row["target"]))
            assert (
                f"{shown(row, 'peserta')} dari target {shown(row, 'target')} pekerja rentan terdaftar ({percent})"
                in text
            )
            assert f"Status: {row['status']}" in text.replace("✓ ", "")
            occupation = next(t for t in found if t[0][0] == "Pekerjaan")
            for r, job in enumerate([*OCCUPATIONS, "jumlah"]):
                columns = [f"{job}_l", f"{job}_p", f"{job}_jumlah" if job != "jumlah" else "peserta"]
                assert occupation[1 + r][1:] == [shown(row, c) for c in columns], (page, job)
            assert_claims(row, next((t for t in found if t[0][0] == "Manfaat"), None), page)
            checked += 1
    assert checked == sum(len(t) for t in tables.values())


def assert_claims(row: dict[str, str], table: list[list[str]] | None, page: Path) -> None:
    """The claims columns of a row against the claims table of its page (absent when there is no claim)."""
    if table is None:
        assert row["klaim_kasus"] == "0" and row["klaim_nilai_rp"] == "0", page
        return
    on_page = {line[0]: line[1:] for line in table[1:]}
    for benefit, code in BENEFIT_CODES.items():
        cells = on_page.get(BENEFITS[benefit])
        if cells is None:
            assert (row[f"{code}_kasus"], row[f"{code}_nilai_rp"]) == ("0", "0"), (page, benefit)
            continue
        month = row[f"{code}_bulan_terakhir"]
        expected = [
            shown(row, f"{code}_kasus"),
            shown(row, f"{code}_nilai_rp", formatting.rupiah),
            HIDDEN if f"{code}_bulan_terakhir" in row["disembunyikan"] else month_of(month),
        ]
        assert cells == expected, (page, benefit)
    assert on_page["Jumlah"][:2] == [shown(row, "klaim_kasus"), shown(row, "klaim_nilai_rp", formatting.rupiah)]


def test_the_json_of_every_region_holds_the_figures_of_its_row(built, tables):
    for level in LEVELS:
        for code, row in tables[level].items():
            region = json.loads((built.site / f"api/v1/{level}/{code.replace('.', '')}.json").read_text("utf-8"))
            assert region["kode"] == code and region["tingkat"] == level
            figures = region["angka"]
            assert figures["disembunyikan"] == row["disembunyikan"].split()
            for name, value in figures.items():
                if name == "disembunyikan":
                    continue
                expected = row[name]
                assert ("" if value is None else str(value)) == expected or float(value) == float(expected), name
            assert region["data_contoh"] is True and "DATA CONTOH" in region["catatan"]


def test_every_json_file_validates_against_its_published_schema(built):
    api = built.site / "api" / "v1"
    schema = json.loads((api / "skema" / "wilayah.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted(p for p in api.glob("*/*.json") if p.parent.name != "skema")
    for path in files:
        validator.validate(json.loads(path.read_text("utf-8")))
    index = json.loads((api / "index.json").read_text("utf-8"))
    jsonschema.validate(index, json.loads((api / "skema" / "index.schema.json").read_text("utf-8")))
    assert len(files) == len(list(built.site.glob("desa/*/index.html"))) + 12 + 1  # villages, kecamatan, kabupaten
    # the schema is strict: a renamed field of v1 is an error
    village = json.loads(files[-1].read_text("utf-8"))
    village["angka"]["pesertaa"] = village["angka"].pop("peserta")
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(village)


def test_the_national_villages_table_adds_up_to_the_overview(built, tables, sample):
    villages = tables["desa"].values()
    enrolled, target = sum(int(r["peserta"]) for r in villages), sum(int(r["target"]) for r in villages)
    text = page_text(built.site / "cakupan" / "index.html")
    assert f"{formatting.number(enrolled)} dari target {formatting.number(target)} pekerja rentan terdaftar" in text
    assert enrolled == sample.enrolled_in(sample.months()[-1]) and len(tables["desa"]) == sample.villages
    for code, district in tables["kecamatan"].items():
        inside = [r for r in villages if r["kode_kecamatan"] == code]
        assert sum(int(r["peserta"]) for r in inside) == int(district["peserta"])
        assert int(district["jumlah_desa"]) == len(inside)


def test_the_monthly_archives_and_history_agree_with_the_data(built, tables, sample):
    """An archive holds the villages that had joined by then, as the history of their pages shows them."""
    joined = {r["kode_desa"]: r["tanggal_bergabung"][:7] for r in tables["desa"].values()}
    history = rows_of(built.site / "unduh" / "riwayat-bulanan.csv")
    for month in sample.months():
        archive = {r["kode_desa"]: r for r in rows_of(built.site / "unduh" / "arsip" / f"desa-{month}.csv")}
        assert set(archive) == {code for code, since in joined.items() if since <= month}, month
        assert {r["bulan"] for r in archive.values()} <= {month}
        shown = {r["kode_wilayah"]: r["peserta"] for r in history if r["bulan"] == month and r["tingkat"] == "desa"}
        assert {code: r["peserta"] for code, r in archive.items()} == shown
        assert sum(int(r["peserta"]) for r in archive.values()) == sample.enrolled_in(month), month
    latest = {r["kode_desa"]: r for r in rows_of(built.site / "unduh" / "arsip" / f"desa-{sample.months()[-1]}.csv")}
    for code, row in tables["desa"].items():
        assert (latest[code]["peserta"], latest[code]["status"]) == (row["peserta"], row["status"])
    regency = {r["bulan"]: int(r["peserta"]) for r in history if r["kode_wilayah"] == "63.10"}
    assert regency == {month: sample.enrolled_in(month) for month in sample.months()}
    village = next(r for r in tables["desa"].values() if r["tanggal_bergabung"][:7] > sample.months()[0])
    found = read_page(built.site / "desa" / village["kode_desa"].replace(".", "") / "index.html").tables
    page = next(table for table in found if table[0] == ["Bulan", "Peserta terdaftar"])
    months = [r["bulan"] for r in history if r["kode_wilayah"] == village["kode_desa"]]
    assert months[0] == village["tanggal_bergabung"][:7] and len(page) - 1 == min(12, len(months))


def test_the_download_page_lists_every_file_with_its_dictionary_and_licence(built):
    page = built.site / "unduh" / "index.html"
    text, links = page_text(page), set(read_page(page).links)
    assert {"desa.csv", "kecamatan.csv", "kabupaten.csv", "riwayat-bulanan.csv", "datapackage.json"} <= links
    assert all((built.site / "unduh" / link).is_file() for link in links if link.endswith((".csv", ".json")))
    assert "Data contoh, bukan data resmi" in text and "ODbL" in text and "idn-area-data" in text
    for column in ("kode_desa", "peserta", "disembunyikan", "klaim_nilai_rp", "tanggal_bergabung"):
        assert column in text
    village = page_text(built.site / "desa" / "6310012005" / "index.html")
    assert "Unduh data wilayah ini" in village
    assert "../../api/v1/desa/6310012005.json" in read_page(built.site / "desa/6310012005/index.html").links


def test_the_package_says_the_figures_are_sample_data_and_carries_the_odbl(built):
    package = json.loads((built.site / "unduh" / "datapackage.json").read_text("utf-8"))
    assert package["data_contoh"] is True and package["description"].startswith("DATA CONTOH")
    assert [licence["name"] for licence in package["licenses"]] == ["ODbL-1.0"]
    assert any("idn-area-data" in source["title"] for source in package["sources"])


def test_official_figures_carry_no_sample_label(built):
    data = load_dataset(built.data)
    data.sample = False
    renderer = renderer_of(data, "https://contoh.go.id/")
    village = next(node for node in renderer.regions if node.region.code == "63.10.01.2005")
    region = json.loads(Api(renderer).region(village))
    assert region["data_contoh"] is False and region["catatan"] is None
    package = data_package.national([], renderer)
    assert package["data_contoh"] is False and "CONTOH" not in package["title"] + package["description"]
    assert "Data contoh" not in download_page(renderer, [], 0).content
