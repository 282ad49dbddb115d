"""Which published counts are hidden: the disclosure rule applied to every breakdown of the coverage tree.

Two breakdowns are published for each region: enrolled workers by occupation × gender
(with row, column and grand totals) and claims by benefit (cases, with a total).
A count below the threshold, and any count that would let it be worked back out
along a table's totals or a parent region's sums, is hidden. Totals of enrolled
workers per region are always published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.compute.aggregate import Coverage, Tree, regions_of
from generator.compute.disclosure import Line, grid_lines, hidden_cells, sum_lines
from generator.model import BENEFITS, GENDERS, OCCUPATIONS

ROWS, COLUMNS = len(OCCUPATIONS), len(GENDERS)
BENEFIT_ROWS = len(BENEFITS)
"""The claims table's rows; row ``BENEFIT_ROWS`` is its total."""


@dataclass
class Hidden:
    """The hidden cells of every region's tables, and the threshold that hid them."""

    by_province: dict[str, frozenset[tuple[object, ...]]]
    """The hidden cells of each province's regions, by province code."""
    threshold: int
    cells: frozenset[tuple[object, ...]] = field(init=False)
    """All of them, for lookups."""

    def __post_init__(self) -> None:
        self.cells = frozenset().union(*self.by_province.values())

    def occupation(self, node: Coverage, row: int, column: int) -> bool:
        """Whether a cell of the occupation × gender table is hidden (row 9 / column 2 are the totals)."""
        return (node.region.code, "kerja", row, column) in self.cells

    def claims(self, node: Coverage, row: int) -> bool:
        """Whether the cases (and so the amount) of a claims row are hidden; row 3 is the total."""
        return (node.region.code, "klaim", row) in self.cells

    def any_claims(self, node: Coverage) -> bool:
        return any(self.claims(node, row) for row in range(BENEFIT_ROWS + 1))


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
    tree: Tree, threshold: int, previous: Hidden | None = None, unchanged: frozenset[str] = frozenset()
) -> Hidden:
    """Apply the disclosure rule to every table of every region, across the hierarchy.

    Provinces are protected one at a time: no published table adds up across them, so they share no line,
    and only one province's cells are held in memory at once. The provinces in ``unchanged`` keep their
    cells from ``previous`` (protected with the same threshold).
    """
    reusable = previous.by_province if previous and previous.threshold == threshold else {}
    by_province = {}
    for province in tree.roots:
        code = province.region.code
        if code in unchanged and code in reusable:
            by_province[code] = reusable[code]
        else:
            by_province[code] = frozenset(_protect_province(province, threshold))
    return Hidden(by_province, threshold)


def _protect_province(province: Coverage, threshold: int) -> set[tuple[object, ...]]:
    values: dict[tuple[object, ...], int] = {}
    lines: list[Line] = []
    public = []
    for node in regions_of(province):
        code = node.region.code
        for r, row in enumerate(occupation_grid(node)):
            values.update(((code, "kerja", r, c), value) for c, value in enumerate(row))
        lines += grid_lines(lambda r, c, code=code: (code, "kerja", r, c), ROWS, COLUMNS)
        public.append((code, "kerja", ROWS, COLUMNS))  # the region's total is published in its headline
        values.update(((code, "klaim", r), cases) for r, cases in enumerate(claim_cases(node)))
        lines.append(Line((code, "klaim", BENEFIT_ROWS), tuple((code, "klaim", r) for r in range(BENEFIT_ROWS))))
        children = [child.region.code for child in node.children]
        if children:
            grid = [(r, c) for r in range(ROWS + 1) for c in range(COLUMNS + 1)]
            lines += sum_lines(lambda region, p: (region, "kerja", *p), code, children, grid)
            lines += sum_lines(lambda region, r: (region, "klaim", r), code, children, range(BENEFIT_ROWS + 1))
    return hidden_cells(values, lines, threshold, public)
