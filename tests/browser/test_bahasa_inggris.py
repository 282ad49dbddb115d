"""The English pages in Chromium: axe-core finds no violation of any impact, the language switch leads to the
matching page both ways, and the finder works from an English page (places, and English pages by their words)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit, axe
from tests.test_english import PROGRAMME

ENGLISH = [f"en/{page}" for page in PROGRAMME] + ["en/coverage/"]


@pytest.mark.parametrize("path", ENGLISH)
def test_english_page_has_no_axe_violation_of_any_impact(visit: Visit, path: str):
    page = visit.go(path)
    assert page.evaluate("document.documentElement.lang") == "en"
    violations = axe.run(page).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in violations] == []


def test_the_switch_leads_to_the_same_page_in_the_other_language(visit: Visit):
    page = visit.go("manfaat/")
    page.get_by_role("link", name="Read in English").click()
    expect(page).to_have_url(visit.site_url + "en/manfaat/")
    expect(page.locator("h1")).to_have_text("Benefits")
    page.get_by_role("link", name="Baca dalam Bahasa Indonesia").click()
    expect(page).to_have_url(visit.site_url + "manfaat/")
    assert page.evaluate("document.documentElement.lang") == "id"


def test_the_finder_works_from_an_english_page(visit: Visit):
    page = visit.go("en/")
    page.locator(".md-header__button[for='__search']").click()
    page.keyboard.type("segumbang")
    first = page.locator("#cari-hasil a").first
    expect(first).to_have_attribute("href", visit.site_url + "desa/6310012005/")
    expect(page.locator("#cari-keterangan")).to_contain_text("result")
    page.locator("#cari-masukan").fill("benefits")
    expect(page.locator("#cari-hasil a").first).to_have_attribute("href", visit.site_url + "en/manfaat/")
