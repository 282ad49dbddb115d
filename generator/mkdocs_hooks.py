"""MkDocs hooks used only by ``python -m generator serve``: restage before each rebuild, add generated pages after."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.build import Paths, Staged, stage, write_generated

_staged: Staged | None = None


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """When serving, regenerate the staged pages so edits to data/ or docs/ show up."""
    global _staged
    setting = os.environ.get("GENERATOR_SERVE")
    if not setting:
        return
    data, docs, staged = (Path(p) for p in setting.split(os.pathsep))
    paths = Paths(data, docs, staged, Path(config["site_dir"]), Path(config["config_file_path"]))
    _staged = stage(paths, site_url=config["site_url"] or "")


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Pour the generated pages into the shells MkDocs has just built."""
    if _staged is not None:
        write_generated(Path(config["site_dir"]), _staged, config["site_url"] or "/")
