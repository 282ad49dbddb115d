"""Cell suppression: small counts are hidden and cannot be worked back out from the totals beside them."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Hashable, Mapping, Sequence

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from generator.compute.disclosure import hidden_cells
from generator.compute.lines import Cell, Line, grid_lines, sum_lines
from tests.independent_audit import unsafe_cells

THRESHOLD = 3
FAST = settings(max_examples=100, deadline=None)


def grid_values(region: str, inner: Sequence[Sequence[int]]) -> dict[Cell, int]:
    """Cells (region, r, c) of a table with margins, the margins being sums of the inner cells."""
    rows, columns = len(inner), len(inner[0])
    values: dict[Cell, int] = {}
    for r, c in itertools.product(range(rows + 1), range(columns + 1)):
        in_rows = range(rows) if r == rows else [r]
        in_columns = range(columns) if c == columns else [c]
        values[(region, r, c)] = sum(inner[i][j] for i in in_rows for j in in_columns)
    return values


def region_key(region: str) -> Callable[[int, int], Cell]:
    return lambda r, c: (region, r, c)


def hierarchy(children: Sequence[Sequence[Sequence[int]]]) -> tuple[dict[Cell, int], list[Line], Cell]:
    """Villages v0, v1, … and their sum, region "d": values, every line, and d's grand total."""
    rows, columns = len(children[0]), len(children[0][0])
    names = [f"v{i}" for i in range(len(children))]
    values: dict[Cell, int] = {}
    lines: list[Line] = []
    for name, inner in zip(names, children, strict=True):
        values |= grid_values(name, inner)
        lines += grid_lines(region_key(name), rows, columns)
    summed = [[sum(child[r][c] for child in children) for c in range(columns)] for r in range(rows)]
    values |= grid_values("d", summed)
    lines += grid_lines(region_key("d"), rows, columns)
    positions = list(itertools.product(range(rows + 1), range(columns + 1)))
    lines += sum_lines(lambda region, p: (region, *p), "d", names, positions)
    return values, lines, ("d", rows, columns)


def tables(max_rows: int = 3, max_children: int = 3, high: int = 6) -> st.SearchStrategy[list[list[list[int]]]]:
    """Two to `max_children` tables of the same shape (2..max_rows rows × 2 columns) of counts 0..high."""
    return st.integers(2, max_rows).flatmap(
        lambda rows: st.lists(
            st.lists(st.lists(st.integers(0, high), min_size=2, max_size=2), min_size=rows, max_size=rows),
            min_size=2,
            max_size=max_children,
        )
    )


def broken_lines(lines: Sequence[Line], hidden: set[Cell], values: Mapping[Cell, int]) -> list[Line]:
    """Lines hiding exactly one cell, or hiding only zero parts under a published total (they must all be 0)."""
    return [
        line
        for line in lines
        if sum(cell in hidden for cell in line.cells) == 1
        or (
            line.total not in hidden
            and any(cell in hidden for cell in line.parts)
            and sum(values[cell] for cell in line.parts if cell in hidden) == 0
        )
    ]


@FAST
@given(tables(), st.integers(0, 5), st.randoms(use_true_random=False))
def test_small_counts_are_hidden_and_public_cells_never(children, threshold, rng):
    values, lines, grand = hierarchy(children)
    public = {grand} | {cell for cell in values if rng.random() < 0.1}
    try:
        hidden = hidden_cells(values, lines, threshold, public)
    except ValueError:
        assume(False)  # public cells left a line nothing to hide: the caller's design is unsafe
    assert {cell for cell, value in values.items() if 0 < value < threshold} - public <= hidden
    assert not hidden & public


@FAST
@given(tables(), st.integers(0, 5))
def test_every_line_hides_no_cell_or_at_least_two(children, threshold):
    values, lines, grand = hierarchy(children)
    hidden = hidden_cells(values, lines, threshold, public={grand})
    assert broken_lines(lines, hidden, values) == []


@FAST
@given(tables(), st.randoms(use_true_random=False))
def test_order_of_values_and_lines_does_not_matter(children, rng):
    values, lines, grand = hierarchy(children)
    shuffled_items = list(values.items())
    rng.shuffle(shuffled_items)
    shuffled_lines = lines.copy()
    rng.shuffle(shuffled_lines)
    expected = hidden_cells(values, lines, THRESHOLD, public={grand})
    assert hidden_cells(dict(shuffled_items), shuffled_lines, THRESHOLD, public={grand}) == expected
    assert hidden_cells(dict(reversed(values.items())), lines[::-1], THRESHOLD, public={grand}) == expected


def completable(lines: Sequence[Line], known: Mapping[Cell, int], bound: int) -> bool:
    """Whether the cells missing from `known` can take values 0..bound that make every line add up.

    Exhaustive search: lines with one missing cell fix it; otherwise every value of one missing cell is tried.
    """
    known = dict(known)
    changed = True
    while changed:
        changed = False
        for line in lines:
            missing = [cell for cell in line.cells if cell not in known]
            parts = sum(known.get(cell, 0) for cell in line.parts)
            if line.total in known and parts > known[line.total]:
                return False
            if not missing:
                if parts != known[line.total]:
                    return False
            elif len(missing) == 1:
                value = parts if missing[0] == line.total else known[line.total] - parts
                if not 0 <= value <= bound:
                    return False
                known[missing[0]] = value
                changed = True
    free = [cell for line in lines for cell in line.cells if cell not in known]
    return not free or any(completable(lines, {**known, free[0]: value}, bound) for value in range(bound + 1))


def can_take_another_value(cell: Hashable, lines: Sequence[Line], published: Mapping[Cell, int], true: int) -> bool:
    """Whether some non-negative table agreeing with everything published has another value in `cell`."""
    bound = max(published.values())  # the published grand total bounds every cell
    others = sorted(range(bound + 1), key=lambda value: abs(value - true))[1:]  # nearest first: found sooner
    return any(completable(lines, {**published, cell: value}, bound) for value in others)


def revealed(values: Mapping[Cell, int], lines: Sequence[Line], grand: Cell) -> list[Cell]:
    """Hidden cells that readers can work out (grand total public), by brute force over all possible tables."""
    hidden = hidden_cells(values, lines, THRESHOLD, public={grand})
    published = {cell: value for cell, value in values.items() if cell not in hidden}
    return [cell for cell in sorted(hidden) if not can_take_another_value(cell, lines, published, values[cell])]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(2, 3).flatmap(
        lambda rows: st.lists(st.lists(st.integers(0, 6), min_size=2, max_size=2), min_size=rows, max_size=rows)
    )
)
# A published total of 0 shows that its parts are all 0: hiding only zero parts under it protects nothing. The plain
# "at least two hidden cells per line" rule failed here, hence the zero-sum condition in `disclosure._reveals`.
@example([[0, 0], [0, 1], [0, 1]])
def test_hidden_cells_cannot_be_worked_back_out(inner):
    rows = len(inner)
    assert revealed(grid_values("v", inner), grid_lines(region_key("v"), rows, 2), ("v", rows, 2)) == []


# Two tables where the line rule alone, each line hiding two cells, let a chain of lines pin a cell: the audit of
# all lines together (generator/compute/audit.py) hides more.
def test_a_chain_of_lines_across_a_wider_table_pins_no_cell():
    inner = [[0, 0, 1], [0, 0, 1], [1, 1, 1]]  # row 2 = 3, columns 0 and 1 = cells of row 2, and they add up to 2
    assert revealed(grid_values("v", inner), grid_lines(region_key("v"), 3, 3), ("v", 3, 3)) == []


def test_a_chain_of_lines_across_a_hierarchy_pins_no_cell():
    values, lines, grand = hierarchy([[[0, 1], [2, 0]], [[2, 0], [0, 2]]])
    assert revealed(values, lines, grand) == []


@settings(max_examples=150, deadline=None)
@given(tables(max_rows=4, max_children=4, high=8), st.integers(2, 5))
def test_no_hidden_cell_of_a_hierarchy_is_pinned_or_narrowed_below_the_threshold(children, threshold):
    """Checked by OR-Tools, a solver the generator does not use."""
    values, lines, grand = hierarchy(children)
    hidden = hidden_cells(values, lines, threshold, public={grand})
    assert unsafe_cells(values, lines, hidden, {grand}, threshold) == {}


def test_table_without_small_counts_hides_nothing():
    values, lines, grand = hierarchy([[[0, 5], [3, 0], [10, 4]]])
    assert hidden_cells(values, lines, THRESHOLD, public={grand}) == set()


def test_threshold_of_one_or_less_hides_nothing():
    values, lines, grand = hierarchy([[[1, 2], [0, 1]]])
    assert hidden_cells(values, lines, 1, public={grand}) == set()
    assert hidden_cells(values, lines, 0, public={grand}) == set()


def test_village_table_with_one_small_count_hides_more_in_its_row_and_column():
    inner = [[5 + r + c for c in range(2)] for r in range(9)]
    inner[4][1] = 2
    values = grid_values("v", inner)
    lines = grid_lines(region_key("v"), 9, 2)
    hidden = hidden_cells(values, lines, 5, public={("v", 9, 2)})
    assert ("v", 4, 1) in hidden
    assert len({cell for cell in hidden if cell[1] == 4}) >= 2
    assert len({cell for cell in hidden if cell[2] == 1}) >= 2
    assert broken_lines(lines, hidden, values) == []


def test_hidden_village_cell_is_not_parent_minus_siblings():
    values, lines, grand = hierarchy([[[1, 8], [9, 7]], [[6, 8], [9, 7]]])
    hidden = hidden_cells(values, lines, THRESHOLD, public={grand})
    assert ("v0", 0, 0) in hidden
    children_hidden = [cell for cell in [("v0", 0, 0), ("v1", 0, 0)] if cell in hidden]
    assert len(children_hidden) >= 2 or ("d", 0, 0) in hidden
    assert broken_lines(lines, hidden, values) == []


def test_line_with_nothing_left_to_hide_is_an_error():
    line = Line("total", ("a", "b"))
    with pytest.raises(ValueError, match="total"):
        hidden_cells({"a": 1, "b": 7, "total": 8}, [line], THRESHOLD, public={"b", "total"})


def test_second_cell_is_the_smallest_positive_then_zero():
    line = Line("total", ("small", "zero", "big", "other"))
    values = {"small": 1, "zero": 0, "big": 9, "other": 4, "total": 14}
    assert hidden_cells(values, [line], THRESHOLD) == {"small", "other"}
    values = {"small": 1, "zero": 0, "total": 1}
    assert hidden_cells(values, [Line("total", ("small", "zero"))], THRESHOLD, public={"total"}) == {"small", "zero"}


def test_shuffled_line_order_is_deterministic_at_scale():
    rng = random.Random(7)
    children = [[[rng.randrange(6) for _ in range(2)] for _ in range(9)] for _ in range(20)]
    values, lines, grand = hierarchy(children)
    expected = hidden_cells(values, lines, THRESHOLD, public={grand})
    rng.shuffle(lines)
    assert hidden_cells(values, lines, THRESHOLD, public={grand}) == expected
