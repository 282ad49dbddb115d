"""Progress of a long stage, for staff watching a national build.

On a terminal one line is rewritten as the work advances: done out of the total, and an estimate of the time
left. Anywhere else (a log file, CI, ``pantau`` under a service) nothing is written until the stage ends, and
then one line.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

from generator import formatting

log = logging.getLogger("generator")
EVERY_SECONDS = 0.5
"""How often the terminal line is rewritten."""


class Progress:
    """``with Progress("halaman wilayah", 91_602) as progress: ... progress.done(n)``."""

    def __init__(self, stage: str, total: int, stream: TextIO | None = None) -> None:
        self.stage, self.total = stage, total
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.started = self.shown = time.perf_counter()

    def __enter__(self) -> Progress:
        return self

    def done(self, count: int) -> None:
        """``count`` of the total are done (counted from the start of the stage)."""
        now = time.perf_counter()
        if not self.live or now - self.shown < EVERY_SECONDS or count <= 0:
            return
        self.shown = now
        left = (now - self.started) * (self.total - count) / count
        share = 100 * count // max(self.total, 1)
        self.stream.write(
            f"\r{self.stage}: {formatting.number(count)} dari {formatting.number(self.total)} ({share} %), "
            f"kira-kira {_duration(left)} lagi\x1b[K"
        )
        self.stream.flush()

    def __exit__(self, *failed: object) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
        if failed[0] is None:
            seconds = time.perf_counter() - self.started
            log.info("%s: %s selesai dalam %.1f s", self.stage, formatting.number(self.total), seconds)


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} menit"
