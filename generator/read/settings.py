"""``dataset.yaml``: whether the figures are sample data, and the small-count threshold."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.model import DEFAULT_THRESHOLD
from generator.problems import Problem


def read_settings(path: Path, shown: str, problems: list[Problem]) -> tuple[bool, int]:
    """Read ``dataset.yaml``: whether the figures are sample data, and the small-count threshold."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        problems.append(Problem(shown, 0, "", "missing-file", "berkas tidak ada"))
        return True, DEFAULT_THRESHOLD
    except yaml.YAMLError as error:
        problems.append(Problem(shown, 0, "", "bad-yaml", f"YAML tidak terbaca: {error}"))
        return True, DEFAULT_THRESHOLD
    sample = raw.get("data_contoh")
    if not isinstance(sample, bool):
        problems.append(
            Problem(
                shown, 0, "data_contoh", "bad-value", "tulis data_contoh: true (data contoh) atau false (data resmi)"
            )
        )
        sample = True
    threshold = raw.get("ambang_angka_kecil", DEFAULT_THRESHOLD)
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        problems.append(
            Problem(
                shown,
                0,
                "ambang_angka_kecil",
                "bad-value",
                f"{threshold!r} bukan ambang yang sah; tulis bilangan bulat 1 atau lebih, mis. ambang_angka_kecil: 3",
            )
        )
        threshold = DEFAULT_THRESHOLD
    return sample, threshold
