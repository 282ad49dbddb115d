"""The corpus of bad data files: each case gets exactly the messages recorded in expected.yaml.

A case is one file under ``tests/bad_inputs/<table>/`` that takes the place of that
table (or of ``dataset.yaml`` or ``fakta.yaml``) in the small valid data folder
``tests/bad_inputs/dasar/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.problems import DataError
from generator.read.dataset import load_dataset

CORPUS = Path(__file__).parent / "bad_inputs"
DATA = Path(__file__).parent.parent / "data"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(
    p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*") if p.parent.name != "dasar" and p.suffix != ".py"
)


def messages_for(case: str, folder: Path) -> list[str]:
    """Build a data folder with ``case`` in place of its table and return every problem as printed."""
    data = folder / "data"
    shutil.copytree(CORPUS / "dasar", data)
    for name in ("kantor.csv", "fakta.yaml", "dataset.yaml"):
        shutil.copy(DATA / name, data / name)
    table = Path(case).parent.name  # a table, or a settings file (dataset, fakta)
    for replaced in data.glob(f"{table}.*"):
        replaced.unlink()
    shutil.copy(CORPUS / case, data / f"{table}{Path(case).suffix}")
    try:
        load_dataset(Path("data"))
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_every_case_has_an_expectation():
    assert sorted(EXPECTED) == CASES


@pytest.mark.parametrize("case", CASES)
def test_bad_file_gets_exactly_the_expected_messages(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert messages_for(case, tmp_path) == EXPECTED[case]


def test_the_base_folder_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CORPUS / "dasar", tmp_path / "data")
    for name in ("kantor.csv", "fakta.yaml", "dataset.yaml"):
        shutil.copy(DATA / name, tmp_path / "data" / name)
    assert load_dataset(Path("data")).warnings == []


@pytest.mark.parametrize("name", ["dataset.yaml", "fakta.yaml"])
def test_a_folder_in_place_of_a_settings_file_is_a_problem_not_a_traceback(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CORPUS / "dasar", tmp_path / "data")
    for other in ("kantor.csv", "fakta.yaml", "dataset.yaml"):
        if other != name:
            shutil.copy(DATA / other, tmp_path / "data" / other)
    (tmp_path / "data" / name).mkdir()
    with pytest.raises(DataError) as raised:
        load_dataset(Path("data"))
    assert [str(p) for p in raised.value.problems] == [
        f"data/{name}/: galat: ini folder, padahal yang diharapkan berkas YAML bernama {name} [not-a-file]"
    ]
