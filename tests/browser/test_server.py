"""What only the real server gives, seen by the browser: a village website embedding the badge (allowed by the
badge's ``frame-ancestors *``) but not a whole page of the site (``frame-ancestors 'self'``)."""

from __future__ import annotations

import functools
import http.server
import threading

from tests.browser.conftest import PHONE

VILLAGE = "desa/6310012005/"


def test_a_village_website_shows_the_badge_but_cannot_frame_the_page(browser, site_url, tmp_path):
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Situs desa</title><img id="gambar" src="{site_url}{VILLAGE}lencana.svg" alt="lencana">'
        f'<iframe src="{site_url}{VILLAGE}lencana.svg"></iframe><iframe src="{site_url}{VILLAGE}"></iframe>',
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    website = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # another origin: another port
    threading.Thread(target=website.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"http://localhost:{website.server_port}/", wait_until="load")
        assert page.eval_on_selector("#gambar", "img => img.complete && img.naturalWidth") == 320
        badge = next(frame for frame in page.frames if frame.url.endswith("lencana.svg"))
        assert badge.locator("title").first.text_content().startswith("Desa Segumbang")
        urls = [frame.url for frame in page.frames]
        assert site_url + VILLAGE not in urls and "chrome-error://chromewebdata/" in urls  # the page refused
    finally:
        context.close()
        website.shutdown()
        website.server_close()
