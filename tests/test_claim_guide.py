"""The claim guide's pages: one real address per question and result, every answer a link to one of them, the
guide linked from the home page, "Cara klaim" and every village page, and no number written in its prose."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import Paths
from generator.render.claim_guide import TEMPLATE, pages
from tests.htmltools import read_page
from tests.test_facts_today import prose_without_facts


def test_every_answer_leads_to_a_page_of_the_guide():
    guide = list(pages())
    addresses = [page.address for page in guide]
    assert len(addresses) == len(set(addresses))
    for page in guide:
        if page.step:
            for option in page.step.options:
                target = Path("/", page.address, page.option_link(option)).resolve().parent
                assert f"{target.relative_to('/')}/".removeprefix("./") in addresses, (page.address, option)


def test_results_are_the_pages_without_a_question():
    results = [page.address for page in pages() if page.step is None]
    assert len(results) == 19
    assert "meninggal/kerja/aktif/beberapa-anak/" in results
    assert "celaka/lain/" in results  # an accident outside work: no question about the membership


def test_a_built_guide_page_links_only_to_pages_that_exist(built: Paths):
    for html in (built.site / "klaim").rglob("index.html"):
        for link in read_page(html).links:
            if link.startswith(("http", "#", "mailto:")) or "://" in link:
                continue
            target = (html.parent / link.split("#")[0]).resolve()
            assert (target.is_dir() and (target / "index.html").is_file()) or target.is_file(), (html, link)


def test_the_guide_is_linked_from_the_home_page_cara_klaim_and_every_village_page(built: Paths):
    assert 'href="klaim/meninggal/"' in (built.site / "index.html").read_text(encoding="utf-8")
    assert 'href="../klaim/"' in (built.site / "cara-klaim" / "index.html").read_text(encoding="utf-8")
    villages = list((built.site / "desa").glob("*/index.html"))
    assert len(villages) == 157
    for page in villages:
        assert 'href="../../klaim/"' in page.read_text(encoding="utf-8"), page


def test_the_guide_writes_no_number_itself():
    prose = prose_without_facts(TEMPLATE)
    prose = re.sub(r"\{#.*?#\}", "", prose, flags=re.S)
    for number, line in enumerate(prose.splitlines(), 1):
        assert not re.search(r"\d", line), f"{TEMPLATE.name}:{number}: {line.strip()}"
