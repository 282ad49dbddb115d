"""Publishing: putting a freshly built site in place of ``site/`` in one atomic step.

A build writes into ``.site.baru`` beside ``site/``. Only when MkDocs has fully
succeeded are the two folders exchanged with ``renameat2(RENAME_EXCHANGE)``, a
single system call: at every moment ``site/`` is either the whole old site or the
whole new one, even if the build is killed. A lock keeps two builds from
publishing at once, and leftovers of a killed build are removed by the next one.

A rebuild that changed a few pages of a large site (``generator/compute/incremental.py``)
instead moves just those files into ``site/``, each with one atomic rename, once
everything is built: a failed rebuild changes nothing, and a reader sees each page
either old or new. Only during those few milliseconds may one page be new while
another is still old; a rebuild killed then is repaired by the next build, which
after a restart is a full one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from generator.problems import GeneratorError
from generator.write.precompress import COMPRESSED

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def fresh_folder(site: Path) -> Path:
    """Where a build writes before publishing: ``.site.baru`` beside ``site/``."""
    return site.with_name(f".{site.name}.baru")


@contextlib.contextmanager
def publishing_lock(site: Path) -> Iterator[None]:
    """Hold ``.site.kunci`` for the whole build; a second build at the same time is refused."""
    site.parent.mkdir(parents=True, exist_ok=True)
    with site.with_name(f".{site.name}.kunci").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GeneratorError(f"pembangunan lain sedang menulis {site}; tunggu sampai selesai") from None
        shutil.rmtree(fresh_folder(site), ignore_errors=True)  # left by a build that was killed
        yield


def publish(fresh: Path, site: Path) -> None:
    """Put ``fresh`` in place of ``site``; the old site is deleted afterwards."""
    if not site.exists():
        fresh.rename(site)
        return
    try:
        _exchange(fresh, site)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise
        _swap_by_renames(fresh, site)  # file system without RENAME_EXCHANGE: a brief gap
    shutil.rmtree(fresh, ignore_errors=True)


def _exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 tidak tersedia")
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(second))


def _swap_by_renames(fresh: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}.lama")
    shutil.rmtree(old, ignore_errors=True)
    site.rename(old)
    fresh.rename(site)
    old.rename(fresh)


def publish_changes(fresh: Path, site: Path, kept: set[str]) -> int:
    """Move every file of ``fresh`` that differs from the published one into ``site``, each by an atomic rename;
    then delete published files that ``fresh`` does not have, except in the top folders named in ``kept``,
    whose files the caller knows are still current. Returns how many files were replaced or added."""
    names = {path.relative_to(fresh) for path in fresh.rglob("*")}
    moved = 0
    for name in sorted(names):
        source, target = fresh / name, site / name
        if source.is_dir():
            target.mkdir(exist_ok=True)
        elif _differ(source, target):
            os.replace(source, target)
            moved += 1
            _remove_stale_copies(fresh / name, target)
    for top in site.iterdir():
        if top.name not in kept:
            _remove_missing(site, top, names)
    shutil.rmtree(fresh, ignore_errors=True)
    return moved


def _remove_stale_copies(source: Path, target: Path) -> None:
    """Delete the published compressed copies of ``target`` that the new file has none of
    (``write/precompress.py``): nginx would otherwise send the old page to browsers that accept gzip."""
    for suffix in COMPRESSED:
        copy = target.with_name(target.name + suffix)
        if not source.with_name(source.name + suffix).exists() and copy.exists():
            copy.unlink()


def _differ(source: Path, target: Path) -> bool:
    """Whether ``target`` is missing or holds other bytes than ``source``; sizes first, so that a large file of
    another size (a national open-data table) is not read."""
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        return True
    return target.read_bytes() != source.read_bytes()


def _remove_missing(site: Path, top: Path, names: set[Path]) -> None:
    """Delete the files and then emptied folders under ``top`` whose names are not in ``names``."""
    for path in sorted([top, *top.rglob("*")] if top.is_dir() else [top], reverse=True):
        if path.relative_to(site) in names:
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        else:
            path.unlink()
