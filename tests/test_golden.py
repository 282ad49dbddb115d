"""The HTML of one village page, its poster and its badge, pinned: any change to what a resident reads there shows up as a diff to review.

When a change to that page is intended, write the new page and review it with ``git diff``:

    GOLDEN=update .venv/bin/python -m pytest tests/test_golden.py

The page is rendered from the built-in data (its figures follow ``make sample``), without the MkDocs chrome
around it, so a new Material release does not move it.
"""

from __future__ import annotations

import os

import pytest

from generator.build import renderer_of
from generator.read.dataset import load_dataset
from generator.render.badge import badge
from generator.render.poster import Posters
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
SITE_URL = "https://1desa100pekerjarentan.example/"
"""The placeholder address of mkdocs.yml: the pinned poster shows its warning."""
VILLAGE = "63.10.01.2005"


def rendered() -> dict[str, str]:
    renderer = renderer_of(load_dataset(ROOT / "data"), SITE_URL)
    page = next(page for page in renderer.pages() if page.url == "desa/6310012005/")
    node = renderer.tree.by_code[VILLAGE]
    return {
        "desa-6310012005.html": f"<!-- {page.title} | {page.description} | {page.shell} -->\n{page.content}\n",
        "poster-6310012005.html": Posters(renderer).poster(node),
        "lencana-6310012005.svg": badge(node, renderer.data.sample),
    }


@pytest.mark.parametrize("name", ["desa-6310012005.html", "poster-6310012005.html", "lencana-6310012005.svg"])
def test_the_village_files_are_as_pinned(name):
    text = rendered()[name]
    if os.environ.get("GOLDEN") == "update":
        (GOLDEN / name).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / name).read_text(encoding="utf-8"), "changed; see this file's docstring to update it"
