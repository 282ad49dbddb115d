"""Statistical disclosure control by cell suppression.

Primary suppression hides every small count (0 < value < threshold). Secondary suppression keeps hidden cells from
being worked back out by subtraction along any published additive :class:`Line` (a row and its total, a parent
region's cell and its children's): each line must hide no cell, or at least two that are not all zero parts under a
published total. A line short of that hides one more cell: its smallest positive open cell, else an open zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

Cell: TypeAlias = Hashable
"""Any hashable key of one published number, e.g. ``("63.10.01.2005", "petani", "l")``."""


@dataclass(frozen=True)
class Line:
    """An additive relation that readers can see: ``total == sum(parts)``."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Parts in order, then the total: the order in which ties are broken."""
        return (*self.parts, self.total)


def hidden_cells(
    values: Mapping[Cell, int], lines: Iterable[Line], threshold: int, public: Collection[Cell] = ()
) -> set[Cell]:
    """Cells to hide so that no small count is published or can be worked out from the lines.

    Every cell of every line must be in ``values``; ``public`` cells (e.g. a grand total already published
    elsewhere) are never hidden. Raises ValueError if a line gives a hidden cell away and has nothing left to hide.

    The rule looks at one line at a time. Exhaustive checks found no cell of a small R × 2 table with margins that
    can be worked out, but chains of lines across larger tables or a hierarchy can still pin a hidden cell.
    """
    lines = list(lines)
    cells_of = [line.cells for line in lines]
    public = set(public)
    hidden = {cell for cell, value in values.items() if 0 < value < threshold and cell not in public}
    lines_of: defaultdict[Cell, list[int]] = defaultdict(list)
    for index, cells in enumerate(cells_of):
        for cell in cells:
            lines_of[cell].append(index)
    settled = [False] * len(lines)  # hides cells safely; stays so, as cells are only ever added
    pending: Sequence[int] = range(len(lines))
    # Rounds: each line that gives a cell away picks against the hidden set as it was when the round began, so the
    # result does not depend on the order of `lines`. Only lines touching a newly hidden cell come back.
    while pending:
        picks: list[Cell] = []
        for index in pending:
            cells = cells_of[index]
            hidden_here = [cell for cell in cells if cell in hidden]
            if _reveals(cells, hidden_here, values):
                picks.append(_second_cell(lines[index], values, hidden, public))
            else:
                settled[index] = bool(hidden_here)
        fresh = list(dict.fromkeys(picks))  # open cells only, so none was hidden before
        hidden.update(fresh)
        pending = sorted({index for cell in fresh for index in lines_of[cell] if not settled[index]})
    return hidden


def _reveals(cells: tuple[Cell, ...], hidden_here: list[Cell], values: Mapping[Cell, int]) -> bool:
    """Whether a line gives a hidden cell away: it hides exactly one cell, or it hides only parts that add up to
    zero under a published total (non-negative parts that sum to zero are all zero, so each one is known)."""
    if len(hidden_here) <= 1:
        return len(hidden_here) == 1
    return cells[-1] not in hidden_here and sum(values[cell] for cell in hidden_here) == 0


def _second_cell(line: Line, values: Mapping[Cell, int], hidden: set[Cell], public: set[Cell]) -> Cell:
    """The cell a line hides next: its smallest positive open cell, else an open zero; ties by order in the line."""
    cells = line.cells
    open_ = [
        (values[cell] <= 0, values[cell], position)
        for position, cell in enumerate(cells)
        if cell not in hidden and cell not in public
    ]
    if not open_:
        raise ValueError(f"{line} gives a hidden cell away and all its other cells are public")
    return cells[min(open_)[2]]


def grid_lines(key: Callable[[int, int], Cell], rows: int, columns: int) -> list[Line]:
    """Lines of a rows × columns table with margins.

    Inner cells are ``key(r, c)`` for ``r < rows, c < columns``; row totals ``key(r, columns)``; column totals
    ``key(rows, c)``; the grand total ``key(rows, columns)``.
    """
    row_lines = [Line(key(r, columns), tuple(key(r, c) for c in range(columns))) for r in range(rows)]
    column_lines = [Line(key(rows, c), tuple(key(r, c) for r in range(rows))) for c in range(columns)]
    grand = key(rows, columns)
    margins = [
        Line(grand, tuple(line.total for line in row_lines)),
        Line(grand, tuple(line.total for line in column_lines)),
    ]
    return row_lines + column_lines + margins


Region = TypeVar("Region", bound=Hashable)
Position = TypeVar("Position", bound=Hashable)


def sum_lines(
    key: Callable[[Region, Position], Cell],
    parent: Region,
    children: Sequence[Region],
    positions: Iterable[Position],
) -> list[Line]:
    """Lines of a parent region whose table is the sum of its children's: ``key(parent, p) == Σ key(child, p)``."""
    return [Line(key(parent, p), tuple(key(child, p) for child in children)) for p in positions]
