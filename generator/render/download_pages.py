"""The download page (``unduh/``) and the API page (``unduh/api/``): what each file holds, its columns, licence.

Both are rendered after the open data is written, since the download page gives each file's size.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from generator import formatting
from generator.model import FOLDERS, Level
from generator.render.data_dictionary import (
    API_FOLDER,
    API_INDEX,
    API_INDEX_SCHEMA,
    API_REGION_SCHEMA,
    HISTORY,
    LEVEL_TABLES,
    OPEN_DATA_FOLDER,
    REGENCY_FOLDER,
    SNAPSHOT,
    Group,
    OpenFile,
    Table,
    api_file,
)
from generator.render.pages import Page, Renderer
from generator.texts import (
    FIGURES_CREDIT,
    OPEN_DATA_LICENCE,
    OPEN_DATA_LICENCE_WHY,
    REGION_DATA_CREDIT,
    REGION_DATA_URL,
)

DOWNLOADS = "unduh/index.md"
"""The shell of the download page (in the navigation)."""
API_SHELL = "unduh/api.md"
"""The shell of the API page."""
LISTED_REGENCIES = 40
"""Kabupaten whose folders the download page lists by name; beyond this, each kabupaten's page links its own."""
TYPES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka desimal (titik)",
    "date": "tanggal (TTTT-BB-HH)",
    "yearmonth": "bulan (TTTT-BB)",
}


def size(value: int) -> str:
    """``2400000`` → ``2,3 MB``."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if value >= scale:
            return f"{formatting.number(round(value / scale, 1))} {unit}"
    return f"{formatting.number(value)} byte"


def _dictionary(table: Table) -> list[list[str]]:
    """The rows of a table's dictionary: column (or group of columns), what it holds, its type."""
    return [[group.label, group.description, _type_of(group)] for group in table.groups]


def _type_of(group: Group) -> str:
    types = sorted({TYPES[column.type] for column in group.columns})
    return ", ".join(types)


def _file_rows(files: list[OpenFile]) -> list[list[object]]:
    """Each file linked, with what it holds (an archive: its month), its rows and its size."""
    rows: list[list[object]] = []
    for file in files:
        name = file.path.removeprefix(OPEN_DATA_FOLDER)
        anchor = Markup('<a href="{}">{}</a>').format(name, name)
        what = formatting.month(dt.date.fromisoformat(file.month + "-01")) if file.month else file.table.title
        cells = [what, anchor] if file.month else [anchor, what]
        rows.append([*cells, formatting.number(file.rows), size(file.size)])
    return rows


def download_page(renderer: Renderer, files: list[OpenFile], package_size: int) -> Page:
    """The download page, given the national files as written and the size of their package."""
    node = renderer.national
    archives = [f for f in files if f.month]
    regencies = [n for n in renderer.regions if n.region.level == Level.KABUPATEN]
    tables = [*(LEVEL_TABLES[level] for level in reversed(Level) if level != Level.PROVINSI or renderer.multi)]
    context = {
        "node": node,
        "root": "../",
        "files": _file_rows([f for f in files if not f.month]),
        "archives": _file_rows(list(reversed(archives))),
        "package_size": size(package_size),
        "regency_folder": REGENCY_FOLDER.removeprefix(OPEN_DATA_FOLDER).format(slug="<kode>"),
        "regencies": [
            (REGENCY_FOLDER.removeprefix(OPEN_DATA_FOLDER).format(slug=n.region.slug), n.region.full_name)
            for n in regencies
        ]
        if len(regencies) <= LISTED_REGENCIES
        else [],
        "dictionaries": [(t.name + ".csv", t.title, _dictionary(t)) for t in [*tables, HISTORY]]
        + [("arsip/desa-TTTT-BB.csv", SNAPSHOT.title, _dictionary(SNAPSHOT))],
        "licence": OPEN_DATA_LICENCE,
        "licence_why": OPEN_DATA_LICENCE_WHY,
        "region_credit": REGION_DATA_CREDIT,
        "region_url": REGION_DATA_URL,
        "figures_credit": FIGURES_CREDIT,
        "address": renderer.site_url + OPEN_DATA_FOLDER,
        "placeholder": renderer.placeholder,
    }
    content = renderer.render("downloads", **context)
    description = "Semua angka cakupan sebagai tabel CSV dan API JSON, dengan penjelasan kolom dan lisensinya."
    return Page(OPEN_DATA_FOLDER, "Unduh data", description, content, DOWNLOADS)


def api_page(renderer: Renderer) -> Page:
    """The page that shows how to fetch the JSON files."""
    base = renderer.site_url or "/"
    examples: list[list[object]] = []
    for level in reversed(Level):
        node = next((n for n in renderer.regions if n.region.level == level), None)
        if node:
            pattern = Markup("<code>{}</code>").format(f"{API_FOLDER}{FOLDERS[level]}/<kode>.json")
            example = Markup('<a href="{}">{}</a>').format(base + api_file(node.region), node.region.full_name)
            examples.append([FOLDERS[level], pattern, example])
    village = next((n for n in renderer.regions if n.region.level == Level.DESA), None)
    context = {
        "node": renderer.national,
        "root": "../../",
        "base": base,
        "index": base + API_INDEX,
        "examples": examples,
        "example": base + (api_file(village.region) if village else API_INDEX),
        "schema": base + API_REGION_SCHEMA,
        "index_schema": base + API_INDEX_SCHEMA,
        "address": renderer.site_url + OPEN_DATA_FOLDER + "api/",
        "placeholder": renderer.placeholder,
    }
    content = renderer.render("api", **context)
    description = "Angka cakupan setiap wilayah sebagai berkas JSON: alamat, isi, skema, contoh."
    return Page(OPEN_DATA_FOLDER + "api/", "API data (JSON)", description, content, API_SHELL)
