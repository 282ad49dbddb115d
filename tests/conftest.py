"""Shared fixtures: a copy of the project in a temporary folder, and one built default site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Paths, build_site
from tests.helpers import ROOT, Figures, copy_project, figures


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    """A fresh, unbuilt copy of the project."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def sample() -> Figures:
    """The figures of the built-in data, read from its files: what the tests expect pages to show."""
    return figures(ROOT / "data")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The default site, built once for the whole session from the built-in data."""
    paths = copy_project(tmp_path_factory.mktemp("default"))
    build_site(paths)
    return paths
