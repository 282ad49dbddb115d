"""Texts the site shows in several places, written once: the sample-data banner, the hidden-count mark, the
mark of an unconfirmed fact."""

from __future__ import annotations

from markupsafe import Markup

SAMPLE_TITLE = "Data contoh, bukan data resmi"
SAMPLE_TEXT = Markup(
    "Angka kepesertaan dan klaim di halaman ini adalah <strong>data contoh</strong> untuk uji coba situs, "
    "bukan data resmi BPJS Ketenagakerjaan."
)
SAMPLE_WORDS = "data contoh"
"""Said after a figure wherever it travels without the banner: badges, share messages, titles."""
SAMPLE_BANNER = f'!!! warning "{SAMPLE_TITLE}"\n    {SAMPLE_TEXT}\n'
"""The sample-data banner of a hand-written Markdown page; generated pages show the same title and text."""

HIDDEN_MARK = "•"
"""What a reader sees in place of a count the disclosure rule hides."""
HIDDEN_WORD = "disembunyikan"
"""What a screen reader says in its place (it would read the mark as "bullet"), and what the legend explains."""
HIDDEN = Markup(f'<span aria-hidden="true">{HIDDEN_MARK}</span><span class="sr-only">{HIDDEN_WORD}</span>')
"""A hidden count in HTML."""
HIDDEN_BAR = f"{HIDDEN_MARK} {HIDDEN_WORD}"
"""A chart's label where a bar is left out because its count is hidden."""

UNCERTAIN = "belum dipastikan"
UNCERTAIN_MARK = f" ({UNCERTAIN})"
"""After the value of a fact not yet confirmed by an official source."""
UNCERTAIN_HTML = Markup(f" <em>({UNCERTAIN})</em>")
UNCERTAIN_NOTE = f"Angka bertanda *({UNCERTAIN})* belum kami temukan di sumber resmi; pastikan ke BPJS Ketenagakerjaan."
