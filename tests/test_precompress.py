"""The compressed copies beside the site's text files (``write/precompress.py``), which nginx sends as they are."""

from __future__ import annotations

import gzip
import os

import brotli

from generator.write.precompress import LEFT_TO_NGINX, POSTER, SMALLEST, TEXT_SUFFIXES, precompress
from generator.write.publish import publish_changes


def test_every_text_file_of_the_built_site_has_both_copies_with_its_own_bytes(built):
    def left_to_nginx(path):
        return path.relative_to(built.site).parts[0] in LEFT_TO_NGINX or POSTER in path.parts

    texts = [p for p in built.site.rglob("*") if p.suffix in TEXT_SUFFIXES and p.stat().st_size >= SMALLEST]
    left = [p for p in texts if left_to_nginx(p)]
    assert {".html", ".json", ".csv"} <= {p.suffix for p in left}  # posters, the API, the open data
    assert not any(p.with_name(p.name + ".gz").exists() or p.with_name(p.name + ".br").exists() for p in left)
    texts = [p for p in texts if not left_to_nginx(p)]
    assert len(texts) > 150
    assert {".html", ".css", ".js", ".json", ".xml"} <= {p.suffix for p in texts}  # badges (.svg) are under 1 KB
    for path in texts:
        data = path.read_bytes()
        gzipped = path.with_name(path.name + ".gz")
        assert gzip.decompress(gzipped.read_bytes()) == data, gzipped
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
        assert gzipped.stat().st_mtime_ns == path.stat().st_mtime_ns  # nginx dates the copy as the file
    small = [p for p in built.site.rglob("*") if p.is_file() and p.stat().st_size < SMALLEST]
    assert small and not any(p.with_name(p.name + ".gz").exists() for p in small)
    pictures = list(built.site.rglob("*.png"))
    assert pictures and not any(p.with_name(p.name + ".gz").exists() for p in pictures)


def test_copies_are_the_same_bytes_whenever_they_are_made(tmp_path):
    page = tmp_path / "halaman.html"
    page.write_text("<p>Desa Contoh</p>\n" * 200, encoding="utf-8")
    precompress(tmp_path)
    first = (tmp_path / "halaman.html.gz").read_bytes(), (tmp_path / "halaman.html.br").read_bytes()
    os.utime(page, (1, 1))
    precompress(tmp_path)
    assert ((tmp_path / "halaman.html.gz").read_bytes(), (tmp_path / "halaman.html.br").read_bytes()) == first


def test_a_large_file_over_many_processes_is_compressed_like_in_one(tmp_path):
    for n in range(450):
        (tmp_path / f"{n}.json").write_text(f'{{"angka": {n}}}' * 100, encoding="utf-8")
    one = precompress(tmp_path)
    two = precompress(tmp_path, processes=2)
    assert one.files == two.files == 450 and one.gzip_size == two.gzip_size and one.brotli_size == two.brotli_size


def test_a_republished_file_that_lost_its_copies_loses_the_published_ones(tmp_path):
    site, fresh = tmp_path / "site", tmp_path / "baru"
    for folder, text in ((site, "lama " * 300), (fresh, "baru")):
        (folder / "unduh").mkdir(parents=True)
        (folder / "unduh" / "desa.csv").write_text(text, encoding="utf-8")
    (site / "unduh" / "desa.csv.gz").write_bytes(gzip.compress(b"lama " * 300))
    (site / "unduh" / "desa.csv.br").write_bytes(brotli.compress(b"lama " * 300))
    publish_changes(fresh, site, {"unduh"})  # the new file came without copies (it shrank under SMALLEST, say)
    assert (site / "unduh" / "desa.csv").read_text(encoding="utf-8").startswith("baru")
    assert not (site / "unduh" / "desa.csv.gz").exists() and not (site / "unduh" / "desa.csv.br").exists()
