"""The files of a village besides its page: its poster (``poster/``) and its badge (``lencana.svg``).

They are written with the village's page, in the same worker process, and kept with it by a rebuild:
both show only the village's own figures and what every page shows.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.compute.aggregate import Coverage
from generator.render.badge import BADGE, badge
from generator.render.pages import POSTER, Renderer
from generator.render.poster import Posters


class VillageFiles:
    """Writes the posters and badges of one renderer's villages."""

    def __init__(self, renderer: Renderer) -> None:
        self.posters = Posters(renderer)
        self.sample = renderer.data.sample

    def write(self, site: Path, node: Coverage) -> None:
        """Write the poster and the badge of the village ``node`` into its folder under ``site``."""
        folder = f"{site}/{node.region.url}"
        os.makedirs(folder + POSTER, exist_ok=True)
        write_file(folder + POSTER + "index.html", self.posters.poster(node))
        write_file(folder + BADGE, badge(node, self.sample))


def write_file(path: str, content: str | bytes) -> None:
    """A new file; plain ``os`` calls, as there are several per village (a quarter of a second per thousand saved)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(descriptor, content.encode() if isinstance(content, str) else content)
    finally:
        os.close(descriptor)
