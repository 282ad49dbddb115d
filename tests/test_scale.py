"""What a page carries does not grow with the country."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build_site
from generator.sample import write_sample
from tests.helpers import WILAYAH, copy_project, needs_wilayah

SEGUMBANG = Path("desa") / "6310012005" / "index.html"


def build_regencies(folder: Path, regencies: set[str]) -> Path:
    """Build the site for sample data of ``regencies``; returns the site folder."""
    paths = copy_project(folder)
    facts = (paths.data / "fakta.yaml").read_bytes()
    shutil.rmtree(paths.data)
    write_sample(WILAYAH, paths.data, regencies, months=12)
    (paths.data / "fakta.yaml").write_bytes(facts)
    build_site(paths)
    return paths.site


@needs_wilayah
def test_a_village_page_is_the_same_size_however_many_villages_the_site_has(tmp_path):
    few = build_regencies(tmp_path / "sedikit", {"63.10", "11.01"})
    many = build_regencies(tmp_path / "banyak", {"63.10", "11.01", "11.02", "12.01", "12.02", "32.01"})
    assert len(list(many.glob("desa/*"))) > 3 * len(list(few.glob("desa/*")))
    assert (few / SEGUMBANG).stat().st_size == (many / SEGUMBANG).stat().st_size
