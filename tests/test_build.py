"""End to end: build the default site with real MkDocs + Material and read the output."""

from __future__ import annotations

import csv
import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import formatting
from generator.build import build_site
from generator.compute.changes import signed
from generator.formatting import number
from generator.model import OCCUPATIONS, Level
from generator.read.dataset import load_dataset
from tests.htmltools import finder_records, page_text, read_page

SEGUMBANG = "63.10.01.2005"
HIDDEN = "•disembunyikan"
"""The text of a hidden cell: a • on screen (aria-hidden) and the word for screen readers (visually hidden)."""


@pytest.fixture(scope="module")
def data(built):
    return load_dataset(built.data)


def month_name(month: str) -> str:
    """``2026-10`` → ``Oktober 2026``."""
    return formatting.month(dt.date.fromisoformat(month + "-01"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_segumbang_page_shows_its_figures(built, data):
    page = built.site / "desa" / "6310012005" / "index.html"
    latest = data.snapshots[SEGUMBANG][-1]
    target = data.programs[SEGUMBANG].target
    text = page_text(page)
    assert "Desa Segumbang" in text
    assert f"{latest.total} dari target {target} pekerja rentan terdaftar" in text
    assert "Data per 31 Oktober 2026." in text
    breakdown = next(t for t in read_page(page).tables if t[0][0] == "Pekerjaan")
    for i, label in enumerate(OCCUPATIONS.values()):
        men, women = latest.counts[2 * i], latest.counts[2 * i + 1]
        assert breakdown[1 + i][0] == label
        for shown, value in zip(breakdown[1 + i][1:], (men, women, men + women), strict=True):
            assert shown == (HIDDEN if 0 < value < data.threshold else shown)  # small counts hidden
            assert shown in (HIDDEN, str(value))  # everything shown is the true figure
    assert HIDDEN in breakdown[2] and "• = disembunyikan. Angka di bawah 3 tidak ditampilkan" in text
    assert breakdown[-1][-1] == str(latest.total)


def test_kecamatan_table_lists_every_village_with_totals(built, data):
    page = built.site / "kecamatan" / "631001" / "index.html"
    table = next(t for t in read_page(page).tables if t[0][0] == "Desa/kelurahan")
    villages = [r for r in data.regions.values() if r.level == Level.DESA and r.parent_code == "63.10.01"]
    assert sorted(row[0] for row in table[1:-1]) == sorted(v.name for v in villages)
    total = sum(data.snapshots[v.code][-1].total for v in villages)
    assert table[-1][:2] == ["Jumlah", f"{total:,}".replace(",", ".")]


def test_breadcrumbs_go_up_the_hierarchy(built):
    links = read_page(built.site / "desa" / "6310012005" / "index.html").links
    for target in ("../../cakupan/", "../../kabupaten/6310/", "../../kecamatan/631001/"):
        assert target in links


def test_every_internal_link_of_every_page_resolves(built):
    site = built.site
    broken = []
    for page in html_pages(site):
        if page.name == "404.html":  # served at any address, so its links are absolute by design
            continue
        for href in read_page(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), parts.path))
            resolved = site / target
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {href}")
    assert broken == []


def test_every_village_is_in_the_finder_under_its_own_name_and_pages_in_the_search_index(built, data):
    records = finder_records(built.site)
    for region in data.regions.values():
        if region.level == Level.DESA:
            name, context, _ = records[f"desa/{region.slug}/"]
            assert name == region.full_name and context.startswith("Kecamatan ")
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["pipeline"] == ["trimmer"]
    assert {"manfaat/", "cara-klaim/"} <= {doc["location"] for doc in index["docs"]}
    assert not [doc for doc in index["docs"] if doc["location"].startswith(("desa/", "cakupan/"))]


def test_sample_label_on_every_page_fed_by_sample_data(built, sample):
    fed = [
        p
        for p in html_pages(built.site)
        if p.parent.parent.name in ("desa", "kecamatan", "kabupaten") or p.parent.name == "cakupan"
    ]
    fed.append(built.site / "index.html")
    assert len(fed) == sample.villages + sample.levels[3] + sample.levels[2] + 2  # and the overview, the home page
    for page in fed:
        assert "Data contoh, bukan data resmi" in page_text(page), page


def test_programme_amounts_come_from_the_facts_file_with_sources(built):
    text = page_text(built.site / "manfaat" / "index.html")
    assert "Rp42.000.000" in text
    assert "Sumber angka di halaman ini" in text


def test_no_request_leaves_the_site_and_language_is_indonesian_but_under_en(built):
    for page in html_pages(built.site):
        html = page.read_text(encoding="utf-8")
        english = page.relative_to(built.site).parts[0] == "en"
        assert f'<html lang="{"en" if english else "id"}"' in html, page
        for resource in read_page(page).resources:
            assert not urlsplit(resource).netloc, f"{page}: {resource}"
    for css in built.site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_coverage_pages_stay_out_of_the_navigation(built):
    """Pages that link to no village by content have no village link at all, so the menu lists none."""
    for page in (built.site / "tentang" / "index.html", built.site / "desa" / "6310012005" / "index.html"):
        links = [href for href in read_page(page).links if not urlsplit(href).netloc]  # not the share link
        assert [href for href in links if "desa/" in href and "api/v1/" not in href] == [], page


def test_news_post_and_rss_feed(built):
    feed = (built.site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "<item>" in feed and "Tanah Bumbu" in feed
    post = next(p for p in (built.site / "berita").rglob("index.html") if "menerima penghargaan" in page_text(p))
    assert "15 Maret 2023" in page_text(post)


def test_hand_written_page_survives_a_rebuild(project):
    page = project.docs / "tentang-data.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nCatatan staf: halaman ini ditulis tangan.\n", encoding="utf-8"
    )
    before = page.read_bytes()
    build_site(project)
    build_site(project)
    assert page.read_bytes() == before
    assert "Catatan staf: halaman ini ditulis tangan." in page_text(project.site / "tentang-data" / "index.html")


def test_regency_page_shows_published_figures_apart_from_sample_data(built):
    text = page_text(built.site / "kabupaten" / "6310" / "index.html")
    assert "Angka yang pernah diumumkan" in text
    assert "14.400" in text
    assert "88.000 (belum dipastikan)" in text


def test_link_preview_carries_the_village_title_and_figures(built):
    html = (built.site / "desa" / "6310012005" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Desa Segumbang, Kecamatan Batu Licin, Kabupaten Tanah Bumbu">' in html
    assert "pekerja rentan terlindungi BPJS Ketenagakerjaan" in html.split('property="og:description"', 1)[1][:200]


def test_updates_page_compares_the_last_two_months_of_the_data(built, sample):
    page = read_page(built.site / "pembaruan-data" / "index.html")
    before, after = sample.months()[-2:]
    was, now = sample.enrolled_in(before), sample.enrolled_in(after)
    assert page.tables[0][:2] == [
        ["", month_name(before), month_name(after), "Perubahan"],
        ["Pekerja terdaftar", number(was), number(now), signed(now - was)],
    ]
    text = page_text(built.site / "pembaruan-data" / "index.html")
    latest = max(day for day, _ in sample.latest.values())
    assert f"Data per {formatting.date(dt.date.fromisoformat(latest))}." in text
    assert "Data contoh, bukan data resmi" in text
    enrolled, target = sample.enrolled(SEGUMBANG), sample.target(SEGUMBANG)
    if enrolled < target:  # a village below its target is not listed as newly at target
        assert f"Desa Segumbang: {enrolled} dari target {target}" not in text
    history = page.tables[-1]
    assert history[1][:2] == [month_name(after), number(now)] and len(history) == 1 + min(12, len(sample.months()))


def test_the_villages_table_holds_village_totals_and_names(built, sample):
    rows = list(csv.DictReader((built.site / "unduh" / "desa.csv").open(encoding="utf-8")))
    assert len(rows) == sample.villages
    assert sum(int(r["peserta"]) for r in rows) == sample.enrolled_in(sample.months()[-1])
    segumbang = next(r for r in rows if r["kode_desa"] == "63.10.01.2005")
    assert {
        k: segumbang[k] for k in ("desa", "kecamatan", "kabupaten", "provinsi", "target", "peserta", "data_per")
    } == {
        "desa": "Segumbang",
        "kecamatan": "Batu Licin",
        "kabupaten": "Kabupaten Tanah Bumbu",
        "provinsi": "Kalimantan Selatan",
        "target": str(sample.target(SEGUMBANG)),
        "peserta": str(sample.enrolled(SEGUMBANG)),
        "data_per": sample.latest[SEGUMBANG][0],
    }


def test_no_published_breakdown_shows_a_small_count_or_gives_one_away(built, data, sample):
    """Across every coverage page: no count from 1 to threshold-1, and no row or column hiding just one cell."""
    pages = [p for p in html_pages(built.site) if p.parent.parent.name in ("desa", "kecamatan", "kabupaten")]
    checked = 0
    for page in pages:
        for table in read_page(page).tables:
            if table[0][0] not in ("Pekerjaan", "Manfaat"):
                continue
            body = [row[1:4] if table[0][0] == "Pekerjaan" else row[1:2] for row in table[1:]]
            numbers = [cell.replace(".", "") for row in body for cell in row if cell != HIDDEN]
            assert all(not (0 < int(n) < data.threshold) for n in numbers), page
            assert all(row.count(HIDDEN) != 1 for row in body if len(row) > 1), page
            assert all([row[c] for row in body].count(HIDDEN) != 1 for c in range(len(body[0]))), page
            checked += 1
    assert checked >= sample.villages + sample.levels[3] + sample.levels[2]  # every occupation table, and claims


def test_sitemap_lists_every_page_and_no_shell(built, sample):
    index = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "sitemap-1.xml</loc>" in index and "sitemap-2.xml" not in index
    urls = re.findall(r"<loc>(.*?)</loc>", (built.site / "sitemap-1.xml").read_text(encoding="utf-8"))
    paths = {urlsplit(url).path.strip("/") for url in urls}
    assert {"desa/6310012005", "kecamatan/631001", "kabupaten/6310", "cakupan", "pembaruan-data", "manfaat"} <= paths
    assert len([p for p in paths if p.startswith("desa/")]) == sample.villages
    assert not any("kerangka" in url for url in urls)
    assert not (built.site / "desa" / "kerangka").exists()
