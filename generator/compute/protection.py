"""The disclosure rule, whole: which published counts and amounts are hidden in every breakdown of the tree.

Two breakdowns are published for each region: enrolled workers by occupation × gender (with row, column
and grand totals) and claims by benefit (cases and amounts, with a total). The rule:

- a count below the threshold is hidden, and so is any count that would let it be worked back out along
  a table's totals or a parent region's sums (``generator/compute/disclosure.py`` solves this);
- the total enrolled of every region is public (each page shows it in its headline), so it is never hidden
  and the cells around it are hidden instead;
- a hidden claims row hides its amount and month too, and the total amount is hidden whenever any row
  is, since amounts give cases away (a JKM claim is a fixed sum).

Pages never decide what to hide: they show :class:`Published`, where every hidden figure reads ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.compute.aggregate import Coverage, Tree, regions_of
from generator.compute.disclosure import Line, grid_lines, hidden_cells, sum_lines
from generator.model import BENEFITS, GENDERS, OCCUPATIONS

ROWS, COLUMNS = len(OCCUPATIONS), len(GENDERS)
"""The occupation × gender table's inner size; row ``ROWS`` and column ``COLUMNS`` are its totals."""
BENEFIT_ROWS = len(BENEFITS)
"""The claims table's rows; row ``BENEFIT_ROWS`` is its total."""


class WorkerCell(NamedTuple):
    """One count of a region's occupation × gender table."""

    region: str
    row: int
    column: int


class ClaimCell(NamedTuple):
    """The cases of one row of a region's claims table."""

    region: str
    row: int


Cell = WorkerCell | ClaimCell


@dataclass(frozen=True)
class Hidden:
    """The hidden cells of every region's tables, and the threshold that hid them."""

    by_province: dict[str, frozenset[Cell]]
    """The hidden cells of each province's regions, by province code."""
    threshold: int
    by_region: dict[str, frozenset[Cell]] = field(init=False)
    """The same cells by the code of the region whose table they are in."""

    def __post_init__(self) -> None:
        regions: dict[str, set[Cell]] = {}
        for cells in self.by_province.values():
            for cell in cells:
                regions.setdefault(cell.region, set()).add(cell)
        object.__setattr__(self, "by_region", {code: frozenset(cells) for code, cells in regions.items()})

    def of(self, region: str) -> frozenset[Cell]:
        """The hidden cells of one region's tables."""
        return self.by_region.get(region, frozenset())


@dataclass(frozen=True)
class ClaimRow:
    """One row of a claims table as published; ``None`` where the rule hides the figure."""

    benefit: str
    """The benefit's code, or ``""`` for the total row."""
    cases: int | None
    amount: int | None
    last_month: dt.date | None


@dataclass(frozen=True)
class Published:
    """The coverage tree as it may be published: its figures, and the counts the disclosure rule hides."""

    tree: Tree
    hidden: Hidden

    @property
    def threshold(self) -> int:
        return self.hidden.threshold

    def occupation_grid(self, node: Coverage) -> list[list[int | None]]:
        """The occupation × gender table with its totals as published: a hidden count reads ``None``."""
        grid: list[list[int | None]] = [list(row) for row in occupation_grid(node)]
        for cell in self.hidden.of(node.region.code):
            if isinstance(cell, WorkerCell):
                grid[cell.row][cell.column] = None
        return grid

    def claim_rows(self, node: Coverage) -> list[ClaimRow]:
        """The claims table as published: a row per benefit with claims or hidden cases, then the total row;
        no rows at all when the region has no claims to show."""
        hidden = [False] * (BENEFIT_ROWS + 1)
        for cell in self.hidden.of(node.region.code):
            if isinstance(cell, ClaimCell):
                hidden[cell.row] = True
        rows = []
        for r, benefit in enumerate(BENEFITS):
            total = node.claims.get(benefit)
            if hidden[r]:
                rows.append(ClaimRow(benefit, None, None, None))
            elif total:
                rows.append(ClaimRow(benefit, total.cases, total.amount, total.last_month))
        if not rows:
            return rows
        cases = None if hidden[BENEFIT_ROWS] else claim_cases(node)[-1]
        amount = None if any(hidden) else sum(total.amount for total in node.claims.values())
        return [*rows, ClaimRow("", cases, amount, None)]

    def hides_any(self, node: Coverage) -> bool:
        """Whether any figure of the region's tables is hidden."""
        return bool(self.hidden.of(node.region.code))


def occupation_grid(node: Coverage) -> list[list[int]]:
    """The occupation × gender table with its margins: 10 rows (last = totals) of 3 columns (last = totals)."""
    rows = [[node.counts[r * COLUMNS + c] for c in range(COLUMNS)] for r in range(ROWS)]
    rows = [[*row, sum(row)] for row in rows]
    return [*rows, [sum(row[c] for row in rows) for c in range(COLUMNS + 1)]]


def claim_cases(node: Coverage) -> list[int]:
    """Cases per benefit, then their total."""
    cases = [node.claims[b].cases if b in node.claims else 0 for b in BENEFITS]
    return [*cases, sum(cases)]


def protect(
    tree: Tree, threshold: int, previous: Published | None = None, unchanged: frozenset[str] = frozenset()
) -> Published:
    """Apply the disclosure rule to every table of every region, across the hierarchy.

    Provinces are protected one at a time: no published table adds up across them, so they share no line,
    and only one province's cells are held in memory at once. The provinces in ``unchanged`` keep their
    cells from ``previous`` (protected with the same threshold).
    """
    reusable = previous.hidden.by_province if previous and previous.threshold == threshold else {}
    by_province = {}
    for province in tree.roots:
        code = province.region.code
        if code in unchanged and code in reusable:
            by_province[code] = reusable[code]
        else:
            by_province[code] = frozenset(_protect_province(province, threshold))
    return Published(tree, Hidden(by_province, threshold))


def _protect_province(province: Coverage, threshold: int) -> set[Cell]:
    """The cells to hide in one province's tables. The solver works on plain tuples, ``(region, r, c)`` for
    workers and ``(region, r)`` for claims, which are several times faster to make than typed cells; only the
    hidden ones become :class:`WorkerCell` and :class:`ClaimCell`."""
    values: dict[Hashable, int] = {}
    lines: list[Line] = []
    public: list[Hashable] = []
    for node in regions_of(province):
        code = node.region.code
        for r, row in enumerate(occupation_grid(node)):
            values.update(((code, r, c), value) for c, value in enumerate(row))
        lines += grid_lines(_worker_keys(code), ROWS, COLUMNS)
        public.append((code, ROWS, COLUMNS))  # the region's total is published in its headline
        values.update(((code, r), cases) for r, cases in enumerate(claim_cases(node)))
        lines.append(Line((code, BENEFIT_ROWS), tuple((code, r) for r in range(BENEFIT_ROWS))))
        children = [child.region.code for child in node.children]
        if children:
            grid = [(r, c) for r in range(ROWS + 1) for c in range(COLUMNS + 1)]
            lines += sum_lines(lambda region, p: (region, *p), code, children, grid)
            lines += sum_lines(lambda region, r: (region, r), code, children, range(BENEFIT_ROWS + 1))
    return {_typed(key) for key in hidden_cells(values, lines, threshold, public)}


def _worker_keys(code: str) -> Callable[[int, int], Hashable]:
    """The solver's keys of one region's occupation × gender table."""
    return lambda r, c: (code, r, c)


def _typed(key: Hashable) -> Cell:
    """A solver's plain key as the typed cell it stands for."""
    assert isinstance(key, tuple)
    return WorkerCell(*key) if len(key) == 3 else ClaimCell(*key)
