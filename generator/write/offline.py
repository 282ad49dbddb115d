"""Offline bundles: ``unduh/offline/6310.zip``, a kabupaten's part of the site that opens from a phone's or a
laptop's files, for field officers and village cadres who visit homes without a signal.

A bundle holds the programme pages, the claim guide, and the pages of the kabupaten, its kecamatan and its
villages, with the styles and scripts they load. Links are rewritten for ``file://``: a link to a page in the
bundle points at its ``index.html`` by a relative path (a browser opening files shows a folder, not its index);
a link to any other page of the site points at its address online, so it works once there is a signal. Every
page says at its top that it is an offline copy, of which data date, and links to the kabupaten's page.

Bundles are reproducible (entries in name order, every entry dated with the data date), so a rebuild that
leaves a kabupaten's pages as they were writes the same bytes. Only the bundles of kabupaten whose pages a
rebuild wrote are made again; the pages it kept are read from the published site.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import multiprocessing
import os
import posixpath
import re
import time
import zipfile
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.model import FOLDERS, Level, Region
from generator.render.data_dictionary import offline_bundle

OUTSIDE = frozenset(
    {*FOLDERS.values(), "cakupan", "unduh", "api", "cari", "search", "berita", "staf", "pembaruan-data", "en"}
)
"""Top folders whose pages are not programme pages: coverage pages join a bundle by kabupaten, the rest stay online
(the English pages too: a bundle is for officers and cadres visiting homes, and the English overview holds every
kabupaten's figures)."""
ASSETS = "assets/"
LINK = re.compile(r'(\s(href|src)=")([^"]*)(")')
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
NATIONAL = re.compile(r"(<!-- cakupan-nasional -->\s*<h2[^>]*>.*?</h2>)(.*?)(<!-- /cakupan-nasional -->)", re.DOTALL)
"""The home page's national figures (marked in ``docs/index.md``): a bundle shows its kabupaten's instead, so that
the bundles of kabupaten whose figures did not change stay as they were."""
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
READ_ME = "BACA-SAYA.txt"
OVERVIEW = "cakupan"
MORE_BUNDLES_THAN = 16
"""Bundles are written by several processes when there are more than these (spawning a process costs a second)."""


@dataclass(frozen=True)
class Bundle:
    """One kabupaten's bundle: its regions' pages, and what the note at the top of each page says."""

    regency: Region
    pages: list[str]
    """The pages of the kabupaten, its kecamatan and its villages: ``kabupaten/6310/index.html``, ..."""
    data_date: dt.date | None

    @property
    def name(self) -> str:
        return offline_bundle(self.regency)


def programme_pages(site: Path) -> list[str]:
    """The pages of the site that are not coverage pages or news: ``index.html``, ``manfaat/index.html``, the
    claim guide's, ..."""
    folders = [entry for entry in site.iterdir() if entry.is_dir() and entry.name not in OUTSIDE]
    found = [path for folder in folders for path in folder.rglob("index.html")]
    return sorted(path.relative_to(site).as_posix() for path in [site / "index.html", *found])


def write_bundle(bundle: Bundle, programme: list[str], read: Callable[[str], bytes], site: Path, site_url: str) -> int:
    """Write one kabupaten's zip into ``site``; ``read`` gives a file of the site by its path. Returns its bytes."""
    pages = [*programme, *bundle.pages]
    files: dict[str, bytes] = {}
    inside = set(pages)
    for page in pages:
        text = read(page).decode("utf-8")
        for asset in _loaded(text, page):
            if asset not in files:
                try:
                    files[asset] = read(asset)
                except FileNotFoundError:
                    continue
            inside.add(asset)
        files[page] = _offline_page(text, page, inside, bundle, site_url).encode("utf-8")
    files[READ_ME] = _read_me(bundle).encode("utf-8")
    target = site / bundle.name
    target.parent.mkdir(parents=True, exist_ok=True)
    _zip(target, f"{bundle.regency.slug}-offline", files, bundle.data_date)
    return target.stat().st_size


def _offline_page(text: str, page: str, inside: set[str], bundle: Bundle, site_url: str) -> str:
    """A page with its links made to work from files, and the note at its top."""
    here = posixpath.dirname(page)

    regency_page = f"{bundle.regency.url}index.html"

    def relink(match: re.Match[str]) -> str:
        link = _offline_link(html.unescape(match.group(3)), here, inside, site_url, regency_page)
        return match.group(1) + link + match.group(4)

    text = LINK.sub(relink, text)
    regency_link = posixpath.relpath(regency_page, here or ".")
    text = NATIONAL.sub(lambda m: m.group(1) + _regency_figures(bundle, regency_link) + m.group(3), text, count=1)
    note = _note(bundle, regency_link, site_url)
    return ARTICLE.sub(lambda m: m.group(0) + note, text, count=1)


def _offline_link(link: str, here: str, inside: set[str], site_url: str, regency_page: str) -> str:
    """Where a link of a page at ``here`` points in the bundle: a file beside it, or the page online. The list of
    every region (``cakupan/``) is the kabupaten's page in its bundle."""
    if not link or EXTERNAL.match(link):
        return html.escape(link)
    address, hash_, fragment = link.partition("#")
    target = _resolve(here, address)
    is_folder = not address or address.endswith("/") or "." not in posixpath.basename(target)
    file = posixpath.join(target, "index.html") if is_folder else target
    if target == OVERVIEW:
        file = regency_page
    if file in inside:
        found = posixpath.relpath(file, here or ".")
    else:
        found = site_url + (f"{target}/" if is_folder and target else target)
    return html.escape(found + hash_ + fragment)


def _resolve(here: str, address: str) -> str:
    """The site path a relative address of a page in folder ``here`` names (``""``: the site's root)."""
    target = posixpath.normpath(posixpath.join(here, address.partition("?")[0]))
    return "" if target == "." else target


def _loaded(text: str, page: str) -> Iterable[str]:
    """What a page loads from the site: its styles and icon (under ``assets/``), scripts and images."""
    here = posixpath.dirname(page)
    for match in LINK.finditer(text):
        link = html.unescape(match.group(3)).partition("#")[0]
        if link and not EXTERNAL.match(link):
            target = _resolve(here, link)
            if match.group(2) == "src" or target.startswith(ASSETS):
                yield target


def _regency_figures(bundle: Bundle, regency_link: str) -> str:
    name = html.escape(bundle.regency.name)
    return (
        f"<p>Angka {name}, setiap kecamatan dan setiap desanya ada di salinan ini: "
        f'<a href="{html.escape(regency_link)}">lihat cakupan {name}</a>.</p>'
    )


def _note(bundle: Bundle, regency_link: str, site_url: str) -> str:
    when = f", data per {formatting.date(bundle.data_date)}" if bundle.data_date else ""
    name = html.escape(bundle.regency.name)
    return (
        f'<div class="catatan-offline"><p><strong>Salinan offline</strong> untuk {name}{when}. '
        f'Halaman cakupan: <a href="{html.escape(regency_link)}">{name}</a>. Tautan ke halaman lain dibuka dari '
        f'internet; versi terbaru ada di <a href="{html.escape(site_url)}">{html.escape(site_url)}</a>.</p></div>'
    )


def _read_me(bundle: Bundle) -> str:
    when = f" Data per {formatting.date(bundle.data_date)}." if bundle.data_date else ""
    return (
        f"Salinan offline situs 1 Desa 100 Pekerja Rentan untuk {bundle.regency.name}.{when}\r\n"
        "Buka berkas index.html di folder ini dengan peramban (Chrome, Firefox). Tidak perlu sinyal.\r\n"
        f"Halaman cakupan {bundle.regency.name}: {bundle.regency.url}index.html\r\n"
        "Data wilayah: idn-area-data, lisensi ODbL 1.0 (lihat halaman Tentang data).\r\n"
    )


def _zip(target: Path, top: str, files: dict[str, bytes], date: dt.date | None) -> None:
    """A reproducible zip: entries in name order under one top folder, all dated ``date``."""
    stamp = (date or dt.date(1980, 1, 1)).timetuple()[:6]
    partial = target.with_name(f".{target.name}.baru")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, files[name], compresslevel=6)
    partial.replace(target)


def bundles(nodes: Iterable[Coverage]) -> list[Bundle]:
    """One bundle per kabupaten, with the kabupaten, its kecamatan and its villages in code order."""
    by_regency: dict[str, list[Coverage]] = {}
    for node in nodes:
        if node.region.level != Level.PROVINSI:
            by_regency.setdefault(node.region.code[:5], []).append(node)
    found = []
    for code in sorted(by_regency):
        members = sorted(by_regency[code], key=lambda n: n.region.code)
        regency = members[0]
        if regency.region.level == Level.KABUPATEN:
            pages = [f"{node.region.url}index.html" for node in members]
            found.append(Bundle(regency.region, pages, regency.data_date))
    return found


def _programme_changed(programme: list[str], site: Path, published: Path) -> bool:
    """Whether a programme page, or a style or script it loads, differs from the published one: every bundle
    holds them, so every bundle is made again (the home page's national figures do not count)."""
    loaded = {asset for page in programme for asset in _loaded((site / page).read_text(encoding="utf-8"), page)}
    for path in [*programme, *sorted(loaded)]:
        old, new = published / path, site / path
        if old.is_file() != new.is_file():
            return True
        if not new.is_file():
            continue
        fresh = new.read_bytes()
        if path.endswith(".html"):
            if NATIONAL.sub("", fresh.decode("utf-8")) != NATIONAL.sub("", old.read_text(encoding="utf-8")):
                return True
        elif fresh != old.read_bytes():
            return True
    return False


@dataclass(frozen=True)
class Written:
    """What :func:`write_offline_bundles` wrote: bundles, their bytes, the time."""

    bundles: int
    size: int
    seconds: float

    def __str__(self) -> str:
        return f"{self.bundles} berkas, {self.size / 1e6:.1f} MB, dalam {self.seconds:.1f} s"


def write_offline_bundles(
    site: Path,
    nodes: Iterable[Coverage],
    site_url: str,
    regencies: Collection[str],
    published: Path | None,
    processes: int | None = None,
) -> Written:
    """Write the bundles of ``regencies`` (codes with dots) into ``site``, over ``processes`` processes (default: one per core); a page a
    rebuild did not write into ``site`` is read from the ``published`` site. Every bundle is written when the
    programme pages changed, and those the published site lacks."""
    start = time.perf_counter()
    programme = programme_pages(site)
    every = published is None or _programme_changed(programme, site, published)

    def wanted(bundle: Bundle) -> bool:
        if every or published is None or bundle.regency.code in regencies:
            return True
        return not (published / bundle.name).is_file()

    chosen = [bundle for bundle in bundles(nodes) if wanted(bundle)]
    processes = processes or os.cpu_count() or 1
    write = functools.partial(_write_from, programme=programme, site=site, published=published, site_url=site_url)
    if processes > 1 and len(chosen) > MORE_BUNDLES_THAN:
        # spawned, not forked: a forked worker would hold the build's lock for as long as it outlived the build
        with ProcessPoolExecutor(processes, multiprocessing.get_context("spawn")) as pool:
            size = sum(pool.map(write, chosen, chunksize=4))
    else:
        size = sum(map(write, chosen))
    return Written(len(chosen), size, time.perf_counter() - start)


def _write_from(bundle: Bundle, programme: list[str], site: Path, published: Path | None, site_url: str) -> int:
    """Write a bundle whose pages are in ``site``, or, those a rebuild did not write, in ``published``."""

    def read(path: str) -> bytes:
        fresh = site / path
        return fresh.read_bytes() if fresh.is_file() or published is None else (published / path).read_bytes()

    return write_bundle(bundle, programme, read, site, site_url)
