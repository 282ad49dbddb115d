"""What many tests share: where things are, how to run the generator as staff do, and a marker for tests that need
the national regions dataset beside the checkout."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.build import Paths
from generator.model import DEFAULT_TARGET

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""
WILAYAH = ROOT.parent / "shared" / "wilayah"
"""All Indonesian regions (../shared/wilayah), for national-scale and multi-regency tests."""
needs_wilayah = pytest.mark.skipif(not WILAYAH.exists(), reason="../shared/wilayah is not beside the checkout")


def generator_command(*args: str) -> list[str]:
    """``python -m generator ARGS`` with this checkout's interpreter."""
    return [sys.executable, "-m", "generator", *args]


def generator_env() -> dict[str, str]:
    """The environment a command runs in: this one, with this checkout's generator importable."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_generator(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` in ``cwd`` and return what it printed and its exit status."""
    options.setdefault("env", generator_env())
    return subprocess.run(generator_command(*args), cwd=cwd, capture_output=True, text=True, **options)


def start_generator(*args: str, cwd: Path, **options: Any) -> subprocess.Popen[Any]:
    """Start ``python -m generator ARGS`` in ``cwd`` in the background."""
    return subprocess.Popen(generator_command(*args), cwd=cwd, env=generator_env(), **options)


def copy_project(target: Path) -> Paths:
    """Copy data/, docs/, overrides/ and mkdocs.yml into ``target``; return the paths of a build there."""
    for folder in ("data", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return Paths(
        data=target / "data",
        docs=target / "docs",
        staged=target / "build" / "docs",
        site=target / "site",
        config=target / "mkdocs.yml",
    )


@dataclass(frozen=True)
class Figures:
    """Figures of a data folder read straight from its CSV files, so tests expect what the data says, whatever it is
    (``make sample`` may remake the sample data): counts of regions, and participants per village and month."""

    levels: Counter[int]
    """Regions per level: 1 provinces, 2 regencies, 3 districts, 4 villages."""
    latest: dict[str, tuple[str, int]]
    """Per village code: its latest data date and enrolled total then."""
    rows: dict[str, dict[str, int]]
    """Per village code: enrolled total per data date."""
    targets: dict[str, int]

    @property
    def villages(self) -> int:
        return self.levels[4]

    @property
    def regions(self) -> int:
        return sum(self.levels.values())

    def enrolled(self, code: str) -> int:
        return self.latest[code][1]

    def target(self, code: str) -> int:
        return self.targets.get(code, DEFAULT_TARGET)

    def months(self) -> list[str]:
        """The data's month ends, oldest first (``2026-10``)."""
        return sorted({day[:7] for dates in self.rows.values() for day in dates})

    def enrolled_in(self, month: str) -> int:
        """All villages' enrolled at the end of ``month`` (``2026-10``): each one's latest figure by then."""
        total = 0
        for dates in self.rows.values():
            known = [day for day in dates if day[:7] <= month]
            total += dates[max(known)] if known else 0
        return total


def figures(data: Path) -> Figures:
    """The :class:`Figures` of a data folder of single-file CSV tables."""
    levels: Counter[int] = Counter()
    with (data / "wilayah.csv").open(encoding="utf-8") as source:
        for row in csv.DictReader(source):
            levels[row["kode"].count(".") + 1] += 1
    rows: dict[str, dict[str, int]] = {}
    with (data / "kepesertaan.csv").open(encoding="utf-8") as source:
        for row in csv.DictReader(source):
            counts = sum(int(value) for key, value in row.items() if key not in ("kode_desa", "tanggal_data"))
            rows.setdefault(row["kode_desa"], {})[row["tanggal_data"]] = counts
    latest = {code: max(dates.items()) for code, dates in rows.items()}
    with (data / "program_desa.csv").open(encoding="utf-8") as source:
        targets = {row["kode_desa"]: int(row["target"]) for row in csv.DictReader(source) if row["target"]}
    return Figures(levels, latest, rows, targets)


def row_of(path: Path, starts: str) -> int:
    """The row number, as a spreadsheet shows it (the header is row 1), of the last line that starts with ``starts``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return 1 + max(i for i, line in enumerate(lines) if line.startswith(starts))


def set_cell(path: Path, row: int, column: int, value: str) -> None:
    """Set one cell of a simple CSV file (no quoted commas): row as a spreadsheet shows it, column from 0."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[row - 1].rstrip("\n").split(",")
    assert cells[column] != value
    cells[column] = value
    lines[row - 1] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
