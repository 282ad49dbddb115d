"""The audit of all published tables together, checked by a solver the generator does not use (OR-Tools).

The lines are rebuilt here from the published tables as a reader sees them (each region's occupation × gender
table with its totals, its claims cases with their total, a parent's cells as its children's sums), keyed by
region code, row and column: none of the generator's cell numbering is reused.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Hashable
from pathlib import Path

import numpy as np
import pytest

from generator.compute import amount_audit, audit, protection
from generator.compute.aggregate import build_tree, regions_of
from generator.compute.audit import Answers, linked_sets, narrowed_cells, seen_in_moves
from generator.compute.lines import Line, LineTable
from generator.compute.protection import (
    BENEFIT_ROWS,
    COLUMNS,
    ROWS,
    ClaimCell,
    Published,
    WorkerCell,
    claim_cases,
    occupation_grid,
    protect,
)
from generator.model import BENEFITS
from generator.read.dataset import load_dataset
from generator.render.hiding_example import hiding_example
from generator.sample import write_sample
from tests.helpers import ROOT, WILAYAH, needs_wilayah
from tests.independent_audit import real_ranges, unsafe_cells, value_ranges

System = tuple[dict[Hashable, int], list[Line], set[Hashable], set[Hashable], int]


def published_system(published: Published) -> System:
    """Every cell of the published tables, every line a reader sees, the cells hidden, the cells always public
    (each region's total) and the threshold."""
    values: dict[Hashable, int] = {}
    lines: list[Line] = []
    hidden: set[Hashable] = set()
    public: set[Hashable] = set()
    positions = list(itertools.product(range(ROWS + 1), range(COLUMNS + 1)))
    for root in published.tree.roots:
        for node in regions_of(root):
            code = node.region.code
            grid = occupation_grid(node)
            for r, c in positions:
                values[WorkerCell(code, r, c)] = grid[r][c]
            for r in range(ROWS + 1):
                lines.append(Line(WorkerCell(code, r, COLUMNS), tuple(WorkerCell(code, r, c) for c in range(COLUMNS))))
            for c in range(COLUMNS + 1):
                lines.append(Line(WorkerCell(code, ROWS, c), tuple(WorkerCell(code, r, c) for r in range(ROWS))))
            for r, cases in enumerate(claim_cases(node)):
                values[ClaimCell(code, r)] = cases
            lines.append(Line(ClaimCell(code, BENEFIT_ROWS), tuple(ClaimCell(code, r) for r in range(BENEFIT_ROWS))))
            children = [child.region.code for child in node.children]
            for r, c in positions if children else ():
                lines.append(Line(WorkerCell(code, r, c), tuple(WorkerCell(child, r, c) for child in children)))
            for r in range(BENEFIT_ROWS + 1) if children else ():
                lines.append(Line(ClaimCell(code, r), tuple(ClaimCell(child, r) for child in children)))
            hidden |= published.hidden.of(code)
            public.add(WorkerCell(code, ROWS, COLUMNS))
    return values, lines, hidden, public, published.threshold


def protected(data_dir: Path) -> Published:
    data = load_dataset(data_dir)
    return protect(build_tree(data), data.threshold)


def test_no_hidden_cell_of_the_default_site_can_be_pinned_or_narrowed():
    values, lines, hidden, public, threshold = published_system(protected(ROOT / "data"))
    assert len(hidden) > 1000
    assert unsafe_cells(values, lines, hidden, public, threshold) == {}


@pytest.fixture(scope="module")
def kabupaten_6301(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sample data of Kabupaten Tanah Laut (63.01), where the line rule alone left two cells pinned."""
    folder = tmp_path_factory.mktemp("k6301")
    write_sample(WILAYAH, folder, {"63.01"})
    shutil.copy(ROOT / "data" / "fakta.yaml", folder)
    return folder


@needs_wilayah
def test_the_audit_hides_more_where_the_line_rule_alone_let_a_cell_be_pinned(kabupaten_6301):
    published = protected(kabupaten_6301)
    assert published.hidden.audit.added > 0
    values, lines, hidden, public, threshold = published_system(published)
    assert unsafe_cells(values, lines, hidden, public, threshold) == {}
    numbered = {cell: i for i, cell in enumerate(values)}
    table = LineTable.of([[numbered[cell] for cell in line.cells] for line in lines])
    counts = np.array(list(values.values()), dtype=np.int64)
    mask = np.zeros(len(values), dtype=bool)
    mask[[numbered[cell] for cell in hidden]] = True
    assert narrowed_cells(counts, table, mask, threshold) == []
    assert len(linked_sets(table, mask)) > 1


def test_an_answer_of_the_last_build_is_used_only_while_its_lines_hold_the_same_values():
    # x + y + z = t with x, y hidden: what a reader learns of x depends on the open z and t
    lines = LineTable.of([[0, 1, 2, 3]])
    hidden = np.array([True, True, False, False])
    answers = Answers()
    assert narrowed_cells(np.array([1, 1, 5, 7]), lines, hidden, 3, answers=answers) == []
    again = Answers(answers.now)
    narrowed = narrowed_cells(np.array([1, 0, 6, 7]), lines, hidden, 3, answers=again)
    assert [(n.cell, n.low, n.high) for n in narrowed] == [(0, 0, 1), (1, 0, 1)]
    assert narrowed_cells(np.array([1, 0, 6, 7]), lines, hidden, 3) == narrowed


@needs_wilayah
def test_a_rebuild_solves_programs_only_for_what_changed_and_hides_what_a_full_build_hides(
    kabupaten_6301, tmp_path, monkeypatch
):
    first = protected(kabupaten_6301)
    folder = tmp_path / "data"
    shutil.copytree(kabupaten_6301, folder)
    participation = folder / "kepesertaan.csv"
    rows = participation.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = rows[-1].rstrip("\n").split(",")
    cells[2] = str(int(cells[2]) + 1)
    participation.write_text("".join([*rows[:-1], ",".join(cells) + "\n"]), encoding="utf-8")
    data = load_dataset(folder)
    tree = build_tree(data)
    solved = []
    real = audit.Program.narrowed
    monkeypatch.setattr(audit.Program, "narrowed", lambda self, *a: solved.append(1) or real(self, *a))
    full = protect(tree, data.threshold)
    programs_of_a_full_build = len(solved)
    solved.clear()
    rebuilt = protect(tree, data.threshold, first)
    assert rebuilt.hidden.by_province == full.hidden.by_province
    assert programs_of_a_full_build > 0
    assert len(solved) < programs_of_a_full_build


def test_every_table_the_sibling_moves_make_fits_every_line():
    """The values the audit takes as seen from its sibling moves lie within what OR-Tools finds possible."""
    data = load_dataset(ROOT / "data")
    published = protect(build_tree(data), data.threshold)
    values, lines, hidden, _, _ = published_system(published)
    ranges = value_ranges(values, lines, hidden)
    regions = regions_of(published.tree.roots[0])
    numbers = np.concatenate([protection._cell_values(node) for node in regions])
    mask = np.zeros(len(numbers), dtype=bool)
    for i, node in enumerate(regions):
        for cell in published.hidden.of(node.region.code):
            offset = (
                cell.row * (COLUMNS + 1) + cell.column
                if isinstance(cell, WorkerCell)
                else protection.WORKER_CELLS + cell.row
            )
            mask[i * protection.CELLS + offset] = True
    low, high = seen_in_moves(numbers, mask, protection._sibling_moves(regions))
    widened = 0
    for number in np.flatnonzero(mask).tolist():
        region, offset = regions[number // protection.CELLS].region.code, number % protection.CELLS
        if offset < protection.WORKER_CELLS:
            cell: Hashable = WorkerCell(region, *divmod(offset, COLUMNS + 1))
        else:
            cell = ClaimCell(region, offset - protection.WORKER_CELLS)
        least, most = ranges[cell]
        assert least <= low[number] <= high[number] <= most, cell
        widened += high[number] > low[number]
    assert widened > len(hidden) // 2


def test_the_worked_example_on_tentang_data_says_what_a_reader_can_work_out():
    example = hiding_example(3)
    assert example["tabel"].count("•") == 4 and example["benar"] == "1"
    assert example["kemungkinan"] == "0, 1, 2, 3, 4 atau 5"  # women fishers: anywhere from 0 to all 5 hidden women
    assert hiding_example(7)["tabel"].count("•") > 4  # 0..5 is too few values at 7: the audit hides more


def test_an_amount_that_cannot_be_zero_says_its_row_has_claims():
    # x + y = 5 and y + z = 1 (in millions of rupiah), x, y, z hidden: y and z are at most 1, so x is at least 4
    lines = LineTable.of([[0, 1, 3], [1, 2, 4]])
    hidden = np.array([True, True, True, False, False])
    amounts = np.array([4.5, 0.5, 0.5, 5.0, 1.0])
    program = audit.Program(amounts, lines, hidden, linked_sets(lines, hidden)[0])
    told = amount_audit._told_in(program, np.array([True, True, True]))
    assert [(n.cell, n.low) for n in told] == [(0, 1)]


def test_no_hidden_amount_of_the_default_site_tells_whether_its_row_has_claims_where_the_cases_do_not():
    """OR-Tools bounds every hidden rupiah amount from the shown ones; an amount that cannot be zero (or cannot be
    more) must not tell more than the row's cases do."""
    published = protected(ROOT / "data")
    values, lines, hidden, _, _ = published_system(published)
    cases = value_ranges(values, lines, hidden)
    amounts: dict[Hashable, float] = {}
    amount_lines, amount_hidden = [], set()
    for root in published.tree.roots:
        for node in regions_of(root):
            code = node.region.code
            row = [node.claims[b].amount / 1e6 if b in node.claims else 0.0 for b in BENEFITS]
            for r, amount in enumerate([*row, sum(row)]):
                amounts[("rp", code, r)] = amount
            rows = [r for r in range(BENEFIT_ROWS + 1) if ClaimCell(code, r) in hidden]
            amount_hidden |= {("rp", code, r) for r in rows}
            if rows:
                amount_hidden.add(("rp", code, BENEFIT_ROWS))  # the total amount hides with any row
            total = ("rp", code, BENEFIT_ROWS)
            amount_lines.append(Line(total, tuple(("rp", code, r) for r in range(BENEFIT_ROWS))))
            for r in range(BENEFIT_ROWS + 1) if node.children else ():
                parts = tuple(("rp", child.region.code, r) for child in node.children)
                amount_lines.append(Line(("rp", code, r), parts))
    for (_, code, r), (least, most) in real_ranges(amounts, amount_lines, amount_hidden).items():
        cell = ClaimCell(code, r)
        if cell not in hidden:
            continue  # its cases are shown
        assert least < 1e-6 or cases[cell][0] >= 1, cell
        assert most > 1e-6 or cases[cell][1] == 0, cell
    assert len(amount_hidden) > 100
