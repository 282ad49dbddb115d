"""Facts that are true today: the 2025-2026 rule changes on the built pages, and facts that know when they end."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.build import build_site
from generator.read.dataset import load_dataset
from generator.read.facts_file import load_facts
from generator.render.prose import PageError, render_prose
from tests.helpers import ROOT
from tests.htmltools import page_blocks, page_text

SOURCES_HEADING = "Sumber angka di halaman ini"


def tagged_blocks(site: Path, page: str) -> list[tuple[str, str]]:
    """Paragraphs, list items and table rows of a programme page with their tags, up to its list of sources."""
    found = page_blocks(site / page / "index.html")
    texts = [text for _, text in found]
    return found[: texts.index(SOURCES_HEADING)] if SOURCES_HEADING in texts else found


def blocks(site: Path, page: str) -> list[str]:
    return [text for _, text in tagged_blocks(site, page)]


def with_text(site: Path, page: str, needle: str) -> list[str]:
    found = [b for b in blocks(site, page) if needle in b]
    assert found, f"{page}: no paragraph, item or row says {needle!r}"
    return found


# --- the rules that changed in 2025-2026, each with its condition next to it on the built page ---


def test_every_jkm_amount_states_the_three_month_rule_and_the_lower_amount(built):
    pages = ("manfaat", "pertanyaan-umum", "cara-klaim", "cara-mendaftar")
    for page in pages:
        found = tagged_blocks(built.site, page)
        for (tag, block), (_, after) in zip(found, [*found[1:], ("", "")], strict=True):
            if "Rp42.000.000" in block or "Rp42 juta" in block:
                assert "3 bulan" in block, (page, block)
                beside = block + after if tag == "tr" else block  # in a table, the lower amount is the next row
                assert "Rp10.000.000" in beside or "Rp10 juta" in beside, (page, block)
    rows = [block for tag, block in tagged_blocks(built.site, "manfaat") if tag == "tr"]
    assert not [row for row in rows if "kurang dari" in row]  # the lower amount is no part of the full JKM
    [after] = with_text(built.site, "manfaat", "Jumlah ketiganya Rp42.000.000")
    assert "kurang dari 3 bulan, ahli waris menerima Rp10.000.000" in after
    [when] = with_text(built.site, "cara-mendaftar", "JKM penuh (Rp42 juta)")
    assert "hanya jika peserta sudah terdaftar" in when  # not "ia", which could be the heir
    [paragraph] = with_text(built.site, "manfaat", "Ahli waris menerima Rp42.000.000")
    assert "sedikitnya 3 bulan" in paragraph and "Rp10.000.000" in paragraph and "24 Februari 2025" in paragraph
    answer = [b for b in with_text(built.site, "pertanyaan-umum", "Rp42 juta") if b.startswith("JKM")]
    assert answer and "3 bulan" in answer[0] and "Rp10 juta" in answer[0]


def test_the_discount_says_it_is_not_for_contributions_paid_from_apbn_or_apbd(built):
    for page in ("iuran", "pertanyaan-umum"):
        for tag, block in tagged_blocks(built.site, page):
            if tag in ("p", "ul", "ol", "table") and "50%" in block and "diskon" in block.casefold():
                assert "APBN atau APBD" in block, (page, block)  # in the same paragraph, list or table
    assert any("APBDes" in b and "(belum dipastikan)" in b for b in blocks(built.site, "iuran"))
    [promulgated] = with_text(built.site, "iuran", "diundangkan pada")
    assert "22 Desember 2025." in promulgated  # confirmed now: no "(belum dipastikan)" after it


def test_income_replacement_is_full_for_twelve_months_then_half(built):
    [item] = [b for b in with_text(built.site, "manfaat", "STMB") if b.startswith("Uang pengganti")]
    assert "12 bulan pertama" in item and "100%" in item and "50%" in item
    assert "paling lama 1 tahun" not in item


def test_a_child_who_works_while_still_at_school_keeps_the_scholarship(built):
    for page in ("manfaat", "pertanyaan-umum", "cara-klaim"):
        assert any("tetap menerima beasiswa walaupun sudah bekerja" in b for b in blocks(built.site, page)), page
        assert not any("menikah atau bekerja" in b for b in blocks(built.site, page)), page


def test_two_paid_registrations_pay_jkm_twice_but_the_funeral_once(built):
    for page in ("manfaat", "pertanyaan-umum"):
        [rule] = with_text(built.site, page, "biaya pemakaman hanya sekali")
        assert "24 Februari 2025" in rule
    sentences = [s for b in blocks(built.site, "manfaat") for s in re.split(r"(?<=[.;])\s", b)]
    assert not [s for s in sentences if "JKM penuh" in s and "setiap pendaftaran" in s]  # the funeral is paid once
    [example] = with_text(built.site, "manfaat", "untuk setiap pendaftaran, bukan hanya sekali")
    assert "JKM penuh dibayar untuk satu pendaftaran saja" in example and "tanpa biaya pemakaman" in example


def test_total_permanent_disability_is_on_the_benefits_page_and_unconfirmed(built):
    [paragraph] = with_text(built.site, "manfaat", "santunan sekaligus sebesar 56")
    assert "56 (belum dipastikan) kali penghasilan" in paragraph


def test_heirs_are_listed_in_their_full_order(built):
    items = [b for tag, b in tagged_blocks(built.site, "cara-klaim") if tag == "li"]
    heirs = [b for b in items if any(b.startswith(h) for h in HEIRS)]
    assert [next(h for h in HEIRS if b.startswith(h)) for b in heirs] == list(HEIRS)


HEIRS = ("suami atau istri, dan anak", "keluarga sedarah", "saudara kandung", "mertua", "orang yang ditunjuk")


def test_a_family_learns_what_the_village_can_issue_while_the_death_certificate_is_not_ready(built):
    items = blocks(built.site, "cara-klaim")
    assert any(b.startswith("akta kematian (selama belum terbit, surat keterangan kematian dari desa") for b in items)
    assert "fotokopi Kartu Keluarga (KK) peserta, dan KK ahli waris sendiri" in items
    assert "laporan polisi, jika kecelakaannya di jalan" in items
    [tip] = with_text(built.site, "cara-klaim", "klaim bisa diajukan dengan surat keterangan kematian")
    assert "kantor desa" in tip
    assert with_text(built.site, "pertanyaan-umum", "Akta kematian belum jadi")


def test_facts_found_in_one_source_only_are_marked_unconfirmed(built):
    assert with_text(built.site, "iuran", "Rp207.000 (belum dipastikan)")
    assert with_text(built.site, "iuran", "bulan berikutnya (belum dipastikan)")
    assert with_text(built.site, "cara-klaim", "saat peserta meninggal (belum dipastikan)")
    assert with_text(built.site, "cara-klaim", "Lapak Asik (belum dipastikan)")


def test_the_legal_basis_lists_the_rules_of_2015_to_2025(built):
    rows = blocks(built.site, "tentang")
    for name in ("PP 44/2015", "PP 49/2023", "Permenaker 5/2021", "Permendes PDTT 16/2025"):
        assert any(row.startswith(name) for row in rows), name
    assert any(row.startswith("Permenaker 1/2025") and row.endswith("24 Februari 2025") for row in rows)
    assert "MalangVoice, 1 Agustus 2018" in page_text(built.site / "tentang" / "index.html")
    [tanah_bumbu] = with_text(built.site, "tentang", "31 Desember 2025")
    assert "Belum diketahui" in tanah_bumbu


# --- no number in prose ---

ALLOWED_DIGITS = {
    "1 Desa 100 Pekerja Rentan": "the programme's name",
    "WCAG 2.1": "the name of a standard",
    "(ODbL) 1.0": "the name of a licence",
    "versi 4.0.1": "the version of the regions dataset, a name",
    "version 4.0.1": "the same, on the English page",
    "360 × 740 piksel": "the screen size the site is tested at (the site's own test, not a programme fact)",
    "360 piksel": "the same",
    "60 KB": "the page-weight budget of the site's own test",
    '"1 nelayan perempuan" atau "1 klaim kematian"': "an example of a small count, on the page about the data",
    "One Village, 100 Vulnerable Workers": "the programme's name in English",
    "360 × 740 pixels": "the screen size the site is tested at, on the English page",
    "360 pixels": "the same",
    '"1 woman fisher" or "1 death claim"': "the example of a small count, on the English page about the data",
}


def prose_without_facts(path: Path) -> str:
    """A hand-written page less what may hold digits: placeholders, links, code, list markers, post dates."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets: file names of news posts, anchors
    text = re.sub(r"<https?://[^>]*>", "", text)  # addresses written as links
    text = re.sub(r"`[^`\n]*`|^(?:    |\t).*$", "", text, flags=re.M)  # code: commands and file names
    text = re.sub(r"^\s*\d+\. ", "", text, flags=re.M)  # ordered-list markers
    if "/berita/posts/" in path.as_posix():
        text = re.sub(r"^date:\n(  \w+: [\d-]+\n)+", "", text, flags=re.M)  # the dates of a news post
    for allowed in ALLOWED_DIGITS:
        text = text.replace(allowed, "")
    return text


@pytest.mark.parametrize("page", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")))
def test_no_page_writes_a_number_itself(page):
    for number, line in enumerate(prose_without_facts(ROOT / page).splitlines(), 1):
        assert not re.search(r"\d", line), f"{page}:{number}: {line.strip()}"


def test_a_number_in_prose_is_found():
    page = ROOT / "docs" / "manfaat.md"
    assert not re.search(r"\d", prose_without_facts(page))
    assert re.search(r"\d", prose_without_facts(page).replace("Beasiswa diberikan", "Beasiswa untuk 2 anak"))


# --- conditions are written next to the fact ---


def test_a_fact_written_without_its_conditions_stops_the_page(data_folder):
    data = load_dataset(data_folder)
    with pytest.raises(PageError, match=r"x\.md:3: fakta jkm\.total ditulis tanpa syaratnya"):
        render_prose("# Judul\n\nAhli waris menerima {{ fakta.jkm.total }}.\n", "x.md", data, {})
    page = (
        "# Judul\n\nAhli waris menerima {{ fakta.jkm.total }} setelah {{ fakta.jkm.masa_kepesertaan_penuh }} bulan"
        ", sebelumnya {{ fakta.jkm.sebelum_masa_penuh }}.\n"
    )
    assert "Rp42.000.000 setelah 3 bulan, sebelumnya Rp10.000.000." in render_prose(page, "x.md", data, {})


@pytest.fixture
def data_folder(project):
    return project.data


# --- facts know time ---


def set_data_date(data: Path, day: str) -> None:
    """Move the latest data date of every village to ``day``."""
    table = data / "kepesertaan.csv"
    text = table.read_text(encoding="utf-8")
    latest = max(re.findall(r",(\d{4}-\d{2}-\d{2}),", text))
    table.write_text(text.replace(f",{latest},", f",{day},"), encoding="utf-8")


def edit_facts(data: Path, old: str, new: str) -> None:
    path = data / "fakta.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


DISCOUNT_END = "        berlaku_sampai: 2026-12-31\n"


def warnings_of(data: Path) -> list[tuple[str, str]]:
    return [(w.code, w.column) for w in load_dataset(data).warnings]


def test_the_default_data_has_no_fact_warnings():
    assert warnings_of(ROOT / "data") == []


def test_a_fact_ending_within_sixty_days_of_the_data_date_is_announced(project):
    set_data_date(project.data, "2026-12-01")  # 30 days before the discount for other sectors ends
    assert warnings_of(project.data) == [("fact-ending", "iuran.diskon.sektor_lain")]
    [warning] = load_dataset(project.data).warnings
    assert "berakhir 31 Desember 2026, 30 hari setelah tanggal data" in str(warning)
    assert re.match(r".*fakta\.yaml:\d+:iuran\.diskon\.sektor_lain: peringatan: ", str(warning))


def test_a_fact_past_its_end_is_not_shown_as_current_and_the_build_warns(project):
    set_data_date(project.data, "2026-12-01")
    edit_facts(project.data, DISCOUNT_END, "        berlaku_sampai: 2026-11-30\n")
    assert warnings_of(project.data) == [("fact-ended", "iuran.diskon.sektor_lain")]
    build_site(project)
    contributions = page_text(project.site / "iuran" / "index.html")
    assert "Diskon untuk mereka sudah berakhir pada 30 November 2026" in contributions
    assert "Sejak itu iuran mereka kembali tanpa diskon (biasanya Rp16.800 per bulan)" in contributions
    assert "Semua sektor lain (berlaku sampai 30 November 2026, sudah berakhir)" in contributions
    assert "kini:" not in contributions  # a sector's name is not followed by the fee that replaced its discount
    assert "Pemerintah memberi diskon" in contributions  # the transport sectors still have theirs
    faq = page_text(project.site / "pertanyaan-umum" / "index.html")
    assert "tidak lagi" in faq and "sudah berakhir pada 30 November 2026" in faq
    assert "diskon berlaku dari" not in faq


def test_once_both_discounts_have_ended_no_page_speaks_of_the_discount_as_current(project):
    set_data_date(project.data, "2026-12-01")
    edit_facts(project.data, DISCOUNT_END, "        berlaku_sampai: 2026-11-29\n")
    edit_facts(project.data, "        berlaku_sampai: 2027-03-31\n", "        berlaku_sampai: 2026-11-30\n")
    build_site(project)
    contributions = blocks(project.site, "iuran")
    [ended] = [b for b in contributions if b.startswith("Pemerintah pernah memberi diskon")]
    assert "sudah berakhir untuk semua jenis pekerjaan" in ended
    assert "kembali tanpa diskon (biasanya Rp16.800 per bulan)" in ended
    text = " ".join(contributions)
    for current in ("Pemerintah memberi diskon", "mendapat diskon, besarnya", "Diskon berlaku untuk", "kini:"):
        assert current not in text, current
    assert not any("50%" in b and "APBN atau APBD" not in b for b in contributions if "diskon" in b)
    [answer] = with_text(project.site, "pertanyaan-umum", "Diskon iuran JKK dan JKM sebesar")
    assert answer.startswith("Tidak lagi.") and "untuk semua jenis pekerjaan" in answer
    assert "untuk semua peserta: Peserta" not in answer


def test_a_fact_with_an_end_but_no_successor_is_a_warning_that_names_it(project):
    edit_facts(project.data, DISCOUNT_END + "        diganti_oleh: iuran.total\n", DISCOUNT_END)
    [warning] = load_dataset(project.data).warnings
    assert (warning.code, warning.column) == ("fact-no-successor", "iuran.diskon.sektor_lain")
    assert "tidak menyebut penggantinya (diganti_oleh)" in str(warning)


def test_a_fact_unchecked_for_over_a_year_is_announced(project):
    # data date 31 October 2026: checked on 1 November 2025 is just within 12 months, 31 October 2025 is not
    block = _source_block(project.data, "perisaiblora_faq")
    edit_facts(project.data, block, block.replace("diperiksa: 2026-12-02", "diperiksa: 2025-11-01"))
    assert warnings_of(project.data) == []
    edit_facts(project.data, "diperiksa: 2025-11-01", "diperiksa: 2025-10-30")
    [warning] = load_dataset(project.data).warnings  # one for the source, not one per fact resting on it
    assert (warning.code, warning.column) == ("fact-unchecked", "sumber.perisaiblora_faq.diperiksa")
    assert "terakhir diperiksa 30 Oktober 2025, lebih dari 12 bulan sebelum tanggal data; 2 fakta bersandar pada" in (
        str(warning)
    )
    assert "(iuran.masa_tenggang, layanan.pusat_layanan)" in str(warning)


def _source_block(data: Path, key: str) -> str:
    text = (data / "fakta.yaml").read_text(encoding="utf-8")
    start = text.index(f"  {key}:\n")
    end = text.index("\n  ", text.index("diperiksa:", start))
    return text[start:end]


def test_a_fact_checked_recently_is_not_announced_although_its_source_is_old(project):
    block = _source_block(project.data, "perisaiblora_faq")
    edit_facts(project.data, block, block.replace("diperiksa: 2026-12-02", "diperiksa: 2024-01-01"))
    edit_facts(
        project.data,
        '      nilai: "175"\n      satuan: nomor\n',
        '      nilai: "175"\n      satuan: nomor\n      diperiksa: 2026-10-01\n',
    )
    [warning] = load_dataset(project.data).warnings
    assert (warning.code, warning.column) == ("fact-unchecked", "sumber.perisaiblora_faq.diperiksa")
    assert "1 fakta bersandar pada sumber ini (iuran.masa_tenggang)" in warning.message


@pytest.mark.parametrize(
    ("fact", "code"),
    [
        ("{nilai: 1, satuan: orang, sumber: [a], berlaku_sampai: 2026-01-01, diganti_oleh: tidak_ada}", "unknown-fact"),
        ("{nilai: 1, satuan: orang, sumber: [a], diganti_oleh: y}", "bad-fact"),
        ("{nilai: 1, satuan: orang, sumber: [a], diperiksa: kemarin}", "bad-shape"),
        ("{nilai: 1, satuan: orang, sumber: [a], syarat: [tidak_ada]}", "unknown-fact"),
        ("{nilai: 1, satuan: orang, sumber: [a], syarat: y}", "bad-shape"),
        ("{nilai: teks, satuan: daftar, sumber: [a]}", "bad-list"),
        ("{nilai: 1, satuan: orang, sumber: [a], berlaku_mulai: 2026-02-01, berlaku_sampai: 2026-01-01}", "bad-date"),
    ],
)
def test_time_and_condition_keys_are_checked(tmp_path, fact, code):
    path = tmp_path / "fakta.yaml"
    path.write_text(f"sumber:\n  a: {{judul: A}}\nfakta:\n  x: {fact}\n  y: {{nilai: 2, satuan: orang, sumber: [a]}}\n")
    _, problems = load_facts(path, "fakta.yaml")
    assert [(p.row, p.code) for p in problems] == [(4, code)]


def test_a_successor_that_ended_too_is_followed(tmp_path):
    from generator.read.fact_validity import facts_as_of

    path = tmp_path / "fakta.yaml"
    path.write_text(
        "sumber:\n  a: {judul: A, diperiksa: 2026-01-01}\nfakta:\n"
        "  lama: {nilai: 1, satuan: orang, sumber: [a], berlaku_sampai: 2026-01-31, diganti_oleh: baru}\n"
        "  baru: {nilai: 2, satuan: orang, sumber: [a], berlaku_sampai: 2026-02-28, diganti_oleh: kini}\n"
        "  kini: {nilai: 3, satuan: orang, sumber: [a]}\n"
    )
    facts, problems = load_facts(path, "fakta.yaml")
    dated, warnings = facts_as_of(facts, dt.date(2026, 3, 1), "fakta.yaml")
    assert problems == [] and {w.code for w in warnings} == {"fact-ended"}
    assert str(dated.facts["lama"]) == (
        "1 (berlaku sampai 31 Januari 2026, sudah berakhir; kini: 2 (berlaku sampai 28 Februari 2026, sudah berakhir;"
        " kini: 3))"
    )


@pytest.mark.parametrize(
    ("successors", "expected"),
    [
        ({"lama": "lama"}, [(4, "lama.diganti_oleh", "successor-loop")]),
        ({"lama": "baru", "baru": "lama"}, [(4, "lama.diganti_oleh", "successor-loop")]),  # once per loop
        ({"lama": "baru", "baru": "kini", "kini": "baru"}, [(5, "baru.diganti_oleh", "successor-loop")]),
        ({"lama": "tidak_ada"}, [(4, "lama.diganti_oleh", "unknown-fact")]),
    ],
)
def test_a_successor_that_is_missing_or_loops_back_is_an_error_not_a_traceback(tmp_path, successors, expected):
    from generator.read.fact_validity import facts_as_of

    path = tmp_path / "fakta.yaml"
    path.write_text(
        "sumber:\n  a: {judul: A, diperiksa: 2026-01-01}\nfakta:\n"
        + "".join(
            f"  {key}: {{nilai: 1, satuan: orang, sumber: [a], berlaku_sampai: 2026-01-31"
            + (f", diganti_oleh: {successors[key]}}}\n" if key in successors else "}\n")
            for key in ("lama", "baru", "kini")
        )
    )
    facts, problems = load_facts(path, "fakta.yaml")
    assert [(p.row, p.column, p.code) for p in problems] == expected
    dated, _ = facts_as_of(facts, dt.date(2026, 3, 1), "fakta.yaml")  # all problems reported: no KeyError
    assert "None" not in str(dated.facts["lama"])


def test_a_fact_that_starts_after_the_data_date_says_so(tmp_path):
    from generator.read.fact_validity import facts_as_of

    path = tmp_path / "fakta.yaml"
    path.write_text(
        "sumber:\n  a: {judul: A, diperiksa: 2026-01-01}\nfakta:\n"
        "  baru: {nilai: 2, satuan: orang, sumber: [a], berlaku_mulai: 2026-04-01}\n"
    )
    facts, _ = load_facts(path, "fakta.yaml")
    before, _ = facts_as_of(facts, dt.date(2026, 3, 31), "fakta.yaml")
    on_the_day, _ = facts_as_of(facts, dt.date(2026, 4, 1), "fakta.yaml")
    assert str(before.facts["baru"]) == "2 (mulai berlaku 1 April 2026)" and not before.facts["baru"].berlaku
    assert str(on_the_day.facts["baru"]) == "2" and on_the_day.facts["baru"].berlaku


def test_messages_about_a_fact_name_the_line_of_its_key_or_of_the_field_concerned(tmp_path):
    from generator.read.fact_validity import facts_as_of

    path = tmp_path / "fakta.yaml"
    head = "sumber:\n  a:\n    judul: A\n    diperiksa: 2025-01-01\nfakta:\n  kelompok:\n    x:\n"
    body = "      nilai: 1\n      satuan: orang\n      sumber: [a]\n      berlaku_sampai: 2026-03-15\n"
    path.write_text(head + body + "      diganti_oleh: tidak_ada\n      syarat: [juga_tidak_ada]\n")
    _, problems = load_facts(path, "fakta.yaml")
    assert [(p.row, p.column, p.code) for p in problems] == [
        (12, "kelompok.x.diganti_oleh", "unknown-fact"),
        (13, "kelompok.x.syarat", "unknown-fact"),
    ]
    path.write_text(head + body)
    facts, problems = load_facts(path, "fakta.yaml")
    assert problems == [] and facts.facts["kelompok.x"].line == 7  # the line of "x:", not of "nilai:"
    _, warnings = facts_as_of(facts, dt.date(2026, 3, 1), "fakta.yaml")
    assert {(w.row, w.code) for w in warnings} >= {(11, "fact-ending"), (11, "fact-no-successor")}


def test_without_a_data_date_successors_are_still_named_and_a_page_never_prints_none(project):
    table = project.data / "kepesertaan.csv"
    table.write_text(table.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")  # header only
    data = load_dataset(project.data)
    assert not [w for w in data.warnings if w.code.startswith("fact-")]  # the date-dependent warnings are skipped
    successor = data.facts.facts["iuran.diskon.sektor_lain"].pengganti
    assert successor is not None and successor.key == "iuran.total"
    assert "None" not in render_prose((project.docs / "iuran.md").read_text(encoding="utf-8"), "iuran.md", data, {})
    with pytest.raises(PageError, match=r"x\.md:3: yang ditulis di sini kosong dan akan tampil sebagai 'None'"):
        render_prose("# Judul\n\n{{ fakta.iuran.total.pengganti }}\n", "x.md", data, {})


def test_without_a_data_date_only_the_warnings_that_need_no_date_are_given(tmp_path):
    from generator.read.fact_validity import facts_as_of

    path = tmp_path / "fakta.yaml"
    path.write_text(
        "sumber:\n  a: {judul: A}\n  b: {judul: B, diperiksa: 2020-01-01}\nfakta:\n"
        "  lama: {nilai: 1, satuan: orang, sumber: [a], berlaku_sampai: 2020-01-31}\n"
        "  tua: {nilai: 1, satuan: orang, sumber: [b], berlaku_sampai: 2020-01-31, diganti_oleh: lama}\n"
    )
    facts, _ = load_facts(path, "fakta.yaml")
    dated, warnings = facts_as_of(facts, None, "fakta.yaml")
    assert sorted((w.column, w.code) for w in warnings) == [
        ("lama", "fact-no-successor"),
        ("sumber.a.diperiksa", "fact-unchecked"),
    ]
    assert dated.facts["tua"].pengganti == dated.facts["lama"] and not dated.facts["tua"].berakhir


def test_when_the_date_all_sources_share_ages_there_is_one_warning_per_source_not_per_fact(project):
    fakta = project.data / "fakta.yaml"
    text = fakta.read_text(encoding="utf-8")
    sources = text.count("    diperiksa: 2026-12-02\n")
    fakta.write_text(text.replace("    diperiksa: 2026-12-02\n", "    diperiksa: 2025-01-02\n"), encoding="utf-8")
    found = load_dataset(project.data).warnings
    assert [w.code for w in found] == ["fact-unchecked"] * len(found)
    assert {w.column for w in found} <= {f"sumber.{key}.diperiksa" for key in load_dataset(ROOT / "data").facts.sources}
    assert 0 < len(found) <= sources < len(load_dataset(ROOT / "data").facts.facts)
    lines = fakta.read_text(encoding="utf-8").splitlines()
    assert all(lines[w.row - 1] == "    diperiksa: 2025-01-02" for w in found)  # the line staff update
    many = max(found, key=lambda w: int(re.search(r"; (\d+) fakta", w.message).group(1)))
    assert re.search(r"\(([\w.]+, ){4}[\w.]+ dan \d+ lainnya\)", many.message), many.message
