"""Precompressed copies of the site's text files, for nginx's ``gzip_static`` and ``brotli_static``
(``deploy/nginx/``): ``page.html`` gets ``page.html.gz`` and ``page.html.br`` beside it, so the server sends
a compressed page without compressing it at every request.

Both copies are reproducible: gzip's header carries no time (``mtime=0``) and brotli's has none, so the same
site always gives the same bytes, and a rebuild republishes only the copies of the files that changed. Each
copy takes its file's modification time, so nginx dates all three alike.

Copies are made of what residents' phones fetch: pages, styles, scripts, the finder's and the search's files.
Files under :data:`SMALLEST` gain little, and the folders in :data:`LEFT_TO_NGINX` (the JSON API, the open data,
the posters, together two thirds of the files) are fetched by scripts, researchers and a village hall's printer
now and then: nginx compresses those as it sends them (``gzip on``). At national scale copying them as well
would write half a million more files in every full build, and the national tables would be compressed again
in every rebuild.
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from generator.progress import Progress

COMPRESSED = (".gz", ".br")
"""The suffixes of the compressed copies, in the order nginx prefers them (last: brotli)."""
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".csv", ".txt", ".map"})
SMALLEST = 1024
"""Bytes below which a file gets no compressed copy (nginx's ``gzip_min_length`` is the same)."""
LEFT_TO_NGINX = frozenset({"api", "unduh"})
"""Top folders whose files get no copies; nor do the posters (``<region>/poster/``)."""
POSTER = "poster"
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
"""Brotli's quality 5 is as fast as gzip's level 6 and 5 % smaller on the pages; 11 is 15 times slower."""
FILES_PER_TASK = 200


@dataclass(frozen=True)
class Precompressed:
    """What :func:`precompress` did: files compressed, their bytes, the bytes of their copies, the time."""

    files: int
    size: int
    gzip_size: int
    brotli_size: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.files} berkas ({self.size / 1e6:.1f} MB) dipadatkan: gzip {self.gzip_size / 1e6:.1f} MB, "
            f"brotli {self.brotli_size / 1e6:.1f} MB, dalam {self.seconds:.1f} s"
        )


def precompress(folder: Path, processes: int = 1) -> Precompressed:
    """Write the compressed copies of every text file under ``folder``, over ``processes`` processes."""
    started = time.perf_counter()
    files = sorted(_text_files(folder))
    tasks = [files[i : i + FILES_PER_TASK] for i in range(0, len(files), FILES_PER_TASK)]
    sizes: list[tuple[int, int, int]] = []
    with Progress("salinan terpadatkan", len(files)) as progress:
        if processes > 1 and len(tasks) > 1:
            # spawned, not forked: a forked worker would hold the build's lock (``publish.publishing_lock``) for
            # as long as it outlived a build that was killed
            with ProcessPoolExecutor(processes, multiprocessing.get_context("spawn")) as pool:
                for compressed in pool.map(_compress_all, tasks):
                    sizes.append(compressed)
                    progress.done(len(sizes) * FILES_PER_TASK)
        else:
            for task in tasks:
                sizes.append(_compress_all(task))
                progress.done(len(sizes) * FILES_PER_TASK)
    size, gzipped, brotlied = (sum(task[i] for task in sizes) for i in range(3))
    return Precompressed(len(files), size, gzipped, brotlied, time.perf_counter() - started)


def _text_files(folder: Path) -> list[str]:
    """The files under ``folder`` that get compressed copies."""
    found = []
    for top, folders, names in os.walk(folder):
        at_top = top == str(folder)
        folders[:] = [name for name in folders if name != POSTER and not (at_top and name in LEFT_TO_NGINX)]
        for name in names:
            path = os.path.join(top, name)
            if os.path.splitext(name)[1] in TEXT_SUFFIXES and os.path.getsize(path) >= SMALLEST:
                found.append(path)
    return found


def _compress_all(files: list[str]) -> tuple[int, int, int]:
    """Compress each file; returns the bytes read and written (gzip, brotli)."""
    size = gzipped = brotlied = 0
    for name in files:
        data = Path(name).read_bytes()
        copies = (gzip.compress(data, GZIP_LEVEL, mtime=0), brotli.compress(data, quality=BROTLI_QUALITY))
        modified = os.stat(name).st_mtime_ns
        for suffix, copy in zip(COMPRESSED, copies, strict=True):
            Path(name + suffix).write_bytes(copy)
            os.utime(name + suffix, ns=(modified, modified))
        size += len(data)
        gzipped += len(copies[0])
        brotlied += len(copies[1])
    return size, gzipped, brotlied
