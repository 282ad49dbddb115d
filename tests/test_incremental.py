"""A rebuild after a change redoes only what the change touches, and equals a full build of the same data."""

from __future__ import annotations

import dataclasses
import re
import shutil
import signal
import time
from pathlib import Path

from generator.build import Builder, Paths, build_site
from generator.compute.aggregate import build_tree
from generator.compute.protection import protect
from generator.model import Region
from generator.read.dataset import load_dataset
from generator.sample import write_sample
from tests.helpers import ROOT, WILAYAH, copy_project, needs_wilayah, row_of, set_cell, start_generator
from tests.test_publish import tree

SEGUMBANG = "63.10.01.2005"


def edit_row(path: Path, starts: str, column: int, value: str) -> None:
    """Set one cell of the last row of a CSV file that starts with ``starts``."""
    set_cell(path, row_of(path, starts), column, value)


def full_build_of(paths: Paths, folder: Path) -> dict[str, str]:
    """The site a full build makes from the same data in another folder."""
    other = copy_project(folder)
    shutil.rmtree(other.data)
    shutil.copytree(paths.data, other.data)
    build_site(other)
    return tree(other.site)


def first_build(tmp_path: Path) -> tuple[Paths, Builder]:
    """A copy of the project, built once by a Builder that will rebuild it."""
    paths = copy_project(tmp_path / "proyek")
    builder = Builder(paths)
    builder.build()
    return paths, builder


def inode(paths: Paths, url: str) -> int:
    return (paths.site / url / "index.html").stat().st_ino


def test_one_village_changed_rewrites_its_pages_and_equals_a_full_build(tmp_path):
    paths, builder = first_build(tmp_path)
    untouched = inode(paths, "desa/6310011028/")
    edit_row(paths.data / "kepesertaan.csv", SEGUMBANG, 2, "40")  # petani_l of its latest snapshot

    builder.build()

    assert tree(paths.site) == full_build_of(paths, tmp_path / "penuh")
    # the village, the kecamatan and kabupaten pages, the overview and updates pages, and villages whose
    # hidden cells moved; every other village page stays as published
    written, kept = builder.last["ditulis"], builder.last["tetap"]
    assert written <= 1 + 10 + 1 + 2 + 5, written
    assert written + kept == len(builder.published.pages.regions) + 2
    assert inode(paths, "desa/6310011028/") == untouched  # left as published, not written again
    assert "40" in (paths.site / "desa/6310012005/index.html").read_text(encoding="utf-8")


def a_small_count_that_moves_hidden_cells(data_dir: Path) -> tuple[str, str]:
    """A village whose men farmers, set to 1, make the rule hide cells in another village: (village, that other)."""
    data = load_dataset(data_dir)
    before = protect(build_tree(data), data.threshold).hidden
    for code, rows in sorted(data.snapshots.items()):
        if rows[-1].counts[0] < data.threshold:
            continue
        changed = dataclasses.replace(rows[-1], counts=(1, *rows[-1].counts[1:]))
        data.snapshots[code] = [*rows[:-1], changed]
        after = protect(build_tree(data), data.threshold).hidden
        data.snapshots[code] = rows
        others = [v for v in data.snapshots if v != code and before.of(v) != after.of(v)]
        if others:
            return code, others[0]
    raise AssertionError("no small count in the data moves hidden cells into another village")


def test_a_small_count_that_hides_cells_of_another_village_rewrites_that_village_too(tmp_path):
    paths, builder = first_build(tmp_path)
    village, other = a_small_count_that_moves_hidden_cells(paths.data)
    page = paths.site / Region(other, "").url / "index.html"
    neighbour = page.read_bytes()
    edit_row(paths.data / "kepesertaan.csv", village + ",", 2, "1")  # its men farmers become 1

    builder.build()

    assert page.read_bytes() != neighbour  # secondary suppression moved
    assert tree(paths.site) == full_build_of(paths, tmp_path / "penuh")


def test_a_change_every_page_shows_is_a_full_rebuild(tmp_path):
    paths, builder = first_build(tmp_path)
    offices = paths.data / "kantor.csv"
    offices.write_text(offices.read_text(encoding="utf-8").replace("Batulicin", "Batu Licin"), encoding="utf-8")

    builder.build()

    assert builder.last["tetap"] == 0
    assert tree(paths.site) == full_build_of(paths, tmp_path / "penuh")


def test_a_site_another_build_published_meanwhile_gets_a_full_build(tmp_path):
    paths, builder = first_build(tmp_path)
    participation = paths.data / "kepesertaan.csv"
    original = participation.read_bytes()
    edit_row(participation, SEGUMBANG, 2, "40")
    build_site(paths)  # another process, say `make site`, publishes other figures
    participation.write_bytes(original)  # back to the data this builder last published

    builder.build()

    assert builder.last["tetap"] == 0
    assert tree(paths.site) == full_build_of(paths, tmp_path / "penuh")


def test_nothing_changed_keeps_every_region_page(tmp_path):
    paths, builder = first_build(tmp_path)
    before = tree(paths.site)
    builder.build()
    assert builder.last["ditulis"] == 2  # the overview and updates pages are always rendered
    assert tree(paths.site) == before


@needs_wilayah
def test_other_provinces_are_kept_when_a_kabupaten_file_changes(tmp_path):
    paths = copy_project(tmp_path / "proyek")
    shutil.rmtree(paths.data)
    write_sample(WILAYAH, paths.data, {"63.10", "11.01"}, months=12, per_regency=True)
    shutil.copy(ROOT / "data" / "fakta.yaml", paths.data)
    builder = Builder(paths)
    builder.build()
    aceh = sorted(p.parent.relative_to(paths.site).as_posix() + "/" for p in paths.site.glob("*/11*/index.html"))
    before = {url: inode(paths, url) for url in aceh}
    assert any(url.startswith("desa/11") for url in aceh)
    aceh_files = [
        *paths.site.glob("unduh/kabupaten/1101/*"),
        *paths.site.glob("api/v1/*/11*.json"),
        paths.site / "unduh/offline/1101.zip",  # the home page's national figures are not in other bundles
    ]
    files_before = {path: path.stat().st_ino for path in aceh_files}
    national = (paths.site / "unduh" / "desa.csv").read_bytes()
    edit_row(paths.data / "kepesertaan" / "63.10.csv", SEGUMBANG, 3, "7")

    builder.build()

    assert {url: inode(paths, url) for url in aceh} == before  # the other province: every page left as published
    assert {path: path.stat().st_ino for path in aceh_files} == files_before  # and its open data and API files
    assert len(files_before) > 4 and (paths.site / "unduh" / "desa.csv").read_bytes() != national
    assert tree(paths.site) == full_build_of(paths, tmp_path / "penuh")


def wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_pantau_rebuilds_when_a_data_file_changes_and_shows_staff_a_problem_until_it_is_fixed(tmp_path):
    paths = copy_project(tmp_path / "proyek")
    page = paths.site / "desa/6310012005/index.html"
    report = paths.staged.parent / "masalah-data.html"
    with open(tmp_path / "log", "wb") as log:
        process = start_generator("pantau", cwd=paths.config.parent, stdout=log, stderr=log)
        try:
            wait_for(page.exists)
            before = page.read_bytes()
            edit_row(paths.data / "kepesertaan.csv", SEGUMBANG, 2, "40")
            wait_for(lambda: page.read_bytes() != before)
            rebuilt = page.read_bytes()
            edit_row(paths.data / "kepesertaan.csv", SEGUMBANG, 2, "4O")  # a letter O typed for a zero
            wait_for(lambda: report.exists() and "kepesertaan.csv:" in report.read_text("utf-8"))
            assert ":petani_l: galat" in report.read_text("utf-8")
            assert page.read_bytes() == rebuilt  # the published site stays as it was
            edit_row(paths.data / "kepesertaan.csv", SEGUMBANG, 2, "41")
            wait_for(lambda: "Data sudah benar" in report.read_text("utf-8"))
            wait_for(lambda: page.read_bytes() != rebuilt)
        finally:
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 0
    builds = re.findall(r"(\d+) halaman wilayah: (\d+) ditulis, (\d+) tetap", (tmp_path / "log").read_text("utf-8"))
    assert builds[0][2] == "0" and int(builds[-1][2]) > 0  # a full build, then a rebuild that kept pages
