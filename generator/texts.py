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

STATUSES = {
    "tercapai": "Target tercapai",
    "menuju": "Menuju target",
    "mulai": "Baru mulai",
    "belum": "Belum ada data",
}
"""A region's figures against its target, as pages and open data name them (pages put ✓ before the first)."""
REACHED_MARK = "✓ "

SAMPLE_DATA_NOTE = (
    "DATA CONTOH: angka kepesertaan dan klaim ini dibuat untuk uji coba situs, bukan data resmi BPJS Ketenagakerjaan."
)
"""Said at the top of every open-data package, API file and download page while the figures are sample data."""

REGION_DATA_CREDIT = "Kode dan nama wilayah: idn-area-data 4.0.1 (fityannugroho/idn-area-data), dari kode wilayah Kemendagri, lisensi ODbL 1.0"
REGION_DATA_URL = "https://github.com/fityannugroho/idn-area-data"
FIGURES_CREDIT = "Angka kepesertaan dan klaim: data program 1 Desa 100 Pekerja Rentan yang dihimpun pengelola situs ini"
OPEN_DATA_LICENCE = {
    "name": "ODbL-1.0",
    "title": "Open Data Commons Open Database License 1.0",
    "url": "https://opendatacommons.org/licenses/odbl/1-0/",
}
OPEN_DATA_LICENCE_WHY = (
    "Lisensinya ODbL 1.0 karena setiap tabel memuat kode dan nama wilayah dari idn-area-data, yang berlisensi ODbL: "
    "basis data turunannya wajib memakai lisensi yang sama dan menyebut sumbernya."
)
