"""The whole build: validate the data, stage the pages, run MkDocs, publish ``site/``."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import gc
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils import get_build_timestamp

from generator import ENGINE
from generator.compute.aggregate import build_tree
from generator.compute.changes import report_against_published, village_totals
from generator.compute.incremental import (
    LastBuild,
    Pages,
    changed_provinces,
    folder_id,
    unchanged_pages,
    unchanged_provinces,
)
from generator.compute.protection import protect
from generator.model import FOLDERS, Dataset, Level
from generator.problems import DataError, GeneratorError
from generator.read.dataset import load_dataset
from generator.read.site_address import PLACEHOLDER_WARNING, is_placeholder, site_address
from generator.read.tables import ParseCache
from generator.render.download_pages import api_page, download_page
from generator.render.pages import Renderer
from generator.render.poster import check_poster
from generator.render.qr import QrCode, QrCodesInBackground
from generator.write.api import write_index
from generator.write.finder import FINDER, write_finder
from generator.write.forwards import write_forwards
from generator.write.offline import write_offline_bundles
from generator.write.open_data import VILLAGES, OpenData, Sections, published_totals, write_open_data
from generator.write.precompress import precompress
from generator.write.publish import fresh_folder, publish, publish_changes, publishing_lock
from generator.write.shell import REGION_SHELL_URL, write_page, write_pages
from generator.write.sitemap import write_sitemaps
from generator.write.stage import render_all, write_folder

log = logging.getLogger("generator")
GENERATED_FOLDERS = {*FOLDERS.values(), FINDER, "unduh", "api"}
"""Top folders of the site that hold only generated pages and files."""
MAX_SHOWN_WARNINGS = 50


@dataclass(frozen=True)
class Paths:
    """Where a build reads and writes."""

    data: Path
    docs: Path
    staged: Path
    site: Path
    config: Path


def check_data(data_dir: Path, strict: bool = False, cache: ParseCache | None = None) -> Dataset:
    """Load and validate a data folder; print its warnings, which ``strict`` turns into a failure."""
    data = load_dataset(data_dir, cache)
    if strict and data.warnings:
        raise DataError([replace(warning, warning=False) for warning in data.warnings])
    for warning in data.warnings[:MAX_SHOWN_WARNINGS]:
        log.warning("%s", warning)
    if len(data.warnings) > MAX_SHOWN_WARNINGS:
        log.warning("... dan %d peringatan lain", len(data.warnings) - MAX_SHOWN_WARNINGS)
    return data


@dataclass(frozen=True)
class Staged:
    """What staging produced: the renderer of the checked data, and how many staged files there are and changed."""

    renderer: Renderer
    files: int
    changed: int


def stage(paths: Paths, strict: bool = False, site_url: str = "") -> Staged:
    """Validate the data and write the pages MkDocs reads (hand-written pages and shells)."""
    return _stage(paths, renderer_of(check_data(paths.data, strict), site_url))


def renderer_of(data: Dataset, site_url: str = "") -> Renderer:
    """The renderer of a dataset: its coverage tree summed, the disclosure rule applied."""
    tree = build_tree(data)
    return Renderer(data, protect(tree, data.threshold), site_url)


def _stage(paths: Paths, renderer: Renderer) -> Staged:
    check_poster(renderer)
    files = render_all(renderer, paths.docs)
    return Staged(renderer, len(files), write_folder(paths.staged, files))


@dataclass(frozen=True)
class Generated:
    """What :func:`write_generated` wrote: the region pages (with their API files) and the open data."""

    pages: int
    open_data: OpenData


def write_generated(
    site_dir: Path,
    staged: Staged,
    site_url: str,
    kept: frozenset[str] | None = None,
    published: tuple[Path, Sections] | None = None,
) -> Generated:
    """Write every generated page into a site MkDocs has just built, then the open data, the finder and the
    sitemaps. With ``kept`` (a rebuild), the pages and files of those regions and the finder are left out: the
    published ones are still current, and so are the open-data sections of ``published`` (site, sections)."""
    renderer = staged.renderer
    pages = write_pages(site_dir, renderer, os.cpu_count() or 1, kept or frozenset())
    after = _Stopwatch()
    write_forwards(site_dir, renderer)
    places = [node.region for node in renderer.regions] if kept is None else None  # a rebuild keeps the places
    write_finder(site_dir, places, renderer.data.regions)
    after.lap("pencari")
    open_data = write_open_data(site_dir, renderer, pages.regencies, published if kept is not None else None)
    write_index(site_dir, renderer)
    log.info(
        "data terbuka seluruh wilayah: %d berkas, %.1f MB, dengan %d folder kabupaten ditulis, dalam %.1f s",
        open_data.files,
        open_data.size / 1e6,
        open_data.kabupaten,
        open_data.seconds,
    )
    write_page(site_dir, download_page(renderer, open_data.national, open_data.package))
    write_page(site_dir, api_page(renderer))
    after.lap("data terbuka")
    if renderer.data.offline_bundles:
        published_site = published[0] if published and kept is not None else None
        bundles = write_offline_bundles(site_dir, renderer.regions, site_url, pages.regencies, published_site)
        log.info("salinan offline per kabupaten: %s", bundles)
        after.lap("salinan offline")
    write_sitemaps(
        site_dir,
        site_url,
        pages.urls,
        dt.datetime.fromtimestamp(get_build_timestamp(), dt.UTC).date().isoformat(),
    )
    after.lap("peta situs")
    log.info("setelah halaman wilayah: %s", after)
    return Generated(len(pages.urls), open_data)


def build_site(paths: Paths, strict: bool = False) -> None:
    """Stage the pages, build them with MkDocs into a fresh folder, then publish it as ``site/``."""
    Builder(paths).build(strict)


class Builder:
    """Builds the site, and remembers what it published so that the next build redoes only what changed.

    The first build is a full one. After it, only data files whose bytes changed are parsed again,
    only the provinces whose data changed are summed and protected again, and only pages whose
    content changed are rendered and published (see ``generator/compute/incremental.py``). If another build
    has put a new ``site/`` in place meanwhile, the next build is a full one again.
    ``python -m generator pantau`` keeps one Builder for every rebuild.
    """

    def __init__(self, paths: Paths, watching: bool = False) -> None:
        self.paths = paths
        self.watching = watching
        """Whether more builds will follow in this process (``pantau``): then each build ends by settling memory."""
        self.parsed: ParseCache = {}
        self.published: LastBuild | None = None
        self.last: dict[str, int] = {}
        """Pages written and kept as published by the last build, kabupaten whose open-data folder it wrote and,
        in a rebuild, the files it replaced or added in ``site/`` (for the log, the tests and the benchmark)."""
        self.published_after = 0.0
        """Seconds from the start of the last build until its site was published."""
        self.qr_codes: dict[str, QrCode] = {}
        """The QR codes of the last build, by address: the next build makes only those of new addresses."""

    def build(self, strict: bool = False) -> None:
        clock = _Stopwatch()
        with publishing_lock(self.paths.site):
            with _collector_paused(self.watching and self.published is not None):
                report = self._build(strict, clock)
            self.published_after = clock.total()
            if self.watching:
                _settle_memory()
                clock.lap("rapikan")
        for line in report:
            log.info("%s", line)
        log.info("tahap: %s", clock)
        log.info("situs selesai dibangun di %s dalam %.1f detik", self.paths.site, clock.total())

    def _build(self, strict: bool, clock: _Stopwatch) -> list[str]:
        """Build and publish; returns the report for staff on what changed."""
        paths = self.paths
        data = check_data(paths.data, strict, self.parsed)
        site_url = _checked_site_url(paths, strict)
        villages = (region.url for region in data.regions.values() if region.level == Level.DESA)
        qr_codes = QrCodesInBackground([site_url + url for url in villages], self.qr_codes)
        before = self.published if self._still_published(self.published) else None
        changed = changed_provinces(before, data)
        renderer = self._renderer(data, before, changed, site_url)
        staged = _stage(paths, renderer)
        clock.lap("generator")
        audit = renderer.published.hidden.audit
        log.info("audit angka tersembunyi: %d sel ditambah dalam %.1f s", audit.added, audit.seconds)
        log.info("%d berkas disiapkan di %s (%d berubah)", staged.files, paths.staged, staged.changed)
        fresh = fresh_folder(paths.site)
        with _build_date(renderer.national.data_date):
            _run_mkdocs(paths, fresh)
            clock.lap(ENGINE)
            renderer.qr = self.qr_codes = qr_codes.result()
            clock.lap("qr")
            log.info("kode QR: %d dibuat dalam %.1f s kerja", qr_codes.made, qr_codes.seconds)
            shell = (fresh / REGION_SHELL_URL / "index.html").read_bytes()
            made = Pages(renderer.published, frozenset(n.region.code for n in renderer.regions), renderer.multi)
            kept = unchanged_pages(before, made, changed, shell)
            sections = (paths.site, before.open_data) if before else None
            generated = write_generated(fresh, staged, site_url or "/", kept, sections)
            pages = generated.pages
            clock.lap("tulis")
            log.info("salinan terpadatkan untuk server web: %s", precompress(fresh, os.cpu_count() or 1))
            clock.lap("padatkan")
        opened = generated.open_data
        written = pages - len(kept or ())
        self.last = {"ditulis": written, "tetap": len(kept or ()), "kabupaten_data": opened.kabupaten}
        log.info("%d halaman wilayah: %d ditulis, %d tetap", pages, written, len(kept or ()))
        previous = village_totals(before.pages.published.tree) if before else published_totals(paths.site / VILLAGES)
        report = report_against_published(previous, renderer.tree)
        if kept is None:
            publish(fresh, paths.site)
        else:
            self.last["berkas_terbit"] = publish_changes(fresh, paths.site, GENERATED_FOLDERS)
        self.published = LastBuild(data.fingerprints, made, shell, folder_id(paths.site), opened.sections)
        clock.lap("terbit")
        return report

    def _still_published(self, published: LastBuild | None) -> bool:
        """Whether ``site/`` is still the site this Builder published last (not one another build put there)."""
        return published is not None and self.paths.site.is_dir() and folder_id(self.paths.site) == published.folder

    def _renderer(
        self, data: Dataset, before: LastBuild | None, changed: frozenset[str] | None, site_url: str
    ) -> Renderer:
        """The renderer of ``data``: provinces that did not change keep their tree and hidden cells."""
        if before is None:
            return renderer_of(data, site_url)
        unchanged = unchanged_provinces(data, changed)
        last = before.pages.published
        tree = build_tree(data, last.tree, unchanged)
        return Renderer(data, protect(tree, data.threshold, last, unchanged), site_url)


def _checked_site_url(paths: Paths, strict: bool) -> str:
    """The site's address; while it is a placeholder, a warning, or with ``strict`` an error."""
    site_url = site_address(paths.config, paths.docs)
    if is_placeholder(site_url):
        message = PLACEHOLDER_WARNING.format(url=site_url or "tidak ada")
        if strict:
            raise GeneratorError(message)
        log.warning("%s", message)
    return site_url


@contextlib.contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Python's cycle collector off for a rebuild, which makes little garbage; :func:`_settle_memory` follows."""
    if not pause:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _settle_memory() -> None:
    """Collect the garbage of the last build now, after publishing, and leave what stays out of later collections.

    A national build keeps millions of objects alive; Python's collector would otherwise scan them all,
    seconds at a time, in the middle of the next rebuild. Unfreezing first lets the previous build's
    objects, now garbage, be collected.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class _Stopwatch:
    """Wall time of each stage of a build, for the log and the benchmark."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.laps.items())


@contextlib.contextmanager
def _build_date(data_date: dt.date | None) -> Iterator[None]:
    """Date the build by its data, so the same data always gives the same site.

    MkDocs and its plugins read ``SOURCE_DATE_EPOCH`` for the sitemap and feed dates;
    unless the caller set it, it becomes midnight UTC of the latest data date.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm((data_date or dt.date(2000, 1, 1)).timetuple()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _run_mkdocs(paths: Paths, site_dir: Path) -> None:
    """Build the hand-written pages and shells into ``site_dir``."""
    config = load_config(
        str(paths.config), docs_dir=str(paths.staged.resolve()), site_dir=str(site_dir.resolve()), strict=True
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except MkDocsException as error:
        raise GeneratorError(f"{ENGINE} gagal membangun situs: {error}") from None
    except SystemExit as error:  # MkDocs aborts strict builds this way in some versions
        raise GeneratorError(f"{ENGINE} gagal membangun situs ({error})") from None
    finally:
        config.plugins.on_shutdown()
