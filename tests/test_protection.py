"""The disclosure rule as applied to the coverage tree: each of its parts, shown to hold on the published tree.

Each test here fails if one part of the rule in ``generator/compute/protection.py`` is taken out: hiding small
counts, keeping each region's total public, hiding the amounts and months of hidden claims.
"""

from __future__ import annotations

from generator.build import renderer_of
from generator.compute.protection import COLUMNS, ROWS, ClaimCell, Published
from generator.model import BENEFITS, COUNT_COLUMNS
from generator.read.dataset import load_dataset
from tests.helpers import row_of

SEGUMBANG = "63.10.01.2005"


def published_of(data_dir) -> tuple[Published, int]:
    data = load_dataset(data_dir)
    return renderer_of(data).published, data.threshold


def test_no_shown_count_is_small(project):
    published, threshold = published_of(project.data)
    shown = 0
    for node in published.tree.by_code.values():
        for row in published.occupation_grid(node):
            assert not any(value is not None and 0 < value < threshold for value in row), node.region.code
            shown += sum(value is not None for value in row)
        for claim in published.claim_rows(node):
            assert claim.cases is None or not 0 < claim.cases < threshold, node.region.code
    assert shown > 0


def test_a_village_total_below_the_threshold_is_still_shown_and_its_parts_are_hidden(project):
    """The total of every region is public (its page's headline shows it), so the rule keeps it and hides around it."""
    path = project.data / "kepesertaan.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = row_of(path, SEGUMBANG + ",")
    counts = ["0"] * len(COUNT_COLUMNS)
    counts[COUNT_COLUMNS.index("petani_l")] = counts[COUNT_COLUMNS.index("nelayan_p")] = "1"
    lines[row - 1] = ",".join([*lines[row - 1].split(",")[:2], *counts]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    published, threshold = published_of(project.data)
    assert threshold > 2
    village = published.tree.by_code[SEGUMBANG]
    grid = published.occupation_grid(village)
    assert grid[ROWS][COLUMNS] == 2 == village.enrolled  # the headline figure, in the table too
    assert grid[0][0] is None and grid[1][1] is None  # the two people are not shown
    assert grid[ROWS][0] is None and grid[ROWS][1] is None  # nor men and women, which would give them away


def test_a_hidden_claims_row_hides_its_amount_and_month_and_the_total_amount(project):
    published, _ = published_of(project.data)
    regions_with_hidden_claims = 0
    for node in published.tree.by_code.values():
        rows = published.claim_rows(node)
        hidden = [row for row in rows[:-1] if row.cases is None]
        for row in hidden:
            assert row.amount is None and row.last_month is None, node.region.code
        if hidden:
            regions_with_hidden_claims += 1
            assert rows[-1].amount is None, node.region.code  # amounts give cases away
        elif rows:
            assert rows[-1].amount == sum(total.amount for total in node.claims.values())
    assert regions_with_hidden_claims > 0


def test_hidden_claims_cells_are_those_the_rule_chose(project):
    published, _ = published_of(project.data)
    for node in published.tree.by_code.values():
        cells = published.hidden.of(node.region.code)
        rows = {row.benefit: row for row in published.claim_rows(node)}
        for r, benefit in enumerate([*BENEFITS, ""]):
            if ClaimCell(node.region.code, r) in cells:
                assert rows[benefit].cases is None, node.region.code
