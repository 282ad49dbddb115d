"""A kabupaten's offline bundle as a field officer uses it: unzipped on a laptop or a phone, opened from its files
(``file://``, no server, no signal). Every tap goes to a file in the folder; nothing is asked of any other place."""

from __future__ import annotations

import zipfile
from pathlib import Path

import playwright.sync_api as playwright_api
from playwright.sync_api import expect

from generator.build import Paths
from tests.browser.conftest import PHONE

BUNDLE = "unduh/offline/6310.zip"
VILLAGE = "Segumbang"


def test_the_bundle_opens_from_files_home_village_and_its_kecamatan(
    built: Paths, browser: playwright_api.Browser, tmp_path: Path
):
    with zipfile.ZipFile(built.site / BUNDLE) as archive:
        archive.extractall(tmp_path)
    folder = (tmp_path / "6310-offline").as_uri() + "/"
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(folder + "index.html")
    expect(page.locator(".catatan-offline")).to_contain_text("data per")
    page.get_by_role("link", name="lihat cakupan Kabupaten Tanah Bumbu").click()
    expect(page).to_have_url(folder + "kabupaten/6310/index.html")
    page.locator("article").get_by_role("link", name="Batu Licin", exact=True).first.click()
    expect(page).to_have_url(folder + "kecamatan/631001/index.html")
    page.locator("article").get_by_role("link", name=VILLAGE, exact=True).first.click()
    expect(page).to_have_url(folder + "desa/6310012005/index.html")
    expect(page.locator("h1")).to_contain_text(VILLAGE)
    page.get_by_role("link", name="Lihat apa yang bisa diklaim keluarganya").click()
    expect(page).to_have_url(folder + "klaim/index.html")
    page.go_back()
    page.locator("nav.remah").get_by_role("link", name="Kecamatan Batu Licin").click()
    expect(page).to_have_url(folder + "kecamatan/631001/index.html")
    page.locator(".md-header__button[for='__search']").click()
    page.locator("#cari-masukan").fill("segumbang")  # the search needs the site online, and says so
    expect(page.locator("#cari-keterangan")).to_contain_text("salinan offline")

    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith(folder)] == []
