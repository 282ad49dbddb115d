"""The 360 × 740 screen of a cheap phone: nothing wider than the screen, targets big enough for a finger."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.conftest import PAGES, PHONE, SUMMARY, Visit

MIN_TARGET = 24
"""CSS pixels: WCAG 2.2 success criterion 2.5.8, target size (minimum)."""


@pytest.mark.parametrize("name", PAGES)
def test_nothing_is_wider_than_the_screen(inspected, name: str):
    """Wide tables scroll inside their own box; the page itself never scrolls sideways."""
    seen = inspected(name)
    assert seen.scroll_width <= PHONE["width"], f"page is {seen.scroll_width} px wide; widest parts: {seen.wide}"


def small_targets(targets: Locator) -> list[str]:
    """The visible elements among ``targets`` smaller than MIN_TARGET in either direction."""
    small = []
    for i in range(targets.count()):
        target = targets.nth(i)
        box = target.bounding_box()
        if target.is_visible() and box and min(box["width"], box["height"]) < MIN_TARGET - 0.1:  # sub-pixel slack
            label = target.get_attribute("aria-label") or target.inner_text().strip()
            small.append(f"«{label}» {box['width']:.0f}×{box['height']:.0f}")
    return small


def test_header_menu_and_search_targets_are_at_least_24_px(visit: Visit):
    page = visit.go("desa/6310012005/")
    header = page.locator(".md-header").locator("a, label[tabindex], button")
    assert header.count() >= 2
    small = small_targets(header)

    page.locator(".md-header__button[for='__drawer']").click()
    menu = page.locator(".md-sidebar--primary .md-nav--primary").locator("a, label[tabindex]")
    expect(menu.first).to_be_visible()
    small += small_targets(menu)
    page.keyboard.press("Escape")

    page.locator(".md-header__button[for='__search']").click()
    page.keyboard.type("sungai")
    results = page.locator("#cari-hasil a")
    expect(results.first).to_be_visible()
    small += small_targets(page.locator(".md-search").locator("input, label.md-search__icon"))
    small += small_targets(results)
    assert small == []


def test_screenshot_of_a_village_page_on_a_phone(visit: Visit, output):
    """Saved for people to look at (build/peramban/desa-360x740.png), beside the page weight."""
    page = visit.go("desa/6310012005/")
    path = output / "desa-360x740.png"
    page.screenshot(path=path)
    print(f"\nscreenshot: {path}")
    SUMMARY.append(f"Tangkapan layar halaman desa, 360 × 740: {path}")
    assert path.stat().st_size > 0
