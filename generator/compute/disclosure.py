"""Statistical disclosure control by cell suppression.

Primary suppression hides every small count (0 < value < threshold). Secondary suppression keeps hidden cells from
being worked back out by subtraction along any published additive :class:`Line` (a row and its total, a parent
region's cell and its children's): each line must hide no cell, or at least two that are not all zero parts under a
published total. A line short of that hides one more cell: its smallest positive open cell, else an open zero.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

import numpy as np

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
    cells = list(values)
    index = {cell: position for position, cell in enumerate(cells)}
    lines = list(lines)
    table = LineTable.of([[index[cell] for cell in line.cells] for line in lines])
    counts = np.array([values[cell] for cell in cells], dtype=np.int64)
    is_public = np.zeros(len(cells), dtype=bool)
    is_public[[index[cell] for cell in public if cell in index]] = True
    hidden = suppress(counts, table, threshold, is_public, lambda line: str(lines[line]))
    return {cells[position] for position in np.flatnonzero(hidden)}


def suppress(values: Numbers, lines: LineTable, threshold: int, public: Mask, name: Callable[[int], str] = str) -> Mask:
    """Which cells :func:`hidden_cells` hides, as a mask over ``values``; ``name`` names a line in an error."""
    hidden: Mask = (values > 0) & (values < threshold) & ~public
    # Rounds: each line that gives a cell away picks against the hidden set as it was when the round began, so the
    # result does not depend on the order of the lines. A line that hides cells safely stays so, as cells are only
    # ever added, so checking every line each round finds the same lines as checking only those that changed.
    while True:
        revealing = np.flatnonzero(_reveals(values, lines, hidden))
        if not len(revealing):
            return hidden
        picks = [_second_cell(lines.line(line), values, hidden, public, name(line)) for line in revealing.tolist()]
        hidden[picks] = True


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
