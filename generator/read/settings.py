"""``dataset.yaml``: whether the figures are sample data, the small-count threshold, where wrong figures go."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import DEFAULT_THRESHOLD, ReportChannel
from generator.problems import Problem
from generator.read.plausibility import Limits
from generator.read.yaml_file import Field, Located, check_fields, read_yaml

SETTINGS = {
    "data_contoh": Field(bool, required=True),
    "ambang_angka_kecil": Field(int),
    "laporan": Field(dict),
    "angka_janggal": Field(dict),
    "salinan_offline": Field(bool),
}
"""``data_contoh``: true while the figures are sample data; ``ambang_angka_kecil``: counts below it are hidden;
``laporan``: where residents report a wrong figure; ``angka_janggal``: when a figure is doubtful; ``salinan_offline``: whether the build writes a zip per kabupaten
that opens without a connection (``generator/write/offline.py``)."""
LIMITS = {"kali_target": Field(int), "naik_per_bulan": Field(int)}
REPORT_CHANNELS = {"surel": Field(str), "whatsapp": Field(str), "formulir": Field(str)}
REPORT_FORMS = {
    "surel": (r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "alamat surel, mis. data@dinsos.contohkab.go.id"),
    "whatsapp": (r"[1-9]\d{7,14}", "nomor dengan kode negara, angka saja, mis. 6281234567890 (bukan 0812...)"),
    "formulir": (r"https://\S+", "alamat formulir yang diawali https://; {kode} dan {nama} diisi kode dan nama desa"),
}


@dataclass(frozen=True)
class Settings:
    sample: bool = True
    threshold: int = DEFAULT_THRESHOLD
    report: ReportChannel | None = None
    limits: Limits = field(default_factory=Limits)
    offline: bool = False


def read_settings(path: Path, shown: str, problems: list[Problem]) -> Settings:
    """Read ``dataset.yaml``. Until the file is right, the figures count as sample data, the default threshold
    holds and no report channel is set."""
    raw, found = read_yaml(path, shown)
    problems += found
    if raw is None:
        return Settings()
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
    report = _report(raw.get("laporan"), shown, problems)
    limits = _limits(raw.get("angka_janggal"), shown, problems)
    if len(problems) > before or not isinstance(sample, bool) or not isinstance(threshold, int):
        return Settings()
    return Settings(sample, threshold, report, limits, raw.get("salinan_offline") is True)


def _limits(raw: object, shown: str, problems: list[Problem]) -> Limits:
    """The limits under ``angka_janggal``, each a whole number of 1 or more; the defaults for any left out."""
    if not isinstance(raw, Located) or not check_fields(raw, LIMITS, "angka_janggal", shown, problems):
        return Limits()
    values = {}
    for key, name in (("kali_target", "times_target"), ("naik_per_bulan", "rise_per_month")):
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            message = f"{value!r} bukan batas yang sah; tulis bilangan bulat 1 atau lebih, mis. {key}: 5"
            problems.append(Problem(shown, raw.line_of(key), f"angka_janggal.{key}", "bad-value", message))
            continue
        values[name] = value
    return Limits(**values)


def _report(raw: object, shown: str, problems: list[Problem]) -> ReportChannel | None:
    """The one channel under ``laporan``, checked for its form."""
    if not isinstance(raw, Located) or not check_fields(raw, REPORT_CHANNELS, "laporan", shown, problems):
        return None
    if len(raw) != 1:
        message = "isi tepat satu dari surel, whatsapp atau formulir"
        problems.append(Problem(shown, raw.line, "laporan", "bad-value", message))
        return None
    ((kind, value),) = raw.items()
    pattern, expected = REPORT_FORMS[kind]
    if not re.fullmatch(pattern, value.strip()):
        message = f"{value!r} tidak terbaca; yang diharapkan: {expected}"
        problems.append(Problem(shown, raw.line_of(kind), f"laporan.{kind}", "bad-value", message))
        return None
    return ReportChannel(kind, value.strip())
