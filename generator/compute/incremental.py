"""What a rebuild can keep: the provinces whose data did not change, and the pages that stay the same.

A build remembers what it published (:class:`LastBuild`). The next build, given the new data,
asks here which provinces changed; the coverage tree and the disclosure rule are computed again
for those only (``aggregate.build_tree``, ``protection.protect``). Then it asks which region pages
would come out the same: those are neither rendered nor written again (``shell.write_pages``), and
only the files that changed are moved into the published site (``publish.publish_changes``).

Anything every page shows (the region names, offices, facts, settings, the months of the
history, the site's own template) counts as a change to every province, so such a change is a
full rebuild. ``tests/test_incremental.py`` checks that a rebuild equals a full build of the
same data, file for file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.compute.aggregate import Coverage, regions_of
from generator.compute.protection import Published
from generator.model import Dataset, Level

EVERYWHERE = ""
"""Fingerprint key of the data every page uses (see ``Dataset.fingerprints``)."""


@dataclass(frozen=True)
class Pages:
    """What a build's generated pages are made of: the published tree, the regions that have a page, and
    whether the data spans several regencies (which changes every page's breadcrumbs)."""

    published: Published
    regions: frozenset[str]
    multi: bool


@dataclass
class Sections:
    """Where each kabupaten's rows lie in the national open-data files written last (``write/open_data.py``):
    byte ranges (start, end, and the rows between) by file, then by kabupaten code. A rebuild copies the
    unchanged kabupaten's rows from there."""

    ranges: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class LastBuild:
    """The last build that was published: its data's fingerprints, its pages, the region shell they were
    poured into, and which folder ``site/`` was then (a full build by anyone else puts another folder there)."""

    fingerprints: dict[str, bytes]
    pages: Pages
    region_shell: bytes
    folder: tuple[int, int]
    """Device and inode of ``site/``."""
    open_data: Sections = field(default_factory=lambda: Sections())
    """Where each kabupaten's rows lie in the national open-data files."""


def folder_id(site: Path) -> tuple[int, int]:
    status = site.stat()
    return status.st_dev, status.st_ino


def changed_provinces(before: LastBuild | None, data: Dataset) -> frozenset[str] | None:
    """Codes of the provinces whose data differs from the published build's; ``None`` when every page may differ."""
    if before is None:
        return None
    old, new = before.fingerprints, data.fingerprints
    if old.get(EVERYWHERE) != new.get(EVERYWHERE):
        return None
    return frozenset(code for code in old.keys() | new.keys() if old.get(code) != new.get(code))


def unchanged_provinces(data: Dataset, changed: frozenset[str] | None) -> frozenset[str]:
    """The complement of :func:`changed_provinces` among the data's provinces."""
    if changed is None:
        return frozenset()
    return frozenset(code for code, region in data.regions.items() if region.level == Level.PROVINSI) - changed


def unchanged_pages(
    before: LastBuild | None, now: Pages, changed: frozenset[str] | None, region_shell: bytes
) -> frozenset[str] | None:
    """Codes of the regions whose page would be byte for byte the published one; ``None`` when a full build is due.

    That is every region of an unchanged province, and in a changed province every village whose own
    figures and hidden cells are equal, and every region above whose children are all unchanged and whose
    own hidden cells are equal. Nothing is kept when the months, the region shell or the data every page
    uses changed.
    """
    if before is None or changed is None or before.region_shell != region_shell:
        return None
    old, new = before.pages.published, now.published
    if old.tree.months != new.tree.months or before.pages.multi != now.multi:
        return None
    old_hidden, new_hidden = _hidden_by_region(old, changed), _hidden_by_region(new, changed)
    kept: list[str] = []

    def keep_unchanged(node: Coverage) -> bool:
        """Note every unchanged region from ``node`` down; whether ``node`` itself is unchanged."""
        code = node.region.code
        children = [keep_unchanged(child) for child in node.children]
        if node.region.level == Level.DESA:
            same = old.tree.by_code.get(code) == node
        else:  # its figures are its children's sums, and its table lists them
            same = all(children) and code in old.tree.by_code
        if same and old_hidden.get(code) == new_hidden.get(code):
            kept.append(code)
            return True
        return False

    for root in new.tree.roots:
        if root.region.code in changed:
            keep_unchanged(root)
        else:
            kept.extend(node.region.code for node in regions_of(root))
    return frozenset(kept) & now.regions  # regions with a page


def _hidden_by_region(published: Published, provinces: frozenset[str]) -> dict[str, frozenset[int]]:
    """The hidden cells of each region of the given provinces."""
    return {
        code: cells for province in provinces for code, cells in published.hidden.by_province.get(province, {}).items()
    }
