"""Light pages for slow mobile data: what a first visit downloads, and the figures without JavaScript."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import SUMMARY, Tree, figures, open_visit

BUDGET = 60 * 1024
"""Bytes a first visit to a village page may transfer, gzip on, everything counted."""
VILLAGE = "desa/6310012005/"


def test_first_visit_to_a_village_page_transfers_at_most_60_kb(browser: Browser, site_url: str, output):
    """Empty cache, phone screen; the bytes on the wire (headers and compressed bodies) from the browser's log."""
    context, visit = open_visit(browser, site_url)
    page = visit.page
    log = context.new_cdp_session(page)
    log.send("Network.enable")
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    log.on("Network.requestWillBeSent", lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
    log.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    visit.go(VILLAGE, wait="networkidle")  # includes what is fetched after load (the icon, anything lazy)
    context.close()

    rows = sorted(((size, urls[rid].removeprefix(site_url)) for rid, size in sizes.items() if size), reverse=True)
    total = sum(size for size, _ in rows)
    breakdown = "\n".join(f"{size / 1024:8.1f} KB  {url or '/'}" for size, url in rows)
    report = f"Kunjungan pertama ke /{VILLAGE} (360 × 740, gzip): {total / 1024:.1f} KB dalam {len(rows)} permintaan\n"
    print(f"\n{report}{breakdown}")
    SUMMARY.append(report.rstrip() + f" (rincian: {output / 'berat-halaman-desa.txt'})")
    (output / "berat-halaman-desa.txt").write_text(report + breakdown + "\n", encoding="utf-8")
    (output / "berat-halaman-desa.json").write_text(
        json.dumps({"page": VILLAGE, "bytes": total, "requests": [{"url": u, "bytes": s} for s, u in rows]}, indent=1),
        encoding="utf-8",
    )
    assert visit.problems() == []
    assert total <= BUDGET, f"{total / 1024:.1f} KB > {BUDGET / 1024:.0f} KB:\n{breakdown}"


COVERAGE_PAGES = {
    "desa": (VILLAGE, "63.10.01.2005"),
    "kecamatan": ("kecamatan/631001/", "63.10.01"),
    "kabupaten": ("kabupaten/6310/", "63.10"),
    "cakupan": ("cakupan/", None),
}


@pytest.mark.parametrize("kind", COVERAGE_PAGES)
def test_key_figures_are_in_the_html_and_read_without_javascript(browser: Browser, site_url: str, tree: Tree, kind):
    path, code = COVERAGE_PAGES[kind]
    # The overview states the sum of every province.
    nodes = [tree.by_code[code]] if code else tree.roots
    expected = figures(sum(n.enrolled for n in nodes), sum(n.target for n in nodes))
    context, visit = open_visit(browser, site_url, java_script_enabled=False)
    try:
        page = visit.go(path)
        assert "no-js" in (page.locator("html").get_attribute("class") or ""), "the page's script ran"
        text = " ".join(page.locator("article").inner_text().split())
        tables = page.locator("article table").count()
    finally:
        context.close()
    assert visit.problems() == []
    assert expected in text, f"{path}: «{expected}» not on the page without JavaScript"
    assert tables > 0, f"{path}: no table without JavaScript"
