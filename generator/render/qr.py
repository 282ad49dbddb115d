"""QR codes as SVG paths, made at build time with zxing-cpp.

zxing-cpp (C++) makes a code in about 0.2 ms; segno, pure Python, needs about 5 ms, which is seven
minutes for the country's 83,762 villages. The codes of a whole build are made in a second process
while the first one sums and protects the figures (:class:`QrCodesInBackground`), on the core that
would otherwise wait.
"""

from __future__ import annotations

import multiprocessing
import re
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import zxingcpp

ERROR_CORRECTION = "M"
"""Level M restores 15% of a damaged code: enough for a poster behind glass or with a pin through it."""
QUIET_ZONE = 4
"""Light modules around the code, as the standard asks, so scanners find its edge on any background."""
_DARK_RUN = re.compile(rb"\x00+")


class QrCode(NamedTuple):
    """A QR code: ``size`` modules square (quiet zone included), dark modules as one SVG path of unit strokes."""

    size: int
    path: str


def qr_code(text: str) -> QrCode:
    """The QR code of ``text``: each row's dark runs as horizontal strokes, one module wide."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    image = zxingcpp.write_barcode_to_image(barcode, add_quiet_zones=False)
    modules = bytes(image)  # type: ignore[call-overload]  # a buffer of one byte a module, 0 dark; the stub omits it
    width = int(len(modules) ** 0.5)
    parts = []
    for y in range(width):
        start, x = y * width, None
        for run in _DARK_RUN.finditer(modules, start, start + width):
            left, right = run.start() - start, run.end() - start
            if x is None:
                parts.append(f"M{left + QUIET_ZONE} {y + QUIET_ZONE}.5h{right - left}")
            else:
                parts.append(f"m{left - x} 0h{right - left}")
            x = right
    return QrCode(width + 2 * QUIET_ZONE, "".join(parts))


def qr_codes(texts: Iterable[str]) -> tuple[dict[str, QrCode], float]:
    """The QR code of each text, and the seconds it took to make them."""
    started = time.perf_counter()
    codes = {text: qr_code(text) for text in texts}
    return codes, time.perf_counter() - started


class QrCodesInBackground:
    """The QR codes of many texts, made in another process from the moment this is made until :meth:`result`."""

    def __init__(self, texts: list[str], known: dict[str, QrCode]) -> None:
        self.known = known
        todo = [text for text in texts if text not in known]
        self.made = len(todo)
        self.seconds = 0.0
        """Seconds spent making the new codes (in the other process, if there was one)."""
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[tuple[dict[str, QrCode], float]] | None = None
        if len(todo) >= IN_BACKGROUND_FROM:
            self.pool = ProcessPoolExecutor(1, multiprocessing.get_context("fork"))
            self.future = self.pool.submit(qr_codes, todo)
        else:
            made, self.seconds = qr_codes(todo)
            self.known = known | made

    def result(self) -> dict[str, QrCode]:
        """Every code asked for (and those known before); waits for the other process if it is still at work."""
        if self.future is not None and self.pool is not None:
            made, self.seconds = self.future.result()
            self.known = self.known | made
            self.pool.shutdown()
            self.future = self.pool = None
        return self.known


IN_BACKGROUND_FROM = 2000
"""Fewer codes than this are made at once: a second process would cost more than it saves."""
