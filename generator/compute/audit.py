"""The audit: no hidden count can be worked out from all the published tables together.

The disclosure rule (``disclosure.py``) looks at one line at a time. A reader with a spreadsheet can take every
published line of a province at once: each one (a row and its total, a parent region's cell and its children's)
is an equation, and the hidden cells are unknowns that are whole numbers, 0 or more. For every hidden cell the
audit finds the least and the greatest value it can take while every equation holds: linear programs solved by
HiGHS over the linked set of hidden cells the cell is in (cells linked by a line, and so on). A cell passes when at
least ``threshold`` whole values remain possible, so a hidden 1 stays one of at least three candidates at the
default threshold. The range is exact: where the programs' extreme points are not whole numbers, the same
programs are solved again with whole-number variables.

Most cells pass without programs of their own: every solution found on the way (the true table first) is a table
a reader cannot tell from the true one, and a cell whose values across them already span the threshold is safe.
A rebuild solves no program twice: the answer for a linked set whose lines hold the same values and hidden cells
as in the last build is that build's (:class:`Answers`).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

import highspy
import numpy as np
from highspy._core import _Highs

from generator.compute.lines import LineTable, Mask, Numbers, Reals

TOLERANCE = 1e-6
"""How far from a whole number a solver's value may be and still count as that number."""


@dataclass(frozen=True)
class Narrowed:
    """A hidden cell the published tables pin down to fewer than ``threshold`` values: ``low``..``high``."""

    cell: int
    low: int
    high: int


def value_range(values: Numbers, lines: LineTable, hidden: Mask, cell: int) -> tuple[int, int]:
    """The least and greatest whole value a hidden cell can take while every line holds."""
    linked = next(linked for linked in linked_sets(lines, hidden) if cell in linked.cells)
    program = Program(values, lines, hidden, linked)
    i = int(np.flatnonzero(linked.cells == cell)[0])
    return program.bound(i, greatest=False), program.bound(i, greatest=True)


@dataclass(frozen=True)
class SiblingMoves:
    """Changes to the true tables that every line allows, known from the tables' shape: a change of a region's own
    table that keeps all its totals (``patterns``), made in one region and undone in a sibling, so that their
    parent's sums stay. Only for regions that are no other region's sum (villages).

    They show most hidden cells safe at once: each such change is a table a reader cannot tell from the true one.
    """

    bases: Numbers
    """The first cell number of each region."""
    parents: Numbers
    """The number of each region's parent: siblings share it."""
    patterns: list[tuple[Numbers, Numbers]]
    """Each change: the cells it touches (numbered from a region's first cell), and how much each one moves."""


@dataclass
class Answers:
    """What the programs found per linked set, by a digest of all that the answer depends on (the set's cells, the
    cells of its lines, their values, which of them are hidden, and the threshold): the last build's, looked up
    first, so that a rebuild solves programs only for the sets that changed, and this build's, kept for the next.
    """

    last: dict[bytes, list[Narrowed]] = field(default_factory=dict)
    now: dict[bytes, list[Narrowed]] = field(default_factory=dict)


def narrowed_cells(
    values: Numbers,
    lines: LineTable,
    hidden: Mask,
    threshold: int,
    changed: Mask | None = None,
    seen: tuple[Numbers, Numbers] | None = None,
    answers: Answers | None = None,
) -> list[Narrowed]:
    """The hidden cells that all the lines together narrow to fewer than ``threshold`` possible values; with
    ``changed``, only in the linked sets with a changed cell (the others were audited as they are). ``seen`` are
    the least and greatest value of each cell in tables known to fit every line (:func:`seen_in_moves`)."""
    low, high = seen or (values, values)
    answers = answers or Answers()
    narrowed: list[Narrowed] = []
    for linked in linked_sets(lines, hidden):
        if changed is not None and not changed[linked.cells].any():
            continue
        seen_low, seen_high = low[linked.cells], high[linked.cells]
        if np.all(seen_high - seen_low + 1 >= threshold):
            continue  # every cell takes enough values in tables that fit every line
        key = digest(values, lines, hidden, linked, threshold)
        answer = answers.now.get(key, answers.last.get(key))
        if answer is None:
            answer = Program(values, lines, hidden, linked).narrowed(threshold, seen_low, seen_high)
        answers.now[key] = answer
        narrowed += answer
    return narrowed


def digest(values: Numbers, lines: LineTable, hidden: Mask, linked: Linked, threshold: int) -> bytes:
    """A digest of everything the audit of one linked set depends on."""
    on = np.concatenate([lines.line(number) for number in linked.lines]) if linked.lines else linked.cells
    lengths = np.diff(lines.starts)[linked.lines]
    digest = hashlib.blake2b(np.int64(threshold).tobytes(), digest_size=16)
    for part in (linked.cells, lengths, on, values[on], hidden[on]):
        digest.update(part.tobytes())
    return digest.digest()


def seen_in_moves(values: Numbers, hidden: Mask, moves: SiblingMoves) -> tuple[Numbers, Numbers]:
    """Per cell, the least and greatest value it takes in the tables that the sibling moves make from the true ones.

    For each change and region, how far it can go each way before a cell falls below 0, ``ahead`` and ``back``;
    undone in a sibling (its partner: the sibling that can go furthest both ways), the pair moves by any whole
    ``t`` from ``-min(back, partner's ahead)`` to ``min(ahead, partner's back)``. The tables stay possible when
    more cells are hidden later: a move changes hidden cells only. Changes of the same size are
    worked out together, a few at a time (a province's villages times the changes is a large array).
    """
    low, high = values.copy(), values.copy()
    by_size: dict[int, list[tuple[Numbers, Numbers]]] = {}
    for offsets, steps in moves.patterns:
        by_size.setdefault(len(offsets), []).append((offsets, steps))
    for patterns in by_size.values():
        for first in range(0, len(patterns), MOVES_AT_ONCE):
            offsets, steps = (np.array(column) for column in zip(*patterns[first : first + MOVES_AT_ONCE], strict=True))
            _widen_by_moves(values, hidden, moves, offsets, steps, low, high)
    return low, high


MOVES_AT_ONCE = 16


def _widen_by_moves(
    values: Numbers, hidden: Mask, moves: SiblingMoves, offsets: Numbers, steps: Numbers, low: Numbers, high: Numbers
) -> None:
    """:func:`seen_in_moves` for changes of one size: ``offsets`` and ``steps`` have a row per change."""
    count = len(offsets)
    cells = (moves.bases[:, None, None] + offsets[None, :, :]).reshape(-1, offsets.shape[1])
    steps = np.tile(steps, (len(moves.bases), 1))
    groups = (moves.parents[:, None] * count + np.arange(count)[None, :]).ravel()  # siblings, same change
    possible = hidden[cells].all(axis=1)
    counts = values[cells]
    ahead = np.where(steps < 0, counts, np.iinfo(np.int64).max).min(axis=1)
    back = np.where(steps > 0, counts, np.iinfo(np.int64).max).min(axis=1)
    partner = _partners(groups, np.where(possible, np.minimum(ahead, back), -1))
    usable = possible & (partner >= 0) & possible[np.maximum(partner, 0)]
    forward = np.minimum(ahead, back[partner])[usable, None]
    backward = np.minimum(back, ahead[partner])[usable, None]
    moved, undone = counts[usable] + forward * steps[usable], counts[usable] - backward * steps[usable]
    np.minimum.at(low, cells[usable], np.minimum(moved, undone))
    np.maximum.at(high, cells[usable], np.maximum(moved, undone))


def _partners(groups: Numbers, score: Numbers) -> Numbers:
    """For each item, the other item of its group with the highest score (-1 when it is alone in its group)."""
    order = np.lexsort((score, groups))
    last = np.flatnonzero(np.append(groups[order][1:] != groups[order][:-1], True))  # best of each group, by order
    first = np.concatenate(([0], last[:-1] + 1))
    best = order[last]
    second = np.where(last > first, order[np.maximum(last - 1, 0)], -1)
    group_of = np.searchsorted(groups[order][last], groups)
    return np.where(best[group_of] == np.arange(len(groups)), second[group_of], best[group_of])


@dataclass(frozen=True)
class Linked:
    """Hidden cells linked by lines, and those lines (by number): what a reader learns about one linked set says
    nothing of another."""

    cells: Numbers
    lines: list[int]


def linked_sets(lines: LineTable, hidden: Mask) -> list[Linked]:
    """The hidden cells in linked sets, with the lines through each.

    Each hidden cell starts as its own set, named by its number; every line then names all its hidden cells after
    the smallest name among them, again until no name changes (as many rounds as the longest chain of lines).
    """
    in_line = hidden[lines.cells]
    numbers = np.flatnonzero(np.add.reduceat(in_line.astype(np.int64), lines.starts[:-1]))  # lines with hidden cells
    owner = np.repeat(np.arange(len(lines.starts) - 1), np.diff(lines.starts))[in_line]  # line of each entry
    cells = lines.cells[in_line]
    name = np.arange(len(hidden))
    while True:
        smallest = np.full(len(lines.starts) - 1, len(hidden))
        np.minimum.at(smallest, owner, name[cells])
        renamed = name.copy()
        np.minimum.at(renamed, cells, smallest[owner])
        renamed = renamed[renamed]  # follow names already changed: fewer rounds
        if np.array_equal(renamed, name):
            break
        name = renamed
    hidden_cells = np.flatnonzero(hidden)
    lines_by_name = _grouped(smallest[numbers], numbers)
    return [
        Linked(cells, lines_by_name.get(key, np.array([], dtype=np.int64)).tolist())
        for key, cells in _grouped(name[hidden_cells], hidden_cells).items()
    ]


def _grouped(keys: Numbers, items: Numbers) -> dict[int, Numbers]:
    """The items by key."""
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    keys, items = keys[order], items[order]
    firsts = np.flatnonzero(np.diff(keys, prepend=keys[0] - 1))
    return {int(keys[first]): group for first, group in zip(firsts.tolist(), np.split(items, firsts[1:]), strict=True)}


class Program:
    """The lines through one linked set of hidden cells, as a linear program over those cells."""

    def __init__(self, values: Numbers | Reals, lines: LineTable, hidden: Mask, linked: Linked) -> None:
        self.cells = linked.cells
        self.true = values[self.cells].astype(np.float64)
        column = {cell: i for i, cell in enumerate(self.cells.tolist())}
        starts, indices, coefficients, sums = [0], [], [], []
        for line in (lines.line(number) for number in linked.lines):
            parts, total = line[:-1], int(line[-1])
            known = -sum(float(values[c]) for c in parts.tolist() if not hidden[c])
            for cell in parts.tolist():
                if hidden[cell]:
                    indices.append(column[cell])
                    coefficients.append(1.0)
            if hidden[total]:
                indices.append(column[total])
                coefficients.append(-1.0)
            else:
                known += float(values[total])
            starts.append(len(indices))
            sums.append(float(known))
        self.solver = _solver(len(self.cells), sums, starts, indices, coefficients)
        self.whole = False
        """Whether the cells are whole-number variables now (an integer program), not real ones."""
        self.objective = 0
        """The cell whose value the solver's objective is."""
        self.solution = self.true
        """The values of the cells in the solution found last (a table that fits every line)."""
        self.low, self.high = self.true.copy(), self.true.copy()
        """Per cell, the least and greatest values it takes in the whole-number tables found that agree with every
        line (the true table first)."""

    def least(self, i: int) -> float:
        """The least real value of cell ``i``."""
        return self._solve(i, greatest=False, whole=False)

    def greatest(self, i: int) -> float:
        """The greatest real value of cell ``i`` (``math.inf`` when no line bounds it)."""
        return self._solve(i, greatest=True, whole=False)

    def narrowed(self, threshold: int, low: Numbers, high: Numbers) -> list[Narrowed]:
        """Every cell of the set with fewer than ``threshold`` possible values; ``low`` and ``high`` are values
        seen already in tables that fit every line."""
        self.low, self.high = low.astype(np.float64), high.astype(np.float64)
        narrowed = []
        for i in range(len(self.cells)):
            if self.high[i] - self.low[i] + 1 >= threshold:
                continue
            least, most = self.bound(i, False), self.bound(i, True)
            if most - least + 1 < threshold:
                narrowed.append(Narrowed(int(self.cells[i]), least, most))
        return narrowed

    def bound(self, i: int, greatest: bool) -> int:
        """The least (or greatest) whole value of cell ``i``."""
        value = self._solve(i, greatest, whole=False)
        if abs(value - round(value)) > TOLERANCE:  # a fractional extreme: the whole-number one may be nearer
            value = self._solve(i, greatest, whole=True)
        return round(value)

    def _solve(self, i: int, greatest: bool, whole: bool) -> float:
        """The least or greatest value of cell ``i`` over all tables (real or whole numbers) that fit every line."""
        solver, n = self.solver, len(self.cells)
        if whole != self.whole:
            solver.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.full(n, int(whole), dtype=np.uint8))
            self.whole = whole
        if i != self.objective:
            solver.changeColCost(self.objective, 0.0)
            solver.changeColCost(i, 1.0)
            self.objective = i
        solver.changeObjectiveSense(highspy.ObjSense.kMaximize if greatest else highspy.ObjSense.kMinimize)
        solver.run()
        if solver.getModelStatus() == highspy.HighsModelStatus.kUnbounded:
            return math.inf
        self.solution = solution = np.array(solver.getSolution().col_value)
        if np.all(np.abs(solution - np.round(solution)) <= TOLERANCE):
            self._witness(np.round(solution))
        return float(solver.getObjectiveValue())

    def _witness(self, solution: np.ndarray) -> None:
        """Widen the values seen by a whole-number solution and by the tables on the line through it and the true
        one, ``true + t × (solution - true)`` for every whole ``t`` that keeps each cell 0 or more."""
        step = solution - self.true
        up, down = step > 0, step < 0
        back = np.floor(np.min(self.true[up] / step[up])) if up.any() else 0.0  # how far t can go below 0
        on = np.floor(np.min(self.true[down] / -step[down])) if down.any() else 0.0  # how far above 0
        np.minimum(self.low, self.true + np.minimum(-back * step, on * step), out=self.low)
        np.maximum(self.high, self.true + np.maximum(-back * step, on * step), out=self.high)


def _solver(
    columns: int, sums: list[float], starts: list[int], indices: list[int], coefficients: list[float]
) -> _Highs:
    """HiGHS holding ``Σ coefficient × cell = sum`` per line, every cell 0 or more, quiet.

    ``highspy._Highs`` is the solver itself; the documented ``highspy.Highs`` adds Ctrl+C handling and callbacks
    that a build does not need, and prints a banner to standard output when it is made.
    """
    solver = _Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("presolve", "off")  # small programs solved again and again: presolve costs more than it saves
    solver.addVars(columns, np.zeros(columns), np.full(columns, highspy.kHighsInf))
    solver.changeColCost(0, 1.0)
    rows = np.array(sums)
    solver.addRows(
        len(sums),
        rows,
        rows,
        len(indices),
        np.array(starts[:-1], dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(coefficients),
    )
    return solver
