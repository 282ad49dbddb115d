"""Generated pages without MkDocs: content poured into a page MkDocs built once.

MkDocs with Material needs tens of milliseconds a page, which at 83,762 villages is
most of an hour. So MkDocs builds only the hand-written pages plus a few *shells*:
pages whose title, description, address and content are placeholders. Every generated
page is a shell with the placeholders replaced: the same header, navigation, styles
and scripts as the rest of the site, for a few microseconds a page.

A shell can be used for any page at the same folder depth, since the links to the
site's assets and navigation are relative.
"""

from __future__ import annotations

import html
import logging
import multiprocessing
import os
import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.model import Level
from generator.problems import GeneratorError
from generator.progress import Progress
from generator.render.open_records import Value
from generator.render.pages import Page, Renderer
from generator.write.api import Api
from generator.write.open_data import RegencySections, write_regency
from generator.write.village_files import VillageFiles, write_file

TITLE = "QQJUDULQQ"
DESCRIPTION = "QQDESKRIPSIQQ"
CONTENT = "QQISIQQ"
log = logging.getLogger("generator")
REGION_SHELL_URL = "desa/kerangka/"
"""Where MkDocs builds the region shell (``render.pages.REGION_SHELL``)."""


def shell_markdown(title: str | None = None) -> str:
    """The Markdown of a shell page; with ``title`` the page keeps that title (a page in the navigation)."""
    return (
        "---\n"
        f"title: {title or TITLE}\n"
        f"description: {DESCRIPTION}\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"# {TITLE}\n\n{CONTENT}\n"
    )


@dataclass(frozen=True)
class Shell:
    """A built shell page, split at its placeholders."""

    parts: tuple[str, ...]
    """Literal text and placeholder names, alternating (literals at even positions)."""

    @classmethod
    def read(cls, path: Path, url: str) -> Shell:
        page = path.read_text(encoding="utf-8")
        page = re.sub(rf"<h1[^>]*>{TITLE}</h1>\s*<p>{CONTENT}</p>", CONTENT, page)
        if page.count(CONTENT) != 1:
            raise GeneratorError(f"{path}: tempat isi halaman kerangka tidak ditemukan tepat sekali (tema berubah?)")
        tokens = "|".join(re.escape(token) for token in (TITLE, DESCRIPTION, CONTENT, url))
        return cls(tuple(re.split(f"({tokens})", page)))

    def fill(self, content: str, title: str, description: str, url: str) -> str:
        """The page: ``content`` is HTML; title and description are plain text; ``url`` is the page's address."""
        values = {TITLE: html.escape(title), DESCRIPTION: html.escape(description), CONTENT: content}
        return "".join(part if index % 2 == 0 else values.get(part, url) for index, part in enumerate(self.parts))


@dataclass(frozen=True)
class Written:
    """What :func:`write_pages` wrote: every page's address, in order, and the open-data sections of each
    kabupaten it wrote (by code; ``write/open_data.py``)."""

    urls: list[str]
    regencies: dict[str, RegencySections]


def write_pages(site: Path, renderer: Renderer, workers: int = 1, keep: frozenset[str] = frozenset()) -> Written:
    """Render every generated page and pour it into its shell under ``site``, with each region's other files
    (API file, poster, badge) and each kabupaten's open-data folder, split over ``workers`` processes by
    kabupaten. Pages and files of the regions in ``keep`` (codes) are left out: the published ones stay.

    The region shell itself is removed afterwards: it is a template, not a page.
    """
    count = renderer.page_count() - len(keep)
    shares = _shares(renderer, workers if workers > 1 and count >= MIN_PAGES_PER_WORKER * 2 else 1)
    # the progress shown is this process's share, scaled to the whole: the shares are balanced
    with Progress("halaman wilayah", count) as progress:
        scale = count / max(len(shares[0]), 1)

        def own(written: int) -> None:
            progress.done(int(written * scale))

        if len(shares) == 1:
            results = [_write_share(site, renderer, keep, shares[0], own)]
        else:
            # forked workers inherit the renderer through the initializer's arguments instead of receiving a copy
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(len(shares) - 1, context, _start_worker, (renderer,)) as pool:
                others = [pool.submit(_write_worker_share, site, keep, numbers) for numbers in shares[1:]]
                results = [_write_share(site, renderer, keep, shares[0], own), *(f.result() for f in others)]
    written = sorted(url for result in results for url in result.urls)  # the same order for any number of workers
    villages, api = sum(r.village_seconds for r in results), sum(r.api_seconds for r in results)
    log.info("poster dan lencana desa: %.1f s kerja (dijumlah dari %d proses)", villages, len(results))
    log.info("berkas API wilayah: %.1f s kerja (dijumlah dari %d proses)", api, len(results))
    opened = sum(r.data_seconds for r in results)
    log.info("data terbuka per kabupaten: %.1f s kerja (dijumlah dari %d proses)", opened, len(results))
    shutil.rmtree(site / REGION_SHELL_URL, ignore_errors=True)
    return Written(written, {code: own for r in results for code, own in r.regencies.items()})


def _shares(renderer: Renderer, shares: int) -> list[list[int]]:
    """The page numbers of each share: whole kabupaten, balanced by the files they make (a village makes four:
    page, API file, poster, badge; other regions two), heaviest first. The overview, the updates page and the
    provinces are one group."""
    groups: dict[str, list[int]] = {"": [0, 1]}
    weights: dict[str, int] = {"": 4}
    for number in range(2, renderer.page_count()):
        region = renderer.regions[number - 2].region
        group = region.code[:5] if region.level >= Level.KABUPATEN else ""
        groups.setdefault(group, []).append(number)
        weights[group] = weights.get(group, 0) + (4 if region.level == Level.DESA else 2)
    loads: list[int] = [0] * shares
    numbers: list[list[int]] = [[] for _ in range(shares)]
    for group in sorted(groups, key=lambda code: (-weights[code], code)):
        lightest = loads.index(min(loads))
        loads[lightest] += weights[group]
        numbers[lightest].extend(groups[group])
    return numbers


@dataclass
class _ShareResult:
    urls: list[str]
    village_seconds: float
    api_seconds: float
    regencies: dict[str, RegencySections]
    data_seconds: float = 0.0
    """Seconds spent on the regions' open-data rows and the kabupaten folders."""


MIN_PAGES_PER_WORKER = 2000
"""Below this many pages a second process costs more than it saves."""
_worker_renderer: Renderer | None = None
"""In a worker process only: the renderer it was started with."""


def _start_worker(renderer: Renderer) -> None:
    global _worker_renderer
    _worker_renderer = renderer


def _write_worker_share(site: Path, keep: frozenset[str], numbers: list[int]) -> _ShareResult:
    assert _worker_renderer is not None, "a worker is started by write_pages"
    return _write_share(site, _worker_renderer, keep, numbers, lambda done: None)


def _write_share(
    site: Path, renderer: Renderer, keep: frozenset[str], numbers: list[int], progress: Callable[[int], None]
) -> _ShareResult:
    """Write the pages ``numbers`` of the renderer, except those of the regions in ``keep``, each with its API file
    (and a village's poster and badge), then the open-data folder of each kabupaten not in ``keep``;
    ``progress`` is told every thousand pages how many this share has written."""
    result = _ShareResult([], 0.0, 0.0, {})
    villages, api = VillageFiles(renderer), Api(renderer)
    rows: dict[str, list[Value]] = {}
    shells: dict[str, Shell] = {}
    for done, number in enumerate(numbers):
        if done % 1000 == 0:
            progress(done)
        region = renderer.region_of(number)
        if region and region.region.code[:5] not in keep:
            started = time.perf_counter()
            rows[region.region.code] = api.records.row(region)  # for the kabupaten's open data, and the API file
            result.data_seconds += time.perf_counter() - started
        if region and region.region.code in keep:
            result.urls.append(region.region.url)
            continue
        page = renderer.page(number)
        if page.shell not in shells:
            shells[page.shell] = Shell.read(site / _built_path(page.shell), _shell_url(page.shell))
        os.makedirs(f"{site}/{page.url}", exist_ok=True)
        text = shells[page.shell].fill(page.content, page.title, page.description, page.url)
        write_file(f"{site}/{page.url}index.html", text)
        result.urls.append(page.url)
        if region:
            started = time.perf_counter()
            api.write(site, region, rows[region.region.code])
            result.api_seconds += time.perf_counter() - started
        if region and region.region.level == Level.DESA:
            started = time.perf_counter()
            villages.write(site, region)
            result.village_seconds += time.perf_counter() - started
    started = time.perf_counter()
    for number in numbers:
        region = renderer.region_of(number)
        if region and region.region.level == Level.KABUPATEN and region.region.code not in keep:
            result.regencies[region.region.code] = write_regency(
                site, region, lambda node: rows[node.region.code], renderer
            )
    result.data_seconds += time.perf_counter() - started
    return result


def write_page(site: Path, page: Page) -> None:
    """Pour one page into its own shell, which MkDocs built at the page's address."""
    target = site / _built_path(page.shell)
    target.write_text(Shell.read(target, page.url).fill(page.content, page.title, page.description, page.url), "utf-8")


def _shell_url(staged: str) -> str:
    """The address MkDocs gives a staged page: ``desa/kerangka.md`` → ``desa/kerangka/``."""
    stem = staged.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def _built_path(staged: str) -> str:
    return _shell_url(staged) + "index.html"
