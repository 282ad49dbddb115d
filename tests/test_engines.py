"""ProperDocs (the default) and MkDocs 1.6 build the same site: every file alike, but for the generator named in
each page's ``<meta name="generator">`` (``generator/__init__.py``)."""

from __future__ import annotations

import gzip
import io
import re
import zipfile

import brotli

from generator import ENGINE
from tests.helpers import copy_project, generator_env, run_generator

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')
DECODE = {".gz": gzip.decompress, ".br": brotli.decompress}


def unzipped(data: bytes) -> bytes:
    """An offline bundle's entries, one after another with their names."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(name.encode() + b"\n" + archive.read(name) for name in archive.namelist())


DECODE[".zip"] = unzipped


def content(path) -> bytes:
    """A file's bytes, decompressed if it is a compressed copy or a bundle, with the generator's name taken out."""
    data = path.read_bytes()
    return GENERATOR_META.sub(b"", DECODE.get(path.suffix, bytes)(data))


def test_properdocs_and_mkdocs_build_the_same_site(built, tmp_path):
    assert ENGINE == "properdocs"  # the tests, like `make site`, build with ProperDocs
    other = copy_project(tmp_path / "mkdocs")
    done = run_generator("build", cwd=other.config.parent, env={**generator_env(), "GENERATOR_ENGINE": "mkdocs"})
    assert done.returncode == 0, done.stderr
    assert "tahap: generator" in done.stderr and " mkdocs " in done.stderr.split("tahap:")[1]

    ours = {p.relative_to(built.site) for p in built.site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other.site) for p in other.site.rglob("*") if p.is_file()}
    assert ours == theirs
    differ = [name for name in sorted(ours) if (built.site / name).read_bytes() != (other.site / name).read_bytes()]
    assert differ and all(name.suffix in (".html", ".gz", ".br", ".zip") for name in differ)
    assert [name for name in differ if content(built.site / name) != content(other.site / name)] == []

    page = (built.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="mkdocs-ProperDocs 1\.6\.\d+, mkdocs-material-', page)
    page = (other.site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="mkdocs-1\.6\.\d+, mkdocs-material-', page)


def test_an_unknown_engine_is_named_in_a_clear_error(tmp_path):
    done = run_generator("check", cwd=tmp_path, env={**generator_env(), "GENERATOR_ENGINE": "sphinx"})
    assert done.returncode != 0 and "GENERATOR_ENGINE='sphinx'" in done.stderr and "Traceback" not in done.stderr
