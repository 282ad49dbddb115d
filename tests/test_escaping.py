"""Text from data shows as the same plain text: never markup, HTML, links or attributes.

Python-Markdown and MkDocs escape nothing, so every data text goes through
``markdown_text``. The property below renders arbitrary text in each place the
templates put data text, through Python-Markdown with the site's own extensions,
and checks that the HTML has exactly the structure of a harmless placeholder and
the text itself, unchanged.
"""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from html.parser import HTMLParser
from xml.etree import ElementTree

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.build import build_site
from generator.formatting import markdown_text
from tests.helpers import ROOT
from tests.htmltools import finder_records, page_text, read_page

HOSTILE = [
    "Pulo Lon / Pulo Dayah",
    "Regapu’u",
    "Matang Glumpang Dua Mns. Timu (X)",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "| kolom | palsu |",
    "{{ ringkasan.peserta }}",
    '{: onclick="alert(1)" }',
    "**tebal** _miring_ `kode` ~~coret~~",
    "# judul\n- daftar",
    "&amp; &lt; &#60;",
    "<!-- komentar -->",
    "\x02klzzwxh:0000\x03",
    "1. nomor",
    "    empat spasi",
    "Desa\tSatu\r\nDua",
    "[^1]: catatan kaki",
    '!!! warning "x"',
    "<div markdown>*a*</div>",
]
PLACEHOLDER = "QQQ"
CONTEXTS = {
    "paragraf": "Teks {x} di sini.",
    "judul": "# {x}",
    "tabel": "| Nama | Peserta |\n|:--|--:|\n| {x} | 12 |\n| [{x}](../desa/1.md) | 3 |",
    "tautan": "[{x}](../desa/1.md) dan **{x}**",
    "daftar": "- {x}, {x}\n- telepon **{x}**",
    "remah": '<nav class="remah" aria-label="Letak halaman" markdown>\n[{x}](../a.md) › {x}\n</nav>',
}


def _markdown() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))  # build/docs may not exist yet
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


MD = _markdown()


class _Structure(HTMLParser):
    """Tags with their attributes, and the text, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(k, v) for k, v in attrs if k != "id"]))  # heading ids follow the text

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("!--", [("isi", data)]))


def structure(source: str) -> tuple[list[tuple[str, list[tuple[str, str | None]]]], str]:
    parser = _Structure()
    parser.feed(MD.reset().convert(source))
    return parser.tags, "".join(parser.text)


def shown_as(text: str) -> str:
    """What a reader should see: the text with runs of white space folded and control characters dropped."""
    visible = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(visible.split())


def check_shows_as_plain_text(value: str, context: str) -> None:
    template = CONTEXTS[context]
    expected_tags, expected_text = structure(template.format(x=PLACEHOLDER))
    tags, rendered_text = structure(template.format(x=markdown_text(value)))
    assert tags == expected_tags
    assert rendered_text == expected_text.replace(PLACEHOLDER, shown_as(value))


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_and_quirky_names_show_as_themselves(value, context):
    check_shows_as_plain_text(value, context)


@settings(max_examples=300, deadline=None)
@given(
    value=st.text(
        alphabet=st.one_of(st.sampled_from("<>&\"'`*_{}[]()#+-.!|:~^=\\/@%$;?\t\n \x02\x03"), st.characters()),
        min_size=1,
        max_size=40,
    ).filter(lambda text: shown_as(text).strip() and PLACEHOLDER not in text),
    context=st.sampled_from(sorted(CONTEXTS)),
)
def test_any_text_shows_as_itself(value, context):
    check_shows_as_plain_text(value, context)


VILLAGE = '<script>alert(1)</script> [x](javascript:alert(1)) | {{ ringkasan.peserta }} {: onclick="alert(1)" }'
DISTRICT = "Pulo Lon / Pulo Dayah"
OTHERS = {"63.10.01.2006": "Regapu’u", "63.10.01.1007": "Matang Glumpang Dua Mns. Timu (X)"}
CONTACT = "**tebal** <b onclick=x>Pak RT</b> & [wa](https://wa.me/1)"
OFFICE = ["<img src=x onerror=alert(1)>", "kantor_cabang", "63.10", "Jl. A_b_c #1", "+62 812|345", "`kode` {: #x }"]


def _rewrite(path, change):
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    rows = [change(row) for row in rows]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)


def test_hostile_names_survive_a_real_mkdocs_build_as_plain_text(project):
    names = {"63.10.01.2005": VILLAGE, "63.10.01": DISTRICT, **OTHERS}
    _rewrite(project.data / "wilayah.csv", lambda row: [row[0], names.get(row[0], row[1])])
    _rewrite(project.data / "program_desa.csv", lambda row: [*row[:4], CONTACT] if row[0] == "63.10.01.2005" else row)
    _rewrite(project.data / "kantor.csv", lambda row: OFFICE if row[1] == "kantor_cabang" else row)
    build_site(project)

    village = project.site / "desa" / "6310012005" / "index.html"
    html_text = village.read_text(encoding="utf-8")
    page = read_page(village)
    text = page_text(village)
    for shown in (f"Desa {VILLAGE}", f"Kecamatan {DISTRICT}", CONTACT, *OFFICE[:1], *OFFICE[3:]):
        assert shown in text
    for chart in ("Peserta terdaftar per bulan", "Peserta menurut pekerjaan dan jenis kelamin"):  # SVG <title>s
        assert f"{chart}, Desa {VILLAGE}" in text
        assert f"{chart}, Kecamatan {DISTRICT}" in page_text(project.site / "kecamatan" / "631001" / "index.html")
    title = re.search(r"<title>(.*?)</title>", html_text, re.DOTALL)
    preview = re.search(r'<meta property="og:title" content="([^"]*)"', html_text)
    assert title and html.unescape(title.group(1)).startswith(f"Desa {VILLAGE}, Kecamatan {DISTRICT}")
    assert preview and html.unescape(preview.group(1)).startswith(f"Desa {VILLAGE}, Kecamatan {DISTRICT}")
    tags = _Structure()
    tags.feed(html_text)
    assert not [(tag, name) for tag, attrs in tags.tags for name, _ in attrs if name.startswith("on")]
    images = [dict(attrs).get("src") for tag, attrs in tags.tags if tag == "img"]
    assert images == ["lencana.svg"]  # the village's own badge, and no image from a name
    assert not [tag for tag, _ in tags.tags if tag in ("b", "iframe")]
    assert not [link for link in page.links if link.startswith(("javascript:", "https://wa.me/1"))]
    assert "<script>alert" not in html_text
    _village_files_show_names_as_text(village.parent)

    district = read_page(project.site / "kecamatan" / "631001" / "index.html")
    cells = [row[0] for row in district.tables[0]]
    assert {VILLAGE, *OTHERS.values()} <= set(cells)

    records = finder_records(project.site)
    assert records["desa/6310012005/"][:2] == [
        f"Desa {VILLAGE}",
        f"Kecamatan {DISTRICT}, Kabupaten Tanah Bumbu, Kalimantan Selatan",
    ]


def _village_files_show_names_as_text(folder):
    """The poster (HTML) and the badge (SVG, parsed as XML) show the names as text, with no tag of theirs."""
    poster = (folder / "poster" / "index.html").read_text(encoding="utf-8")
    assert f"Desa {VILLAGE}" in page_text(folder / "poster" / "index.html")
    assert CONTACT in page_text(folder / "poster" / "index.html")
    assert OFFICE[0] in page_text(folder / "poster" / "index.html")
    tags = _Structure()
    tags.feed(poster)
    assert not [tag for tag, _ in tags.tags if tag in ("script", "img", "b", "iframe")]
    assert not [(tag, name) for tag, attrs in tags.tags for name, _ in attrs if name.startswith("on")]
    badge = ElementTree.parse(folder / "lencana.svg").getroot()
    texts = [element.text for element in badge.iter() if element.text]
    assert f"Desa {VILLAGE}" in texts
    assert {element.tag.rpartition("}")[2] for element in badge.iter()} == {"svg", "title", "rect", "text"}
