"""The HTML of one village page, pinned: any change to what a resident reads there shows up as a diff to review.

When a change to that page is intended, write the new page and review it with ``git diff``:

    GOLDEN=update .venv/bin/python -m pytest tests/test_golden.py

The page is rendered from the built-in data (its figures follow ``make sample``), without the MkDocs chrome
around it, so a new Material release does not move it.
"""

from __future__ import annotations

import os

from generator.build import renderer_of
from generator.read.dataset import load_dataset
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "desa-6310012005.html"


def village_page() -> str:
    renderer = renderer_of(load_dataset(ROOT / "data"))
    page = next(page for page in renderer.pages() if page.url == "desa/6310012005/")
    return f"<!-- {page.title} | {page.description} | {page.shell} -->\n{page.content}\n"


def test_the_village_page_is_as_pinned():
    rendered = village_page()
    if os.environ.get("GOLDEN") == "update":
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8"), "page changed; see this file's docstring to update it"
