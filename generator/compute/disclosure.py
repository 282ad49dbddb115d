"""Statistical disclosure control by cell suppression.

Primary suppression hides every small count (0 < value < threshold). Secondary suppression keeps hidden cells from
being worked back out by subtraction along any published additive :class:`Line` (a row and its total, a parent
region's cell and its children's): each line must hide no cell, or at least two that are not all zero parts under a
published total. A line short of that hides one more cell: its smallest positive open cell, else an open zero.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

Cell: TypeAlias = Hashable
"""Any hashable key of one published number, e.g. ``("63.10.01.2005", "petani", "l")``."""
Numbers: TypeAlias = npt.NDArray[np.int64]
"""Cell numbers, or the counts of cells by number."""
Mask: TypeAlias = npt.NDArray[np.bool_]
"""One flag per cell number, e.g. whether it is hidden."""


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
    cells = list(values)
    index = {cell: position for position, cell in enumerate(cells)}
    lines = list(lines)
    table = LineTable.of([[index[cell] for cell in line.cells] for line in lines])
    counts = np.array([values[cell] for cell in cells], dtype=np.int64)
    is_public = np.zeros(len(cells), dtype=bool)
    is_public[[index[cell] for cell in public if cell in index]] = True
    hidden = suppress(counts, table, threshold, is_public, lambda line: str(lines[line]))
    return {cells[position] for position in np.flatnonzero(hidden)}


@dataclass(frozen=True)
class LineTable:
    """Lines over cells numbered 0..n-1, packed for numpy: line ``i`` is ``cells[starts[i]:starts[i + 1]]``,
    its parts in order and then its total."""

    cells: Numbers
    starts: Numbers

    @classmethod
    def of(cls, lines: Sequence[Sequence[int]]) -> LineTable:
        lengths = np.fromiter((len(line) for line in lines), dtype=np.int64, count=len(lines))
        cells = np.fromiter((cell for line in lines for cell in line), dtype=np.int64, count=int(lengths.sum()))
        return cls(cells, np.concatenate(([0], np.cumsum(lengths))))

    @classmethod
    def joined(cls, tables: Iterable[LineTable]) -> LineTable:
        tables = list(tables)
        offsets = np.cumsum([0, *(len(table.cells) for table in tables[:-1])])
        starts = [table.starts[:-1] + offset for table, offset in zip(tables, offsets, strict=True)]
        total = sum(len(table.cells) for table in tables)
        return cls(np.concatenate([table.cells for table in tables]), np.concatenate([*starts, [total]]))

    @property
    def totals(self) -> Numbers:
        totals: Numbers = self.cells[self.starts[1:] - 1]
        return totals

    def line(self, number: int) -> Numbers:
        cells: Numbers = self.cells[self.starts[number] : self.starts[number + 1]]
        return cells


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
