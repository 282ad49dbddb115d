"""Texts the site shows in several places, written once: the sample-data banner, the hidden-count mark, the
mark of an unconfirmed fact."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.formatting import ENGLISH, LOCALE

SAMPLE_TITLE = "Data contoh, bukan data resmi"
SAMPLE_TEXT = Markup(
    "Angka kepesertaan dan klaim di halaman ini adalah <strong>data contoh</strong> untuk uji coba situs, "
    "bukan data resmi BPJS Ketenagakerjaan."
)
SAMPLE_WORDS = "data contoh"
"""Said after a figure wherever it travels without the banner: badges, share messages, titles."""


def _banner(title: str, text: str) -> str:
    return f'!!! warning "{title}"\n    {text}\n'


SAMPLE_BANNER = _banner(SAMPLE_TITLE, SAMPLE_TEXT)
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
UNCERTAIN_ENGLISH = "not yet confirmed"


@dataclass(frozen=True)
class FactMarks:
    """What follows a fact's value: unconfirmed; ended (on a date; and what holds now); not yet in force."""

    uncertain: str
    ended: str
    ended_now: str
    starts: str


FACT_MARKS = {
    LOCALE: FactMarks(
        UNCERTAIN_MARK,
        " (berlaku sampai {}, sudah berakhir)",
        " (berlaku sampai {}, sudah berakhir; kini: {})",
        " (mulai berlaku {})",
    ),
    ENGLISH: FactMarks(
        f" ({UNCERTAIN_ENGLISH})", " (until {}, now ended)", " (until {}, now ended; now: {})", " (from {})"
    ),
}
UNCERTAIN_HTML = Markup(f" <em>({UNCERTAIN})</em>")
UNCERTAIN_NOTE = f"Angka bertanda *({UNCERTAIN})* belum kami temukan di sumber resmi; pastikan ke BPJS Ketenagakerjaan."

SAMPLE_TITLE_ENGLISH = "Sample data, not official figures"
SAMPLE_TEXT_ENGLISH = Markup(
    "The participation and claims figures on this page are <strong>sample data</strong> for testing the site, "
    "not official figures of BPJS Ketenagakerjaan."
)


@dataclass(frozen=True)
class ProseTexts:
    """What a hand-written page gets around its own text, in its language: the sample banner, the sources."""

    sample_banner: str
    sources_heading: str
    checked: str
    """After one source: when it was checked (``{}``: the date)."""
    all_checked: str
    """Below the sources, when all were checked on one date."""
    uncertain_note: str


PROSE_TEXTS = {
    LOCALE: ProseTexts(
        SAMPLE_BANNER,
        "Sumber angka di halaman ini",
        " Diperiksa {}.",
        "Kami terakhir mencocokkan angka-angka ini dengan sumbernya pada {}.",
        UNCERTAIN_NOTE,
    ),
    ENGLISH: ProseTexts(
        _banner(SAMPLE_TITLE_ENGLISH, SAMPLE_TEXT_ENGLISH),
        "Sources of the figures on this page",
        " Checked on {}.",
        "We last checked these figures against their sources on {}.",
        f"Figures marked *({UNCERTAIN_ENGLISH})* are not yet found in an official source; check with BPJS "
        "Ketenagakerjaan.",
    ),
}

STATUSES = {
    "tercapai": "Target tercapai",
    "menuju": "Menuju target",
    "mulai": "Baru mulai",
    "belum": "Belum ada data",
}
"""A region's figures against its target, as pages and open data name them (pages put ✓ before the first)."""
STATUSES_ENGLISH = {
    "tercapai": "Target reached",
    "menuju": "Halfway or more",
    "mulai": "Less than halfway",
    "belum": "No figures yet",
}
"""The same statuses on the English overview of the coverage."""
REGIONS_COUNTED = {LOCALE: "{} wilayah", ENGLISH: "{} regions"}
"""Where the hand-written pages' headline figures come from, when the data holds more than one top region."""
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
