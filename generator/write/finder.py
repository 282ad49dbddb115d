"""The place finder's index: small files that a page fetches only once a resident types in the search box.

``cari/nama/<xx>.json`` holds every region with a word of its name starting with the two
letters ``xx`` (after folding case and accents), so a search fetches one small file however
many villages the site has. ``cari/kode/<kkkk>.json`` holds the villages and districts of
regency ``kkkk`` by code, so a code typed in full finds its village. The matching itself,
partial and slightly misspelled names included, runs in the browser (``docs/assets/cari.js``).

The programme pages are found through MkDocs' own index, split by language (``search/search_index.json`` for the
Indonesian pages, ``search/search_index.en.json`` for the English ones), so a resident's search does not
download the English pages' words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.model import Level, Region
from generator.render.languages import ENGLISH_FOLDER

FINDER = "cari"
"""The finder's folder in the site."""
SEARCH_INDEX = "search/search_index.json"
ENGLISH_SEARCH_INDEX = "search/search_index.en.json"
Record = tuple[str, str, str]
"""Full name, where it lies (district, regency, province) and its address from the site root."""


def fold(text: str) -> str:
    """Lower case, without accents, letters and digits only, one space between words: as ``cari.js`` folds."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def name_keys(name: str) -> set[str]:
    """The shard keys of a name: the first two characters of each word of two or more."""
    return {word[:2] for word in fold(name).split() if len(word) >= 2}


def write_finder(site: Path, paged: Iterable[Region] | None, regions: dict[str, Region]) -> None:
    """Split the index of the programme pages by language, and write the name and code shards of the regions
    that have a page (``paged``; ``None``: the published shards are still current)."""
    _split_search_index(site)
    if paged is None:
        return
    by_key: defaultdict[str, list[Record]] = defaultdict(list)
    by_regency: defaultdict[str, dict[str, Record]] = defaultdict(dict)
    for region in paged:
        code = region.code
        record = (region.full_name, _context(region, regions), region.url)
        for key in sorted(name_keys(region.name)):
            by_key[key].append(record)
        if region.level >= Level.KECAMATAN:
            by_regency[code[:5].replace(".", "")][region.slug] = record
    _write_all(site / FINDER / "nama", by_key)
    _write_all(site / FINDER / "kode", by_regency)


def _context(region: Region, regions: dict[str, Region]) -> str:
    """``Kecamatan Batu Licin, Kabupaten Tanah Bumbu, Kalimantan Selatan`` for a village."""
    parts, code = [], region.code
    while code := code.rpartition(".")[0]:
        ancestor = regions[code]
        parts.append(ancestor.name if ancestor.level == Level.PROVINSI else ancestor.full_name)
    return ", ".join(parts)


def _write_all(folder: Path, shards: Mapping[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for key, records in shards.items():
        text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{key}.json").write_text(text, encoding="utf-8")


def _split_search_index(site: Path) -> None:
    """Move the English pages out of MkDocs' search index into their own file (``ENGLISH_SEARCH_INDEX``)."""
    index = site / SEARCH_INDEX
    if not index.is_file():
        return
    found = json.loads(index.read_text(encoding="utf-8"))
    english = [doc for doc in found["docs"] if doc["location"].startswith(ENGLISH_FOLDER)]
    indonesian = [doc for doc in found["docs"] if not doc["location"].startswith(ENGLISH_FOLDER)]
    for path, docs in ((index, indonesian), (site / ENGLISH_SEARCH_INDEX, english)):
        text = json.dumps({**found, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
