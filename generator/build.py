"""The whole build: validate the data, stage the pages, run MkDocs, publish ``site/``."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.model import Dataset
from generator.problems import GeneratorError
from generator.stage import remove_folder, render_all, write_folder
from generator.validate import load_dataset

log = logging.getLogger("generator")


@dataclass(frozen=True)
class Paths:
    """Where a build reads and writes."""

    data: Path
    docs: Path
    staged: Path
    site: Path
    config: Path


def check_data(data_dir: Path, strict: bool = False) -> Dataset:
    """Load and validate a data folder; print its warnings, which ``strict`` turns into a failure."""
    data = load_dataset(data_dir)
    for warning in data.warnings:
        log.warning("%s", warning)
    if strict and data.warnings:
        raise GeneratorError(f"{len(data.warnings)} peringatan, dan --strict mengubahnya menjadi galat")
    return data


def stage(paths: Paths, strict: bool = False) -> int:
    """Validate the data and write the pages MkDocs reads; returns how many files changed."""
    return write_folder(paths.staged, render_all(check_data(paths.data, strict), paths.docs))


def build_site(paths: Paths, strict: bool = False) -> None:
    """Stage the pages, build them with MkDocs into a fresh folder, then put it in place of ``site/``."""
    started = time.perf_counter()
    changed = stage(paths, strict)
    log.info(
        "%d halaman disiapkan di %s (%d berubah)", sum(1 for _ in paths.staged.rglob("*.md")), paths.staged, changed
    )
    fresh = paths.site.with_name(f".{paths.site.name}.baru-{os.getpid()}")
    remove_folder(fresh)
    try:
        _run_mkdocs(paths, fresh)
        _publish(fresh, paths.site)
    finally:
        remove_folder(fresh)
    log.info("situs selesai dibangun di %s dalam %.1f detik", paths.site, time.perf_counter() - started)


def _run_mkdocs(paths: Paths, site_dir: Path) -> None:
    config = load_config(
        str(paths.config), docs_dir=str(paths.staged.resolve()), site_dir=str(site_dir.resolve()), strict=True
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except MkDocsException as error:
        raise GeneratorError(f"MkDocs gagal membangun situs: {error}") from None
    except SystemExit as error:  # MkDocs aborts strict builds this way in some versions
        raise GeneratorError(f"MkDocs gagal membangun situs ({error})") from None
    finally:
        config.plugins.on_shutdown()


def _publish(fresh: Path, site: Path) -> None:
    """Swap the freshly built folder in for the published one."""
    old = site.with_name(f".{site.name}.lama-{os.getpid()}")
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    remove_folder(old)
