"""Rendering: pure functions from data to page content."""

import re

import pytest

from generator.build import renderer_of
from generator.formatting import number, percent
from generator.model import Region
from generator.read.dataset import load_dataset
from generator.render.prose import render_prose
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def pages(data):
    return {page.url: page for page in renderer_of(data).pages()}


def test_page_urls_are_codes_without_dots():
    assert Region("63.10.01.2005", "Segumbang").url == "desa/6310012005/"
    assert Region("63.10.01", "Batu Licin").url == "kecamatan/631001/"
    assert Region("63.10", "Kabupaten Tanah Bumbu").url == "kabupaten/6310/"
    assert Region("63", "Kalimantan Selatan").url == "provinsi/63/"


def test_one_page_per_village_district_and_regency_but_no_province_page_for_one_regency(pages, sample):
    folders = sorted({p.split("/")[0] for p in pages})
    assert folders == ["cakupan", "desa", "kabupaten", "kecamatan", "pembaruan-data"]
    assert sum(p.startswith("desa/") for p in pages) == sample.villages
    assert sum(p.startswith("kecamatan/") for p in pages) == sample.levels[3]


def test_village_page_content_is_html_with_links_up_and_the_sample_label(pages, sample):
    page = pages["desa/6310012005/"]
    assert page.title == "Desa Segumbang, Kecamatan Batu Licin, Kabupaten Tanah Bumbu"
    enrolled, target = sample.enrolled("63.10.01.2005"), sample.target("63.10.01.2005")
    assert page.description.startswith(f"{number(enrolled)} dari target {number(target)} pekerja rentan")
    assert page.shell == "desa/kerangka.md"
    assert "Data contoh, bukan data resmi" in page.content
    assert '<a href="../../kecamatan/631001/">Kecamatan Batu Licin</a>' in page.content


def test_prose_page_gets_facts_sources_and_sample_banner_only_when_it_uses_coverage(data):
    summary = {"peserta": "15.443", "tautan": "cakupan/index.md"}
    plain = render_prose(
        "# Manfaat\n\nAhli waris menerima {{ fakta.jkm.santunan_sekaligus }}.\n", "x.md", data, summary
    )
    assert "Ahli waris menerima Rp20.000.000." in plain
    assert "## Sumber angka di halaman ini" in plain and "Kontan" in plain
    assert "Data contoh" not in plain
    with_figures = render_prose("# Beranda\n\n{{ ringkasan.peserta }} peserta.\n", "x.md", data, summary)
    assert with_figures.index("# Beranda") < with_figures.index("Data contoh") < with_figures.index("15.443 peserta")


def test_unknown_fact_names_the_page(data):
    from generator.render.prose import PageError

    with pytest.raises(PageError, match=r"x\.md:3: fakta .jkm\.jumlah. tidak ada"):
        render_prose("# Judul\n\n{{ fakta.jkm.jumlah }}", "x.md", data, {})


def test_tables_scroll_in_a_named_box_with_a_caption_and_column_headers():
    from generator.render.tables import html_table

    table = str(html_table(["Bulan", "Peserta"], [["Oktober 2026", "98"], ["<b>x</b>", "1"]], "lr", "Peserta <bulan>"))
    assert table.startswith(
        '<div class="tabel-gulir" role="region" tabindex="0" aria-label="Peserta &lt;bulan&gt;">\n'
        "<table>\n<caption>Peserta &lt;bulan&gt;</caption>\n<thead>\n"
        '<tr><th scope="col">Bulan</th><th scope="col" align="right">Peserta</th></tr>'
    )
    assert table.endswith("</table>\n</div>")
    assert "<td>&lt;b&gt;x&lt;/b&gt;</td>" in table
    with pytest.raises(TypeError):  # every generated table has a caption: it cannot be left out
        html_table(["A"], [], "l")  # type: ignore[call-arg]


def test_every_table_of_every_generated_page_has_a_caption_in_a_scrolling_box(pages):
    for url, page in pages.items():
        content = page.content
        assert content.count("<table>") == content.count('<div class="tabel-gulir" role="region" tabindex="0"'), url
        assert content.count("<table>") == content.count("<table>\n<caption>"), url
        assert len(re.findall(r"<th[ >]", content)) == content.count('<th scope="col"'), url


def test_hidden_cells_read_as_disembunyikan_and_show_as_a_dot(pages):
    content = pages["desa/6310012005/"].content
    hidden = '<span aria-hidden="true">•</span><span class="sr-only">disembunyikan</span>'
    nelayan = content[content.index("<td>Nelayan</td>") :].split("</tr>", 1)[0]
    assert nelayan.count(hidden) == 2
    assert "<small>• = disembunyikan." in content  # the note under the table explains the dot
    claims = content[content.index('id="klaim"') :]
    assert hidden in claims
    assert "•" not in content.replace(hidden, "").replace("• = disembunyikan", "").replace("• disembunyikan", "")


def test_progress_bar_is_a_percentage_with_the_figures_in_text(pages, sample):
    districts = {code[:8] for code in sample.latest}
    figures = {
        d: [sum(f(v) for v in sample.latest if v.startswith(d)) for f in (sample.enrolled, sample.target)]
        for d in districts
    }
    over = [d for d, (enrolled, target) in sorted(figures.items()) if enrolled > target]
    assert over, "the sample data has a kecamatan over its target"
    enrolled, target = figures[over[0]]
    share = percent(enrolled, target)
    content = pages[f"kecamatan/{over[0].replace('.', '')}/"].content
    assert (
        f"<strong>{number(enrolled)}</strong> dari target {number(target)} pekerja rentan terdaftar ({share})"
        in content
    )
    assert (
        'role="progressbar" aria-label="Kepesertaan dibanding target" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="100" aria-valuetext="{number(enrolled)} dari {number(target)} ({share})"'
    ) in content  # over target, the bar is full
    enrolled, target = sample.enrolled("63.10.01.2005"), sample.target("63.10.01.2005")
    width = min(100, round(100 * enrolled / target))
    village = pages["desa/6310012005/"].content
    assert (
        f'aria-valuenow="{width}" aria-valuetext="{number(enrolled)} dari {number(target)} ({percent(enrolled, target)})"'
        in village
    )
    assert f'<rect class="progres__isi" width="{width}" height="1"/>' in village
