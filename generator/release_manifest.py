"""What a site holds, file by file: the digest of every file, for ``terbitkan`` (``generator/deploy.py``).

A deploy compares the site with the manifest of the live release and sends only the files whose digest
differs, without reading the live release's files. Digests are remembered beside the site
(``.site.sidik``) by size, modification time and inode, so a deploy after a rebuild reads only the files the
rebuild replaced; a full build replaces every file, and the next deploy reads them all once.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST_SUFFIX = ".berkas"
"""A release's manifest lies beside it: ``releases/20261204T050000Z.berkas``."""

Manifest = dict[str, str]
"""Path inside the site → digest of its bytes."""


def site_manifest(site: Path) -> Manifest:
    """The digest of every file of ``site``; files unchanged since the last call are not read again."""
    cache_path = site.with_name(f".{site.name}.sidik")
    try:
        known: dict[str, list] = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    seen: dict[str, list] = {}
    for top, _, names in os.walk(site):
        for name in names:
            path = os.path.join(top, name)
            status = os.lstat(path)
            stamp = [status.st_size, status.st_mtime_ns, status.st_ino]
            before = known.get(relative := os.path.relpath(path, site))
            seen[relative] = [*stamp, before[3] if before and before[:3] == stamp else _digest(path)]
    cache_path.write_text(json.dumps(seen, separators=(",", ":")), encoding="utf-8")
    return {name: entry[3] for name, entry in seen.items()}


def _digest(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()


def manifest_text(manifest: Manifest) -> str:
    """One ``digest  path`` line per file, in path order."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(manifest.items()))


def read_manifest(text: str) -> Manifest:
    return {name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines())}


def text_digest(text: str) -> str:
    """The SHA-256 of a manifest's text, as ``sha256sum`` prints it: to check the server's copy cheaply."""
    return hashlib.sha256(text.encode()).hexdigest()


def changes(before: Manifest, after: Manifest) -> tuple[list[str], list[str]]:
    """The files new or changed in ``after``, and those it no longer has."""
    changed = sorted(name for name, digest in after.items() if before.get(name) != digest)
    return changed, sorted(name for name in before if name not in after)
