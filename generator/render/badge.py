"""The badge of a village, ``desa/<kode>/lencana.svg``: its figure in a small picture for village websites.

A standalone SVG under 2 KB, drawn with the reader's own fonts, whose ``<title>`` says the figure in words
for screen readers. Village websites show it with the snippet on the village page (``render/sharing.py``).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator import formatting
from generator.compute.aggregate import Coverage
from generator.render.sharing import headline
from generator.render.tables import bar_width
from generator.texts import SAMPLE_WORDS

BADGE = "lencana.svg"
"""The badge's file name in its village's folder."""
WIDTH, HEIGHT = 320, 84
SIZE = (WIDTH, HEIGHT)
NAME_FITS = 30
"""Characters of a name that fit the badge's width in bold 15 px; a longer name is narrowed to fit."""
GREEN, DARK_GREEN, GREY = "#2e7d32", "#1b5e20", "#424242"  # the site's colours (assets/situs.css)


def badge(node: Coverage, sample: bool) -> str:
    """The SVG of a village's badge."""
    name = node.region.full_name
    fit = f' textLength="{WIDTH - 20}" lengthAdjust="spacingAndGlyphs"' if len(name) > NAME_FITS else ""
    if node.data_date is None:
        figure, when = "Belum ada data kepesertaan", ""
    else:
        figure = f"{formatting.number(node.enrolled)} dari {formatting.number(node.target)} pekerja rentan terlindungi"
        when = f"data per {formatting.date(node.data_date)}"
    if sample:
        when += f" · {SAMPLE_WORDS.upper()}" if when else SAMPLE_WORDS.upper()
    filled = round((WIDTH - 20) * bar_width(node.enrolled, node.target) / 100)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="judul" font-family="Roboto,Arial,sans-serif" lang="id">'
        f'<title id="judul">{escape(headline(node, sample))}</title>'
        f'<rect x=".5" y=".5" width="{WIDTH - 1}" height="{HEIGHT - 1}" rx="6" fill="#fff" stroke="{DARK_GREEN}"/>'
        f'<text x="10" y="17" font-size="11" fill="{GREY}">1 Desa 100 Pekerja Rentan · BPJS Ketenagakerjaan</text>'
        f'<text x="10" y="36" font-size="15" font-weight="bold" fill="#000"{fit}>{escape(name)}</text>'
        f'<text x="10" y="53" font-size="12" fill="#000">{escape(figure)}</text>'
        f'<rect x="10" y="59" width="{WIDTH - 20}" height="6" fill="#e0e0e0"/>'
        f'<rect x="10" y="59" width="{filled}" height="6" fill="{GREEN}"/>'
        f'<text x="10" y="78" font-size="10" fill="{GREY}">{escape(when)}</text>'
        "</svg>\n"
    )
