"""An audit of hidden cells that shares no code with the generator's: Google OR-Tools instead of HiGHS.

A reader knows every published cell and every line (``total == sum(parts)``); the hidden cells are whole numbers,
0 or more. For each hidden cell this finds the least and greatest value it can take: a linear program (GLOP) whose
optimum is taken as it is when it is a whole-number table, else the integer program (CP-SAT) decides.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping, Sequence

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from generator.compute.lines import Line


def value_ranges(
    values: Mapping[Hashable, int], lines: Sequence[Line], hidden: Collection[Hashable]
) -> dict[Hashable, tuple[int, int]]:
    """The least and greatest whole value of every hidden cell that agrees with everything published."""
    hidden = set(hidden)
    bound = max(value for cell, value in values.items() if cell not in hidden)  # a public grand total bounds all
    ranges = {}
    for cells, relevant in _linked(lines, hidden):
        solver = pywraplp.Solver.CreateSolver("GLOP")
        variables = {c: solver.NumVar(0, bound, repr(c)) for c in cells}
        _add_lines(solver.Add, relevant, variables, values)
        for cell in cells:
            low, high = (_extreme(solver, variables, cell, greatest) for greatest in (False, True))
            ranges[cell] = (
                _integer(cell, False, values, relevant, cells, bound) if low is None else low,
                _integer(cell, True, values, relevant, cells, bound) if high is None else high,
            )
    return ranges


def _linked(lines: Sequence[Line], hidden: set[Hashable]) -> list[tuple[list[Hashable], list[Line]]]:
    """Hidden cells in sets joined by lines (breadth first), each with the lines through it."""
    lines_of: dict[Hashable, list[Line]] = {}
    for line in lines:
        for cell in line.cells:
            if cell in hidden:
                lines_of.setdefault(cell, []).append(line)
    seen: set[Hashable] = set()
    sets = []
    for start in sorted(hidden, key=repr):
        if start in seen:
            continue
        cells, relevant, queue = [], {}, [start]
        seen.add(start)
        while queue:
            cell = queue.pop()
            cells.append(cell)
            for line in lines_of.get(cell, []):
                relevant[id(line)] = line
                for other in line.cells:
                    if other in hidden and other not in seen:
                        seen.add(other)
                        queue.append(other)
        sets.append((cells, list(relevant.values())))
    return sets


def _add_lines(add, lines, variables, values) -> None:
    term = lambda c: variables[c] if c in variables else values[c]  # noqa: E731
    for line in lines:
        add(sum(term(c) for c in line.parts) == term(line.total))


def _extreme(solver, variables, cell, greatest: bool) -> int | None:
    """The LP optimum when the LP's solution is a whole-number table (then it is the integer optimum too)."""
    solver.Objective().Clear()
    solver.Objective().SetCoefficient(variables[cell], 1)
    solver.Objective().SetOptimizationDirection(greatest)
    assert solver.Solve() == pywraplp.Solver.OPTIMAL
    if all(abs(v.solution_value() - round(v.solution_value())) < 1e-7 for v in variables.values()):
        return round(variables[cell].solution_value())
    return None


def _integer(cell, greatest, values, lines, cells, bound) -> int:
    model = cp_model.CpModel()
    variables = {c: model.new_int_var(0, bound, repr(c)) for c in cells}
    _add_lines(model.add, lines, variables, values)
    (model.maximize if greatest else model.minimize)(variables[cell])
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    return math.floor(solver.objective_value + 0.5)


def unsafe_cells(
    values: Mapping[Hashable, int],
    lines: Sequence[Line],
    hidden: Collection[Hashable],
    public: Collection[Hashable],
    threshold: int,
) -> dict[Hashable, tuple[int, int]]:
    """Hidden cells a reader can pin to one value, or narrow to fewer than ``threshold`` values while some cell of
    their lines is still published and could have been hidden (a village of one worker shows that one worker in
    its total, whatever is hidden)."""
    hidden, public = set(hidden), set(public)
    unsafe = {}
    for cell, (low, high) in value_ranges(values, lines, hidden).items():
        around = {c for line in lines if cell in line.cells for c in line.cells}
        could_hide_more = any(c not in hidden and c not in public for c in around)
        if low == high or (high - low + 1 < threshold and could_hide_more):
            unsafe[cell] = (low, high)
    return unsafe


def real_ranges(
    values: Mapping[Hashable, float], lines: Sequence[Line], hidden: Collection[Hashable]
) -> dict[Hashable, tuple[float, float]]:
    """The least and greatest real value of every hidden cell that agrees with everything published (amounts)."""
    ranges = {}
    for cells, relevant in _linked(lines, set(hidden)):
        solver = pywraplp.Solver.CreateSolver("GLOP")
        variables = {c: solver.NumVar(0, solver.infinity(), repr(c)) for c in cells}
        _add_lines(solver.Add, relevant, variables, values)
        for cell in cells:
            extremes = []
            for greatest in (False, True):
                solver.Objective().Clear()
                solver.Objective().SetCoefficient(variables[cell], 1)
                solver.Objective().SetOptimizationDirection(greatest)
                status = solver.Solve()
                assert status in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.UNBOUNDED)
                extremes.append(math.inf if status == pywraplp.Solver.UNBOUNDED else variables[cell].solution_value())
            ranges[cell] = (extremes[0], extremes[1])
    return ranges
