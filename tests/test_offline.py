"""The offline bundle of a kabupaten: unzipped, every page's links lead to a file in the bundle or to the
site online, every page carries the note of its data date, and two builds give the same bytes."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from generator.build import Paths, build_site, renderer_of
from generator.read.dataset import load_dataset
from generator.write import offline
from tests.htmltools import read_page

BUNDLE = "unduh/offline/6310.zip"


def unzip(built: Paths, target: Path) -> Path:
    with zipfile.ZipFile(built.site / BUNDLE) as archive:
        archive.extractall(target)
    return target / "6310-offline"


def test_the_bundle_holds_the_programme_pages_the_guide_and_every_village(built: Paths, tmp_path: Path):
    folder = unzip(built, tmp_path)
    assert (folder / "index.html").is_file() and (folder / "cara-klaim" / "index.html").is_file()
    assert len(list((folder / "klaim").rglob("index.html"))) == 37
    assert len(list((folder / "desa").glob("*/index.html"))) == 157
    assert len(list((folder / "kecamatan").glob("*/index.html"))) == 12
    assert (folder / "BACA-SAYA.txt").is_file()


def test_every_link_leads_into_the_bundle_or_online(built: Paths, tmp_path: Path):
    folder = unzip(built, tmp_path)
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Salinan offline" in text and "data per" in text, page
        for link in read_page(page).links:
            address = link.split("#")[0]
            if not address or re.match(r"^[a-z]+:", address):
                continue
            assert not address.endswith("/"), (page, link)  # a folder does not open from files
            assert (page.parent / address).resolve().is_file(), (page, link)


def test_the_bundle_is_reproducible(built: Paths, project: Paths):
    build_site(project)
    assert (project.site / BUNDLE).read_bytes() == (built.site / BUNDLE).read_bytes()


def test_bundles_written_by_two_processes_are_the_same(built: Paths, tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    shutil.copytree(built.site, site, ignore=shutil.ignore_patterns("*.gz", "*.br", "*.zip"))
    monkeypatch.setattr(offline, "MORE_BUNDLES_THAN", 0)
    nodes = renderer_of(load_dataset(built.data)).regions
    written = offline.write_offline_bundles(
        site, nodes, "https://1desa100pekerjarentan.example/", {"63.10"}, None, processes=2
    )
    assert written.bundles == 1 and (site / BUNDLE).read_bytes() == (built.site / BUNDLE).read_bytes()
