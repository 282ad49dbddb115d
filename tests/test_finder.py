"""The place finder: the index files the generator writes, searched by the browser code itself (run in Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import renderer_of
from generator.read.dataset import load_dataset
from generator.sample import write_sample
from generator.write.finder import fold, write_finder
from tests.helpers import ROOT, WILAYAH, needs_wilayah

FINDER = ROOT / "docs" / "assets" / "cari.js"
HARNESS = """
const fs = require("fs"), path = require("path");
const [finder, site, queries, tricky] = process.argv.slice(1);  // node -e: no script name in argv
const cari = require(finder);
const read = (p) => fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, "utf8")) : null;
const out = {};
for (const query of JSON.parse(queries)) {
  const shard = cari.shardOf(query);
  const found = shard && read(path.join(site, "cari", shard.kind, shard.key + ".json"));
  const places = !found ? [] : shard.kind === "kode" ? [found[shard.code]].filter(Boolean)
    : cari.searchPlaces(found, query);
  const index = read(path.join(site, "search", "search_index.json"));
  out[query] = {places, pages: index ? cari.searchPages(index.docs, query).map((d) => d.title) : []};
}
out.__fold__ = JSON.parse(tricky).map(cari.fold);
console.log(JSON.stringify(out));
"""
TRICKY = ["Regapu’u", "Hati'if", "Pulo Lon / Pulo Dayah", "Matang Glumpang Dua Mns. Timu (X)", "Désa Éka", "KOTA  BARU"]


def find(site: Path, queries: list[str]) -> dict:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    command = ["node", "-e", HARNESS, str(FINDER), str(site), json.dumps(queries), json.dumps(TRICKY)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def country(tmp_path_factory) -> Path:
    """Finder files for Tanah Bumbu and two Javanese regencies with four villages called Sidomulyo each."""
    folder = tmp_path_factory.mktemp("negeri")
    write_sample(WILAYAH, folder / "data", {"63.10", "35.06", "33.05"}, months=2)
    shutil.copy(ROOT / "data" / "fakta.yaml", folder / "data" / "fakta.yaml")
    data = load_dataset(folder / "data")
    paged = [node.region for node in renderer_of(data).regions]  # provinces too: several regencies
    write_finder(folder / "site", paged, data.regions)
    return folder / "site"


@needs_wilayah
def test_part_of_a_name_misspellings_and_codes_find_the_village(country):
    found = find(country, ["segum", "Segumbag", "muara pag", "desa segumbang", "63.10.01.2005", "6310012005"])
    for query in found:
        if query != "__fold__":
            assert found[query]["places"][0][0] == "Desa Segumbang" or query == "muara pag", query
    assert [p[0] for p in found["muara pag"]["places"]][:2] == ["Desa Muara Pagatan", "Desa Muara Pagatan Tengah"]
    assert found["6310012005"]["places"][0][2] == "desa/6310012005/"


@needs_wilayah
def test_villages_with_the_same_name_are_told_apart_by_district_and_regency(country):
    found = find(country, ["sidomulyo", "sidomulya", "sidomulyo kediri"])
    places = found["sidomulyo"]["places"]
    same = [p for p in places if p[0] == "Desa Sidomulyo"]
    assert len(same) == 8 and len({p[1] for p in same}) == 8
    assert all(p[1].startswith("Kecamatan ") and ", Kabupaten " in p[1] for p in same)
    assert [p[0] for p in found["sidomulya"]["places"][:8]] == ["Desa Sidomulyo"] * 8
    narrowed = found["sidomulyo kediri"]["places"]
    assert narrowed and all("Kediri" in p[1] for p in narrowed)


def test_programme_pages_are_found_by_their_words(built):
    found = find(built.site, ["beasiswa", "cara klaim"])
    assert "Beasiswa untuk anak" in found["beasiswa"]["pages"]
    assert found["cara klaim"]["pages"][0] == "Cara klaim"
    assert not found["beasiswa"]["places"]


@needs_wilayah
def test_python_and_browser_fold_names_alike(country):
    assert find(country, [])["__fold__"] == [fold(name) for name in TRICKY]


def test_nothing_is_fetched_on_load_and_the_index_is_split_small(built):
    page = (built.site / "desa" / "6310012005" / "index.html").read_text(encoding="utf-8")
    assert 'name="search"' not in page  # Material would fetch its whole index on load
    assert "assets/cari.js" in page
    shards = list((built.site / "cari" / "nama").glob("*.json"))
    assert len(shards) > 30 and max(s.stat().st_size for s in shards) < 20_000
