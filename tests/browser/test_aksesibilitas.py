"""Accessibility of every page type in a real browser: axe-core, headings, language, focus, tables.

axe-core comes from the PyPI package axe-playwright-python, which ships a released axe.min.js: a
maintained copy installed with the other test dependencies, instead of one vendored here. A test fails
on any violation of impact "serious" or "critical" and prints the lesser ones. Each page is loaded
once (the ``inspected`` fixture) for all the tests that look at it.
"""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PAGES, Visit, axe

BLOCKING = ("serious", "critical")
GENERATED = ("cakupan", "pembaruan data", "kabupaten", "kecamatan", "desa")
"""Page types whose tables the generator writes, each with a caption."""


def blocking(violations: list[dict], where: str) -> list[str]:
    """Serious and critical axe violations, one line per element; prints the lesser ones."""
    for v in violations:
        if v["impact"] not in BLOCKING:
            print(f"{where}: {v['id']} ({v['impact']}) on {len(v['nodes'])} element(s): {v['help']}")
    return [
        f"{where}: {v['id']} ({v['impact']}) {v['help']}: {node['target']} {node['failureSummary']}"
        for v in violations
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_and_stays_on_the_site(inspected, name: str):
    assert inspected(name).problems == []


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_axe_violation(inspected, name: str):
    assert blocking(inspected(name).violations, name) == []


def test_no_serious_axe_violation_in_the_open_search_and_menu(visit: Visit):
    page = visit.go("desa/6310012005/")
    page.locator(".md-header__button[for='__search']").click()
    page.keyboard.type("sungai")
    expect(page.locator("#cari-hasil a").first).to_be_visible()
    problems = blocking(axe.run(page).response["violations"], "pencarian")
    page.keyboard.press("Escape")
    page.locator(".md-header__button[for='__drawer']").click()
    expect(page.locator(".md-sidebar--primary").get_by_role("link", name="Beranda")).to_be_visible()
    assert problems + blocking(axe.run(page).response["violations"], "menu") == []


@pytest.mark.parametrize("name", PAGES)
def test_no_label_is_named_by_aria_label(inspected, name: str):
    assert inspected(name).labels_with_aria_label == []


@pytest.mark.parametrize("name", PAGES)
def test_language_is_indonesian(inspected, name: str):
    assert inspected(name).lang == "id"


@pytest.mark.parametrize("name", PAGES)
def test_one_h1_and_no_heading_level_skipped(inspected, name: str):
    headings = inspected(name).headings
    assert headings and headings[0][0] == 1, f"the first heading is not an h1: {headings[:1]}"
    assert [h for h in headings if h[0] == 1] == headings[:1], "more than one h1"
    skipped = [f"h{b[0]} «{b[1]}» after h{a[0]} «{a[1]}»" for a, b in itertools.pairwise(headings) if b[0] > a[0] + 1]
    assert skipped == []


@pytest.mark.parametrize("name", PAGES)
def test_tables_have_header_cells_and_generated_ones_a_caption(inspected, name: str):
    tables = inspected(name).tables
    assert [t["first"] for t in tables if not t["headers"]] == [], "tables without header cells"
    if name in GENERATED:
        assert tables, "no table"
        assert [t["first"] for t in tables if not t["caption"]] == [], "tables without a caption"


FOCUS = """() => {
    const e = document.activeElement, s = getComputedStyle(e), box = e.getBoundingClientRect();
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    return {tag: e.tagName, text: (e.getAttribute("aria-label") || e.textContent).trim().slice(0, 40),
            inArticle: !!e.closest("article"), ring: outline || s.boxShadow !== "none",
            seen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                  && box.top < innerHeight && box.left < innerWidth};
}"""


def test_keyboard_focus_is_always_visible_and_reaches_the_content(visit: Visit):
    """Tab from the top of a village page: every stop is on screen with a visible ring, and one is a content link."""
    page: Page = visit.go("desa/6310012005/")
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS))
    hidden = [s for s in stops if not (s["seen"] and s["ring"])]
    assert hidden == [], f"focus not visible at: {hidden}"
    assert stops[0]["tag"] == "A", "the first Tab goes to the skip link"
    assert any(s["tag"] == "A" and s["inArticle"] for s in stops), f"no content link among {stops}"
