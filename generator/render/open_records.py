"""Each region's published row in the open data, made from :class:`Published`: what its page shows, no more.

A count the disclosure rule hides is ``None`` here too, and its column is named in the row's
``disembunyikan``; the columns are those of ``render/data_dictionary.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from decimal import Decimal

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.compute.protection import ROWS, ClaimRow, Published
from generator.model import FOLDERS, Level
from generator.render.data_dictionary import BENEFIT_CODES, breakdown_groups
from generator.texts import STATUSES

Value = int | str | Decimal | None
"""A cell of a published row: ``None`` is an empty cell (hidden, or nothing to say)."""


def coverage_status(reporting: bool, enrolled: int, target: int, statuses: dict[str, str] = STATUSES) -> str:
    """The status a page shows for a region's figures, as ``statuses`` words it (English: ``STATUSES_ENGLISH``)."""
    if not reporting:
        return statuses["belum"]
    if enrolled >= target:
        return statuses["tercapai"]
    return statuses["menuju"] if enrolled * 2 >= target else statuses["mulai"]


@functools.lru_cache(maxsize=1 << 14)
def _iso(value: dt.date | None) -> str | None:
    """``2026-11-30``; the same few hundred dates recur in every row."""
    return value.isoformat() if value else None


@functools.lru_cache(maxsize=1 << 12)
def _month(value: dt.date | None) -> str | None:
    """``2026-11``."""
    return value.isoformat()[:7] if value else None


def figures(node: Coverage) -> list[Value]:
    """Target, peserta, persen, status and data date (never hidden: every page's headline shows them)."""
    status = coverage_status(node.villages_reporting > 0, node.enrolled, node.target)
    return [
        node.target,
        node.enrolled,
        formatting.percent_value(node.enrolled, node.target),
        status,
        _iso(node.data_date),
    ]


class Records:
    """The published rows of one site's regions."""

    def __init__(self, published: Published) -> None:
        self.published = published
        self.names = {code: node.region.name for code, node in published.tree.by_code.items()}

    def row(self, node: Coverage) -> list[Value]:
        """The region's row of its level's table, in the order of :attr:`Table.header`."""
        region = node.region
        lengths = [len(region.code), *(n for n in (8, 5, 2) if n < len(region.code))]
        names: list[Value] = [part for n in lengths for part in (region.code[:n], self.names[region.code[:n]])]
        if region.level == Level.DESA:
            program = node.program
            own: list[Value] = [program.funding, _iso(program.joined)] if program else [None, None]
        else:
            own = [node.villages, node.villages_reporting, node.villages_at_target]
        shown, hidden = self.breakdown_and_claims(node)
        return [*names, *figures(node), *own, *shown, " ".join(hidden) or None]

    def breakdown_and_claims(self, node: Coverage) -> tuple[list[Value], list[str]]:
        """The breakdown and claims columns as the page shows them, and the names of the hidden ones."""
        grid = self.published.occupation_grid(node)
        values: list[Value] = [grid[r][c] for r in range(ROWS) for c in range(3)]
        values += grid[ROWS][:2]
        hidden = [column.name for column, value in zip(BREAKDOWN, values, strict=True) if value is None]
        rows = {row.benefit: row for row in self.published.claim_rows(node)}
        for benefit, code in BENEFIT_CODES.items():
            row = rows.get(benefit, ClaimRow(benefit, 0, 0, None))  # not on the page: no claim
            if row.cases is None:
                hidden += [f"{code}_kasus", f"{code}_nilai_rp", f"{code}_bulan_terakhir"]
            values += [row.cases, row.amount, None if row.cases is None else _month(row.last_month)]
        total = rows.get("", ClaimRow("", 0, 0, None))
        hidden += [
            name for name, value in (("klaim_kasus", total.cases), ("klaim_nilai_rp", total.amount)) if value is None
        ]
        return [*values, total.cases, total.amount], hidden


BREAKDOWN = [column for group in breakdown_groups() for column in group.columns]


def since_joined(node: Coverage, months: Sequence[dt.date]) -> list[tuple[dt.date, int]]:
    """Enrolled at the end of each month since the village joined the programme (every month for the regions
    above villages, and for a village whose joining date is not recorded), oldest first."""
    joined = node.program.joined.replace(day=1) if node.program and node.program.joined else dt.date.min
    return [(m, n) for m, n in zip(months, node.history, strict=True) if m >= joined]


def history_rows(node: Coverage, months: Sequence[dt.date]) -> list[list[Value]]:
    """The region's rows of the monthly history: code, level, month, peserta, for the months its page shows."""
    level = FOLDERS[node.region.level]
    return [[node.region.code, level, _month(m), n] for m, n in since_joined(node, months)]


def snapshot_rows(node: Coverage, names: Callable[[str], str], months: Sequence[dt.date]) -> dict[dt.date, list[Value]]:
    """The village's row in each month's archive since it joined, by month: as it stood at the end of that month."""
    code, target, first = node.region.code, node.target, node.first_data_date
    head: list[Value] = [code, node.region.name, code[:8], names(code[:8])]
    rows = {}
    for month, enrolled in since_joined(node, months):
        status = coverage_status(first is not None and first.replace(day=1) <= month, enrolled, target)
        rows[month] = [*head, _month(month), target, enrolled, formatting.percent_value(enrolled, target), status]
    return rows
