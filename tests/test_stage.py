"""Staging: the generator owns one folder and never writes to hand-written pages."""

import pytest

from generator.build import renderer_of
from generator.problems import GeneratorError
from generator.read.dataset import load_dataset
from generator.write.stage import SENTINEL, render_all, write_folder


def test_write_folder_writes_only_changes_and_removes_stale_files(tmp_path):
    folder = tmp_path / "staged"
    assert write_folder(folder, {"a.md": b"a", "sub/b.md": b"b"}) == 2
    assert write_folder(folder, {"a.md": b"a", "sub/b.md": b"b"}) == 0
    assert write_folder(folder, {"a.md": b"A"}) == 1
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [SENTINEL, "a.md"]


def test_write_folder_refuses_a_folder_it_does_not_own(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("tulisan tangan")
    with pytest.raises(GeneratorError, match="bukan folder milik generator"):
        write_folder(tmp_path / "docs", {"a.md": b"a"})
    assert (tmp_path / "docs" / "index.md").read_text() == "tulisan tangan"


def test_hand_written_page_at_a_generated_address_stops_the_build(project):
    (project.docs / "desa").mkdir()
    page = project.docs / "desa" / "6310012005.md"
    page.write_text("# Halaman desa buatan sendiri\n")
    with pytest.raises(GeneratorError, match="tulisan tangan"):
        render_all(renderer_of(load_dataset(project.data)), project.docs)
    assert page.read_text() == "# Halaman desa buatan sendiri\n"
