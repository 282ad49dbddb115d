"""Installing the generator prints no packaging warning (setuptools warns at length about a package's data
folders, licence tables and in-place installs when the project is not described as it asks)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.helpers import ROOT


def test_the_package_builds_without_a_warning_and_carries_its_templates(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines() if "Warning" in line or "!!" in line]
    assert said == []
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/render/templates/html/village.html.j2" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)
