"""Small readers for built HTML pages, used by the end-to-end tests."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.resources.append(values["src"] or "")
        if tag == "link" and values.get("href") and values.get("rel") in ("stylesheet", "preload", "icon", "manifest"):
            self.resources.append(values["href"] or "")
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


class _Blocks(HTMLParser):
    """The text of every heading, paragraph, list, list item, table and table row of a page's article, in order."""

    KINDS = ("h2", "p", "ul", "ol", "li", "table", "tr", "summary")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[str]]] = []
        self._open: list[tuple[str, list[str]]] = []
        self._in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_article = self._in_article or tag == "article"
        if self._in_article and tag in self.KINDS:
            self._open.append((tag, []))
            self.blocks.append(self._open[-1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, parts in self._open:
            parts.append(data)


def page_blocks(path: Path) -> list[tuple[str, str]]:
    """The text of each section heading, paragraph, list, list item, table, table row and FAQ question in a page's
    article, each with its tag, whitespace folded; an element's text includes that of the elements inside it."""
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return [(tag, " ".join("".join(parts).split())) for tag, parts in parser.blocks]


def read_page(path: Path) -> _Collector:
    """Parse a built page: its tables (rows of cell texts), links, loaded resources and text."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def page_text(path: Path) -> str:
    """The visible text of a page, whitespace folded."""
    return " ".join(" ".join(read_page(path).text).split())


def finder_records(site: Path) -> dict[str, list[str]]:
    """Every record of the place finder by the address it leads to."""
    records = {}
    for shard in (site / "cari" / "nama").glob("*.json"):
        records.update((r[2], r) for r in json.loads(shard.read_text(encoding="utf-8")))
    return records
