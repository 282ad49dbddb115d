"""Figures no village can hold are flagged: a warning naming file, row and column, an error with ``--strict``."""

from __future__ import annotations

from generator.read.dataset import load_dataset
from tests.helpers import run_generator

SEGUMBANG = "63.10.01.2005"


def set_latest(project, change) -> int:
    """Apply ``change`` to the counts of Segumbang's latest participation row; returns that row's number."""
    path = project.data / "kepesertaan.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = max(i for i, line in enumerate(lines) if line.startswith(SEGUMBANG + ","))
    code, date, *counts = lines[number].split(",")
    lines[number] = ",".join([code, date, *change([int(c) for c in counts])])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


def flagged(project, code: str):
    return [p for p in load_dataset(project.data).warnings if p.code == code]


def test_a_count_a_zero_too_many_is_a_warning_naming_its_cell(project):
    row = set_latest(project, lambda counts: [str(counts[0] * 100 + 1000), *map(str, counts[1:])])
    [warning] = flagged(project, "implausible-count")
    assert warning.path.endswith("data/kepesertaan.csv") and (warning.row, warning.column) == (row, "petani_l")
    assert "kali target desa" in warning.message and "angka_janggal.kali_target" in warning.message


def test_a_rise_no_enrolment_drive_explains_is_a_warning(project):
    row = set_latest(project, lambda counts: [*map(str, counts[:4]), str(counts[4] + 400), *map(str, counts[5:])])
    [warning] = flagged(project, "implausible-rise")
    assert (warning.row, warning.column) == (row, "perangkat_desa_l")


def test_the_limits_are_set_in_dataset_yaml_and_strict_makes_them_errors(project):
    set_latest(project, lambda counts: [*map(str, counts[:4]), str(counts[4] + 400), *map(str, counts[5:])])
    settings = project.data / "dataset.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "angka_janggal:\n  naik_per_bulan: 1000\n", "utf-8")
    assert flagged(project, "implausible-rise") == []
    settings.write_text(settings.read_text(encoding="utf-8").replace("1000", "50"), "utf-8")
    result = run_generator("check", "--strict", cwd=project.config.parent)
    assert result.returncode == 1 and "[implausible-rise]" in result.stderr and "Traceback" not in result.stderr


def test_the_built_in_data_has_no_implausible_figure(project):
    assert not flagged(project, "implausible-count") and not flagged(project, "implausible-rise")
