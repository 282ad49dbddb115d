"""The audit of the claims' rupiah amounts: they never tell a reader whether a hidden claims row has claims.

A claims row shows its amount where it shows its cases, and the rule hides both together; a region's total amount
is hidden whenever any of its rows is (``protection.py``). The shown amounts add up along the same lines as the
cases, so a reader can also bound every hidden amount. Amounts are not counts, but an amount above zero means at
least one claim, and an amount of zero means none: so every hidden amount must be able to be zero and to be more
than zero, whatever the shown ones are. Linear programs over real amounts (in millions of rupiah, a scale the
solver handles well) find the least and greatest value of each hidden amount that is not already shown free by
moving amounts between sibling villages. An amount that cannot be zero is told only where the row's cases could be
zero by themselves (where the cases are shown, or cannot be zero either, it tells nothing new).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from generator.compute.audit import Answers, Narrowed, Program, SiblingMoves, digest, linked_sets, seen_in_moves
from generator.compute.lines import LineTable, Mask, Numbers, Reals

RUPIAH = 1e-6
"""One rupiah in the solver's unit (millions): an amount below this is zero."""
SOME = sys.maxsize
"""The greatest count told by an amount that cannot be zero: at least one, and any number more."""


def amounts_hidden(cases_hidden: Mask) -> Mask:
    """Which amounts of a claims table are hidden, from which of its cases are (its rows, then its total; or one
    table per row of a 2-D array): a row's amount with its cases, the total amount whenever any count is hidden."""
    return np.concatenate([cases_hidden[..., :-1], cases_hidden.any(axis=-1, keepdims=True)], axis=-1)


@dataclass(frozen=True)
class Amounts:
    """The rupiah amounts of every claims row, by the cell number of the row's cases, and the lines they add up on."""

    values: Numbers
    """Rupiah per cell number; 0 for the cells that are not claims rows."""
    lines: LineTable
    """The claims lines: each region's rows and total, each parent's rows as its children's sums."""
    tables: Numbers
    """Per region, the cell numbers of its claims rows and then its total (one row of this array per region)."""
    moves: SiblingMoves
    """Moves of an amount between sibling villages, with their totals."""
    cases: Numbers
    """The cases, by cell number (and every other count of the province)."""
    case_lines: LineTable
    """Every line of the cases and other counts."""

    def hidden(self, cases_hidden: Mask) -> Mask:
        """Which amounts are hidden (:func:`amounts_hidden`), by cell number."""
        hidden = np.zeros_like(cases_hidden)
        hidden[self.tables] = amounts_hidden(cases_hidden[self.tables])
        return hidden

    def in_millions(self) -> Reals:
        """The amounts in the solver's unit."""
        millions: Reals = self.values.astype(np.float64) * RUPIAH
        return millions

    def telling(self, cases_hidden: Mask, changed: Mask | None, answers: Answers) -> list[Narrowed]:
        """The hidden claims rows whose amount tells that the row has claims (it cannot be zero) or has none (it
        cannot be more than zero); with ``changed``, only in the linked sets with a changed cell. ``answers`` are
        those of the last build per linked set, looked up first (:class:`audit.Answers`)."""
        hidden = self.hidden(cases_hidden)
        low, high = seen_in_moves(self.values, hidden, self.moves)
        free = (low == 0) & (high > 0)  # shown free by a move: it can be zero and more
        told: list[Narrowed] = []
        for linked in linked_sets(self.lines, hidden):
            unsure = ~free[linked.cells] & cases_hidden[linked.cells]
            if not unsure.any() or (changed is not None and not changed[linked.cells].any()):
                continue
            key = digest(self.values, self.lines, hidden, linked, AMOUNTS)
            answer = answers.now.get(key, answers.last.get(key))
            if answer is None:
                answer = _told_in(Program(self.in_millions(), self.lines, hidden, linked), unsure)
            answers.now[key] = answer
            told += answer
        return self._new_to_cases(told, cases_hidden)

    def _new_to_cases(self, told: list[Narrowed], cases_hidden: Mask) -> list[Narrowed]:
        """What the amounts tell that the cases alone do not: claims where the cases could be zero, none where
        they could be more."""
        if not told:
            return told
        programs = {
            int(cell): (program, i)
            for program in self._case_programs(told, cases_hidden)
            for i, cell in enumerate(program.cells.tolist())
        }
        new = []
        for narrowed in told:
            program, i = programs[narrowed.cell]
            if (narrowed.low > 0 and program.bound(i, greatest=False) == 0) or (
                narrowed.high == 0 and program.bound(i, greatest=True) > 0
            ):
                new.append(narrowed)
        return new

    def _case_programs(self, told: list[Narrowed], cases_hidden: Mask) -> list[Program]:
        """The programs of the cases' linked sets with a told cell."""
        cells = np.array([narrowed.cell for narrowed in told])
        return [
            Program(self.cases, self.case_lines, cases_hidden, linked)
            for linked in linked_sets(self.case_lines, cases_hidden)
            if np.isin(linked.cells, cells).any()
        ]


AMOUNTS = -1
"""Stands for the threshold in the digest of an amounts' linked set, which has none (so no digest of counts is
the same)."""


def _told_in(program: Program, unsure: Mask) -> list[Narrowed]:
    """The cells of a linked set of amounts that cannot be zero, or cannot be more, among the ``unsure`` ones.
    Every solution found is a table that fits every line: a cell seen zero in one and more in another is free."""
    zero_seen, more_seen = program.true < RUPIAH / 2, program.true >= RUPIAH / 2
    told = []
    for i in np.flatnonzero(unsure).tolist():
        if not zero_seen[i] and program.least(i) > RUPIAH / 2:
            told.append(Narrowed(int(program.cells[i]), 1, SOME))
        elif not more_seen[i] and program.greatest(i) < RUPIAH / 2:
            told.append(Narrowed(int(program.cells[i]), 0, 0))
        zero_seen |= program.solution < RUPIAH / 2
        more_seen |= program.solution >= RUPIAH / 2
    return told
