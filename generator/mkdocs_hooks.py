"""MkDocs hook used only by ``python -m generator serve``: restage the pages before each rebuild."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.build import Paths, stage


def on_pre_build(config: Any, **kwargs: Any) -> None:
    """When serving, regenerate the staged pages so edits to data/ or docs/ show up."""
    setting = os.environ.get("GENERATOR_SERVE")
    if not setting:
        return
    data, docs, staged = (Path(p) for p in setting.split(os.pathsep))
    stage(
        Paths(
            data=data, docs=docs, staged=staged, site=Path(config["site_dir"]), config=Path(config["config_file_path"])
        )
    )
