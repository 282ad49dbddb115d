"""Publishing is atomic and reproducible: a killed build never leaves a half-written site."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import generator.build
import generator.write.shell
from generator.build import build_site
from tests.helpers import copy_project, start_generator


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start_build(cwd: Path) -> subprocess.Popen[bytes]:
    return start_generator("build", cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_whole_new_one(tmp_path):
    paths = copy_project(tmp_path / "proyek")
    build_site(paths)
    old = tree(paths.site)
    claims = paths.data / "klaim.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",JKK,2025-04,1,", ",JKK,2025-04,2,", 1))
    expected_new = copy_project(tmp_path / "pembanding")
    (expected_new.data / "klaim.csv").write_bytes(claims.read_bytes())
    build_site(expected_new)
    new = tree(expected_new.site)
    assert new != old

    outcomes = []
    for delay in (0.1, 0.5, 0.9, 1.3, 1.6, 1.9, 2.2, 2.5):
        process = start_build(paths.config.parent)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = tree(paths.site)
        assert now in (old, new), f"site/ half-written after SIGKILL at {delay} s"
        outcomes.append("new" if now == new else "old")
    assert "old" in outcomes  # the kills did land before publishing

    assert start_build(paths.config.parent).wait() == 0  # the next build works
    assert tree(paths.site) == new
    assert not (tmp_path / "proyek" / ".site.baru").exists()


def test_two_builds_at_different_times_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    build_site(first)
    time.sleep(1.1)
    for page in second.docs.rglob("*.md"):
        os.utime(page)  # newer modification times must not matter either
    build_site(second)
    assert tree(first.site) == tree(second.site)
    sitemap = (first.site / "sitemap-1.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-10-31</lastmod>" in sitemap  # dated by the data, not by the clock


def test_source_date_epoch_is_honoured(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    build_site(project)
    assert "<lastmod>2026-01-01</lastmod>" in (project.site / "sitemap.xml").read_text()
    assert "01 Jan 2026 00:00:00" in (project.site / "feed_rss_created.xml").read_text()


def test_pages_written_by_two_processes_equal_those_written_by_one(tmp_path, monkeypatch):
    one, two = copy_project(tmp_path / "satu"), copy_project(tmp_path / "dua")
    monkeypatch.setattr(generator.build.os, "cpu_count", lambda: 1)
    build_site(one)
    monkeypatch.setattr(generator.build.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(generator.write.shell, "MIN_PAGES_PER_WORKER", 1)
    build_site(two)
    assert tree(one.site) == tree(two.site)
