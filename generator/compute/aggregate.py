"""Coverage of every region: villages' latest figures summed up the hierarchy."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from generator.model import COUNT_COLUMNS, DEFAULT_TARGET, Claim, Dataset, Level, Region, VillageProgram


@dataclass
class ClaimTotal:
    """Claims of one benefit, summed."""

    cases: int = 0
    amount: int = 0
    last_month: dt.date | None = None


@dataclass
class Coverage:
    """Figures of one region (a village or any level above), with its children."""

    region: Region
    children: list[Coverage] = field(default_factory=list)
    enrolled: int = 0
    target: int = 0
    villages: int = 0
    villages_reporting: int = 0
    villages_at_target: int = 0
    counts: list[int] = field(default_factory=lambda: [0] * len(COUNT_COLUMNS))
    claims: dict[str, ClaimTotal] = field(default_factory=dict)
    funding: Counter[str] = field(default_factory=Counter)
    data_date: dt.date | None = None
    first_data_date: dt.date | None = None
    """The date of the village's first participation figures (villages only)."""
    history: list[int] = field(default_factory=list)
    """Enrolled at the end of each month of :attr:`Tree.months`."""
    program: VillageProgram | None = None
    """The village's programme row (villages only)."""

    def add(self, child: Coverage) -> None:
        """Add a child's figures to this region's."""
        self.children.append(child)
        self.enrolled += child.enrolled
        self.target += child.target
        self.villages += child.villages
        self.villages_reporting += child.villages_reporting
        self.villages_at_target += child.villages_at_target
        self.counts = [a + b for a, b in zip(self.counts, child.counts, strict=True)]
        self.funding.update(child.funding)
        for benefit, total in child.claims.items():
            _add_claim(self.claims.setdefault(benefit, ClaimTotal()), total.cases, total.amount, total.last_month)
        if child.data_date and (not self.data_date or child.data_date > self.data_date):
            self.data_date = child.data_date
        self.history = [a + b for a, b in zip(self.history, child.history, strict=True)]


@dataclass
class Tree:
    """The coverage of every region in the data, and the months of the history."""

    roots: list[Coverage]
    """Provinces (their children are regencies, and so on down to villages)."""
    by_code: dict[str, Coverage]
    months: list[dt.date]
    """First day of each month from the earliest to the latest data date."""


def build_tree(data: Dataset, previous: Tree | None = None, unchanged: frozenset[str] = frozenset()) -> Tree:
    """Compute every region's coverage, bottom-up, one province at a time.

    The provinces in ``unchanged`` (codes) are taken from ``previous`` as they are, when it has the same months.
    """
    months = _months(data)
    reusable = previous.by_code if previous and previous.months == months else {}
    claims_by_village: dict[str, list[Claim]] = {}
    for claim in data.claims:
        claims_by_village.setdefault(claim.village, []).append(claim)
    by_province: dict[str, list[Region]] = {}
    for region in data.regions.values():
        by_province.setdefault(region.province_code, []).append(region)
    roots = []
    for code, regions in by_province.items():
        if code in unchanged and code in reusable:
            roots.append(reusable[code])
        else:
            roots.append(_province(regions, data, claims_by_village, months))
    roots.sort(key=_order)
    by_code = {node.region.code: node for root in roots for node in regions_of(root)}
    return Tree(roots, by_code, months)


def _province(
    regions: list[Region], data: Dataset, claims_by_village: dict[str, list[Claim]], months: list[dt.date]
) -> Coverage:
    """The coverage of one province's regions (the province first in ``regions`` or not): its root node."""
    by_code = {
        r.code: _village(r, data, claims_by_village.get(r.code, []), months) for r in regions if r.level == Level.DESA
    }
    for level in (Level.KECAMATAN, Level.KABUPATEN, Level.PROVINSI):
        by_code.update((r.code, Coverage(r, history=[0] * len(months))) for r in regions if r.level == level)
        for node in sorted((n for n in by_code.values() if n.region.level == level + 1), key=_order):
            by_code[node.region.parent_code].add(node)  # type: ignore[index]
    return next(node for node in by_code.values() if node.region.level == Level.PROVINSI)


def regions_of(node: Coverage) -> list[Coverage]:
    """A region and every region below it, parents first, in a fixed order."""
    regions, stack = [], [node]
    while stack:
        current = stack.pop()
        regions.append(current)
        stack.extend(reversed(current.children))
    return regions


def _order(node: Coverage) -> tuple[str, str]:
    return (node.region.name.casefold(), node.region.code)


def _village(region: Region, data: Dataset, claims: list[Claim], months: list[dt.date]) -> Coverage:
    snapshots = data.snapshots.get(region.code, [])
    program = data.programs.get(region.code)
    node = Coverage(region, villages=1, program=program, target=program.target if program else DEFAULT_TARGET)
    if program:
        node.funding[program.funding] += 1
    if snapshots:
        latest = snapshots[-1]
        node.enrolled, node.counts, node.data_date = latest.total, list(latest.counts), latest.date
        node.first_data_date = snapshots[0].date
        node.villages_reporting = 1
        node.villages_at_target = int(latest.total >= node.target)
    for claim in claims:
        _add_claim(node.claims.setdefault(claim.benefit, ClaimTotal()), claim.cases, claim.amount, claim.month)
    node.history = _history(snapshots, months)
    return node


def _add_claim(total: ClaimTotal, cases: int, amount: int, month: dt.date | None) -> None:
    total.cases += cases
    total.amount += amount
    if month and (not total.last_month or month > total.last_month):
        total.last_month = month


def _history(snapshots: list, months: list[dt.date]) -> list[int]:
    """Enrolled at each month: the latest snapshot dated in or before that month, else 0."""
    history, index, current = [], 0, 0
    for month in months:
        while index < len(snapshots) and snapshots[index].date.replace(day=1) <= month:
            current = snapshots[index].total
            index += 1
        history.append(current)
    return history


def _months(data: Dataset) -> list[dt.date]:
    dates = [s.date for snapshots in data.snapshots.values() for s in (snapshots[0], snapshots[-1])]
    if not dates:
        return []
    month, last = min(dates).replace(day=1), max(dates).replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months
