"""Rendering the generated pages: one HTML content block per region, plus the overview and the updates page.

Everything here is pure: :meth:`Renderer.pages` yields :class:`Page` records and writes nothing.
Templates are HTML with Jinja's autoescaping, so text from data always shows as itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import formatting
from generator.compute.aggregate import Coverage, Tree, build_tree
from generator.compute.changes import MonthOverMonth, VillageChange, month_over_month, signed
from generator.compute.protection import Hidden, claim_cases, occupation_grid, protect
from generator.facts import PublishedFigure
from generator.model import BENEFITS, FUNDING_SOURCES, GENDERS, OCCUPATIONS, Dataset, Level, Region
from generator.render import charts
from generator.texts import HIDDEN, HIDDEN_MARK, HIDDEN_WORD, SAMPLE_TEXT, SAMPLE_TITLE, UNCERTAIN_HTML
from generator.write.shell import REGION_SHELL

OVERVIEW = "cakupan/index.md"
UPDATES = "pembaruan-data.md"
ROOT_FROM_REGION = "../../"
"""From a region page (two folders deep) to the site root."""
UPDATE_LIST_LIMIT = 20
"""Villages listed by name on the updates page; beyond this only their number is given."""
CHILD_HEADINGS = {
    Level.PROVINSI: ("Kabupaten dan kota", "Kabupaten/kota"),
    Level.KABUPATEN: ("Kecamatan", "Kecamatan"),
    Level.KECAMATAN: ("Desa dan kelurahan", "Desa/kelurahan"),
}
HISTORY_MONTHS = 12
OCCUPATION_LABELS = list(OCCUPATIONS.values())


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title and description (plain text) and its content (HTML)."""

    url: str
    title: str
    description: str
    content: str
    shell: str
    """The staged shell page it is poured into."""


@dataclass(frozen=True)
class Crumb:
    label: str
    link: str


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
    )
    env.filters.update(number=formatting.number, rupiah=formatting.rupiah, date=formatting.date, month=formatting.month)
    env.globals.update(
        percent=formatting.percent,
        bar_width=_bar_width,
        funding_rows=_funding_rows,
        funding_label=FUNDING_SOURCES.__getitem__,
        status=_status,
        table=html_table,
        banner_title=SAMPLE_TITLE,
        banner_text=SAMPLE_TEXT,
        hidden_mark=HIDDEN_MARK,
        hidden_word=HIDDEN_WORD,
    )
    return env


@dataclass
class Renderer:
    """Renders every generated page of one dataset."""

    data: Dataset
    tree: Tree
    hidden: Hidden

    @classmethod
    def of(cls, data: Dataset) -> Renderer:
        """The renderer of a dataset: its coverage tree, with the disclosure rule applied."""
        tree = build_tree(data)
        return cls(data, tree, protect(tree, data.threshold))

    def __post_init__(self) -> None:
        self.env = _environment()
        self.multi = sum(1 for r in self.data.regions.values() if r.level == Level.KABUPATEN) > 1
        self.env.globals.update(
            sample=self.data.sample,
            threshold=self.hidden.threshold,
            occupation_table=self._occupation_table,
            claim_table=self._claim_table,
            children_rows=self._children_rows,
            history_rows=self._history_rows,
            trend_chart=self._trend_chart,
            occupation_chart=self._occupation_chart,
            hides=self._hides,
        )
        self.national = self._national()
        self.regions = [
            node for _, node in sorted(self.tree.by_code.items()) if node.region.level != Level.PROVINSI or self.multi
        ]
        self.templates = {
            name: self.env.get_template(f"html/{name}.html.j2") for name in ("village", "region", "overview", "updates")
        }

    def pages(self) -> Iterator[Page]:
        """Every generated page: the overview, the updates page and one page per region."""
        return (self.page(number) for number in range(self.page_count()))

    def page_count(self) -> int:
        return 2 + len(self.regions)

    def page(self, number: int) -> Page:
        """Page ``number``: 0 is the overview, 1 the updates page, then the regions in code order."""
        if number == 0:
            return self._overview()
        if number == 1:
            return self._updates()
        return self._region_page(self.regions[number - 2])

    def region_of(self, number: int) -> Coverage | None:
        """The region of page ``number``; ``None`` for the overview and the updates page."""
        return self.regions[number - 2] if number >= 2 else None

    def _top_nodes(self) -> list[Coverage]:
        if self.multi:
            return self.tree.roots
        return [child for root in self.tree.roots for child in root.children]

    def _national(self) -> Coverage:
        node = Coverage(Region("", "Indonesia"), history=[0] * len(self.tree.months))
        for child in self._top_nodes():
            node.add(child)
        return node

    def _overview(self) -> Page:
        heading = ("Provinsi", "Provinsi") if self.multi else CHILD_HEADINGS[Level.PROVINSI]
        content = self._render(
            "overview",
            self.national,
            root="../",
            link=_link_from("../"),
            child_heading=heading[0],
            child_label=heading[1],
        )
        return Page("cakupan/", "Cakupan program", self._description(self.national), content, OVERVIEW)

    def _updates(self) -> Page:
        link = _link_from("../")
        content = self._render(
            "updates",
            self.national,
            root="../",
            link_to=link,
            changes=month_over_month(self.tree),
            list_limit=UPDATE_LIST_LIMIT,
            change_rows=lambda changes: self._change_rows(changes, link),
            summary_rows=_summary_rows,
            history_table=_history_table,
            describe_target=lambda n: f"{formatting.number(n.enrolled)} dari target {formatting.number(n.target)}",
            describe_enrolled=lambda n: f"{formatting.number(n.enrolled)} pekerja",
        )
        return Page("pembaruan-data/", "Pembaruan data", self._description(self.national), content, UPDATES)

    def _change_rows(self, changes: list[VillageChange], link: Callable[[Coverage], str]) -> list[list[Any]]:
        rows = []
        for change in changes:
            region = change.node.region
            district = self.data.regions[region.parent_code].name  # type: ignore[index]
            name = Markup('<a href="{}">{}</a>').format(link(change.node), region.full_name)
            before, after = formatting.number(change.before), formatting.number(change.after)
            rows.append([name, district, before, after, signed(change.change)])
        return rows

    def _occupation_table(self, node: Coverage) -> list[list[Any]]:
        """Rows of the occupation × gender table as shown: hidden cells as •, the totals row in bold."""
        rows = []
        for r, values in enumerate(occupation_grid(node)):
            cells = [
                HIDDEN if self.hidden.occupation(node, r, c) else formatting.number(v) for c, v in enumerate(values)
            ]
            if r == len(OCCUPATIONS):
                rows.append([_bold("Jumlah"), *(_bold(cell) for cell in cells)])
            else:
                rows.append([OCCUPATION_LABELS[r], *cells])
        return rows

    def _claim_table(self, node: Coverage) -> list[list[Any]]:
        """Rows of the claims table as shown; a hidden row hides its cases, amount and month.

        The total amount is hidden whenever any row is, since amounts (a JKM claim is a fixed sum) give cases away.
        """
        rows: list[list[Any]] = []
        for r, (benefit, label) in enumerate(BENEFITS.items()):
            total = node.claims.get(benefit)
            if self.hidden.claims(node, r):
                rows.append([label, HIDDEN, HIDDEN, HIDDEN])
            elif total:
                cases, amount = formatting.number(total.cases), formatting.rupiah(total.amount)
                rows.append([label, cases, amount, formatting.month(total.last_month)])
        if not rows:
            return rows
        cases = formatting.number(claim_cases(node)[-1])
        amount = formatting.rupiah(sum(total.amount for total in node.claims.values()))
        hide_cases, hide_amount = self.hidden.claims(node, len(BENEFITS)), self.hidden.any_claims(node)
        rows.append(
            [_bold("Jumlah"), HIDDEN if hide_cases else _bold(cases), HIDDEN if hide_amount else _bold(amount), ""]
        )
        return rows

    def _hides(self, node: Coverage) -> bool:
        cells = ((r, c) for r in range(len(OCCUPATIONS) + 1) for c in range(len(GENDERS) + 1))
        return self.hidden.any_claims(node) or any(self.hidden.occupation(node, r, c) for r, c in cells)

    def _children_rows(self, node: Coverage, link: Callable[[Coverage], str]) -> list[list[Any]]:
        rows: list[list[Any]] = []
        for child in node.children:
            rows.append(
                [
                    Markup('<a href="{}">{}</a>').format(link(child), child.region.name),
                    formatting.number(child.enrolled),
                    formatting.number(child.target),
                    formatting.percent(child.enrolled, child.target),
                    f"{formatting.number(child.villages_at_target)} dari {formatting.number(child.villages)}",
                    _status(child),
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

    def _trail(self, region: Region) -> list[Crumb]:
        trail = [Crumb("Cakupan", ROOT_FROM_REGION + "cakupan/")]
        code = region.code
        ancestors = []
        while code := code.rpartition(".")[0]:
            ancestors.append(self.data.regions[code])
        for ancestor in reversed(ancestors):
            if ancestor.level == Level.PROVINSI and not self.multi:
                continue
            trail.append(Crumb(ancestor.full_name, ROOT_FROM_REGION + ancestor.url))
        return trail

    def _region_page(self, node: Coverage) -> Page:
        region = node.region
        trail = self._trail(region)
        title = ", ".join([region.full_name, *[c.label for c in reversed(trail[1:])][:2]])
        context: dict[str, Any] = {"trail": trail, "root": ROOT_FROM_REGION, "link": _link_from(ROOT_FROM_REGION)}
        if region.level == Level.DESA:
            context.update(
                parent=self.data.regions[region.parent_code],  # type: ignore[index]
                regency=self.data.regions[region.code[:5]],
                offices=[o for o in self.data.offices if not o.region or region.code.startswith(o.region + ".")],
            )
            content = self._render("village", node, **context)
        else:
            heading, label = CHILD_HEADINGS[region.level]
            published = [p for p in self.data.facts.published if p.region == region.code]
            context.update(child_heading=heading, child_label=label, published=self._published_rows(published))
            content = self._render("region", node, **context)
        return Page(region.url, title, self._description(node), content, REGION_SHELL)

    def _published_rows(self, published: list[PublishedFigure]) -> list[list[Any]]:
        """Rows of the table of figures announced for a region: what, how many, and who said so (linked)."""
        rows = []
        for figure in published:
            value = escape(figure.fact.plain())
            if not figure.fact.certain:
                value += UNCERTAIN_HTML
            sources = [self.data.facts.sources[key] for key in figure.fact.sources]
            links = [
                Markup('<a href="{}">{}</a>').format(s.url, s.publisher) if s.url else escape(s.publisher)
                for s in sources
            ]
            rows.append([figure.label, value, Markup("; ").join(links)])
        return rows

    def _render(self, template: str, node: Coverage, **context: Any) -> str:
        return self.templates[template].render(node=node, **context)

    def _description(self, node: Coverage) -> str:
        return (
            f"{formatting.number(node.enrolled)} dari target {formatting.number(node.target)} pekerja rentan "
            f"terlindungi BPJS Ketenagakerjaan ({formatting.percent(node.enrolled, node.target)})"
            + (", data contoh." if self.data.sample else ".")
        )

    def _history(self, node: Coverage) -> list[tuple[dt.date, int]]:
        """Enrolled at the end of each of the last ``HISTORY_MONTHS`` months since the village joined, oldest first."""
        joined = node.program.joined.replace(day=1) if node.program and node.program.joined else dt.date.min
        rows = [(m, n) for m, n in zip(self.tree.months, node.history, strict=True) if m >= joined]
        return rows[-HISTORY_MONTHS:]

    def _history_rows(self, node: Coverage) -> list[list[str]]:
        return [[formatting.month(m), formatting.number(n)] for m, n in reversed(self._history(node))]

    def _trend_chart(self, node: Coverage) -> Markup:
        """The monthly history as columns: the same months and figures as :meth:`_history_rows`."""
        history = self._history(node)
        months, values = [m for m, _ in history], [n for _, n in history]
        return charts.trend_chart(months, values, node.target, node.region.full_name)

    def _occupation_chart(self, node: Coverage) -> Markup:
        """The occupation table as bars, drawing only the cells the table shows."""
        return charts.occupation_chart(
            OCCUPATION_LABELS,
            occupation_grid(node),
            lambda r, c: self.hidden.occupation(node, r, c),
            node.region.full_name,
        )

    def summary(self) -> dict[str, str]:
        """Headline figures for hand-written pages (``ringkasan``)."""
        node = self.national
        top = self._top_nodes()
        return {
            "wilayah": top[0].region.full_name if len(top) == 1 else f"{len(top)} wilayah",
            "peserta": formatting.number(node.enrolled),
            "target": formatting.number(node.target),
            "persen": formatting.percent(node.enrolled, node.target),
            "desa": formatting.number(node.villages),
            "desa_capai_target": formatting.number(node.villages_at_target),
            "data_per": formatting.date(node.data_date) if node.data_date else "–",
            "tautan": OVERVIEW,
        }


def _link_from(root: str) -> Callable[[Coverage], str]:
    """Links to region pages from a page whose way to the site root is ``root``."""
    return lambda node: root + node.region.url


def html_table(head: list[str], rows: list[list[Any]], align: str, caption: str) -> Markup:
    """A table as Python-Markdown writes one, with a caption; ``align`` has an ``l`` or ``r`` per column.

    The table sits in its own box that scrolls sideways (``.tabel-gulir``), so a wide table never makes the page
    wider than a phone's screen; the box is a region named by the caption that takes keyboard focus, so it can
    be scrolled without a mouse. Built with plain string joins: this runs for every table of every page, and a
    Jinja macro is much slower.
    """
    styles = ["" if side == "l" else ' style="text-align: right;"' for side in align]
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


def _bar_width(part: int, whole: int) -> int:
    """Percent of the progress bar that is filled: 0 to 100."""
    return min(100, round(100 * part / whole)) if whole > 0 else 0


def _bold(text: str) -> Markup:
    return Markup("<strong>{}</strong>").format(text)


def _status(node: Coverage) -> str:
    if not node.villages_reporting:
        return "Belum ada data"
    if node.enrolled >= node.target:
        return "✓ Target tercapai"
    return "Menuju target" if node.enrolled * 2 >= node.target else "Baru mulai"


def _summary_rows(changes: MonthOverMonth) -> list[list[str]]:
    before, after = changes.before, changes.after
    return [
        [label, formatting.number(a), formatting.number(b), signed(b - a)]
        for label, a, b in (
            ("Pekerja terdaftar", before.enrolled, after.enrolled),
            ("Desa yang sudah melapor", before.reporting, after.reporting),
            ("Desa mencapai target", before.at_target, after.at_target),
        )
    ]


def _history_table(changes: MonthOverMonth) -> list[list[str]]:
    return [
        [
            formatting.month(m.month),
            formatting.number(m.enrolled),
            formatting.number(m.reporting),
            formatting.number(m.at_target),
        ]
        for m in changes.history[:HISTORY_MONTHS]
    ]


def _funding_rows(node: Coverage) -> list[tuple[str, str]]:
    return [
        (label, formatting.number(node.funding[key])) for key, label in FUNDING_SOURCES.items() if node.funding[key]
    ]
