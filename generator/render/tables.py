"""The tables of the generated pages: rows as they are shown, and the HTML of a table.

Every function here takes published figures (a hidden count already reads ``None``) and returns the cells
of a table, formatted in Indonesian; a hidden figure becomes :data:`generator.texts.HIDDEN`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import Markup, escape

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.compute.changes import MonthOverMonth, VillageChange, signed
from generator.compute.protection import ClaimRow
from generator.facts import PublishedFigure, Source
from generator.model import BENEFITS, FUNDING_SOURCES, OCCUPATIONS, Region
from generator.render.open_records import coverage_status, since_joined
from generator.texts import HIDDEN, REACHED_MARK, STATUSES, UNCERTAIN_HTML

OCCUPATION_LABELS = list(OCCUPATIONS.values())
HISTORY_MONTHS = 12
"""Months of history a region page shows."""

Link = Callable[[Coverage], str]
"""The address of a region's page, as seen from the page being rendered."""


def html_table(head: list[str], rows: list[list[Any]], align: str, caption: str) -> Markup:
    """A table as Python-Markdown writes one (``use_align_attribute``), with a caption; ``align`` has an ``l`` or ``r`` per column.

    The table sits in its own box that scrolls sideways (``.tabel-gulir``), so a wide table never makes the page
    wider than a phone's screen; the box is a region named by the caption that takes keyboard focus, so it can
    be scrolled without a mouse. Built with plain string joins: this runs for every table of every page, and a
    Jinja macro is much slower.
    """
    styles = ["" if side == "l" else ' align="right"' for side in align]  # no style attribute: the CSP forbids them
    header = "".join(f'<th scope="col"{style}>{escape(cell)}</th>' for style, cell in zip(styles, head, strict=True))
    body = "".join(
        "<tr>" + "".join(f"<td{style}>{escape(cell)}</td>" for style, cell in zip(styles, row, strict=True)) + "</tr>\n"
        for row in rows
    )
    name = escape(caption)
    return Markup(
        f'<div class="tabel-gulir" role="region" tabindex="0" aria-label="{name}">\n<table>\n<caption>{name}</caption>\n'
        f"<thead>\n<tr>{header}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>"
    )


def occupation_rows(grid: list[list[int | None]]) -> list[list[Any]]:
    """Rows of the occupation × gender table as shown: hidden cells as •, the totals row in bold."""
    rows: list[list[Any]] = []
    for r, values in enumerate(grid):
        cells = [HIDDEN if value is None else formatting.number(value) for value in values]
        if r == len(OCCUPATIONS):
            rows.append([_bold("Jumlah"), *(_bold(cell) for cell in cells)])
        else:
            rows.append([OCCUPATION_LABELS[r], *cells])
    return rows


def claim_rows(published: list[ClaimRow]) -> list[list[Any]]:
    """Rows of the claims table as shown: cases, amount and last month per benefit, then the totals in bold."""
    rows: list[list[Any]] = []
    for row in published:
        if row.benefit:
            month = HIDDEN if row.cases is None else formatting.month(row.last_month)
            rows.append([BENEFITS[row.benefit], _shown(row.cases), _shown(row.amount, formatting.rupiah), month])
        else:
            cases, amount = _shown(row.cases, bold=True), _shown(row.amount, formatting.rupiah, bold=True)
            rows.append([_bold("Jumlah"), cases, amount, ""])
    return rows


def _shown(value: int | None, form: Callable[[int], str] = formatting.number, bold: bool = False) -> Any:
    if value is None:
        return HIDDEN
    return _bold(form(value)) if bold else form(value)


def children_rows(node: Coverage, link: Link) -> list[list[Any]]:
    """The table of a region's children (kecamatan of a kabupaten, ...), with their sum."""
    rows: list[list[Any]] = []
    for child in node.children:
        rows.append(
            [
                Markup('<a href="{}">{}</a>').format(link(child), child.region.name),
                formatting.number(child.enrolled),
                formatting.number(child.target),
                formatting.percent(child.enrolled, child.target),
                f"{formatting.number(child.villages_at_target)} dari {formatting.number(child.villages)}",
                status(child),
            ]
        )
    rows.append(
        [
            _bold("Jumlah"),
            _bold(formatting.number(node.enrolled)),
            _bold(formatting.number(node.target)),
            _bold(formatting.percent(node.enrolled, node.target)),
            _bold(f"{formatting.number(node.villages_at_target)} dari {formatting.number(node.villages)}"),
            "",
        ]
    )
    return rows


def history(node: Coverage, months: Sequence[dt.date]) -> list[tuple[dt.date, int]]:
    """Enrolled at the end of each of the last ``HISTORY_MONTHS`` months since the village joined, oldest first."""
    return since_joined(node, months)[-HISTORY_MONTHS:]


def history_rows(months: list[tuple[dt.date, int]]) -> list[list[str]]:
    """The monthly history as shown, newest first."""
    return [[formatting.month(m), formatting.number(n)] for m, n in reversed(months)]


def funding_rows(node: Coverage) -> list[tuple[str, str]]:
    return [
        (label, formatting.number(node.funding[key])) for key, label in FUNDING_SOURCES.items() if node.funding[key]
    ]


def published_figure_rows(figures: list[PublishedFigure], sources: dict[str, Source]) -> list[list[Any]]:
    """Rows of the table of figures announced for a region: what, how many, and who said so (linked)."""
    rows = []
    for figure in figures:
        value = escape(figure.fact.plain())
        if not figure.fact.certain:
            value += UNCERTAIN_HTML
        links = [
            Markup('<a href="{}">{}</a>').format(s.url, s.publisher) if s.url else escape(s.publisher)
            for s in (sources[key] for key in figure.fact.sources)
        ]
        rows.append([figure.label, value, Markup("; ").join(links)])
    return rows


def change_rows(changes: list[VillageChange], regions: dict[str, Region], link: Link) -> list[list[Any]]:
    """Villages whose figures rose or fell, with their kecamatan and the figures before and after."""
    rows = []
    for change in changes:
        region = change.node.region
        district = regions[region.parent_code].name  # type: ignore[index]
        name = Markup('<a href="{}">{}</a>').format(link(change.node), region.full_name)
        before, after = formatting.number(change.before), formatting.number(change.after)
        rows.append([name, district, before, after, signed(change.change)])
    return rows


def summary_rows(changes: MonthOverMonth) -> list[list[str]]:
    before, after = changes.before, changes.after
    return [
        [label, formatting.number(a), formatting.number(b), signed(b - a)]
        for label, a, b in (
            ("Pekerja terdaftar", before.enrolled, after.enrolled),
            ("Desa yang sudah melapor", before.reporting, after.reporting),
            ("Desa mencapai target", before.at_target, after.at_target),
        )
    ]


def month_rows(changes: MonthOverMonth) -> list[list[str]]:
    """The last months of the whole data: enrolled, villages reporting, villages at target."""
    return [
        [
            formatting.month(m.month),
            formatting.number(m.enrolled),
            formatting.number(m.reporting),
            formatting.number(m.at_target),
        ]
        for m in changes.history[:HISTORY_MONTHS]
    ]


def bar_width(part: int, whole: int) -> int:
    """Percent of the progress bar that is filled: 0 to 100."""
    return min(100, round(100 * part / whole)) if whole > 0 else 0


def status(node: Coverage) -> str:
    """The status of a region's figures as a page shows it."""
    label = coverage_status(node.villages_reporting > 0, node.enrolled, node.target)
    return REACHED_MARK + label if label == STATUSES["tercapai"] else label


def _bold(text: str) -> Markup:
    return Markup("<strong>{}</strong>").format(text)
