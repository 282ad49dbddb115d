"""What changed: month against month in the data (for the site), and against the last published site (for staff).

The site's "Pembaruan data" page compares the two latest months of the data itself,
so the same data always gives the same page. The report printed at the end of a
build compares the new figures with those of the site that was published before
(read back from its open-data table, ``generator/write/open_data.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import formatting
from generator.compute.aggregate import Coverage, Tree
from generator.model import Level

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


def report_against_published(previous: dict[str, tuple[int, str]] | None, tree: Tree) -> list[str]:
    """Lines for staff: how the new figures differ from those of the site published before,
    given as enrolled and data date per village code (``None`` when nothing was published)."""
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


def village_totals(tree: Tree) -> dict[str, tuple[int, str]]:
    """Enrolled and data date per village code, as in the open-data table."""
    return {
        node.region.code: (node.enrolled, node.data_date.isoformat() if node.data_date else "")
        for node in villages(tree)
    }


def signed(number: int) -> str:
    """``+12``, ``-3`` or ``0``, with Indonesian thousands dots."""
    return ("+" if number > 0 else "") + formatting.number(number)
