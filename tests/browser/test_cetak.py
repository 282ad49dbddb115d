"""Printed coverage pages: what a village secretary gets on A4 from the browser's Print button.

Each page is printed to PDF once by Chromium (``page.pdf``, A4, the site's own print styles) and read back
with pypdf, then looked at again with print media emulated for what the PDF does not tell: which parts
are hidden, and how rows and figures are kept from breaking. The village page's PDF is kept as
build/peramban/desa-cetak.pdf for people to look at.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from tests.browser.conftest import SUMMARY, Tree, figures, open_visit

PRINTED = {
    "desa": ("desa/6310012005/", "63.10.01.2005"),
    "kecamatan": ("kecamatan/631001/", "63.10.01"),
    "cakupan": ("cakupan/", None),
}
"""The pages printed: path and the code of the region whose figures head it (None: the sum of all)."""

CHROME = {
    "header": ".md-header",
    "menu": ".md-sidebar--primary",
    "daftar isi": ".md-sidebar--secondary",
    "pencarian": ".md-search",
    "navigasi kaki": ".md-footer__inner",
}
"""The parts of the screen that have no place on paper."""

DESK = {"width": 1280, "height": 900}
"""The office computer a page is printed from: wide enough for the menu and the table of contents beside
the content, so that the test sees them go."""

IN_PRINT = """() => {
    const style = (selector, property) =>
        [...new Set([...document.querySelectorAll(selector)].map((e) => getComputedStyle(e)[property]))];
    const text = (cell) => {  // what is printed: not the words kept for screen readers
        const copy = cell.cloneNode(true);
        copy.querySelectorAll(".sr-only").forEach((e) => e.remove());
        return copy.textContent.replace(/\\s+/g, " ").trim();
    };
    const content = document.querySelector(".md-content").getBoundingClientRect();
    return {
        rows: [...document.querySelectorAll("article table tr")].map((row) => [...row.cells].map(text)),
        rowBreak: style("article tr", "breakInside"),
        figureBreak: style("article figure, article .capaian, article .admonition", "breakInside"),
        headingBreak: style("article h2, article h3", "breakAfter"),
        thead: style("article thead", "display"),
        linkDecoration: style("article a", "textDecorationLine"),
        contentWidth: content.width,
        pageWidth: document.documentElement.clientWidth,
    };
}"""


@dataclass
class Printed:
    """One page, printed: the text of each PDF page, and what print media makes of the page's parts."""

    path: str
    pages: list[str]
    chrome_on_screen: dict[str, bool]
    chrome_in_print: dict[str, bool]
    found: dict
    address_on_screen: bool | None
    address_in_print: bool | None
    problems: list[str]


def collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(browser: Browser, site_url: str, output) -> Callable[[str], Printed]:
    """``printed(name)``: the page of that name in ``PRINTED``, printed once for all the tests that read it."""
    done: dict[str, Printed] = {}

    def get(name: str) -> Printed:
        if name not in done:
            context, visit = open_visit(browser, site_url)
            try:
                visit.page.set_viewport_size(DESK)
                page = visit.go(PRINTED[name][0])
                address = page.locator(".alamat-cetak")
                has_address = address.count() > 0
                on_screen = {part: page.locator(s).first.is_visible() for part, s in CHROME.items()}
                address_on_screen = address.first.is_visible() if has_address else None
                pdf = page.pdf(format="A4")
                page.emulate_media(media="print")
                in_print = {part: page.locator(s).first.is_visible() for part, s in CHROME.items()}
                address_in_print = address.first.is_visible() if has_address else None
                found = page.evaluate(IN_PRINT)
            finally:
                context.close()
            if name == "desa":
                path = output / "desa-cetak.pdf"
                path.write_bytes(pdf)
                SUMMARY.append(f"Halaman desa dicetak ke PDF (A4): {path}")
            done[name] = Printed(
                path=PRINTED[name][0],
                pages=[collapsed(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages],
                chrome_on_screen=on_screen,
                chrome_in_print=in_print,
                found=found,
                address_on_screen=address_on_screen,
                address_in_print=address_in_print,
                problems=visit.problems(),
            )
        return done[name]

    return get


@pytest.mark.parametrize("name", PRINTED)
def test_header_menu_and_search_are_not_printed(printed, name: str):
    seen = printed(name)
    assert seen.problems == []
    on_screen = {part for part, shown in seen.chrome_on_screen.items() if shown}
    assert {"header", "menu", "daftar isi"} <= on_screen, "on screen they show (else this test checks nothing)"
    assert [part for part, shown in seen.chrome_in_print.items() if shown] == []
    # With them gone the content has the whole width of the sheet.
    assert seen.found["contentWidth"] >= seen.found["pageWidth"] - 1


@pytest.mark.parametrize("name", PRINTED)
def test_the_headline_figures_are_on_the_first_sheet(printed, tree: Tree, name: str):
    seen = printed(name)
    code = PRINTED[name][1]
    nodes = [tree.by_code[code]] if code else tree.roots
    expected = figures(sum(n.enrolled for n in nodes), sum(n.target for n in nodes))
    assert expected in seen.pages[0], f"{seen.path}: «{expected}» not on the first printed page"


@pytest.mark.parametrize("name", PRINTED)
def test_every_table_row_is_printed_whole_on_one_sheet(printed, name: str):
    seen = printed(name)
    found = seen.found
    assert found["rows"], f"{seen.path}: no table"
    # What keeps them whole: rows, figures and headings are told not to break, table headers repeat.
    assert found["rowBreak"] == ["avoid"]
    assert found["figureBreak"] == ["avoid"]
    assert found["headingBreak"] == ["avoid"]
    assert found["thead"] == ["table-header-group"]
    assert found["linkDecoration"] == ["underline"]
    # And in the PDF itself: every row's cells, figures included, are on one and the same page.
    split = [row for row in found["rows"] if not any(all(cell in page for cell in row) for page in seen.pages)]
    assert split == [], f"{seen.path}: rows not whole on any printed page: {split[:3]}"


@pytest.mark.parametrize("name", PRINTED)
def test_the_page_address_is_printed_at_the_foot_and_hidden_on_screen(printed, name: str):
    seen = printed(name)
    if seen.address_on_screen is None:
        pytest.skip(f"{seen.path} has no .alamat-cetak yet")
    assert not seen.address_on_screen
    assert seen.address_in_print
    assert "Alamat halaman ini:" in seen.pages[-1]
