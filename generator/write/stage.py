"""Writing the pages MkDocs reads: the only module that writes Markdown to disk.

The generator owns one folder (``build/docs`` by default). It holds a rendered copy
of every hand-written page from ``docs/``, the shells the generated pages are poured
into (``generator/write/shell.py``), and MkDocs builds from it.
Hand-written pages are only ever read; one at the address of a generated page or
file is an error, never an overwrite.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.formatting import ENGLISH, LOCALE
from generator.model import FOLDERS
from generator.problems import GeneratorError
from generator.render.claim_guide import FOLDER as CLAIM_GUIDE
from generator.render.claim_guide import render_guide
from generator.render.download_pages import API_SHELL, DOWNLOADS
from generator.render.english_overview import english_overview
from generator.render.languages import counterpart, locale_of, with_language
from generator.render.pages import ENGLISH_OVERVIEW, OVERVIEW, REGION_SHELL, UPDATES, Renderer
from generator.render.prose import PageError, facts_named, render_prose
from generator.write.shell import shell_markdown

RESERVED = {*FOLDERS.values(), "cakupan", "unduh", "cari", "api", CLAIM_GUIDE}
"""Top folders of generated pages and files; hand-written pages may not live there."""
log = logging.getLogger("generator")
SENTINEL = ".dibuat-oleh-generator"
"""File that marks a folder as the generator's own, so it may be emptied and rewritten."""


def render_all(renderer: Renderer, docs: Path) -> dict[str, bytes]:
    """Every file of the staged docs folder: rendered hand-written pages, assets and shells."""
    data = renderer.data
    generated = {
        REGION_SHELL: shell_markdown(),
        OVERVIEW: shell_markdown("Cakupan program"),
        UPDATES: shell_markdown("Pembaruan data"),
        DOWNLOADS: shell_markdown("Unduh data"),
        API_SHELL: shell_markdown("API data (JSON)"),
    }
    generated[ENGLISH_OVERVIEW] = english_overview(renderer)
    summaries = {locale: renderer.summary(locale) for locale in (LOCALE, ENGLISH)}
    files: dict[str, bytes] = {}
    sources = sorted(p for p in docs.rglob("*") if p.is_file())
    pages = {p.relative_to(docs).as_posix() for p in sources if p.suffix == ".md"}
    facts_shown: dict[str, set[str]] = {}
    for path in sources:
        name = path.relative_to(docs).as_posix()
        if name in generated or name.split("/")[0] in RESERVED:
            raise GeneratorError(
                f"{path} adalah halaman tulisan tangan di alamat yang dipakai halaman buatan generator; pindahkan atau ganti namanya"
            )
        if path.suffix == ".md":
            locale, source = locale_of(name), path.read_text(encoding="utf-8")
            facts_shown[name] = facts_named(source, data.facts.facts)
            try:
                text = render_prose(source, str(path), data, summaries[locale], locale=locale)
            except PageError as error:
                raise GeneratorError(str(error)) from None
            files[name] = with_language(text, name, pages).encode()
        else:
            files[name] = path.read_bytes()
    try:
        generated.update(render_guide(data, summaries[LOCALE]))
    except PageError as error:
        raise GeneratorError(str(error)) from None
    files.update((name, text.encode()) for name, text in generated.items())
    _warn_of_stale_translations(docs, facts_shown, pages)
    return files


def _warn_of_stale_translations(docs: Path, facts_shown: dict[str, set[str]], pages: set[str]) -> None:
    """Warn staff of an English page that does not show the facts its Indonesian page shows: the Indonesian one
    was changed and the English one not yet (the build goes on; both pages are right about what they say)."""
    for name in sorted(pages):
        original = counterpart(name, pages) if locale_of(name) == ENGLISH else None
        if original is None:
            continue
        missing, extra = facts_shown[original] - facts_shown[name], facts_shown[name] - facts_shown[original]
        if missing or extra:
            log.warning(
                "%s: halaman Inggris ini mungkin belum mengikuti %s; fakta yang hanya ada di halaman Indonesia: %s; "
                "hanya di halaman Inggris: %s",
                docs / name,
                docs / original,
                ", ".join(sorted(missing)) or "-",
                ", ".join(sorted(extra)) or "-",
            )


def write_folder(folder: Path, files: dict[str, bytes]) -> int:
    """Make ``folder`` hold exactly ``files``; only changed files are written. Returns how many were written."""
    if folder.exists() and any(folder.iterdir()) and not (folder / SENTINEL).exists():
        raise GeneratorError(f"{folder} bukan folder milik generator (tidak ada {SENTINEL}); tidak disentuh")
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / SENTINEL).exists():
        (folder / SENTINEL).write_text(
            "Folder ini dibuat ulang setiap kali situs dibangun. Jangan menyunting isinya.\n"
        )
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != SENTINEL and name not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    written = 0
    for name, content in files.items():
        target = folder / name
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written += 1
    return written
