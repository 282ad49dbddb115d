"""What changed: month against month in the data (for the site), and against the last published site (for staff).

The site's "Pembaruan data" page compares the two latest months of the data itself,
so the same data always gives the same page. The report printed at the end of a
build compares the new figures with ``unduh/cakupan-desa.csv`` of the site that was
published before, the open-data table every build publishes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator import formatting
from generator.compute.aggregate import Coverage, Tree
from generator.model import Level

OPEN_DATA = "unduh/cakupan-desa.csv"
"""The published table of village totals: counts only, one row per village."""
OPEN_DATA_COLUMNS = ("kode_desa", "desa", "kecamatan", "kabupaten", "provinsi", "target", "peserta", "data_per")
TOP = 10


@dataclass(frozen=True)
class VillageChange:
    node: Coverage
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class MonthSummary:
    month: dt.date
    enrolled: int
    reporting: int
    at_target: int


@dataclass(frozen=True)
class MonthOverMonth:
    """The latest month of the data against the one before it."""

    before: MonthSummary
    after: MonthSummary
    newly_reporting: list[Coverage]
    newly_at_target: list[Coverage]
    rises: list[VillageChange]
    falls: list[VillageChange]
    history: list[MonthSummary]
    """Every month of the data, newest first."""


def villages(tree: Tree) -> list[Coverage]:
    """Every village of the tree, in code order."""
    return [node for code, node in sorted(tree.by_code.items()) if node.region.level == Level.DESA]


def month_over_month(tree: Tree) -> MonthOverMonth | None:
    """Compare the last two months of the data; None when the data holds fewer than two months."""
    if len(tree.months) < 2:
        return None
    nodes = villages(tree)
    history = [_month(tree, nodes, index) for index in range(len(tree.months))]
    changes = [VillageChange(n, n.history[-2], n.history[-1]) for n in nodes]
    return MonthOverMonth(
        before=history[-2],
        after=history[-1],
        newly_reporting=[c.node for c in changes if c.before == 0 < c.after],
        newly_at_target=[c.node for c in changes if c.before < c.node.target <= c.after],
        rises=sorted((c for c in changes if c.change > 0), key=lambda c: (-c.change, c.node.region.code))[:TOP],
        falls=sorted((c for c in changes if c.change < 0), key=lambda c: (c.change, c.node.region.code))[:TOP],
        history=list(reversed(history)),
    )


def _month(tree: Tree, nodes: list[Coverage], index: int) -> MonthSummary:
    return MonthSummary(
        tree.months[index],
        sum(n.history[index] for n in nodes),
        sum(1 for n in nodes if n.history[index] > 0),
        sum(1 for n in nodes if n.history[index] >= n.target),
    )


def open_data_table(tree: Tree) -> str:
    """The open-data CSV: per village its names, target, enrolled and data date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OPEN_DATA_COLUMNS)
    for node in villages(tree):
        names = [tree.by_code[node.region.code[:length]].region.name for length in (8, 5, 2)]
        when = node.data_date.isoformat() if node.data_date else ""
        writer.writerow([node.region.code, node.region.name, *names, node.target, node.enrolled, when])
    return out.getvalue()


def report_against_published(site: Path, tree: Tree, published: Tree | None = None) -> list[str]:
    """Lines for staff: how the new figures differ from those of the site published before
    (read from its open-data table, unless its tree is at hand)."""
    previous = _published_table(site / OPEN_DATA) if published is None else _table_of(published)
    if previous is None:
        return ["Belum ada situs terbit sebelumnya untuk dibandingkan."]
    nodes = {node.region.code: node for node in villages(tree)}
    before = sum(enrolled for enrolled, _ in previous.values())
    after = sum(node.enrolled for node in nodes.values())
    moved = [(code, node.enrolled - previous[code][0]) for code, node in nodes.items() if code in previous]
    new_dates = [n.data_date.isoformat() for n in nodes.values() if n.data_date]
    lines = [
        "Perubahan dibanding situs yang terbit sebelumnya:",
        f"  data per: {max((d for _, d in previous.values() if d), default='-')} → {max(new_dates, default='-')}",
        f"  peserta: {formatting.number(before)} → {formatting.number(after)} ({signed(after - before)})",
        f"  desa: {len(previous)} → {len(nodes)} (baru {len(nodes.keys() - previous.keys())}, "
        f"hilang {len(previous.keys() - nodes.keys())})",
        f"  desa naik {sum(d > 0 for _, d in moved)}, turun {sum(d < 0 for _, d in moved)}, "
        f"tetap {sum(d == 0 for _, d in moved)}",
    ]
    biggest = sorted((m for m in moved if m[1]), key=lambda m: (-abs(m[1]), m[0]))[:5]
    if biggest:
        lines.append("  perubahan terbesar: " + ", ".join(f"{nodes[c].region.name} {signed(d)}" for c, d in biggest))
    return lines


def _table_of(tree: Tree) -> dict[str, tuple[int, str]]:
    """Enrolled and data date per village code, as in the open-data table."""
    return {
        node.region.code: (node.enrolled, node.data_date.isoformat() if node.data_date else "")
        for node in villages(tree)
    }


def _published_table(path: Path) -> dict[str, tuple[int, str]] | None:
    """Enrolled and data date per village code from a published open-data table; None if absent or unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as source:
            return {row["kode_desa"]: (int(row["peserta"]), row["data_per"]) for row in csv.DictReader(source)}
    except (OSError, KeyError, ValueError, csv.Error):
        return None


def signed(number: int) -> str:
    """``+12``, ``-3`` or ``0``, with Indonesian thousands dots."""
    return ("+" if number > 0 else "") + formatting.number(number)
