"""Render tools/pratinjau.html to docs/assets/pratinjau.png, the site's link-preview image (1200 × 630).

    .venv/bin/python tools/pratinjau.py

Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM), driven by Playwright as in the browser tests.
The screenshot is then made a palette PNG with pngquant and squeezed with optipng, when they are
installed (`apt-get install pngquant optipng`; without them the PNG is several times larger).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "pratinjau.html"
TARGET = ROOT / "docs" / "assets" / "pratinjau.png"
SIZE = {"width": 1200, "height": 630}


def main() -> int:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=SIZE, device_scale_factor=1)
        page.goto(SOURCE.as_uri())
        page.screenshot(path=TARGET, clip={"x": 0, "y": 0, **SIZE})
        browser.close()
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--strip", "--quality=70-95", "--output", TARGET, TARGET],
            check=False,  # exit 98/99: the quantized file would be larger or worse; the screenshot stays
        )
    else:
        print("pngquant is not installed: the PNG stays full colour", file=sys.stderr)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", "-strip", "all", TARGET], check=True)
    print(f"{TARGET.relative_to(ROOT)}: {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
