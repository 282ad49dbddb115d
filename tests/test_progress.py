"""Progress of a long stage: a rewritten line with an estimate on a terminal, one line at the end elsewhere."""

from __future__ import annotations

import io
import logging

from generator import progress as progress_module
from generator.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_line_says_how_far_and_how_long_still(monkeypatch, caplog):
    monkeypatch.setattr(progress_module, "EVERY_SECONDS", 0.0)
    screen = Terminal()
    with caplog.at_level(logging.INFO, "generator"), Progress("halaman wilayah", 91_602, screen) as progress:
        progress.done(45_801)
    shown = screen.getvalue()
    assert shown.startswith("\rhalaman wilayah: 45.801 dari 91.602 (50 %), kira-kira ") and " lagi" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared when the stage ends
    assert caplog.messages == [caplog.messages[0]] and caplog.messages[0].startswith("halaman wilayah: 91.602 selesai")


def test_elsewhere_one_line_per_stage(caplog):
    log = io.StringIO()
    with caplog.at_level(logging.INFO, "generator"), Progress("salinan terpadatkan", 10, log) as progress:
        for done in range(1, 11):
            progress.done(done)
    assert log.getvalue() == ""
    assert len(caplog.messages) == 1 and caplog.messages[0].startswith("salinan terpadatkan: 10 selesai dalam ")


def test_a_failed_stage_says_nothing_of_having_finished(caplog):
    with caplog.at_level(logging.INFO, "generator"):
        try:
            with Progress("halaman wilayah", 10, io.StringIO()):
                raise ValueError
        except ValueError:
            pass
    assert caplog.messages == []
