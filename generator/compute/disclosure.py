"""Statistical disclosure control by cell suppression.

Primary suppression hides every small count (0 < value < threshold). Secondary suppression keeps hidden cells from
being worked back out by subtraction along any published additive :class:`Line` (a row and its total, a parent
region's cell and its children's): each line must hide no cell, or at least two that are not all zero parts under a
published total. A line short of that hides one more cell: its smallest positive open cell, else an open zero.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import NamedTuple

import numpy as np

from generator.compute.audit import Answers, Narrowed, SiblingMoves, narrowed_cells, seen_in_moves, value_range
from generator.compute.lines import Cell, Line, LineTable, Mask, Numbers


def hidden_cells(
    values: Mapping[Cell, int], lines: Iterable[Line], threshold: int, public: Collection[Cell] = ()
) -> set[Cell]:
    """Cells to hide so that no small count is published or can be worked out from the lines.

    Every cell of every line must be in ``values``; ``public`` cells (e.g. a grand total already published
    elsewhere) are never hidden. Raises ValueError if a line gives a hidden cell away and has nothing left to hide.

    The rule looks at one line at a time. Exhaustive checks found no cell of a small R × 2 table with margins that
    can be worked out, but chains of lines across larger tables or a hierarchy can still pin a hidden cell.
    """
    cells = sorted(values, key=repr)  # numbered the same way whatever order the values come in
    index = {cell: position for position, cell in enumerate(cells)}
    lines = list(lines)
    table = LineTable.of([[index[cell] for cell in line.cells] for line in lines])
    counts = np.array([values[cell] for cell in cells], dtype=np.int64)
    is_public = np.zeros(len(cells), dtype=bool)
    is_public[[index[cell] for cell in public if cell in index]] = True
    hidden = suppress(counts, table, threshold, is_public, lambda line: str(lines[line])).hidden
    return {cells[position] for position in np.flatnonzero(hidden)}


def possible_values(
    values: Mapping[Cell, int], lines: Iterable[Line], hidden: Collection[Cell], cell: Cell
) -> tuple[int, int]:
    """The least and greatest value a reader can work out for a hidden ``cell`` from everything published."""
    cells = list(values)
    index = {key: position for position, key in enumerate(cells)}
    table = LineTable.of([[index[key] for key in line.cells] for line in lines])
    mask = np.zeros(len(cells), dtype=bool)
    mask[[index[key] for key in hidden]] = True
    counts = np.array([values[key] for key in cells], dtype=np.int64)
    return value_range(counts, table, mask, index[cell])


class Suppressed(NamedTuple):
    """What the rule hides, as a mask over the cell numbers, how many of those cells the line rule alone would
    have left published (those the audit found narrowed, and the cells hidden to keep them safe), and the
    seconds the audit took."""

    hidden: Mask
    by_audit: int
    audit_seconds: float


def suppress(
    values: Numbers,
    lines: LineTable,
    threshold: int,
    public: Mask,
    name: Callable[[int], str] = str,
    moves: SiblingMoves | None = None,
    answers: Answers | None = None,
    also: Callable[[Mask, Mask | None], list[Narrowed]] | None = None,
) -> Suppressed:
    """Which cells :func:`hidden_cells` hides; ``name`` names a line in an error, ``moves`` are changes the tables'
    shape allows, which spare the audit most of its work, and ``answers`` are the audit's answers of the last build
    (this build's are added to them). ``also`` audits other figures published from the same cells: given the
    hidden cells and those changed since it last looked, the cells those figures narrow.

    First the rule line by line, then the audit of all lines together (``audit.py``): each cell it finds narrowed
    hides one more cell of a line through it, the line rule runs again, and the linked sets that changed are
    audited again, until none is narrowed.
    """
    primary = (values > 0) & (values < threshold) & ~public
    hidden = _by_lines(values, lines, primary, public, name)
    by_lines = int(hidden.sum())
    changed: Mask | None = None  # every linked set is audited the first time
    started = time.perf_counter()
    seen = seen_in_moves(values, hidden, moves) if moves else None
    while narrowed := [
        *narrowed_cells(values, lines, hidden, threshold, changed, seen, answers),
        *(also(hidden, changed) if also else []),
    ]:
        more = [_widening_cell(cell, values, lines, hidden, public) for cell in narrowed]
        if not any(cell is not None for cell in more):
            break  # each narrowed cell is as hidden as the published totals allow (a village of one worker)
        before = hidden.copy()
        hidden[[cell for cell in more if cell is not None]] = True
        hidden = _by_lines(values, lines, hidden, public, name)
        changed = hidden & ~before
    return Suppressed(hidden, int(hidden.sum()) - by_lines, time.perf_counter() - started)


def _by_lines(values: Numbers, lines: LineTable, hidden: Mask, public: Mask, name: Callable[[int], str]) -> Mask:
    """The line rule: more hidden cells until no line gives one away, starting from ``hidden`` (left as it is)."""
    hidden = hidden.copy()
    # Rounds: each line that gives a cell away picks against the hidden set as it was when the round began, so the
    # result does not depend on the order of the lines. A line that hides cells safely stays so, as cells are only
    # ever added, so checking every line each round finds the same lines as checking only those that changed.
    while True:
        revealing = np.flatnonzero(_reveals(values, lines, hidden))
        if not len(revealing):
            return hidden
        picks = [_second_cell(lines.line(line), values, hidden, public, name(line)) for line in revealing.tolist()]
        hidden[picks] = True


def _widening_cell(narrowed: Narrowed, values: Numbers, lines: LineTable, hidden: Mask, public: Mask) -> int | None:
    """The cell to hide for a cell the audit found narrowed: the smallest positive open cell of the lines through
    it, else an open zero, ties by cell number (not by the order of the lines); ``None`` when every cell of those lines is hidden
    or public already. Raises ValueError if the cell is then still pinned to one value."""
    through = np.searchsorted(lines.starts, np.flatnonzero(lines.cells == narrowed.cell), side="right") - 1
    open_ = [
        (values[cell] <= 0, values[cell], cell)
        for cell in {cell for line in through.tolist() for cell in lines.line(line).tolist()}
        if not hidden[cell] and not public[cell]
    ]
    if open_:
        return int(min(open_)[2])
    if narrowed.low == narrowed.high:
        raise ValueError(f"cell {narrowed.cell} can be worked out and every cell of its lines is hidden or public")
    return None


def _reveals(values: Numbers, lines: LineTable, hidden: Mask) -> Mask:
    """Per line, whether it gives a hidden cell away: it hides exactly one cell, or it hides only parts that add
    up to zero under a published total (non-negative parts that sum to zero are all zero, so each one is known)."""
    in_line = hidden[lines.cells]
    count = np.add.reduceat(in_line.astype(np.int64), lines.starts[:-1])
    total_hidden = hidden[lines.totals]
    hidden_sum = np.add.reduceat(np.where(in_line, values[lines.cells], 0), lines.starts[:-1])
    reveals: Mask = (count == 1) | ((count >= 2) & ~total_hidden & (hidden_sum == 0))
    return reveals


def _second_cell(cells: Numbers, values: Numbers, hidden: Mask, public: Mask, line: str) -> int:
    """The cell a line hides next: its smallest positive open cell, else an open zero; ties by order in the line."""
    open_ = [
        (values[cell] <= 0, values[cell], position, cell)
        for position, cell in enumerate(cells.tolist())
        if not hidden[cell] and not public[cell]
    ]
    if not open_:
        raise ValueError(f"{line} gives a hidden cell away and all its other cells are public")
    return int(min(open_)[3])
