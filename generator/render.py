"""Rendering the coverage pages: one Markdown page per region, from the data.

Everything here is pure: it returns ``{relative path: text}`` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import jinja2

from generator import formatting
from generator.aggregate import Coverage, Tree
from generator.changes import VillageChange, month_over_month, signed
from generator.formatting import markdown_text
from generator.model import BENEFITS, FUNDING_SOURCES, GENDERS, OCCUPATIONS, Dataset, Level, Region
from generator.protection import Hidden, claim_cases, occupation_grid

FOLDERS = {Level.PROVINSI: "provinsi", Level.KABUPATEN: "kabupaten", Level.KECAMATAN: "kecamatan", Level.DESA: "desa"}
"""URL folder of each level: ``/desa/6310012005/``."""
OVERVIEW = "cakupan/index.md"
UPDATES = "pembaruan-data.md"
HIDDEN = "•"
"""Shown in place of a count the disclosure rule hides."""
UPDATE_LIST_LIMIT = 20
"""Villages listed by name on the updates page; beyond this only their number is given."""
CHILD_HEADINGS = {
    Level.PROVINSI: ("Kabupaten dan kota", "Kabupaten/kota"),
    Level.KABUPATEN: ("Kecamatan", "Kecamatan"),
    Level.KECAMATAN: ("Desa dan kelurahan", "Desa/kelurahan"),
}
HISTORY_MONTHS = 12
SAMPLE_BANNER = (
    '!!! warning "Data contoh, bukan data resmi"\n'
    "    Angka kepesertaan dan klaim di halaman ini adalah **data contoh** untuk uji coba situs, "
    "bukan data resmi BPJS Ketenagakerjaan.\n"
)
"""Shown near the top of every page whose figures come from sample data."""


def page_path(region: Region) -> str:
    """``desa/6310012005.md`` for a village, and likewise for every level."""
    return f"{FOLDERS[region.level]}/{region.slug}.md"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(
        md=markdown_text,
        html=lambda value: html.escape(str(value), quote=False),
        yaml=lambda value: json.dumps(str(value), ensure_ascii=False),
        number=formatting.number,
        rupiah=formatting.rupiah,
        angka=formatting.number,
        date=formatting.date,
        tanggal=formatting.date,
        month=formatting.month,
    )
    env.globals.update(
        signed=signed,
        percent=formatting.percent,
        bar_width=lambda part, whole: min(100, round(100 * part / whole)) if whole else 0,
    )
    env.globals.update(funding_rows=_funding_rows, funding_label=FUNDING_SOURCES.__getitem__)
    return env


@dataclass(frozen=True)
class Crumb:
    label: str
    link: str


@dataclass
class Renderer:
    """Renders every page of one dataset."""

    data: Dataset
    tree: Tree
    hidden: Hidden

    def __post_init__(self) -> None:
        self.env = _environment()
        self.env.globals.update(
            occupation_table=self._occupation_table,
            claim_table=self._claim_table,
            hides=self._hides,
            threshold=self.hidden.threshold,
        )
        self.multi = sum(1 for r in self.data.regions.values() if r.level == Level.KABUPATEN) > 1
        self.env.globals.update(sample_banner=SAMPLE_BANNER if self.data.sample else "", link_to=self._link_to)
        self.marker = _marker(self.data)
        self.national = self._national()

    def coverage_pages(self) -> dict[str, str]:
        """Every generated page: the overview and one page per region."""
        pages = {OVERVIEW: self._overview(), UPDATES: self._updates()}
        for node in self.tree.by_code.values():
            if node.region.level == Level.PROVINSI and not self.multi:
                continue
            pages[page_path(node.region)] = self._region_page(node)
        return pages

    def _link_to(self, node: Coverage) -> str:
        return "../" + page_path(node.region)

    def _top_nodes(self) -> list[Coverage]:
        if self.multi:
            return self.tree.roots
        return [child for root in self.tree.roots for child in root.children]

    def _national(self) -> Coverage:
        node = Coverage(Region("", "Indonesia"), history=[0] * len(self.tree.months))
        for child in self._top_nodes():
            node.add(child)
        return node

    def _overview(self) -> str:
        node = self.national
        heading = ("Provinsi", "Provinsi") if self.multi else CHILD_HEADINGS[Level.PROVINSI]
        return self._render(
            "overview.md.j2",
            node,
            "Cakupan program 1 Desa 100 Pekerja Rentan",
            child_heading=heading[0],
            child_label=heading[1],
            trail=[],
        )

    def _updates(self) -> str:
        return self._render(
            "updates.md.j2",
            self.national,
            "Pembaruan data",
            changes=month_over_month(self.tree),
            list_limit=UPDATE_LIST_LIMIT,
            link_to=lambda node: page_path(node.region),
            change_table=self._change_table,
        )

    def _change_table(self, changes: list[VillageChange], when_empty: str) -> str:
        if not changes:
            return when_empty
        rows = ["| Desa | Kecamatan | Sebelumnya | Sekarang | Perubahan |", "|:--|:--|--:|--:|--:|"]
        for change in changes:
            region = change.node.region
            district = self.data.regions[region.parent_code].name  # type: ignore[index]
            rows.append(
                f"| [{markdown_text(region.full_name)}]({page_path(region)}) | {markdown_text(district)} "
                f"| {formatting.number(change.before)} | {formatting.number(change.after)} | {signed(change.change)} |"
            )
        return "\n".join(rows)

    def _occupation_table(self, node: Coverage) -> list[tuple[str, list[str]]]:
        """Rows of the occupation × gender table as shown: hidden cells as •, the totals row in bold."""
        rows = []
        for r, values in enumerate(occupation_grid(node)):
            cells = [
                HIDDEN if self.hidden.occupation(node, r, c) else formatting.number(v) for c, v in enumerate(values)
            ]
            if r == len(OCCUPATIONS):
                rows.append(("**Jumlah**", [f"**{cell}**" for cell in cells]))
            else:
                rows.append((list(OCCUPATIONS.values())[r], cells))
        return rows

    def _claim_table(self, node: Coverage) -> list[list[str]]:
        """Rows of the claims table as shown; a hidden row hides its cases, amount and month.

        The total amount is hidden whenever any row is, since amounts (a JKM claim is a fixed sum) give cases away.
        """
        rows = []
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
            ["**Jumlah**", HIDDEN if hide_cases else f"**{cases}**", HIDDEN if hide_amount else f"**{amount}**", ""]
        )
        return rows

    def _hides(self, node: Coverage) -> bool:
        cells = ((r, c) for r in range(len(OCCUPATIONS) + 1) for c in range(len(GENDERS) + 1))
        return self.hidden.any_claims(node) or any(self.hidden.occupation(node, r, c) for r, c in cells)

    def _trail(self, region: Region) -> list[Crumb]:
        trail = [Crumb("Cakupan", "../" + OVERVIEW)]
        code = region.code
        ancestors = []
        while code := code.rpartition(".")[0]:
            ancestors.append(self.data.regions[code])
        for ancestor in reversed(ancestors):
            if ancestor.level == Level.PROVINSI and not self.multi:
                continue
            trail.append(Crumb(ancestor.full_name, "../" + page_path(ancestor)))
        return trail

    def _region_page(self, node: Coverage) -> str:
        region = node.region
        trail = self._trail(region)
        title = ", ".join([region.full_name, *[c.label for c in reversed(trail[1:])][:2]])
        if region.level == Level.DESA:
            parent = self.data.regions[region.parent_code]  # type: ignore[index]
            regency = self.data.regions[region.code[:5]]
            offices = [o for o in self.data.offices if not o.region or region.code.startswith(o.region + ".")]
            return self._render(
                "village.md.j2",
                node,
                title,
                trail=trail,
                parent=parent,
                regency=regency,
                offices=offices,
                recent_history=lambda n: self._recent_history(n),
            )
        heading, label = CHILD_HEADINGS[region.level]
        published = [p for p in self.data.facts.published if p.region == region.code]
        return self._render(
            "region.md.j2",
            node,
            title,
            trail=trail,
            child_heading=heading,
            child_label=label,
            published=published,
            sources=self.data.facts.sources,
        )

    def _render(self, template: str, node: Coverage, title: str, **context: Any) -> str:
        description = (
            f"{formatting.number(node.enrolled)} dari target {formatting.number(node.target)} pekerja rentan "
            f"terlindungi BPJS Ketenagakerjaan ({formatting.percent(node.enrolled, node.target)})"
            + (", data contoh." if self.data.sample else ".")
        )
        return self.env.get_template(template).render(
            node=node, title=title, description=description, marker=self.marker, **context
        )

    def _recent_history(self, node: Coverage) -> list[tuple[dt.date, int]]:
        joined = node.program.joined.replace(day=1) if node.program and node.program.joined else dt.date.min
        rows = [(m, n) for m, n in zip(self.tree.months, node.history, strict=True) if m >= joined]
        return list(reversed(rows[-HISTORY_MONTHS:]))

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


def _marker(data: Dataset) -> str:
    files = ", ".join(
        sorted(PurePath(data.files[kind]).name for kind in ("wilayah", "program", "kepesertaan", "klaim"))
    )
    return f"<!-- Dibuat otomatis oleh generator dari {files} di folder data. Jangan disunting: ubah datanya, lalu bangun ulang. -->"


def _funding_rows(node: Coverage) -> list[tuple[str, int]]:
    return [(label, node.funding[key]) for key, label in FUNDING_SOURCES.items() if node.funding[key]]
