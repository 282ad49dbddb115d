"""The open-data files under ``unduh/``: CSV tables per level, nationally and per kabupaten, with their packages.

Every file holds exactly the figures of the pages (rows from ``render/open_records.py``, columns from
``render/data_dictionary.py``): counts only, hidden
cells empty and named in ``disembunyikan``. National files are one table per level (``desa.csv``,
``kecamatan.csv``, ``kabupaten.csv``, ``provinsi.csv`` when provinces have pages), the monthly history
(``riwayat-bulanan.csv``) and one archive of the villages per month (``arsip/desa-2026-11.csv``); each kabupaten
has its own folder (``kabupaten/6310/``) with its villages, kecamatan and history, and its own data package.

A national file is its header followed by one section per kabupaten, in code order. A rebuild writes the
sections of the changed kabupaten only: the others are copied from the published file, by the byte ranges
the last build noted (:class:`Sections`), and their kabupaten folders are left as published.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.compute.aggregate import Coverage
from generator.compute.incremental import Sections
from generator.model import FOLDERS, Level
from generator.render.data_dictionary import (
    HISTORY,
    LEVEL_TABLES,
    OPEN_DATA_FOLDER,
    REGENCY_FOLDER,
    SNAPSHOT,
    OpenFile,
    Table,
)
from generator.render.open_records import Records, Value, history_rows, snapshot_rows
from generator.render.pages import Renderer
from generator.write import data_package

FOLDER = OPEN_DATA_FOLDER
VILLAGES = FOLDER + "desa.csv"
"""The national villages table; the next build reads it back to tell staff what changed (``published_totals``)."""
ARCHIVE_FOLDER = FOLDER + "arsip/"
ARCHIVE_PREFIX = ARCHIVE_FOLDER + "desa-"
ARCHIVE = ARCHIVE_PREFIX + "{month}.csv"


@dataclass(frozen=True)
class OpenData:
    """What a build published as open data: the national files, and the sections the next build may reuse."""

    national: list[OpenFile]
    kabupaten: int
    """Kabupaten folders written by this build (the others were kept as published)."""
    files: int
    """National files, their package and its schema file."""
    size: int
    package: int
    """The size of the national package."""
    sections: Sections
    seconds: float
    """How long writing it all took."""


@dataclass
class Section:
    """Rows of one kabupaten for one national file, as CSV text (made now, or copied from the published file)."""

    rows: int
    text: bytes


RegencySections = dict[str, Section]
"""A kabupaten's sections, by the path of the national file they belong in."""


def write_open_data(
    site: Path, renderer: Renderer, regencies: dict[str, RegencySections], before: tuple[Path, Sections] | None = None
) -> OpenData:
    """Write the national files and their package into ``site``, from the sections of the kabupaten written
    (``regencies``, by code: :func:`write_regency` wrote their folders). In a rebuild, the sections of the other
    kabupaten are copied from the published files of ``before`` (the site and its sections)."""
    started = time.perf_counter()
    records = Records(renderer.published)
    tree = renderer.tree
    previous = _Previous(before) if before else None
    sections: dict[str, list[tuple[str, Section]]] = {}
    for regency in sorted((n for n in tree.by_code.values() if n.region.level == Level.KABUPATEN), key=_code):
        code = regency.region.code
        own = regencies.get(code) or (previous.sections(code) if previous else None)
        if own is None:  # not written, and not found in the published files
            own = regencies[code] = write_regency(site, regency, records.row, renderer)
        for path, section in own.items():
            sections.setdefault(path, []).append((code, section))
    national, ranges = _write_national(site, renderer, records, sections)
    package = data_package.write(site / FOLDER, data_package.national(national, renderer))
    files, size = len(national) + package[0], sum(f.size for f in national) + package[1]
    seconds = time.perf_counter() - started
    return OpenData(national, len(regencies), files, size, package[1], Sections(ranges), seconds)


def write_regency(
    site: Path, regency: Coverage, row: Callable[[Coverage], list[Value]], renderer: Renderer
) -> RegencySections:
    """Write the kabupaten's own folder (its villages, kecamatan and history, and their package); returns its
    sections of the national files. ``row`` gives a region's row (:meth:`Records.row`)."""
    sections = _regency_sections(regency, row, renderer)
    _write_regency(site, regency, sections, renderer)
    return sections


def _code(node: Coverage) -> str:
    return node.region.code


def _csv(rows: Iterable[list[Value]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _header(table: Table) -> bytes:
    return _csv([list(table.header)])


def _regency_sections(regency: Coverage, row: Callable[[Coverage], list[Value]], renderer: Renderer) -> RegencySections:
    """The rows of one kabupaten in each national file, by the national file's path."""
    nodes = sorted(_below(regency), key=_code)
    villages = [n for n in nodes if n.region.level == Level.DESA]
    districts = [n for n in nodes if n.region.level == Level.KECAMATAN]
    months = renderer.tree.months
    history = [row for node in [regency, *nodes] for row in history_rows(node, months)]
    sections = {
        VILLAGES: Section(len(villages), _csv(row(n) for n in villages)),
        FOLDER + "kecamatan.csv": Section(len(districts), _csv(row(n) for n in districts)),
        FOLDER + HISTORY.name + ".csv": Section(len(history), _csv(history)),
    }
    by_month: dict[dt.date, list[list[Value]]] = {month: [] for month in months}
    names = _names(renderer)
    for village in villages:
        for month, archived in snapshot_rows(village, names, months).items():
            by_month[month].append(archived)
    for month, rows in by_month.items():
        sections[ARCHIVE.format(month=month.isoformat()[:7])] = Section(len(rows), _csv(rows))
    return sections


def _names(renderer: Renderer) -> Callable[[str], str]:
    """A region's name by its code."""
    return lambda code: renderer.tree.by_code[code].region.name


def _below(node: Coverage) -> Iterable[Coverage]:
    for child in node.children:
        yield child
        yield from _below(child)


def _write_regency(site: Path, regency: Coverage, sections: RegencySections, renderer: Renderer) -> None:
    """The kabupaten's own folder: its villages, kecamatan and history, and their package."""
    folder = REGENCY_FOLDER.format(slug=regency.region.slug)
    (site / folder).mkdir(parents=True, exist_ok=True)
    own = []
    for table in (LEVEL_TABLES[Level.DESA], LEVEL_TABLES[Level.KECAMATAN], HISTORY):
        section = sections[FOLDER + table.name + ".csv"]
        own.append(_write(site, folder + table.name + ".csv", table, [section]))
    data_package.write(site / folder, data_package.regency(regency, own, folder, renderer))


def _write(site: Path, path: str, table: Table, sections: list[Section], month: str = "") -> OpenFile:
    content = _header(table) + b"".join(section.text for section in sections)
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_bytes(content)
    return OpenFile(path, table, sum(s.rows for s in sections), len(content), month)


def _write_national(
    site: Path, renderer: Renderer, records: Records, sections: dict[str, list[tuple[str, Section]]]
) -> tuple[list[OpenFile], dict[str, dict[str, tuple[int, int, int]]]]:
    """The national files, each section after the other, and where each kabupaten's section lies in them."""
    tree = renderer.tree
    provinces = sorted(tree.roots, key=_code) if renderer.multi else []
    regencies = sorted((n for n in tree.by_code.values() if n.region.level == Level.KABUPATEN), key=_code)
    top_level = [(LEVEL_TABLES[Level.KABUPATEN], regencies)] + (
        [(LEVEL_TABLES[Level.PROVINSI], provinces)] * bool(provinces)
    )
    written = []
    for table, nodes in top_level:
        rows = Section(len(nodes), _csv(records.row(n) for n in nodes))
        written.append(_write(site, FOLDER + table.name + ".csv", table, [rows]))
    ranges: dict[str, dict[str, tuple[int, int, int]]] = {}
    for path, parts in sections.items():
        table = _table_of(path)
        if path == FOLDER + HISTORY.name + ".csv" and provinces:
            parts = _with_provinces(parts, provinces, tree.months)
        offset, ranges[path] = len(_header(table)), {}
        for code, section in parts:
            ranges[path][code] = (offset, offset + len(section.text), section.rows)
            offset += len(section.text)
        month = path.removeprefix(ARCHIVE_PREFIX).removesuffix(".csv") if table is SNAPSHOT else ""
        written.append(_write(site, path, table, [section for _, section in parts], month))
    order = [FOLDER + f"{FOLDERS[level]}.csv" for level in reversed(Level)] + [FOLDER + HISTORY.name + ".csv"]
    written.sort(key=lambda f: (order.index(f.path) if f.path in order else len(order), f.path))
    return written, ranges


def _table_of(path: str) -> Table:
    if path.startswith(ARCHIVE_FOLDER):
        return SNAPSHOT
    name = path.removeprefix(FOLDER).removesuffix(".csv")
    return HISTORY if name == HISTORY.name else next(t for t in LEVEL_TABLES.values() if t.name == name)


def _with_provinces(
    parts: list[tuple[str, Section]], provinces: list[Coverage], months: list
) -> list[tuple[str, Section]]:
    """The history's sections with each province's own rows before its first kabupaten's."""
    merged: list[tuple[str, Section]] = []
    for province in provinces:
        rows = history_rows(province, months)
        merged.append((province.region.code, Section(len(rows), _csv(rows))))
        merged += [(code, s) for code, s in parts if code[:2] == province.region.code]
    return merged


class _Previous:
    """The published national files and the byte ranges of their kabupaten sections, read on demand."""

    def __init__(self, before: tuple[Path, Sections]) -> None:
        self.site, self.ranges = before[0], before[1].ranges
        self.files: dict[str, bytes] = {}

    def sections(self, code: str) -> RegencySections | None:
        """The kabupaten's sections as published; None when some file or range is missing."""
        found = {}
        for path, ranges in self.ranges.items():
            if code not in ranges:
                return None
            if path not in self.files:
                try:
                    self.files[path] = (self.site / path).read_bytes()
                except OSError:
                    return None
            start, end, rows = ranges[code]
            found[path] = Section(rows, self.files[path][start:end])
        return found if found else None


def published_totals(path: Path) -> dict[str, tuple[int, str]] | None:
    """Enrolled and data date per village code from a published villages table; None if absent or unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as source:
            return {row["kode_desa"]: (int(row["peserta"]), row["data_per"]) for row in csv.DictReader(source)}
    except (OSError, KeyError, ValueError, csv.Error):
        return None
