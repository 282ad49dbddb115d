"""Pages at old village codes (``kode_lama.csv``): a printed QR code or a shared link keeps working after
Kemendagri renumbers, splits or merges a village.

An old code that became one village forwards to it without JavaScript (``meta refresh``), with a
canonical link and ``noindex`` so search engines keep only the new page. Its poster address forwards
too, and its badge is the new village's, so badges on village websites keep showing the figure. An old
code that was split lists the villages it became.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from generator.model import CodeChange, Region
from generator.render.badge import BADGE, badge
from generator.render.pages import POSTER, ROOT_FROM_REGION, Renderer


class Target(NamedTuple):
    code: str
    name: str
    link: str
    address: str


def write_forwards(site: Path, renderer: Renderer) -> None:
    """Write the page of every old village code under ``site``."""
    for change in renderer.data.code_changes:
        old = Region(change.old, "")
        folder = site / old.url
        (folder / POSTER).mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(_forward(renderer, change, ROOT_FROM_REGION, ""), "utf-8")
        (folder / POSTER / "index.html").write_text(
            _forward(renderer, change, ROOT_FROM_REGION + "../", POSTER), "utf-8"
        )
        if len(change.new) == 1:
            node = renderer.tree.by_code[change.new[0]]
            (folder / BADGE).write_text(badge(node, renderer.data.sample), "utf-8")


def _forward(renderer: Renderer, change: CodeChange, root: str, below: str) -> str:
    regions = [renderer.data.regions[code] for code in change.new]
    villages = [Target(r.code, r.full_name, root + r.url + below, renderer.site_url + r.url + below) for r in regions]
    return renderer.render("forward", old=change.old, changed=change.changed, villages=villages, root=root)
