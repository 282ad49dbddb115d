"""The site's own address, ``site_url`` in ``mkdocs.yml``: QR codes, badges and share links are built from it."""

from __future__ import annotations

import contextlib
import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config

RESERVED_NAMES = ("example", "invalid", "test", "localhost")
"""Top-level names reserved for examples and tests (RFC 2606): no real site lives under them."""


def site_address(config: Path, docs: Path) -> str:
    """The ``site_url`` of the MkDocs configuration, ending in ``/``; ``""`` when none is set."""
    url = load_config(str(config), docs_dir=str(docs.resolve())).site_url or ""
    return url if not url or url.endswith("/") else url + "/"


def is_placeholder(url: str) -> bool:
    """Whether ``url`` is not yet a real public address: empty, relative, a local or private IP address, or under
    a name reserved for examples."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return True
    with contextlib.suppress(ValueError):
        address = ipaddress.ip_address(host)
        return address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified
    return host.rpartition(".")[2] in RESERVED_NAMES or host.removeprefix("www.") in (
        "example.com",
        "example.net",
        "example.org",
    )


PLACEHOLDER_WARNING = (
    "site_url di mkdocs.yml masih alamat contoh ({url}): kode QR di poster desa belum menuju alamat yang "
    "sebenarnya, dan setiap poster menyebutnya. Jalankan dengan SITE_URL=https://alamat-situs/ sebelum mencetak "
    "atau menerbitkan."
)
