"""``dataset.yaml``: whether the figures are sample data, and the small-count threshold."""

from __future__ import annotations

from pathlib import Path

from generator.model import DEFAULT_THRESHOLD
from generator.problems import Problem
from generator.read.yaml_file import Field, check_fields, read_yaml

SETTINGS = {"data_contoh": Field(bool, required=True), "ambang_angka_kecil": Field(int)}
"""``data_contoh``: true while the figures are sample data; ``ambang_angka_kecil``: counts below it are hidden."""


def read_settings(path: Path, shown: str, problems: list[Problem]) -> tuple[bool, int]:
    """Read ``dataset.yaml``: whether the figures are sample data, and the small-count threshold.

    Until the file is right, the figures count as sample data and the default threshold holds.
    """
    raw, found = read_yaml(path, shown)
    problems += found
    if raw is None:
        return True, DEFAULT_THRESHOLD
    before = len(problems)
    check_fields(raw, SETTINGS, "", shown, problems)
    sample = raw.get("data_contoh")
    threshold = raw.get("ambang_angka_kecil", DEFAULT_THRESHOLD)
    if isinstance(threshold, int) and not isinstance(threshold, bool) and threshold < 1:
        problems.append(
            Problem(
                shown,
                raw.line_of("ambang_angka_kecil"),
                "ambang_angka_kecil",
                "bad-value",
                f"{threshold!r} bukan ambang yang sah; tulis bilangan bulat 1 atau lebih, mis. ambang_angka_kecil: 3",
            )
        )
    if len(problems) > before or not isinstance(sample, bool) or not isinstance(threshold, int):
        return True, DEFAULT_THRESHOLD
    return sample, threshold
