"""MkDocs hooks used only by ``python -m generator serve``: restage before each rebuild, add generated pages after.

A data problem while serving (a typo saved in ``data/``) does not stop the preview: the problems are printed as a
build prints them, the preview keeps the last good pages and shows the problem list at the top of every page, and
the next save that fixes it brings the pages back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from generator.build import Paths, Staged, stage, write_generated
from generator.formatting import markdown_text
from generator.problems import GeneratorError, problem_lines

_staged: Staged | None = None
_problems: list[str] = []
"""The problems of the last attempt to stage, shown on every page until a save fixes them."""
PROBLEMS_TITLE = "Data bermasalah: pratinjau ini masih memakai data terakhir yang benar"


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """When serving, regenerate the staged pages so edits to data/ or docs/ show up."""
    global _staged, _problems
    setting = os.environ.get("GENERATOR_SERVE")
    if not setting:
        return
    data, docs, staged = (Path(p) for p in setting.split(os.pathsep))
    paths = Paths(data, docs, staged, Path(config["site_dir"]), Path(config["config_file_path"]))
    try:
        _staged, _problems = stage(paths, site_url=config["site_url"] or ""), []
    except GeneratorError as error:  # the staged pages of the last good data stay
        _problems = problem_lines(error)
        print("\n".join(_problems), file=sys.stderr, flush=True)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """While the data has problems, every page starts with their list (file, row, column, what was expected)."""
    if not _problems:
        return markdown
    listed = "\n".join(f"    - {markdown_text(line)}" for line in _problems)
    return f'!!! failure "{PROBLEMS_TITLE}"\n\n{listed}\n\n{markdown}'


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Pour the generated pages into the shells MkDocs has just built."""
    if _staged is not None:
        write_generated(Path(config["site_dir"]), _staged, config["site_url"] or "/")
