"""What a resident does on a phone, in a real browser: find a village, read it, move around, find a topic.

Every test runs in a fresh 360 × 740 tab and fails on a console error, a page error or any request
that leaves the site (see conftest.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import Tree, Visit, figures
from tests.helpers import ROOT
from tests.helpers import figures as data_figures

SEGUMBANG = "63.10.01.2005"


def open_search(page: Page) -> None:
    """Tap the magnifier in the header, as on a phone; the search box gets the focus."""
    page.locator(".md-header__button[for='__search']").click()
    expect(page.locator("#cari-masukan")).to_be_focused()


def article_text(page: Page) -> str:
    return " ".join(page.locator("article").inner_text().split())


def test_type_a_village_name_on_the_home_page_and_read_its_figures(visit: Visit, tree: Tree):
    page = visit.go("")
    open_search(page)
    page.keyboard.type("Segumbang", delay=20)
    result = page.locator("#cari-hasil a", has_text="Desa Segumbang")
    expect(result).to_have_count(1)
    result.click()
    expect(page).to_have_url(re.compile(r"/desa/6310012005/$"))
    expect(page.locator("h1")).to_have_text("Desa Segumbang")
    expected = data_figures(ROOT / "data")  # the built-in data, read from its files
    village = tree.by_code[SEGUMBANG]
    assert (village.enrolled, village.target) == (expected.enrolled(SEGUMBANG), expected.target(SEGUMBANG))
    assert figures(village.enrolled, village.target) in article_text(page)


def test_enter_in_the_search_box_opens_the_first_place_found(visit: Visit):
    page = visit.go("cakupan/")
    open_search(page)
    page.keyboard.type("segumbag")  # one letter missing
    expect(page.locator("#cari-hasil a").first).to_contain_text("Segumbang")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desa/6310012005/$"))


def test_up_by_the_breadcrumbs_and_down_through_the_tables(visit: Visit, tree: Tree):
    page = visit.go("desa/6310012005/")
    crumbs = page.get_by_role("navigation", name="Letak halaman")
    crumbs.get_by_role("link", name="Kecamatan Batu Licin").click()
    expect(page).to_have_url(re.compile(r"/kecamatan/631001/$"))
    expect(page.locator("h1")).to_have_text("Kecamatan Batu Licin")
    kecamatan = tree.by_code["63.10.01"]
    assert figures(kecamatan.enrolled, kecamatan.target) in article_text(page)

    crumbs.get_by_role("link", name="Kabupaten Tanah Bumbu").click()
    expect(page).to_have_url(re.compile(r"/kabupaten/6310/$"))
    expect(page.locator("h1")).to_have_text("Kabupaten Tanah Bumbu")
    kabupaten = tree.by_code["63.10"]
    assert figures(kabupaten.enrolled, kabupaten.target) in article_text(page)

    page.locator("article table").get_by_role("link", name="Batu Licin", exact=True).click()
    expect(page).to_have_url(re.compile(r"/kecamatan/631001/$"))
    page.locator("article table").get_by_role("link", name="Segumbang", exact=True).click()
    expect(page).to_have_url(re.compile(r"/desa/6310012005/$"))
    expect(page.locator("h1")).to_have_text("Desa Segumbang")


def test_search_a_programme_word_and_reach_the_benefits_page(visit: Visit):
    page = visit.go("")
    open_search(page)
    page.keyboard.type("beasiswa", delay=20)
    result = page.locator("#cari-hasil a[href*='/manfaat/']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/manfaat/(#.*)?$"))
    expect(page.locator("h1")).to_have_text("Manfaat")
    assert "beasiswa" in article_text(page).lower()


def test_menu_opens_from_the_keyboard_and_escape_closes_it(visit: Visit):
    page = visit.go("desa/6310012005/")
    menu = page.locator(".md-header__button[for='__drawer']")
    menu.focus()
    page.keyboard.press("Enter")
    link = page.locator(".md-sidebar--primary").get_by_role("link", name="Manfaat", exact=True)
    expect(link).to_be_visible()
    page.keyboard.press("Escape")
    expect(link).to_be_hidden()


def test_on_a_wide_screen_the_search_box_in_the_header_works_too(visit: Visit):
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 800})
    visit.go("kabupaten/6310/")
    page.locator("#cari-masukan").click()
    page.keyboard.type("segumbang")
    result = page.locator("#cari-hasil a", has_text="Desa Segumbang")
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(r"/desa/6310012005/$"))
