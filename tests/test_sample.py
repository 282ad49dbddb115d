"""The sample data maker: deterministic, plausible, consistent with the facts file."""

import filecmp

from generator import sample
from generator.read.dataset import load_dataset
from generator.read.facts_file import load_facts
from tests.helpers import ROOT, WILAYAH, needs_wilayah


@needs_wilayah
def test_committed_sample_data_is_what_the_script_makes(tmp_path):
    sample.write_sample(WILAYAH, tmp_path, {"63.10"})
    for name in ("wilayah.csv", "program_desa.csv", "kepesertaan.csv", "klaim.csv", "kantor.csv", "dataset.yaml"):
        assert filecmp.cmp(tmp_path / name, ROOT / "data" / name, shallow=False), name


def test_sample_is_about_a_hundred_per_village_with_a_few_far_below_and_above():
    data = load_dataset(ROOT / "data")
    ratios = sorted(s[-1].total / data.programs[code].target for code, s in data.snapshots.items())
    median = ratios[len(ratios) // 2]
    assert 0.9 < median < 1.1
    assert sum(r < 0.5 for r in ratios) >= 3
    assert sum(r > 1.2 for r in ratios) >= 3


def test_sample_jkm_amount_matches_the_facts_file():
    facts, _ = load_facts(ROOT / "data" / "fakta.yaml", "fakta.yaml")
    assert facts.facts["jkm.total"].value == sample.JKM_AMOUNT
