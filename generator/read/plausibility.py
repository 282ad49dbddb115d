"""Figures no village can hold: a count far above the village's target, or a rise from one date to the next that no
enrolment drive explains. Both are usually a typo (a zero too many, a count in the wrong row); each is a warning
naming file, row and column, which ``--strict`` makes an error. The limits are ``angka_janggal`` in
``dataset.yaml`` (``data/README.md``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.formatting import number
from generator.model import COUNT_COLUMNS, DEFAULT_TARGET, Snapshot, VillageProgram
from generator.problems import Problem


@dataclass(frozen=True)
class Limits:
    """``angka_janggal`` in ``dataset.yaml``."""

    times_target: int = 5
    """A village with more enrolled than this many times its target is doubtful."""
    rise_per_month: int = 300
    """A rise of more than this many workers a month between two dates is doubtful."""


Where = dict[tuple[str, object], tuple[str, int]]
"""The file and row of each village's snapshot on each date."""


def implausible_figures(
    snapshots: dict[str, list[Snapshot]], programs: dict[str, VillageProgram], where: Where, limits: Limits
) -> list[Problem]:
    """A warning for each snapshot far above its village's target or far above the one before it."""
    warnings = []
    for code, rows in snapshots.items():
        program = programs.get(code)
        target = program.target if program else DEFAULT_TARGET
        previous: Snapshot | None = None
        for snapshot in rows:
            path, row = where[(code, snapshot.date)]
            if target and snapshot.total > limits.times_target * target:
                column = COUNT_COLUMNS[max(range(len(snapshot.counts)), key=snapshot.counts.__getitem__)]
                message = (
                    f"{number(snapshot.total)} peserta, lebih dari {limits.times_target} kali target desa "
                    f"({number(target)}); salah ketik? (batasnya angka_janggal.kali_target di dataset.yaml)"
                )
                warnings.append(Problem(path, row, column, "implausible-count", message, True))
            if previous is not None:
                months = max((snapshot.date - previous.date).days / 30.4, 1.0)
                rise = snapshot.total - previous.total
                if rise > limits.rise_per_month * months:
                    rises = [now - before for now, before in zip(snapshot.counts, previous.counts, strict=True)]
                    column = COUNT_COLUMNS[max(range(len(rises)), key=rises.__getitem__)]
                    message = (
                        f"naik {number(rise)} peserta sejak {previous.date.isoformat()}, lebih dari "
                        f"{number(limits.rise_per_month)} sebulan; salah ketik? "
                        "(batasnya angka_janggal.naik_per_bulan di dataset.yaml)"
                    )
                    warnings.append(Problem(path, row, column, "implausible-rise", message, True))
            previous = snapshot
    return warnings
