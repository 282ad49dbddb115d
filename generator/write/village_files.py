"""The files of a village besides its page: its poster (``poster/``) and its badge (``lencana.svg``).

They are written with the village's page, in the same worker process, and kept with it by a rebuild:
both show only the village's own figures and what every page shows.
"""

from __future__ import annotations

from pathlib import Path

from generator.compute.aggregate import Coverage
from generator.render.badge import BADGE, badge
from generator.render.pages import Renderer
from generator.render.poster import POSTER, poster


def write_village_files(site: Path, renderer: Renderer, node: Coverage) -> None:
    """Write the poster and the badge of the village ``node`` into its folder under ``site``."""
    folder = site / node.region.url
    (folder / POSTER).mkdir(exist_ok=True)
    (folder / POSTER / "index.html").write_text(poster(renderer, node), "utf-8")
    (folder / BADGE).write_text(badge(node, renderer.data.sample), "utf-8")
