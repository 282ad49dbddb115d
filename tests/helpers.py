"""What many tests share: where things are, how to run the generator as staff do, and a marker for tests that need
the national regions dataset beside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.build import Paths

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""
WILAYAH = ROOT.parent / "shared" / "wilayah"
"""All Indonesian regions (../shared/wilayah), for national-scale and multi-regency tests."""
needs_wilayah = pytest.mark.skipif(not WILAYAH.exists(), reason="../shared/wilayah is not beside the checkout")


def generator_command(*args: str) -> list[str]:
    """``python -m generator ARGS`` with this checkout's interpreter."""
    return [sys.executable, "-m", "generator", *args]


def generator_env() -> dict[str, str]:
    """The environment a command runs in: this one, with this checkout's generator importable."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_generator(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator ARGS`` in ``cwd`` and return what it printed and its exit status."""
    return subprocess.run(
        generator_command(*args), cwd=cwd, capture_output=True, text=True, env=generator_env(), **options
    )


def start_generator(*args: str, cwd: Path, **options: Any) -> subprocess.Popen[Any]:
    """Start ``python -m generator ARGS`` in ``cwd`` in the background."""
    return subprocess.Popen(generator_command(*args), cwd=cwd, env=generator_env(), **options)


def copy_project(target: Path) -> Paths:
    """Copy data/, docs/, overrides/ and mkdocs.yml into ``target``; return the paths of a build there."""
    for folder in ("data", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return Paths(
        data=target / "data",
        docs=target / "docs",
        staged=target / "build" / "docs",
        site=target / "site",
        config=target / "mkdocs.yml",
    )
