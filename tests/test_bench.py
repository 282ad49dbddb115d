"""Smoke test of `make bench` at a small scale: it runs and prints its table; no timing is checked."""

import re
import subprocess
import sys

from tests.helpers import ROOT, needs_wilayah

ROWS = [
    "villages",
    "make data (s)",
    "generate (s)",
    "ProperDocs / MkDocs build (s)",
    "write generated pages (s)",
    "audit of hidden cells: work, all processes (s)",
    "cells hidden by the audit",
    "QR codes: work in a background process (s)",
    "QR codes: waited for after MkDocs (s)",
    "posters and badges: work, all processes (s)",
    "posters and badges (files)",
    "posters and badges (MB)",
    "open data: national files, after the pages (s)",
    "open data (files)",
    "open data (MB)",
    "API files: work, all processes (s)",
    "API files (files)",
    "API files (MB)",
    "precompressed copies: time (s)",
    "precompressed copies: files compressed",
    "precompressed copies: gzip (MB)",
    "precompressed copies: brotli (MB)",
    "offline bundles per kabupaten: time (s)",
    "offline bundles (files)",
    "offline bundles (MB)",
    "total wall (s)",
    "peak memory (MB, PSS)",
    "output size (MB)",
    "files",
    "bytes per village page",
    "download to open a village page (KB gz)",
    "download to search (KB gz)",
    "rebuild after one village changed, until published (s)",
    "rebuild, until ready for the next change (s)",
    "pages written by that rebuild",
    "kabupaten open-data folders written by that rebuild",
    "first deploy of the whole site to a release folder (s)",
    "deploy after one village changed (s)",
    "files that rebuild changed",
    "files that deploy sent",
    "peak memory, build then rebuilds (MB, PSS)",
]


@needs_wilayah
def test_benchmark_prints_its_table_and_the_ratio_last(tmp_path):
    command = [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--villages", "300", "--repeat", "1"]
    result = subprocess.run([*command, "--work", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    labels = [line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ")]
    assert labels == ["measure", *ROWS]
    assert re.fullmatch(r"ratio_vs_plain_mkdocs=\d+\.\d\d", result.stdout.splitlines()[-1])
    assert (tmp_path / "result.md").read_text(encoding="utf-8").strip() == result.stdout.strip()
    rows = [line.split("|") for line in result.stdout.splitlines() if line.startswith("| ")]
    cells = {row[1].strip(): row[2].strip() for row in rows}
    assert cells["files that deploy sent"] == cells["files that rebuild changed"] != "0"  # only the changed files
    assert cells["offline bundles (files)"] not in ("–", "0")  # the sample data asks for them
