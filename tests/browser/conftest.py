"""The built site in a real browser: Debian's Chromium driven by Playwright, the site served on 127.0.0.1.

One browser for the whole session; every test gets a fresh context (empty cache, no cookies) at
360 × 740, the screen of a cheap Android phone. The site is served by Debian's nginx with the
shipped configuration (``deploy/nginx/``, ``tests/nginx.py``): its compressed copies, headers and
Content-Security-Policy, so the sizes in the browser's network log are what a resident's phone would
download, and a page that breaks the policy fails.

A visit fails its test when the page logs a console error, throws, breaks the Content-Security-Policy,
or asks for anything that is not on the loopback server (such requests are aborted, never sent).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import playwright.sync_api as playwright_api
import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.build import Paths
from generator.compute.aggregate import Tree, build_tree
from generator.formatting import number
from generator.read.dataset import load_dataset
from tests.helpers import ROOT
from tests.nginx import nginx

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium (`apt-get install chromium`; `make test` does it). Playwright's own browser download is not used."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
OUTPUT = ROOT / "build" / "peramban"
"""Where the tests leave what a person may want to look at or quote: screenshots, the page weight."""

PAGES = {
    "beranda": "",
    "halaman program": "manfaat/",
    "cakupan": "cakupan/",
    "pembaruan data": "pembaruan-data/",
    "kabupaten": "kabupaten/6310/",
    "kecamatan": "kecamatan/631001/",
    "desa": "desa/6310012005/",
    "poster desa": "desa/6310012005/poster/",
    "tentang data": "tentang-data/",
    "unduh data": "unduh/",
    "api data": "unduh/api/",
    "aksesibilitas": "aksesibilitas/",
    "berita": "berita/",
}
"""One page of every type, by a name that reads well in a test id."""


@pytest.fixture(scope="session")
def site_url(built: Paths, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of the default site, served by Debian's nginx with the shipped configuration for the session."""
    with nginx(built.site.resolve(), tmp_path_factory.mktemp("nginx")) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[playwright_api.Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium), or set CHROMIUM=")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A fresh browser context and page, and everything that went wrong while it was open."""

    page: playwright_api.Page
    site_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def go(self, path: str, wait: str = "load") -> playwright_api.Page:
        response = self.page.goto(self.site_url + path, wait_until=wait)  # type: ignore[arg-type]
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return self.page

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"page error: {e}" for e in self.page_errors]
            + [f"request outside the site: {u}" for u in self.outside]
        )


CSP_WATCH = """addEventListener("securitypolicyviolation", e =>
  console.error(`Content-Security-Policy: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));"""
"""Every breach of the policy as a console error, which fails the visit (Chromium logs most of them itself)."""


def is_local(url: str, site_url: str) -> bool:
    return url.startswith(site_url) or url.startswith(("data:", "blob:", "about:"))


def open_visit(
    browser: playwright_api.Browser, site_url: str, **options
) -> tuple[playwright_api.BrowserContext, Visit]:
    """A new context at phone size (``options`` go to ``new_context``) whose outside requests are aborted."""
    context = browser.new_context(viewport=PHONE, locale="id-ID", **options)
    visit = Visit(context.new_page(), site_url)

    def guard(route: playwright_api.Route) -> None:
        if is_local(route.request.url, site_url):
            route.continue_()
        else:
            visit.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(CSP_WATCH)
    visit.page.on("console", lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} ({m.location})"))
    visit.page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
    return context, visit


@pytest.fixture
def visit(browser: playwright_api.Browser, site_url: str) -> Iterator[Visit]:
    """A fresh phone-sized browser tab; the test fails if anything went wrong on any page it opened."""
    context, visit = open_visit(browser, site_url)
    yield visit
    context.close()
    problems = visit.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def output() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT


SUMMARY: list[str] = []
"""Lines for the end of the test run's output: the measured page weight and where the screenshot is."""


def pytest_terminal_summary(terminalreporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def tree(built: Paths) -> Tree:
    """The coverage figures the pages should show, computed from the built-in data."""
    return build_tree(load_dataset(built.data))


def figures(enrolled: int, target: int) -> str:
    """How a coverage page states its figures: ``15.443 dari target 15.700``."""
    return f"{number(enrolled)} dari target {number(target)}"


axe = Axe()

INSPECT = """() => {
    const scrolls = (e) => {  // inside a box that scrolls or clips sideways (below the page itself)
        for (; e && e !== document.body; e = e.parentElement) {
            if (getComputedStyle(e).overflowX !== "visible") { return true; }
        }
        return false;
    };
    return {
        lang: document.documentElement.lang,
        headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
            .filter((h) => !h.closest(".md-search"))
            .map((h) => [Number(h.tagName[1]), h.textContent.trim()]),
        tables: [...document.querySelectorAll("article table")].map((t) => ({
            headers: t.querySelectorAll("thead th, tr:first-child > th").length,
            caption: t.caption ? t.caption.textContent.trim() : "",
            first: (t.rows[0] ? t.rows[0].textContent : "").trim().replace(/\\s+/g, " ").slice(0, 60),
        })),
        labelsWithAriaLabel: [...document.querySelectorAll("label[aria-label]")].map((l) => l.outerHTML.slice(0, 80)),
        scrollWidth: document.documentElement.scrollWidth,
        wide: [...document.querySelectorAll("article *, .md-header *, .md-footer *")]
            .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !scrolls(e.parentElement))
            .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")),
    };
}"""
"""What the tests read from a page. ``wide`` (reported when the page is wider than the screen): elements
sticking out on the right that no scrolling box around them holds."""


@dataclass
class Inspection:
    """One page of a type as loaded at 360 × 740: what axe-core found, and what the page is made of."""

    path: str
    violations: list[dict]
    lang: str
    headings: list[list]
    tables: list[dict]
    labels_with_aria_label: list[str]
    """``<label aria-label>``: a label's name is its text (Lighthouse counts ``aria-label`` there as misused)."""
    scroll_width: int
    wide: list[str]
    problems: list[str]


@pytest.fixture(scope="session")
def inspected(browser: playwright_api.Browser, site_url: str) -> Callable[[str], Inspection]:
    """``inspected(name)``: the page of that type in ``PAGES``, loaded once for all the tests that look at it."""
    done: dict[str, Inspection] = {}

    def get(name: str) -> Inspection:
        if name not in done:
            context, visit = open_visit(browser, site_url)
            try:
                page = visit.go(PAGES[name])
                violations = axe.run(page).response["violations"]
                found = page.evaluate(INSPECT)
            finally:
                context.close()
            done[name] = Inspection(
                path=PAGES[name],
                violations=violations,
                lang=found["lang"],
                headings=found["headings"],
                tables=found["tables"],
                labels_with_aria_label=found["labelsWithAriaLabel"],
                scroll_width=found["scrollWidth"],
                wide=found["wide"],
                problems=visit.problems(),
            )
        return done[name]

    return get
