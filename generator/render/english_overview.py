"""The English overview of the coverage (``/en/coverage/``): the figures of every kabupaten and kota in English
notation, linked to their pages, which stay in Bahasa Indonesia, and the words those pages use, in English."""

from __future__ import annotations

from generator import formatting
from generator.formatting import ENGLISH, markdown_text
from generator.model import Level
from generator.render.open_records import coverage_status
from generator.render.pages import Renderer
from generator.texts import HIDDEN_BAR, PROSE_TEXTS, STATUSES, STATUSES_ENGLISH

GLOSSARY = [
    ("Cakupan", "coverage"),
    ("Provinsi; Kabupaten, Kota; Kecamatan; Desa, Kelurahan", "province; regency, city; district; village"),
    ("Peserta terdaftar", "members enrolled, whose premium the village or the regency pays"),
    ("Target", "the number of members a village or region aims for"),
    ("Capaian", "enrolled as a share of the target"),
    ("Desa mencapai target", "villages that reached their target"),
    *((STATUSES[key], STATUSES_ENGLISH[key]) for key in STATUSES),
    ("Menurut pekerjaan dan jenis kelamin; Laki-laki, Perempuan", "by occupation and sex; men, women"),
    ("Perkembangan bulanan", "month by month"),
    ("Klaim yang sudah dibayar; Kasus; Nilai dibayar", "claims paid; cases; amount paid"),
    ("Sumber dana iuran", "who pays the premiums (village budget, regency budget, ...)"),
    (HIDDEN_BAR, "a small count hidden so that no one can be recognised"),
    ("Data per", "figures as of"),
    ("Unduh data wilayah ini", "download this region's data (CSV)"),
]
"""What the Indonesian coverage pages say, and what it means."""


def english_overview(renderer: Renderer) -> str:
    """The Markdown of ``en/coverage.md``."""
    node = renderer.national
    when = formatting.date(node.data_date, ENGLISH) if node.data_date else "–"
    lines = [
        "---",
        "title: Coverage",
        "description: How many vulnerable workers are enrolled in each regency and city, against the target.",
        "language: en",
        "---",
        "",
        "# Coverage of the programme",
        "",
        PROSE_TEXTS[ENGLISH].sample_banner if renderer.data.sample else "",
        f"Figures as of {when}. Each regency's page, and the pages of its districts and villages, are in Bahasa "
        'Indonesia; the words they use are explained <a href="#words">below</a>.',
        "",
        "| Regency or city | Province | Enrolled | Target | Share | Villages at target | Status |",
        "|---|---|--:|--:|--:|--:|---|",
        *_rows(renderer),
        "",
        '<h2 id="words">Words on the coverage pages</h2>',
        "",
        "| Bahasa Indonesia | English |",
        "|---|---|",
        *(f'| <span lang="id">{indonesian}</span> | {english} |' for indonesian, english in GLOSSARY),
        "",
    ]
    return "\n".join(lines)


def _rows(renderer: Renderer) -> list[str]:
    def n(value: int) -> str:
        return formatting.number(value, ENGLISH)

    rows = []
    for node in renderer.regions:
        region = node.region
        if region.level != Level.KABUPATEN:
            continue
        province = renderer.data.regions[region.province_code].full_name
        link = f'<a href="../../{region.url}" hreflang="id" lang="id">{markdown_text(region.full_name)}</a>'
        status = coverage_status(node.villages_reporting > 0, node.enrolled, node.target, STATUSES_ENGLISH)
        share = formatting.percent(node.enrolled, node.target, ENGLISH)
        at_target = f"{n(node.villages_at_target)} of {n(node.villages)}"
        rows.append(
            f'| {link} | <span lang="id">{markdown_text(province)}</span> | {n(node.enrolled)} | {n(node.target)} | {share} | {at_target} | {status} |'
        )
    return rows
