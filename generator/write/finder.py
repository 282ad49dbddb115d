"""The place finder's index: small files that a page fetches only once a resident types in the search box.

``cari/nama/<xx>.json`` holds every region with a word of its name starting with the two
letters ``xx`` (after folding case and accents), so a search fetches one small file however
many villages the site has. ``cari/kode/<kkkk>.json`` holds the villages and districts of
regency ``kkkk`` by code, so a code typed in full finds its village. The matching itself,
partial and slightly misspelled names included, runs in the browser (``docs/assets/cari.js``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.model import Level, Region

FINDER = "cari"
"""The finder's folder in the site."""
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


def write_finder(site: Path, paged: Iterable[Region], regions: dict[str, Region]) -> None:
    """Write the name and code shards of the regions that have a page (``paged``)."""
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
