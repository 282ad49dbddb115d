"""What village halls take from the site: a poster and a badge per village, share and report links, and old
codes whose addresses keep working (the browser's view of the poster is in tests/browser/test_poster.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from generator.build import Paths, build_site
from generator.compute.aggregate import build_tree
from generator.formatting import date, number
from generator.problems import GeneratorError
from generator.read.dataset import load_dataset
from tests.helpers import run_generator
from tests.htmltools import page_text, read_page
from tests.test_validate import problems_of

PLACEHOLDER = "https://1desa100pekerjarentan.example/"
REAL = "https://pekerjarentan.contoh-kabupaten.go.id/"
"""A site address that is not a placeholder, for the builds below (no request ever goes to it)."""
SVG = "{http://www.w3.org/2000/svg}"


def build_at(project: Paths, address: str, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", address)
    build_site(project)


def renumber(data: Path, old: str, new: str) -> None:
    """Give village ``old`` the code ``new`` in every table, as a Kemendagri code update does."""
    for name in ("wilayah.csv", "program_desa.csv", "kepesertaan.csv", "klaim.csv"):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(f"{old},", f"{new},"), encoding="utf-8")


def test_every_village_has_a_poster_and_a_small_titled_badge(built):
    tree = build_tree(load_dataset(built.data))
    villages = [node for node in tree.by_code.values() if node.region.level == 4]
    for node in villages:
        folder = built.site / node.region.url
        badge = folder / "lencana.svg"
        assert badge.stat().st_size < 2048, badge
        root = ElementTree.parse(badge).getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text
        assert title.text.startswith(f"{node.region.full_name}: ")
        if node.data_date:
            assert f"{number(node.enrolled)} dari target {number(node.target)} pekerja rentan terlindungi" in title.text
            assert f"data per {date(node.data_date)}" in title.text
        assert "(data contoh)" in title.text
        poster = page_text(folder / "poster" / "index.html")
        assert node.region.full_name in poster and "Data contoh" in poster
        assert "poster/" in read_page(folder / "index.html").links


def test_the_village_page_offers_sharing_reporting_and_the_badge_snippet(project, monkeypatch):
    build_at(project, REAL, monkeypatch)
    page = project.site / "desa" / "6310012005" / "index.html"
    links = read_page(page).links
    share = next(link for link in links if link.startswith("https://wa.me/?text="))
    message = parse_qs(urlsplit(share).query)["text"][0]
    assert message.startswith("Desa Segumbang: ") and message.endswith(f"Lihat: {REAL}desa/6310012005/")
    assert "dari target" in message and "(data contoh)" in message
    assert "../../tentang-data/#data-salah" in links  # no report channel set: whom to ask
    assert 'id="data-salah"' in (project.site / "tentang-data" / "index.html").read_text(encoding="utf-8")
    code = re.search(r'<pre class="cuplikan"><code>(.*?)</code>', page.read_text("utf-8"))
    snippet = html.unescape(code.group(1))
    attributes = dict(re.findall(r'(\w+)="([^"]*)"', snippet))
    assert snippet.startswith(f'<a href="{REAL}desa/6310012005/"><img ') and snippet.endswith("></a>")
    assert attributes["src"] == f"{REAL}desa/6310012005/lencana.svg"
    assert attributes["alt"].startswith("Desa Segumbang: ")
    for region in ("kecamatan/631001/", "kabupaten/6310/", "cakupan/"):
        text = (project.site / region / "index.html").read_text(encoding="utf-8")
        assert "Bagikan lewat WhatsApp" in text and "Data salah? Laporkan" in text, region
        assert f"Alamat halaman ini: {REAL}{region}" in text


def test_a_placeholder_address_is_said_on_every_poster_and_refused_by_strict(project):
    built = run_generator("build", cwd=project.config.parent)
    assert built.returncode == 0
    assert f"site_url di mkdocs.yml masih alamat contoh ({PLACEHOLDER})" in built.stderr
    poster = page_text(project.site / "desa" / "6310012005" / "poster" / "index.html")
    assert "Kode QR dan alamat ini belum menuju situs yang sebenarnya" in poster
    published = (project.site / "index.html").read_bytes()
    strict = run_generator("build", "--strict", cwd=project.config.parent)
    assert strict.returncode == 1
    assert "masih alamat contoh" in strict.stderr and "Traceback" not in strict.stderr
    assert (project.site / "index.html").read_bytes() == published  # the last published site stays


def test_a_real_address_gives_posters_without_the_warning(project, monkeypatch):
    build_at(project, REAL, monkeypatch)
    poster = page_text(project.site / "desa" / "6310012005" / "poster" / "index.html")
    assert "belum menuju situs" not in poster and f"{REAL}desa/6310012005/" in poster


def test_an_old_code_forwards_and_a_split_lists_its_villages(project, monkeypatch):
    renumber(project.data, "63.10.01.2005", "63.10.01.2099")
    (project.data / "kode_lama.csv").write_text(
        "kode_lama,kode_baru,tanggal_berubah,keterangan\n"
        "63.10.01.2005,63.10.01.2099,2025-06-30,Kepmendagri 300.2.2-2430/2025\n"
        "63.10.01.2098,63.10.01.2006,2024-01-15,\n"
        "63.10.01.2098,63.10.01.2099,2024-01-15,\n",
        encoding="utf-8",
    )
    build_at(project, REAL, monkeypatch)
    old = project.site / "desa" / "6310012005"
    forward = (old / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../desa/6310012099/">' in forward
    assert f'<link rel="canonical" href="{REAL}desa/6310012099/">' in forward
    assert '<meta name="robots" content="noindex">' in forward
    assert "Desa Segumbang" in page_text(old / "index.html")
    assert "url=../../../desa/6310012099/poster/" in (old / "poster" / "index.html").read_text(encoding="utf-8")
    assert (old / "lencana.svg").read_bytes() == (project.site / "desa" / "6310012099" / "lencana.svg").read_bytes()
    split = project.site / "desa" / "6310012098" / "index.html"
    assert "refresh" not in split.read_text(encoding="utf-8")
    assert {"../../desa/6310012006/", "../../desa/6310012099/"} <= set(read_page(split).links)
    assert "menjadi 2 desa" in page_text(split)
    sitemap = "".join(p.read_text(encoding="utf-8") for p in project.site.glob("sitemap-*.xml"))
    assert "desa/6310012099/" in sitemap and "desa/6310012005/" not in sitemap


def test_bad_old_codes_name_file_row_and_column(project):
    (project.data / "kode_lama.csv").write_text(
        "kode_lama,kode_baru,tanggal_berubah,keterangan\n"
        "63.10.01.2005,63.10.01.2006,2025-06-30\n"  # 2: still in use
        "63.10.01.2097,63.10.01.2096,2025-06-30\n"  # 3: leads nowhere
        "63.10.01.2095,63.10.01.2094,2025-06-30\n"  # 4 and 5: a loop
        "63.10.01.2094,63.10.01.2095,2025-06-30\n"
        "63.10.01.2093,63.10.01.2006,2025-06-30\n"
        "63.10.01.2093,63.10.01.2006,2025-06-30\n"  # 7: the same row again
        "63.10.01.2093,63.10.01.2007,2025-07-01\n",  # 8: another date for the same change
        encoding="utf-8",
    )
    assert problems_of(project.data) == [
        ("kode_lama.csv", 2, "kode_lama", "old-code-in-use"),
        ("kode_lama.csv", 3, "kode_baru", "unknown-village"),
        ("kode_lama.csv", 4, "kode_baru", "code-loop"),
        ("kode_lama.csv", 5, "kode_baru", "code-loop"),
        ("kode_lama.csv", 7, "kode_baru", "duplicate-row"),
        ("kode_lama.csv", 8, "tanggal_berubah", "conflicting-date"),
    ]
    checked = run_generator("check", cwd=project.config.parent)
    assert "data/kode_lama.csv:4:kode_baru: galat: kode lama membentuk lingkaran: " in checked.stderr
    assert "63.10.01.2095 → 63.10.01.2094 → 63.10.01.2095" in checked.stderr


def test_a_build_without_the_old_codes_file_needs_none(project):
    assert not (project.data / "kode_lama.csv").exists()
    assert load_dataset(project.data).code_changes == []


def test_the_poster_needs_its_facts_before_mkdocs_runs(project):
    facts = project.data / "fakta.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("pengganti_akta_kematian:", "pengganti_akta:"), "utf-8")
    try:
        build_site(project)
    except GeneratorError as error:
        assert "poster desa" in str(error) and "klaim.pengganti_akta_kematian" in str(error)
    else:
        raise AssertionError("the build went on without a fact the poster needs")


def test_a_configured_report_channel_is_prefilled_with_the_village(project, monkeypatch):
    settings = project.data / "dataset.yaml"
    base = settings.read_text(encoding="utf-8")
    channels = {
        "surel: data@dinas.contohkab.go.id": "mailto:data@dinas.contohkab.go.id?subject=",
        'whatsapp: "6281234567890"': "https://wa.me/6281234567890?text=",
        "formulir: https://formulir.contohkab.go.id/lapor?kode={kode}&nama={nama}": (
            "https://formulir.contohkab.go.id/lapor?kode=63.10.01.2005&nama=Desa%20Segumbang"
        ),
    }
    for channel, start in channels.items():
        settings.write_text(base + f"laporan:\n  {channel}\n", encoding="utf-8")
        build_at(project, REAL, monkeypatch)
        links = read_page(project.site / "desa" / "6310012005" / "index.html").links
        report = next(link for link in links if link.startswith(start))
        if "?subject=" in report or "?text=" in report:
            prefilled = next(iter(parse_qs(urlsplit(report).query).values()))[0]
            assert "Desa Segumbang (63.10.01.2005)" in prefilled, channel
            assert f"{REAL}desa/6310012005/" in prefilled or start.startswith("mailto"), channel
