"""Build-time SVG charts: what they draw, what they say, and that they never give a hidden cell away."""

from __future__ import annotations

import datetime as dt
import random
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.compute.protection
from generator.build import renderer_of
from generator.compute.protection import occupation_grid
from generator.model import OCCUPATIONS, Level
from generator.read.dataset import load_dataset
from generator.render import charts, tables
from generator.texts import HIDDEN
from tests.helpers import ROOT

LABELS = list(OCCUPATIONS.values())
SEGUMBANG = "63.10.01.2005"


@pytest.fixture(scope="module")
def renderer():
    return renderer_of(load_dataset(ROOT / "data"))


class Svg(HTMLParser):
    """Elements with their attributes, and the text of each element, of a chart's HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[tuple[str, dict[str, str | None], str]] = []
        self._open: list[tuple[str, dict[str, str | None]]] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._open.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, attrs = self._open[-1]
            self.texts.append((tag, attrs, data))

    def text_of(self, tag: str) -> list[str]:
        return [data for t, _, data in self.texts if t == tag]

    def by_id(self, ident: str) -> tuple[str, dict[str, str | None]]:
        found = [(tag, attrs) for tag, attrs in self.elements if attrs.get("id") == ident]
        assert len(found) == 1, ident
        return found[0]


def months(first: dt.date, count: int) -> list[dt.date]:
    result = [first]
    while len(result) < count:
        result.append((result[-1] + dt.timedelta(days=32)).replace(day=1))
    return result


def column_heights(chart: str) -> list[float]:
    """Heights of the trend chart's columns, from their outlines ``M{x} {top}h{w}V{base}H{x}z``."""
    outline = re.search(r'class="grafik-isi" d="([^"]*)"', chart)
    assert outline
    return [float(base) - float(top) for top, base in re.findall(r"M[\d.]+ ([\d.]+)h[\d.]+V([\d.]+)H", outline[1])]


def check_accessible_figure(chart: str) -> Svg:
    """A figure with an SVG image named by its title and described by the visible caption below it."""
    svg = Svg(chart)
    tags = [tag for tag, _ in svg.elements]
    assert tags[:3] == ["figure", "svg", "title"] and tags[-1] == "figcaption"
    attrs = svg.elements[1][1]
    assert attrs["role"] == "img"
    assert svg.by_id(attrs["aria-labelledby"] or "")[0] == "title"
    assert svg.by_id(attrs["aria-describedby"] or "")[0] == "figcaption"
    width = int((attrs["viewbox"] or "").split()[2])  # the parser lowercases names
    assert width <= 328  # at most one unit a pixel in a 360 px phone's 328 px column: 12-unit text stays >= 12 px
    assert "style" not in chart  # looks come from situs.css
    numbers = re.findall(r'(?:[xy]|d)="([^"]*)"', chart)
    assert not [n for n in re.findall(r"\d+\.\d{2,}", " ".join(numbers))]  # coordinates rounded to one decimal
    return svg


# The monthly trend


def test_trend_summary_says_where_the_figures_went():
    jan = months(dt.date(2026, 1, 1), 10)
    assert charts.trend_summary(jan, [80, 85, 90, 92, 93, 94, 95, 96, 97, 98]) == (
        "Naik dari 80 pada Januari 2026 menjadi 98 pada Oktober 2026."
    )
    assert charts.trend_summary(jan[:3], [1200, 1100, 1050]) == (
        "Turun dari 1.200 pada Januari 2026 menjadi 1.050 pada Maret 2026."
    )
    assert charts.trend_summary(jan[:4], [98, 99, 94, 98]) == (
        "98 pada April 2026, sama dengan Januari 2026. Tertinggi 99 pada Februari 2026. Terendah 94 pada Maret 2026."
    )


def test_trend_chart_draws_every_month_from_zero_with_the_target():
    values = [80, 85, 90, 92, 93, 94, 95, 96, 97, 98, 99, 100]
    chart = charts.trend_chart(months(dt.date(2025, 11, 1), 12), values, 120, "Desa Segumbang")
    svg = check_accessible_figure(chart)
    assert svg.text_of("title") == ["Peserta terdaftar per bulan, Desa Segumbang"]
    assert svg.text_of("figcaption") == ["Naik dari 80 pada November 2025 menjadi 100 pada Oktober 2026."]
    texts = svg.text_of("text")
    assert [str(v) for v in values] == [t for t in texts if t.isdigit() and len(t) < 4]  # every column labelled
    assert texts[:1] == ["Target 120"]
    short = ["Nov", "Des", "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    assert [t for t in texts if t.isalpha()] == short[:12]
    assert [t for t in texts if len(t) == 4 and t.isdigit()] == ["2025", "2026"]  # the year at the start and January
    heights = column_heights(chart)
    assert len(heights) == 12
    for value, height in zip(values, heights, strict=True):
        assert height == pytest.approx(heights[-1] * value / 100, abs=0.15)  # from zero, to scale
    assert len(chart) < 2200


def test_trend_chart_with_large_numbers_labels_only_the_first_and_last_month():
    values = [15163, 15119, 15163, 15178, 15107, 15145, 15104, 15090, 15126, 15125, 15076, 15443]
    svg = Svg(charts.trend_chart(months(dt.date(2025, 11, 1), 12), values, 15700, "Kabupaten Tanah Bumbu"))
    assert [t for t in svg.text_of("text") if re.fullmatch(r"\d+\.\d+", t)] == ["15.163", "15.443"]
    assert "Target 15.700" in svg.text_of("text")


def test_no_trend_chart_for_a_single_month_or_a_village_without_data():
    assert charts.trend_chart([dt.date(2026, 10, 1)], [98], 100, "Desa Segumbang") == ""
    assert charts.trend_chart(months(dt.date(2026, 1, 1), 3), [0, 0, 0], 100, "Desa Segumbang") == ""


def test_trend_chart_shows_the_same_months_and_figures_as_the_history_table(renderer):
    node = renderer.tree.by_code[SEGUMBANG]
    history = tables.history(node, renderer.tree.months)
    rows = tables.history_rows(history)
    svg = Svg(str(charts.trend_chart([m for m, _ in history], [n for _, n in history], node.target, "Desa")))
    assert [t for t in svg.text_of("text") if t.isdigit() and len(t) < 4] == [count for _, count in reversed(rows)]
    first, last = rows[-1], rows[0]
    caption = svg.text_of("figcaption")[0]
    assert f"{last[1]} pada {last[0]}" in caption.split(".")[0] and first[0] in caption.split(".")[0]


# The occupation breakdown


def grid_of(inner: list[list[int]]) -> list[list[int]]:
    """An occupation table with its margins from its 9 × 2 inner cells."""
    rows = [[*row, sum(row)] for row in inner]
    return [*rows, [sum(row[c] for row in rows) for c in range(3)]]


def test_occupation_chart_splits_each_bar_by_gender_with_a_pattern_and_says_which_is_largest():
    inner = [[25, 10], [0, 0], [4, 4], [5, 5], [12, 4], [6, 6], [5, 0], [3, 3], [4, 4]]
    chart = charts.occupation_chart(LABELS, grid_of(inner), "Desa Segumbang")
    svg = check_accessible_figure(chart)
    assert svg.text_of("figcaption") == ["Pekerjaan terbanyak: Petani (35). Laki-laki 64, perempuan 36."]
    texts = svg.text_of("text")
    assert texts[:2] == ["Laki-laki", "Perempuan"]  # the legend names both fills
    assert [t for t in texts if t in LABELS] == LABELS
    assert [t for t in texts if t.isdigit()] == ["35", "0", "8", "10", "16", "12", "5", "6", "8"]
    hatched = [attrs for tag, attrs in svg.elements if attrs.get("class") == "grafik-arsir"]
    assert hatched and all(attrs["fill"] == "url(#grafik-arsir)" for attrs in hatched)  # not told apart by colour
    assert svg.by_id("grafik-arsir")[0] == "pattern"
    assert len(chart) < 2400


def test_occupation_chart_names_every_leader_and_only_among_shown_rows():
    inner = [[6, 6], [0, 0], [4, 4], [5, 5], [10, 2], [5, 6], [5, 0], [3, 3], [4, 4]]
    everything = charts.occupation_summary(LABELS, grid_of(inner))
    assert everything.startswith("Pekerjaan terbanyak: Petani dan Buruh harian (12).")
    shown: list[list[int | None]] = [list(row) for row in grid_of(inner)]
    shown[1] = [None, None, None]
    assert charts.occupation_summary(LABELS, shown).startswith(
        "Terbanyak di antara pekerjaan yang angkanya ditampilkan: Petani dan Buruh harian (12)."
    )


def test_hidden_rows_get_no_bar_and_hidden_splits_one_unsplit_bar():
    inner = [[25, 10], [1, 1], [5, 2], [8, 2], [12, 4], [3, 4], [5, 0], [3, 2], [3, 2]]
    grid = grid_of(inner)
    hidden = {(1, 0), (1, 1), (1, 2), (2, 0), (2, 1)}
    chart = charts.occupation_chart(LABELS, shown_of(grid, lambda r, c: (r, c) in hidden), "Desa X")
    svg = Svg(chart)
    texts = svg.text_of("text")
    assert texts[texts.index("Nelayan") + 1] == "• disembunyikan"
    assert texts[texts.index("Perangkat desa") + 1] == "7"
    assert "Jumlah saja" in texts
    bars = re.findall(r'class="grafik-utuh" d="(M118 [^"]*)"', chart)
    assert len(bars) == 1 and re.fullmatch(r"M118 72H[\d.]+v14H118z", bars[0])  # one bar, the row of Perangkat desa
    row_tops = {int(top) for top in re.findall(r"M[\d.]+ (\d+)H", chart)}
    assert 50 not in row_tops  # nothing drawn in the row of Nelayan


def shown_of(grid: list[list[int]], hidden) -> list[list[int | None]]:
    """The table as published: ``None`` for every hidden cell."""
    return [[None if hidden(r, c) else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


def shown_cells_changed(grid: list[list[int]], hidden, rng: random.Random) -> list[list[int]]:
    """The same table with every hidden cell given another value (sums need not hold)."""
    choices = [0, 1, 2, 10**6, rng.randrange(1000)]
    return [[rng.choice(choices) if hidden(r, c) else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


@settings(max_examples=300, deadline=None)
@given(
    inner=st.lists(st.lists(st.integers(0, 60), min_size=2, max_size=2), min_size=9, max_size=9),
    seed=st.integers(0, 2**32),
)
def test_no_hidden_value_reaches_a_page(renderer, inner, seed):
    """Whatever the figures of a region, its published grid, chart and tables are the same for any values of
    the cells the rule hides: the published tree reads ``None`` there, and pages see nothing else."""
    node = next(n for n in renderer.regions if renderer.published.hides_any(n) and n.region.level == Level.DESA)
    published = renderer.published
    hidden = {(r, c) for r, row in enumerate(published.occupation_grid(node)) for c, v in enumerate(row) if v is None}
    grid = grid_of(inner)
    other = shown_cells_changed(grid, lambda r, c: (r, c) in hidden, random.Random(seed))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.compute.protection, "occupation_grid", lambda _node: grid)
        first = published.occupation_grid(node)
        patch.setattr(generator.compute.protection, "occupation_grid", lambda _node: other)
        assert published.occupation_grid(node) == first
    assert [[v is None for v in row] for row in first] == [[(r, c) in hidden for c in range(3)] for r in range(10)]


def test_pages_with_hidden_cells_are_the_same_whatever_the_hidden_values(renderer, monkeypatch):
    """Every region with hidden cells: its whole page, chart and table, with the hidden values changed."""
    rng = random.Random(7)
    true_grid = occupation_grid
    checked = 0
    for number, node in enumerate(renderer.regions, start=2):
        shown = renderer.published.occupation_grid(node)
        cells = {(r, c) for r, row in enumerate(shown) for c, value in enumerate(row) if value is None}
        if not cells:
            continue
        before = renderer.page(number).content
        drawn = any(total for *_, total in shown[:-1])  # some occupation's total is shown and not zero
        assert ("grafik-pekerjaan" in before) == drawn
        for _ in range(3):
            changed = shown_cells_changed(true_grid(node), lambda r, c, cells=cells: (r, c) in cells, rng)
            monkeypatch.setattr(generator.compute.protection, "occupation_grid", lambda _node, grid=changed: grid)
            assert renderer.page(number).content == before, node.region.code
            monkeypatch.setattr(generator.compute.protection, "occupation_grid", true_grid)
        checked += 1
    assert checked > 100


def test_every_number_in_an_occupation_chart_is_a_number_its_table_shows(renderer):
    for node in renderer.regions:
        shown = renderer.published.occupation_grid(node)
        chart = str(charts.occupation_chart(LABELS, shown, node.region.full_name))
        if not chart:
            continue
        svg = Svg(chart)
        table = {cell for row in tables.occupation_rows(shown) for cell in row[1:] if cell != HIDDEN}
        shown = {str(cell).removeprefix("<strong>").removesuffix("</strong>") for cell in table}
        numbers = {t for t in svg.text_of("text") + svg.text_of("figcaption")[0].replace(",", " ").split() if t}
        numbers = {n.strip(".()") for n in numbers if any(ch.isdigit() for ch in n)}
        assert numbers <= shown, node.region.code


def test_chart_text_from_data_is_escaped():
    name = '<script>alert(1)</script> & "Desa" <b onclick=x>'
    inner = [[25, 10], [0, 0], [4, 4], [5, 5], [12, 4], [6, 6], [5, 0], [3, 3], [4, 4]]
    for chart in (
        charts.occupation_chart(LABELS, grid_of(inner), name),
        charts.trend_chart(months(dt.date(2026, 1, 1), 3), [1, 2, 3], 100, name),
    ):
        svg = Svg(chart)
        assert not [tag for tag, _ in svg.elements if tag in ("script", "b")]
        assert svg.text_of("title")[0].endswith(f", {name}")


def test_village_and_region_pages_carry_both_charts_before_their_tables(renderer):
    pages = {page.url: page.content for page in renderer.pages()}
    for url in ("desa/6310012005/", "kecamatan/631001/", "kabupaten/6310/"):
        content = pages[url]
        assert (
            content.index('id="pekerjaan"')
            < content.index("grafik-pekerjaan")
            < content.index("<caption>Peserta menurut")
        )
        assert (
            content.index('id="perkembangan"')
            < content.index("grafik-bulanan")
            < content.index("<caption>Peserta terdaftar")
        )
    villages = [n for n in renderer.regions if n.region.level == Level.DESA]
    sizes = [len(pages[f"desa/{n.region.slug}/"]) for n in villages]
    assert max(sizes) < 16_000
