"""The village poster as a village hall prints it: Chromium prints it to PDF on A4, a real QR decoder (zbar,
Debian's zbar-tools) reads its code, and that address still leads to the village after its code changes.
(axe-core and the page checks of every page type run on it too: "poster desa" in conftest.PAGES.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import playwright.sync_api as playwright_api
import pytest
from pypdf import PdfReader

from generator.build import Paths, build_site
from generator.compute.aggregate import build_tree
from generator.formatting import date, number
from generator.read.dataset import load_dataset
from tests.browser.conftest import SUMMARY
from tests.nginx import nginx
from tests.test_village_halls import REAL, renumber

ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"
LONG_NAME = "Sungai Lembu Kecil Ujung Tanjung Harapan Baru Makmur Sejahtera Raya Timur"
VILLAGE, LONG, EMPTY = "63.10.01.2005", "63.10.01.2006", "63.10.01.1007"


@pytest.fixture(scope="module")
def halls(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A site at a real address in which one village has a very long name and another no figures yet."""
    from tests.helpers import copy_project

    project = copy_project(tmp_path_factory.mktemp("balai"))
    _rewrite(project.data / "wilayah.csv", lambda line: f"{LONG},{LONG_NAME}" if line.startswith(LONG + ",") else line)
    _rewrite(project.data / "kepesertaan.csv", lambda line: None if line.startswith(EMPTY + ",") else line)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", REAL)
        build_site(project)
    return project


def _rewrite(path: Path, change) -> None:
    lines = [change(line) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(line for line in lines if line is not None) + "\n", encoding="utf-8")


def _poster(site: Path, code: str) -> str:
    return (site / "desa" / code.replace(".", "") / "poster" / "index.html").as_uri()


def _print(browser: playwright_api.Browser, url: str, pdf: Path) -> PdfReader:
    page = browser.new_page()
    page.goto(url)
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    return PdfReader(pdf)


@pytest.mark.parametrize("code", [VILLAGE, LONG, EMPTY], ids=["desa", "nama panjang", "belum ada data"])
def test_a_poster_prints_as_one_a4_page_with_its_figures_as_text(browser, halls, tmp_path, code):
    node = build_tree(load_dataset(halls.data)).by_code[code]
    pdf = _print(browser, _poster(halls.site, code), tmp_path / "poster.pdf")
    assert len(pdf.pages) == 1
    width, height = (float(x) * 25.4 / 72 for x in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    text = " ".join(pdf.pages[0].extract_text().split())
    assert " ".join(node.region.full_name.split()) in text
    assert "Data contoh, bukan data resmi" in text
    assert "Jika anggota keluarga celaka atau meninggal" in text and "175" in text
    assert f"{REAL}desa/{code.replace('.', '')}/" in text.replace(" ", "") or REAL in text
    if node.data_date:
        assert f"{number(node.enrolled)} dari target {number(node.target)} pekerja rentan terlindungi" in text
        assert f"Data per {date(node.data_date)}" in text
    else:
        assert "Belum ada data kepesertaan" in text
    assert "Kepala " + node.region.full_name.split()[0] in text  # room for the village head's signature


def decoded_qr(browser: playwright_api.Browser, url: str, shot: Path) -> str:
    """What zbar reads from the poster's QR code as Chromium draws it (print media, A4 width)."""
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.goto(url)
    page.emulate_media(media="print")
    page.locator("svg.qr").screenshot(path=str(shot))
    page.close()
    found = subprocess.run([ZBARIMG, "--quiet", "--raw", str(shot)], capture_output=True, text=True, check=False)
    assert found.returncode == 0, found.stderr
    return found.stdout.strip()


def test_the_qr_code_scans_to_the_village_and_still_does_after_its_code_changes(browser, project, tmp_path, output):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", REAL)
        build_site(project)
        address = decoded_qr(browser, _poster(project.site, VILLAGE), output / "qr-poster.png")
        assert address == f"{REAL}desa/6310012005/"
        shutil.copy(project.site / "desa" / "6310012005" / "poster" / "index.html", tmp_path / "dicetak.html")
        renumber(project.data, VILLAGE, "63.10.01.2099")
        (project.data / "kode_lama.csv").write_text(
            "kode_lama,kode_baru,tanggal_berubah,keterangan\n63.10.01.2005,63.10.01.2099,2025-06-30,\n", "utf-8"
        )
        build_site(project)
    path = address.removeprefix(REAL)  # the printed code's path, on the site as it is now
    with nginx(project.site.resolve(), tmp_path / "nginx") as base:  # the forward, as the real server sends it
        page = browser.new_page(java_script_enabled=False)
        response = page.goto(base + path)
        assert response is not None and response.ok
        page.wait_for_url(base + "desa/6310012099/")
        assert page.locator("h1").inner_text() == "Desa Segumbang"
        page.close()


def test_the_poster_reads_on_a_phone(browser, built, output):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(_poster(built.site, VILLAGE))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("svg.qr").bounding_box()["width"] >= 150  # big enough to scan from the screen
    page.screenshot(path=str(output / "poster-hp.png"), full_page=True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    page.screenshot(path=str(output / "poster-a4.png"), full_page=True)
    page.close()
    SUMMARY.append(f"poster: {output / 'poster-a4.png'} (A4), {output / 'poster-hp.png'} (phone)")
