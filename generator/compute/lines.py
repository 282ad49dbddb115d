"""Published additive lines: a table's rows and columns and their totals, a parent region's cells as the sums of
its children's. The disclosure rule (``disclosure.py``) and its audit (``audit.py``) both read them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

Cell: TypeAlias = Hashable
"""Any hashable key of one published number, e.g. ``("63.10.01.2005", "petani", "l")``."""
Numbers: TypeAlias = npt.NDArray[np.int64]
"""Cell numbers, or the counts of cells by number."""
Reals: TypeAlias = npt.NDArray[np.float64]
"""Real numbers, one per cell (amounts in the solver's unit)."""
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
