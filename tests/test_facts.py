from pathlib import Path

from generator.facts import FactsView, sources_of
from generator.read.facts_file import load_facts
from tests.helpers import ROOT


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "fakta.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_built_in_facts_file_is_valid_and_renders_indonesian_amounts():
    facts, problems = load_facts(ROOT / "data" / "fakta.yaml", "data/fakta.yaml")
    assert problems == []
    used: set[str] = set()
    view = FactsView(facts.facts, used)
    assert str(view.jkm.total) == "Rp42.000.000"
    assert view.jkm.total.singkat == "Rp42 juta"
    assert str(view.iuran.total) == "Rp16.800"
    assert str(view.iuran.diskon.persen) == "50%"
    assert view.iuran.diskon.sektor_lain.berlaku_mulai == "1 April 2026"
    assert str(view.tanah_bumbu.penghargaan) == "15 Maret 2023"
    assert used == {
        "jkm.total",
        "iuran.total",
        "iuran.diskon.persen",
        "iuran.diskon.sektor_lain",
        "tanah_bumbu.penghargaan",
    }


def test_jkm_parts_add_up_to_the_total():
    facts, _ = load_facts(ROOT / "data" / "fakta.yaml", "data/fakta.yaml")
    parts = ("jkm.santunan_sekaligus", "jkm.santunan_berkala", "jkm.biaya_pemakaman")
    assert sum(facts.facts[k].value for k in parts) == facts.facts["jkm.total"].value


def test_scholarship_levels_add_up_to_the_stated_maximum():
    facts, _ = load_facts(ROOT / "data" / "fakta.yaml", "data/fakta.yaml")
    f = facts.facts
    levels = ("tk", "sd", "smp", "sma", "perguruan_tinggi")
    per_child = sum(f[f"beasiswa.{lv}.per_tahun"].value * f[f"beasiswa.{lv}.maksimum_tahun"].value for lv in levels)
    assert per_child == f["beasiswa.maksimum_per_anak"].value
    assert per_child * f["beasiswa.maksimum_anak"].value == f["beasiswa.maksimum_total"].value


def test_uncertain_fact_is_marked_wherever_it_is_shown():
    facts, _ = load_facts(ROOT / "data" / "fakta.yaml", "data/fakta.yaml")
    view = FactsView(facts.facts, set())
    assert str(view.iuran.jkk_maksimum) == "Rp207.000 (belum dipastikan)"
    assert str(view.iuran.diskon.diundangkan) == "22 Desember 2025"  # confirmed in the December 2026 review


def test_problems_name_line_and_key(tmp_path):
    path = write(
        tmp_path,
        "sumber:\n  a:\n    judul: A\nfakta:\n  jkm:\n    total:\n      nilai: banyak\n      satuan: rupiah\n      sumber: [b]\n",
    )
    _, problems = load_facts(path, "fakta.yaml")
    assert [(p.row, p.column, p.code) for p in problems] == [
        (7, "jkm.total.nilai", "bad-number"),
        (9, "jkm.total.sumber", "unknown-source"),  # the line of the key
    ]


def test_sources_of_lists_each_source_once_in_title_order(tmp_path):
    path = write(
        tmp_path,
        "sumber:\n  b: {judul: Beta}\n  a: {judul: Alfa}\n"
        "fakta:\n  x: {nilai: 1, satuan: orang, sumber: [b, a]}\n  y: {nilai: 2, satuan: orang, sumber: [a]}\n",
    )
    facts, problems = load_facts(path, "fakta.yaml")
    assert problems == []
    listed = sources_of(facts, {"x", "y"})
    assert [source.title for source in listed] == ["Alfa", "Beta"]
    assert [source.title for source in sources_of(facts, {"y"})] == ["Alfa"]
