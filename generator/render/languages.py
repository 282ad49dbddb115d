"""English pages beside the Indonesian ones: ``docs/en/manfaat.md`` is the English ``docs/manfaat.md``.

A page and its counterpart in the other language are found by their path; staging writes into the front
matter of both where the other one is (``alternate``) and, for an English page, its language
(``language: en``). The templates read them: ``overrides/partials/language.html`` gives an English page
Material's English interface and ``<html lang="en">``, ``overrides/main.html`` the language switch and the
``hreflang`` links.
"""

from __future__ import annotations

from generator.formatting import ENGLISH, LOCALE

ENGLISH_FOLDER = "en/"
FRONT_MATTER = "---\n"


def locale_of(name: str) -> str:
    """The language of a staged page by its path: ``en/manfaat.md`` is English."""
    return ENGLISH if name.startswith(ENGLISH_FOLDER) else LOCALE


def counterpart(name: str, names: set[str]) -> str | None:
    """The same page in the other language, if there is one: ``manfaat.md`` ↔ ``en/manfaat.md``."""
    other = name.removeprefix(ENGLISH_FOLDER) if locale_of(name) == ENGLISH else ENGLISH_FOLDER + name
    return other if other in names else None


def page_url(name: str) -> str:
    """The address of a Markdown page below the site's root: ``en/manfaat.md`` → ``en/manfaat/``,
    ``en/index.md`` → ``en/``."""
    path = name.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    return path if not path or path.endswith("/") else path + "/"


def with_language(text: str, name: str, names: set[str]) -> str:
    """A page's Markdown with its language and its counterpart's address in its front matter."""
    keys = []
    if locale_of(name) == ENGLISH:
        keys.append(f"language: {ENGLISH}")
    if other := counterpart(name, names):
        keys.append(f'alternate: "{page_url(other)}"')
    if not keys:
        return text
    lines = "\n".join(keys) + "\n"
    if text.startswith(FRONT_MATTER):
        return FRONT_MATTER + lines + text.removeprefix(FRONT_MATTER)
    return f"{FRONT_MATTER}{lines}---\n\n{text}"
