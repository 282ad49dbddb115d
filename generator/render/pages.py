"""Rendering the generated pages: one HTML content block per region, plus the overview and the updates page.

Everything here is pure: :meth:`Renderer.pages` yields :class:`Page` records and writes nothing. The
renderer is given the published tree (figures with the disclosure rule applied) and never decides what
to hide. Each template gets its context from one method here; templates are HTML with Jinja's
autoescaping, so text from data always shows as itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.compute.changes import month_over_month
from generator.compute.protection import Published
from generator.formatting import LOCALE
from generator.model import FUNDING_SOURCES, Dataset, Level, Office, Region
from generator.read.site_address import is_placeholder
from generator.render import charts, sharing
from generator.render import tables as t
from generator.render.badge import BADGE, SIZE
from generator.render.data_dictionary import OPEN_DATA_FOLDER, api_file, offline_bundle, regency_folder
from generator.render.languages import ENGLISH_FOLDER
from generator.render.qr import QrCode
from generator.texts import HIDDEN_MARK, HIDDEN_WORD, REGIONS_COUNTED, SAMPLE_TEXT, SAMPLE_TITLE

OVERVIEW = "cakupan/index.md"
"""The shell of the overview page."""
ENGLISH_OVERVIEW = "en/coverage.md"
"""The English overview of the coverage."""
ENGLISH_OVERVIEW_LINK = ENGLISH_OVERVIEW.removeprefix(ENGLISH_FOLDER)
"""How English pages (in ``en/``) link the English overview."""
UPDATES = "pembaruan-data.md"
"""The shell of the updates page."""
REGION_SHELL = "desa/kerangka.md"
"""The shell of every region page; ``desa/<code>/``, ``kecamatan/<code>/`` ... are all two folders deep."""
ROOT_FROM_REGION = "../../"
"""From a region page (two folders deep) to the site root."""
POSTER = "poster/"
"""A village poster's address under its village page (``render/poster.py``)."""
UPDATE_LIST_LIMIT = 20
"""Villages listed by name on the updates page; beyond this only their number is given."""
CHILD_HEADINGS = {
    Level.PROVINSI: ("Kabupaten dan kota", "Kabupaten/kota"),
    Level.KABUPATEN: ("Kecamatan", "Kecamatan"),
    Level.KECAMATAN: ("Desa dan kelurahan", "Desa/kelurahan"),
}


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
    """Templates with the formatting filters and the few pure helpers every page uses."""
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
        bar_width=t.bar_width,
        funding_label=FUNDING_SOURCES.__getitem__,
        status=t.status,
        table=t.html_table,
        banner_title=SAMPLE_TITLE,
        banner_text=SAMPLE_TEXT,
        hidden_mark=HIDDEN_MARK,
        hidden_word=HIDDEN_WORD,
    )
    return env


def _link_from(root: str) -> t.Link:
    """Links to region pages from a page whose way to the site root is ``root``."""
    return lambda node: root + node.region.url


@dataclass
class Renderer:
    """Renders every generated page of one dataset from its published tree."""

    data: Dataset
    published: Published
    site_url: str = ""
    """The site's address (``site_url``), for the absolute links of QR codes, badges and share links."""
    qr: dict[str, QrCode] = field(default_factory=dict)
    """QR codes already made, by the text they hold (see ``render/qr.py``); others are made when needed."""
    multi: bool = field(init=False)
    """Whether the data spans several regencies (then provinces get pages of their own)."""

    def __post_init__(self) -> None:
        self.tree = self.published.tree
        env = _environment()
        self.multi = sum(1 for r in self.data.regions.values() if r.level == Level.KABUPATEN) > 1
        self.national = self._national()
        self.regions = [
            node for _, node in sorted(self.tree.by_code.items()) if node.region.level != Level.PROVINSI or self.multi
        ]
        self.templates = {
            name: env.get_template(f"html/{name}.html.j2")
            for name in ("village", "region", "overview", "updates", "poster", "forward", "downloads", "api")
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

    def render(self, template: str, **context: Any) -> str:
        """Template ``template`` (``html/<name>.html.j2``) with the context every page gets."""
        return self.templates[template].render(sample=self.data.sample, threshold=self.published.threshold, **context)

    def _overview(self) -> Page:
        heading, label = ("Provinsi", "Provinsi") if self.multi else CHILD_HEADINGS[Level.PROVINSI]
        node = self.national
        content = self.render(
            "overview",
            **self._links(node, "../"),
            node=node,
            child_heading=heading,
            child_label=label,
            children_rows=t.children_rows(node, _link_from("../")),
            download_links=[
                ("Tabel semua desa (CSV)", "../" + OPEN_DATA_FOLDER + "desa.csv"),
                ("Tabel semua kabupaten/kota (CSV)", "../" + OPEN_DATA_FOLDER + "kabupaten.csv"),
            ],
        )
        return Page("cakupan/", "Cakupan program", self._description(node), content, OVERVIEW)

    def _updates(self) -> Page:
        link = _link_from("../")
        changes = month_over_month(self.tree)

        def listed(nodes: list[Coverage], describe: Callable[[Coverage], str]) -> list[tuple[str, str, str]]:
            """Villages as (address, name, figures), for the lists of the updates page."""
            return [(link(n), n.region.full_name, describe(n)) for n in nodes]

        f = formatting.number

        context: dict[str, Any] = {"node": self.national, "root": "../", "changes": changes}
        if changes:
            context.update(
                list_limit=UPDATE_LIST_LIMIT,
                newly_at_target=listed(changes.newly_at_target, lambda n: f"{f(n.enrolled)} dari target {f(n.target)}"),
                newly_reporting=listed(changes.newly_reporting, lambda n: f"{f(n.enrolled)} pekerja"),
                rises=t.change_rows(changes.rises, self.data.regions, link),
                falls=t.change_rows(changes.falls, self.data.regions, link),
                summary_rows=t.summary_rows(changes),
                month_rows=t.month_rows(changes),
            )
        content = self.render("updates", **context)
        return Page("pembaruan-data/", "Pembaruan data", self._description(self.national), content, UPDATES)

    def _region_page(self, node: Coverage) -> Page:
        region = node.region
        trail = self._trail(region)
        title = ", ".join([region.full_name, *[c.label for c in reversed(trail[1:])][:2]])
        context = self._tables(node) | self._links(node, ROOT_FROM_REGION) | {"node": node, "trail": trail}
        context["download_links"] = self._download_links(region)
        if region.level == Level.DESA:
            context.update(
                self._badge(node),
                poster=POSTER,
                parent=self.data.regions[region.parent_code],  # type: ignore[index]
                regency=self.data.regions[region.code[:5]],
                offices=self.offices_of(region),
            )
            content = self.render("village", **context)
        else:
            heading, label = CHILD_HEADINGS[region.level]
            figures = [p for p in self.data.facts.published if p.region == region.code]
            context.update(
                child_heading=heading,
                child_label=label,
                children_rows=t.children_rows(node, _link_from(ROOT_FROM_REGION)),
                funding_rows=t.funding_rows(node),
                published=t.published_figure_rows(figures, self.data.facts.sources),
            )
            content = self.render("region", **context)
        return Page(region.url, title, self._description(node), content, REGION_SHELL)

    def _links(self, node: Coverage, root: str) -> dict[str, Any]:
        """The page's own address, and its links to share it and to report a wrong figure."""
        address = self.site_url + (node.region.url if node.region.code else "cakupan/")
        name = "" if node.region.code else self.summary()["wilayah"]
        return {
            "root": root,
            "address": address,
            "share": sharing.whatsapp_link(node, address, self.data.sample, name),
            "report": sharing.report_link(self.data.report, node, address, root),
            "poster": None,
            "placeholder": self.placeholder,
        }

    def _badge(self, node: Coverage) -> dict[str, Any]:
        """The village's badge as its page shows it, and the snippet that puts it on another website."""
        page = self.site_url + node.region.url
        alt = sharing.headline(node, self.data.sample)
        return {
            "badge": BADGE,
            "badge_alt": alt,
            "badge_size": SIZE,
            "badge_snippet": sharing.badge_snippet(page, page + BADGE, alt, SIZE),
        }

    def _download_links(self, region: Region) -> list[tuple[str, str]]:
        """The open-data files that hold a region's figures: its API file, and its kabupaten's tables."""
        root = ROOT_FROM_REGION
        links = [(f"Angka {region.full_name} (JSON)", root + api_file(region))]
        if region.level == Level.PROVINSI:
            return [*links, ("Tabel kabupaten/kota seluruh wilayah (CSV)", root + OPEN_DATA_FOLDER + "kabupaten.csv")]
        folder, regency = root + regency_folder(region), self.data.regions[region.code[:5]].full_name
        links.append((f"Tabel desa di {regency} (CSV)", folder + "desa.csv"))
        if region.level != Level.DESA:
            links.append((f"Tabel kecamatan di {regency} (CSV)", folder + "kecamatan.csv"))
        if self.data.offline_bundles:
            label = f"Salinan offline {regency}, dibuka tanpa sinyal: halaman program, panduan klaim, semua desa (zip)"
            links.append((label, root + offline_bundle(region)))
        return links

    def offices_of(self, region: Region) -> list[Office]:
        """The offices serving a region: national ones, and those of the regions it lies in."""
        return [o for o in self.data.offices if not o.region or region.code.startswith(o.region + ".")]

    @functools.cached_property
    def placeholder(self) -> bool:
        """Whether the site's address is still a placeholder, so that codes and links made from it lead nowhere."""
        return is_placeholder(self.site_url)

    def _tables(self, node: Coverage) -> dict[str, Any]:
        """The breakdown, the monthly history and the claims of a region, as tables and charts."""
        grid = self.published.occupation_grid(node)
        months = t.history(node, self.tree.months)
        name = node.region.full_name
        return {
            "occupation_rows": t.occupation_rows(grid),
            "occupation_chart": charts.occupation_chart(t.OCCUPATION_LABELS, grid, name),
            "hides": self.published.hides_any(node),
            "history_rows": t.history_rows(months),
            "trend_chart": charts.trend_chart([m for m, _ in months], [n for _, n in months], node.target, name),
            "claim_rows": t.claim_rows(self.published.claim_rows(node)),
        }

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

    def _description(self, node: Coverage) -> str:
        return (
            f"{formatting.number(node.enrolled)} dari target {formatting.number(node.target)} pekerja rentan "
            f"terlindungi BPJS Ketenagakerjaan ({formatting.percent(node.enrolled, node.target)})"
            + (", data contoh." if self.data.sample else ".")
        )

    def summary(self, locale: str = LOCALE) -> dict[str, str]:
        """Headline figures for hand-written pages (``ringkasan``), in the notation of ``locale``; ``tautan`` is
        the overview of the coverage in that language."""
        node = self.national
        top = self._top_nodes()
        return {
            "wilayah": top[0].region.full_name if len(top) == 1 else REGIONS_COUNTED[locale].format(len(top)),
            "peserta": formatting.number(node.enrolled, locale),
            "target": formatting.number(node.target, locale),
            "persen": formatting.percent(node.enrolled, node.target, locale),
            "desa": formatting.number(node.villages, locale),
            "desa_capai_target": formatting.number(node.villages_at_target, locale),
            "data_per": formatting.date(node.data_date, locale) if node.data_date else "–",
            "tautan": OVERVIEW if locale == LOCALE else ENGLISH_OVERVIEW_LINK,
        }
