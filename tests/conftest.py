"""Shared fixtures: a copy of the project in a temporary folder, and one built default site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import Paths, build_site

ROOT = Path(__file__).resolve().parent.parent


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


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    """A fresh, unbuilt copy of the project."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The default site, built once for the whole session from the built-in data."""
    paths = copy_project(tmp_path_factory.mktemp("default"))
    build_site(paths)
    return paths
