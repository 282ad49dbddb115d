"""The English pages: one for every Indonesian programme page, each in English notation and Material's English
interface, linked to its counterpart by the language switch and by ``hreflang`` both ways."""

from __future__ import annotations

import json
import logging
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator import formatting
from generator.build import Paths, stage
from generator.compute.aggregate import build_tree
from generator.read.dataset import load_dataset
from generator.render.english_overview import GLOSSARY
from generator.render.languages import page_url
from generator.render.pages import ENGLISH_OVERVIEW
from generator.render.prose import PageError, render_prose
from generator.texts import HIDDEN_BAR
from generator.write.finder import ENGLISH_SEARCH_INDEX, SEARCH_INDEX
from tests.helpers import ROOT, copy_project
from tests.htmltools import page_text, read_page

PROGRAMME = ["", "tentang/", "manfaat/", "iuran/", "cara-mendaftar/", "cara-klaim/", "pertanyaan-umum/"]
PROGRAMME += ["tentang-data/", "aksesibilitas/"]
SITE_URL = "https://1desa100pekerjarentan.example/"


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def alternates(text: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))


def switch(text: str) -> tuple[str, str]:
    found = re.search(r'<p class="bahasa-lain"><a href="([^"]*)" hreflang="([a-z]+)"', text)
    assert found, "no language switch"
    return found.group(1), found.group(2)


@pytest.mark.parametrize("page", PROGRAMME)
def test_every_programme_page_has_its_english_page_and_each_points_to_the_other(built: Paths, page: str):
    indonesian, english = html(built.site, page), html(built.site, f"en/{page}")
    assert '<html lang="id"' in indonesian and '<html lang="en"' in english
    both = {"id": SITE_URL + page, "en": f"{SITE_URL}en/{page}"}
    assert alternates(indonesian) == alternates(english) == {**both, "x-default": both["id"]}
    link, language = switch(indonesian)
    assert (
        language == "en"
        and (built.site / page / link / "index.html").resolve() == (built.site / "en" / page / "index.html").resolve()
    )
    link, language = switch(english)
    assert (
        language == "id"
        and (built.site / "en" / page / link / "index.html").resolve() == (built.site / page / "index.html").resolve()
    )


def test_english_pages_show_amounts_and_dates_in_english_notation(built: Paths):
    facts = load_dataset(built.data).facts.facts
    death = facts["jkm.total"].value
    text = page_text(built.site / "en" / "manfaat" / "index.html")
    english, indonesian = (" ".join(formatting.rupiah(death, locale).split()) for locale in ("en", "id"))  # type: ignore[arg-type]
    assert english in text and indonesian not in text  # page_text folds the no-break space
    since = facts["jkm.masa_kepesertaan_penuh"].valid_from
    assert since and formatting.date(since, "en") in text and formatting.date(since) not in text
    assert "Sources of the figures on this page" in text and "Sumber angka" not in text
    assert "Skip to content" in html(built.site, "en/manfaat/")  # Material's interface in English


def test_the_english_overview_gives_each_regency_in_english_and_links_its_page(built: Paths):
    regency = next(node for root in build_tree(load_dataset(built.data)).roots for node in root.children)
    page = read_page(built.site / "en" / "coverage" / "index.html")
    row = next(row for table in page.tables for row in table if row[0] == "Kabupaten Tanah Bumbu")
    assert row[2:4] == [formatting.number(regency.enrolled, "en"), formatting.number(regency.target, "en")]
    assert row[4] == formatting.percent(regency.enrolled, regency.target, "en")
    assert "../../kabupaten/6310/" in page.links and (built.site / "kabupaten" / "6310" / "index.html").is_file()
    text = html(built.site, "en/coverage/")
    assert '<html lang="en"' in text and "Sample data, not official figures" in text


def test_a_text_fact_without_its_english_wording_stops_an_english_page(built: Paths):
    data = load_dataset(built.data)
    fact = next(f for f in data.facts.facts.values() if f.unit == "teks")
    facts = {**data.facts.facts, fact.key: replace(fact, english="")}
    data = replace(data, facts=replace(data.facts, facts=facts))
    source = f"# Page\n\n{{{{ fakta.{fact.key} }}}}\n"
    assert fact.formatted() in render_prose(source, "docs/halaman.md", data, {})  # Indonesian: its own words
    with pytest.raises(PageError, match=rf"fakta '{re.escape(fact.key)}' .*belum punya inggris"):
        render_prose(source, "docs/en/page.md", data, {}, locale="en")


def test_a_regulation_without_its_english_wording_stops_an_english_page_that_lists_the_legal_basis(built: Paths):
    data = load_dataset(built.data)
    first, *rest = data.facts.legal_basis
    data = replace(data, facts=replace(data.facts, legal_basis=[replace(first, english=""), *rest]))
    source = "# Page\n\n{% for d in dasar_hukum %}- {{ d.nama }}: {{ d.tentang }}\n{% endfor %}"
    assert formatting.markdown_text(first.tentang) in render_prose(source, "docs/halaman.md", data, {})
    with pytest.raises(PageError, match=rf"dasar hukum '{re.escape(first.nama)}' .*belum punya inggris"):
        render_prose(source, "docs/en/page.md", data, {}, locale="en")


def test_the_english_about_pages_word_the_legal_basis_and_the_hiding_example_in_english(built: Paths):
    data = load_dataset(built.data)
    about = page_text(built.site / "en" / "tentang" / "index.html")
    dated = next(item for item in data.facts.legal_basis if item.date and item.english)
    assert dated.english in about and formatting.date(dated.date, "en") in about and dated.tentang not in about
    rules = read_page(built.site / "en" / "tentang-data" / "index.html")
    assert any(table[0][:4] == ["Occupation", "Men", "Women", "Total"] for table in rules.tables)
    assert "Pekerjaan" not in " ".join(rules.text)


def test_offline_bundles_leave_the_english_pages_online(built: Paths):
    bundle = next((built.site / "unduh" / "offline").glob("*.zip"))
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        home = archive.read(next(n for n in names if n.endswith("/manfaat/index.html"))).decode()
    assert not [n for n in names if "/en/" in n]
    assert f'href="{SITE_URL}en/manfaat/"' in home  # the switch leads to the page online


def test_every_word_the_glossary_explains_is_a_word_of_the_coverage_pages():
    """Each Indonesian word is in the templates or texts the coverage pages are made from (so it cannot drift)."""
    sources = [*(ROOT / "generator" / "render" / "templates" / "html").glob("*.j2")]
    sources += [ROOT / "generator" / name for name in ("texts.py", "model.py")]
    written = " ".join([HIDDEN_BAR, *(path.read_text(encoding="utf-8") for path in sources)]).casefold()
    words = [word for indonesian, _ in GLOSSARY for word in re.split(r"[;,] ", indonesian)]
    assert [word for word in words if word.casefold() not in written] == []


def test_the_english_menu_lists_every_english_page():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    menu = {link["url"] for link in config["extra"]["english_nav"]}
    pages = {page_url(path.relative_to(ROOT / "docs").as_posix()) for path in (ROOT / "docs" / "en").rglob("*.md")}
    assert pages | {page_url(ENGLISH_OVERVIEW)} <= menu


def test_each_language_has_its_own_index_of_pages_for_the_finder(built: Paths):
    indonesian = json.loads((built.site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]
    english = json.loads((built.site / ENGLISH_SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]
    assert indonesian and all(not doc["location"].startswith("en/") for doc in indonesian)
    assert english and all(doc["location"].startswith("en/") for doc in english)
    assert {doc["location"] for doc in english} >= {f"en/{page}" for page in PROGRAMME}


def test_an_english_page_behind_its_indonesian_page_is_a_warning_for_staff(tmp_path, caplog):
    paths = copy_project(tmp_path)
    page = paths.docs / "manfaat.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nBatas klaim: {{ fakta.jkk.batas_klaim }} tahun.\n")
    with caplog.at_level(logging.WARNING, logger="generator"):
        stage(paths)
    warned = [record.getMessage() for record in caplog.records if "halaman Inggris" in record.getMessage()]
    assert warned == [
        f"{paths.docs / 'en' / 'manfaat.md'}: halaman Inggris ini mungkin belum mengikuti {page}; fakta yang hanya "
        "ada di halaman Indonesia: jkk.batas_klaim; hanya di halaman Inggris: -"
    ]


def test_the_english_pages_show_the_facts_of_their_indonesian_pages(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="generator"):
        stage(copy_project(tmp_path))
    assert [record.getMessage() for record in caplog.records if "halaman Inggris" in record.getMessage()] == []
