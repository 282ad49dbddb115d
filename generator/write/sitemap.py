"""The sitemap: every page of the site, split into files of at most 50,000 addresses under one index."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from generator.write.shell import REGION_SHELL_URL

PER_FILE = 50_000
"""The sitemap protocol's limit of addresses per file."""


def write_sitemaps(site: Path, base_url: str, generated: list[str], lastmod: str) -> int:
    """Replace MkDocs' sitemap with an index of sitemap files covering its pages and the generated ones.

    Returns the number of sitemap files written (the index not counted).
    """
    built = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    urls = list(dict.fromkeys([*built, *(base_url + url for url in generated)]))
    urls = [url for url in urls if not url.endswith("/" + REGION_SHELL_URL)]
    parts = [urls[start : start + PER_FILE] for start in range(0, len(urls), PER_FILE)]
    for number, part in enumerate(parts, start=1):
        entries = "".join(f"<url><loc>{escape(url)}</loc><lastmod>{lastmod}</lastmod></url>\n" for url in part)
        _write(site / f"sitemap-{number}.xml", "urlset", entries)
    index = "".join(
        f"<sitemap><loc>{escape(base_url)}sitemap-{number}.xml</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
        for number in range(1, len(parts) + 1)
    )
    _write(site / "sitemap.xml", "sitemapindex", index)
    (site / "sitemap.xml.gz").unlink(missing_ok=True)
    return len(parts)


def _write(path: Path, root: str, entries: str) -> None:
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</{root}>\n",
        encoding="utf-8",
    )
