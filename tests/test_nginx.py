"""The shipped nginx configuration (``deploy/nginx/``), run by Debian's nginx on loopback over the built site:
the compressed copies sent as they are, caching, security headers, types, the 404 page and forwards."""

from __future__ import annotations

import gzip
import http.client
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from tests.nginx import nginx

VILLAGE = "desa/6310012005/"


class Server:
    def __init__(self, address: str) -> None:
        self.host, self.port = urlsplit(address).hostname or "", urlsplit(address).port or 80

    def get(self, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body


@pytest.fixture(scope="module")
def server(built, tmp_path_factory) -> Iterator[Server]:
    with nginx(built.site.resolve(), tmp_path_factory.mktemp("nginx")) as address:
        yield Server(address)


def policy(response: http.client.HTTPResponse) -> dict[str, str]:
    """The Content-Security-Policy as directive → sources."""
    text = response.getheader("Content-Security-Policy") or ""
    rules = [part.strip().partition(" ") for part in text.split(";") if part.strip()]
    return {name: sources for name, _, sources in rules}


def test_a_page_is_sent_as_its_precompressed_copy_in_brotli_or_gzip(server, built):
    """Pages, styles and scripts; the API and the open data are compressed as they are sent."""
    page = built.site / VILLAGE / "index.html"
    for encoding, suffix, decode in (("br", ".br", brotli.decompress), ("gzip", ".gz", gzip.decompress)):
        response, body = server.get("/" + VILLAGE, Accept_Encoding=f"{encoding}")
        assert response.status == 200 and response.getheader("Content-Encoding") == encoding
        assert body == page.with_name("index.html" + suffix).read_bytes()  # the copy itself, not compressed anew
        assert decode(body) == page.read_bytes()
        assert response.getheader("Vary") == "Accept-Encoding"
    response, body = server.get("/" + VILLAGE)
    assert response.getheader("Content-Encoding") is None and body == page.read_bytes()
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"


def test_a_page_is_kept_five_minutes_then_revalidated_and_fingerprinted_assets_a_year(server, built):
    response, _ = server.get("/" + VILLAGE, Accept_Encoding="gzip")
    assert response.getheader("Cache-Control") == "public, max-age=300, must-revalidate"
    again, body = server.get("/" + VILLAGE, Accept_Encoding="gzip", If_None_Match=response.getheader("ETag"))
    assert again.status == 304 and body == b""
    styles = next((built.site / "assets" / "stylesheets").glob("main.*.min.css")).name
    response, _ = server.get(f"/assets/stylesheets/{styles}")
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    response, _ = server.get("/assets/situs.css")  # not fingerprinted: an hour
    assert response.getheader("Cache-Control") == "public, max-age=3600"
    response, _ = server.get("/api/v1/index.json")
    assert response.getheader("Cache-Control") == "public, max-age=300, must-revalidate"


def test_pages_carry_a_policy_that_allows_only_the_site_itself(server):
    response, _ = server.get("/" + VILLAGE)
    rules = policy(response)
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == rules["style-src"] == rules["connect-src"] == "'self'"
    assert rules["frame-ancestors"] == "'self'" and rules["base-uri"] == "'none'"
    assert "unsafe-inline" not in response.getheader("Content-Security-Policy", "")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response.getheader("Permissions-Policy", "")
    assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert response.getheader("Server") == "nginx"  # no version


def test_the_badge_may_be_embedded_anywhere_and_the_data_read_from_anywhere(server):
    response, body = server.get(f"/{VILLAGE}lencana.svg")
    assert response.getheader("Content-Type") == "image/svg+xml; charset=utf-8" and body.startswith(b"<svg")
    assert policy(response) == {"default-src": "'none'", "frame-ancestors": "*"}
    assert response.getheader("X-Frame-Options") is None
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert response.getheader("Cross-Origin-Resource-Policy") == "cross-origin"
    for path, kind in (("/api/v1/index.json", "application/json"), ("/unduh/desa.csv", "text/csv")):
        response, _ = server.get(path)
        assert response.getheader("Content-Type") == f"{kind}; charset=utf-8", path
        assert response.getheader("Access-Control-Allow-Origin") == "*", path
    response, _ = server.get("/" + VILLAGE)
    assert response.getheader("Access-Control-Allow-Origin") is None


def test_addresses_without_the_last_slash_forward_and_unknown_ones_get_the_sites_404_page(server, built):
    response, _ = server.get("/" + VILLAGE.rstrip("/"))
    assert response.status == 301 and response.getheader("Location") == "/" + VILLAGE
    response, body = server.get("/desa/9999999999/")
    assert response.status == 404
    assert body == (built.site / "404.html").read_bytes()
    assert "<h1>Halaman tidak ditemukan</h1>" in body.decode() and 'href="/cakupan/"' in body.decode()
    assert response.getheader("Content-Security-Policy")
    response, _ = server.get("/unduh/cakupan-desa.csv")  # the village table's old name
    assert response.status == 301 and response.getheader("Location") == "/unduh/desa.csv"


def test_the_sitemap_feeds_and_their_stylesheet_have_their_types(server, built):
    response, body = server.get("/sitemap.xml")
    assert response.getheader("Content-Type") == "text/xml; charset=utf-8" and b"<sitemapindex" in body
    for sitemap in re.findall(r"<loc>[^<]*/(sitemap-\d+\.xml)</loc>", body.decode()):
        response, _ = server.get("/" + sitemap)
        assert response.status == 200 and response.getheader("Content-Type") == "text/xml; charset=utf-8"
    response, _ = server.get("/feed_rss_created.xml")
    assert response.getheader("Content-Type") == "text/xml; charset=utf-8"
    response, _ = server.get("/rss.xsl")
    assert response.getheader("Content-Type") == "text/xsl; charset=utf-8"


def test_a_file_without_a_copy_is_compressed_as_it_is_sent(tmp_path):
    site = tmp_path / "situs"
    (site / "unduh").mkdir(parents=True)
    table = "kode_desa,peserta\n" + "".join(f"63.10.01.{n:04d},{n % 150}\n" for n in range(300_000))
    (site / "unduh" / "besar.csv").write_text(table, encoding="utf-8")  # in unduh/: no copy
    with nginx(site.resolve(), tmp_path / "nginx") as address:
        response, body = Server(address).get("/unduh/besar.csv", Accept_Encoding="gzip")
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).decode() == table and len(body) < len(table) / 4


def test_the_shipped_file_is_what_the_tests_serve():
    shipped = Path(__file__).parents[1] / "deploy" / "nginx" / "1desa100pekerjarentan.conf"
    text = shipped.read_text(encoding="utf-8")
    assert re.search(r"(?m)^\s*root /srv/1desa100pekerjarentan/current;$", text)  # the link `terbitkan` switches
    assert "brotli_static on;" in text and "gzip_static on;" in text
