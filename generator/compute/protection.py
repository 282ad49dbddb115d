"""The disclosure rule, whole: which published counts and amounts are hidden in every breakdown of the tree.

Two breakdowns are published for each region: enrolled workers by occupation × gender (with row, column
and grand totals) and claims by benefit (cases and amounts, with a total). The rule:

- a count below the threshold is hidden, and so is any count that would let it be worked back out along
  a table's totals or a parent region's sums (``generator/compute/disclosure.py`` solves this);
- all the tables of a province are then audited together, as one system of equations, and more is hidden
  until no hidden count can be narrowed to fewer than threshold possible values (``audit.py``);
- the total enrolled of every region is public (each page shows it in its headline), so it is never hidden
  and the cells around it are hidden instead;
- a hidden claims row hides its amount and month too, and the total amount is hidden whenever any row
  is, since amounts give cases away (a JKM claim is a fixed sum); the amounts are audited too, so that no
  hidden amount tells whether its row has claims where the cases do not (``amount_audit.py``).

Pages never decide what to hide: they show :class:`Published`, where every hidden figure reads ``None``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple, cast

import numpy as np

from generator.compute.aggregate import Coverage, Tree, regions_of
from generator.compute.amount_audit import Amounts, amounts_hidden
from generator.compute.audit import Answers, Narrowed, SiblingMoves
from generator.compute.disclosure import suppress
from generator.compute.lines import LineTable, Numbers, grid_lines
from generator.model import BENEFITS, GENDERS, OCCUPATIONS, province_of

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


AuditAnswers = dict[bytes, list[Narrowed]]
"""A province's audit answers (``audit.Answers.now``): the next build of the province looks there first."""


class Audit(NamedTuple):
    """What the audit did: how many cells it hid that the line rule alone would have published (those it found
    narrowed down, and those hidden to keep them safe), in how many seconds."""

    added: int
    seconds: float


@dataclass(frozen=True)
class Hidden:
    """The hidden cells of every region's tables, and the threshold that hid them."""

    by_province: dict[str, dict[str, frozenset[int]]]
    """Per province code, the hidden cells of each of its regions that hides any, by region code, as cell numbers
    (:data:`CELLS`)."""
    threshold: int
    audits: dict[str, Audit] = field(default_factory=dict)
    """Per province code, what the audit of all its tables together did (``generator/compute/audit.py``)."""
    answers: dict[str, AuditAnswers] = field(default_factory=dict, compare=False, repr=False)
    """Per province code, the audit's answers, which the next build of that province looks up first."""

    @property
    def audit(self) -> Audit:
        """The audits of all provinces together."""
        audits = self.audits.values()
        return Audit(sum(a.added for a in audits), sum(a.seconds for a in audits))

    def of(self, region: str) -> frozenset[Cell]:
        """The hidden cells of one region's tables."""
        numbers = self.by_province.get(province_of(region), {}).get(region, ())
        return frozenset(_typed(region, number) for number in numbers)


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
        amount = None if amounts_hidden(np.array(hidden))[-1] else sum(total.amount for total in node.claims.values())
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

    Provinces are protected one by one, shared between two processes: no published table adds up across them,
    so they share no line. The provinces in ``unchanged`` keep their cells from ``previous`` (protected with the
    same threshold); in the others, the audit solves programs only for the linked sets that changed since ``previous``.
    """
    reusable = previous.hidden if previous and previous.threshold == threshold else Hidden({}, threshold)
    kept = [p.region.code for p in tree.roots if p.region.code in unchanged and p.region.code in reusable.by_province]
    todo = [province for province in tree.roots if province.region.code not in kept]
    results = _protect_provinces(todo, threshold, reusable.answers)
    order = [province.region.code for province in tree.roots]
    done = {code: reusable.by_province[code] for code in kept} | {c: r.by_region for c, r in results.items()}
    audits = {code: Audit(reusable.audits[code].added, 0.0) for code in kept} | {c: r.audit for c, r in results.items()}
    answers = {code: reusable.answers[code] for code in kept if code in reusable.answers}
    answers |= {c: r.answers for c, r in results.items()}
    return Published(tree, Hidden({code: done[code] for code in order}, threshold, audits, answers))


class Protected(NamedTuple):
    """One province protected: the hidden cells by region code, what the audit did, and the audit's answers."""

    by_region: dict[str, frozenset[int]]
    audit: Audit
    answers: AuditAnswers


def _protect_provinces(
    provinces: list[Coverage], threshold: int, before: dict[str, AuditAnswers]
) -> dict[str, Protected]:
    """Each province protected, by code: the largest first, every other one in a second process (forked, so it
    reads the tree it was started with) when there are enough villages to be worth it."""
    provinces = sorted(provinces, key=lambda p: -p.villages)
    if sum(p.villages for p in provinces) < IN_TWO_PROCESSES_FROM or len(provinces) < 2 or (os.cpu_count() or 1) < 2:
        return {p.region.code: _protect_province(p, threshold, before.get(p.region.code)) for p in provinces}
    with ProcessPoolExecutor(1, multiprocessing.get_context("fork"), _start_worker, (provinces, before)) as pool:
        theirs = {
            provinces[i].region.code: pool.submit(_worker_protect, i, threshold) for i in range(1, len(provinces), 2)
        }
        mine = {p.region.code: _protect_province(p, threshold, before.get(p.region.code)) for p in provinces[0::2]}
        return mine | {code: future.result() for code, future in theirs.items()}


IN_TWO_PROCESSES_FROM = 5000
"""Villages below which a second process costs more than it saves."""
_worker_provinces: tuple[list[Coverage], dict[str, AuditAnswers]] = ([], {})


def _start_worker(provinces: list[Coverage], before: dict[str, AuditAnswers]) -> None:
    global _worker_provinces
    _worker_provinces = provinces, before


def _worker_protect(index: int, threshold: int) -> Protected:
    province = _worker_provinces[0][index]
    return _protect_province(province, threshold, _worker_provinces[1].get(province.region.code))


def _protect_province(province: Coverage, threshold: int, before: AuditAnswers | None) -> Protected:
    """The cells to hide in one province's tables, by region code, and how many of them the audit added.

    The solver sees each region's tables as :data:`CELLS` numbered cells: worker cell ``(r, c)`` is number
    ``r * (COLUMNS + 1) + c``, claims row ``r`` is ``WORKER_CELLS + r``; region ``i`` of :func:`regions_of`
    numbers its cells from ``i * CELLS``. ``before`` are the audit's answers of the last build, if any.
    """
    regions = regions_of(province)
    values = np.concatenate([_cell_values(node) for node in regions])
    public = np.zeros(len(values), dtype=bool)
    public[np.arange(len(regions)) * CELLS + GRAND] = True  # a region's total is published in its headline
    name = lambda line: f"baris {line}"  # noqa: E731
    answers = Answers(before or {})
    lines, moves = _lines(regions), _sibling_moves(regions)
    amounts = _amounts(regions, values, lines, moves)
    also = lambda hidden, changed: amounts.telling(hidden, changed, answers)  # noqa: E731
    suppressed = suppress(values, lines, threshold, public, name, moves, answers, also)
    hidden = np.flatnonzero(suppressed.hidden)
    owners, firsts = np.unique(hidden // CELLS, return_index=True)
    cells = np.split(hidden % CELLS, firsts[1:])
    by_region = {regions[i].region.code: frozenset(own.tolist()) for i, own in zip(owners.tolist(), cells, strict=True)}
    return Protected(by_region, Audit(suppressed.by_audit, suppressed.audit_seconds), answers.now)


WORKER_CELLS = (ROWS + 1) * (COLUMNS + 1)
CELLS = WORKER_CELLS + BENEFIT_ROWS + 1
"""Cells of one region in the solver: its occupation × gender table with margins, then its claims cases."""
GRAND = ROWS * (COLUMNS + 1) + COLUMNS  # _worker_cell(ROWS, COLUMNS)
"""The number of a region's grand total of workers."""


def _cell_values(node: Coverage) -> np.ndarray:
    grid = occupation_grid(node)
    return np.array([value for row in grid for value in row] + claim_cases(node), dtype=np.int64)


def _amounts(regions: list[Coverage], values: Numbers, lines: LineTable, moves: SiblingMoves) -> Amounts:
    """The claims' rupiah amounts of the province, on the claims lines, with the moves of claims between siblings."""
    amounts = np.zeros(len(regions) * CELLS, dtype=np.int64)
    bases = np.arange(len(regions)) * CELLS
    for i, node in enumerate(regions):
        row = [node.claims[b].amount if b in node.claims else 0 for b in BENEFITS]
        amounts[bases[i] + WORKER_CELLS + np.arange(BENEFIT_ROWS + 1)] = [*row, sum(row)]
    first_cells = lines.cells[lines.starts[:-1]]
    claims = first_cells % CELLS >= WORKER_CELLS  # a line is all claims cells or none
    lengths = np.diff(lines.starts)[claims]
    entries = np.repeat(claims, np.diff(lines.starts))
    claim_lines = LineTable(lines.cells[entries], np.concatenate(([0], np.cumsum(lengths))))
    patterns = [(offsets, steps) for offsets, steps in moves.patterns if offsets.min() >= WORKER_CELLS]
    return Amounts(
        amounts,
        claim_lines,
        bases[:, None] + WORKER_CELLS + np.arange(BENEFIT_ROWS + 1),
        SiblingMoves(moves.bases, moves.parents, patterns),
        values,
        lines,
    )


def _lines(regions: list[Coverage]) -> LineTable:
    """Every line of the province in cell numbers: each region's own tables, and each parent's cells as the sums
    of its children's."""
    own = np.add.outer(np.arange(len(regions)) * CELLS, OWN_LINES.cells).ravel()
    lengths = np.diff(OWN_LINES.starts)
    tables = [LineTable(own, np.concatenate(([0], np.cumsum(np.tile(lengths, len(regions))))))]
    position = {id(node): i for i, node in enumerate(regions)}
    for i, node in enumerate(regions):
        if node.children:
            children = np.array([position[id(child)] for child in node.children]) * CELLS
            sums = np.column_stack([np.add.outer(np.arange(CELLS), children), i * CELLS + np.arange(CELLS)])
            tables.append(LineTable(sums.ravel(), np.arange(0, sums.size + 1, sums.shape[1])))
    return LineTable.joined(tables)


def _sibling_moves(regions: list[Coverage]) -> SiblingMoves:
    """The changes of a village's tables that keep all its totals, to be undone in a sibling village."""
    position = {id(node): i for i, node in enumerate(regions)}
    pairs = [
        (position[id(child)], i) for i, node in enumerate(regions) for child in node.children if not child.children
    ]
    villages = np.array([village for village, _ in pairs], dtype=np.int64)
    parents = np.array([parent for _, parent in pairs], dtype=np.int64)
    return SiblingMoves(villages * CELLS, parents, OWN_MOVES)


def _own_moves() -> list[tuple[Numbers, Numbers]]:
    """Changes of one region's tables that keep every total: in the occupation × gender table, +1 and -1 at the
    corners of any rectangle of its cells and totals (a total moves the other way: it is on the other side of its
    line); in the claims, one row up and another down, or a row and the total up together."""
    sign = lambda r, c: (-1 if r == ROWS else 1) * (-1 if c == COLUMNS else 1)  # noqa: E731
    moves = []
    for (r1, r2), (c1, c2) in itertools.product(
        itertools.combinations(range(ROWS + 1), 2), itertools.combinations(range(COLUMNS + 1), 2)
    ):
        corners = [(r1, c1, 1), (r2, c2, 1), (r1, c2, -1), (r2, c1, -1)]
        cells = [_worker_cell(r, c) for r, c, _ in corners]
        moves.append((np.array(cells), np.array([step * sign(r, c) for r, c, step in corners])))
    for first, second in itertools.combinations(range(BENEFIT_ROWS + 1), 2):
        step = 1 if second == BENEFIT_ROWS else -1
        moves.append((np.array([WORKER_CELLS + first, WORKER_CELLS + second]), np.array([1, step])))
    return moves


def _own_lines() -> LineTable:
    """The lines of one region's own tables, in its cell numbers: the table with margins, the claims total."""
    worker = [[cast(int, cell) for cell in line.cells] for line in grid_lines(_worker_cell, ROWS, COLUMNS)]
    claims = [*(WORKER_CELLS + r for r in range(BENEFIT_ROWS)), WORKER_CELLS + BENEFIT_ROWS]
    return LineTable.of([*worker, claims])


def _worker_cell(row: int, column: int) -> int:
    return row * (COLUMNS + 1) + column


OWN_LINES = _own_lines()
OWN_MOVES = _own_moves()


def _typed(region: str, number: int) -> Cell:
    """A region's cell number as the typed cell it stands for."""
    if number < WORKER_CELLS:
        return WorkerCell(region, *divmod(number, COLUMNS + 1))
    return ClaimCell(region, number - WORKER_CELLS)
