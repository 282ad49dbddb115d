"""The static JSON API, version 1: one file per region page, an index, and the JSON Schema of both.

``api/v1/desa/6310012005.json`` (and ``kecamatan/``, ``kabupaten/``, ``provinsi/``) holds a region's figures as
its page shows them, with the same names as the open-data columns (``render/data_dictionary.py``), its monthly
history, and its parent and children with links; ``api/v1/index.json`` holds the whole site's figures and links
to the top regions. Field names do not change within v1: a new field may be added, none renamed or removed.

A region's file is written with its page, in the same worker process, and kept with it by a rebuild.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.compute.aggregate import Coverage
from generator.model import FOLDERS, Level
from generator.render.data_dictionary import (
    API_FOLDER,
    API_INDEX,
    API_INDEX_SCHEMA,
    API_PAGE,
    API_REGION_SCHEMA,
    API_VERSION,
    HIDDEN_COLUMN,
    LEVEL_TABLES,
    Column,
    api_file,
)
from generator.render.open_records import Records, Value, figures
from generator.render.pages import Renderer
from generator.texts import OPEN_DATA_LICENCE, REGION_DATA_CREDIT, SAMPLE_DATA_NOTE
from generator.write.data_package import json_bytes
from generator.write.village_files import write_file


def _figure_columns(level: Level) -> list[Column]:
    """The columns of a level's table that go under ``angka``: all but the codes and names it starts with
    (two for the region itself and two for each region it lies in)."""
    return LEVEL_TABLES[level].columns[2 * level :]


def _plain(value: Value) -> int | str | float | None:
    return float(value) if isinstance(value, Decimal) else value


class Api:
    """Writes the API files of one renderer's regions."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.records = Records(renderer.published)
        self.base = renderer.site_url or "/"
        self.with_page = {node.region.code for node in renderer.regions}
        self.head = _head(renderer)
        self.months = [month.isoformat()[:7] for month in renderer.tree.months]
        self.folders: set[str] = set()
        """Folders this writer has made (one per level), so that a file is one system call."""

    def link(self, node: Coverage) -> dict[str, Any]:
        """How a file names another region: level, code, name and the addresses of its file and page."""
        region = node.region
        return {
            "tingkat": FOLDERS[region.level],
            "kode": region.code,
            "nama": region.full_name,
            "api": self.base + api_file(node.region),
            "halaman": self.base + region.url,
        }

    def region(self, node: Coverage, row: list[Value] | None = None) -> bytes:
        """A region's file; ``row`` is its row (:meth:`Records.row`), if already made."""
        level = node.region.level
        row = (row or self.records.row(node))[2 * level :]
        figures: dict[str, Any] = dict(zip(_NAMES[level], row, strict=True))
        figures["persen"] = _plain(figures["persen"])
        figures[HIDDEN_COLUMN] = str(row[-1] or "").split()
        parent = self.renderer.tree.by_code.get(node.region.parent_code or "")
        return json_bytes(
            self.head
            | self.link(node)
            | {
                "data_per": figures["data_per"],
                "angka": figures,
                "riwayat": [{"bulan": m, "peserta": n} for m, n in zip(self.months, node.history, strict=True)],
                "induk": self.link(parent) if parent and parent.region.code in self.with_page else None,
                "anak": [self.link(child) | _headline(child) for child in node.children],
            }
        )

    def write(self, site: Path, node: Coverage, row: list[Value] | None = None) -> None:
        path = f"{site}/{api_file(node.region)}"
        folder = path.rpartition("/")[0]
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        write_file(path, self.region(node, row))


_FIGURES = {level: _figure_columns(level) for level in Level}
_NAMES = {level: [column.name for column in columns] for level, columns in _FIGURES.items()}


def _headline(node: Coverage) -> dict[str, Any]:
    target, enrolled, percent, status, when = figures(node)
    return {"target": target, "peserta": enrolled, "persen": _plain(percent), "status": status, "data_per": when}


def _head(renderer: Renderer) -> dict[str, Any]:
    """What every file starts with: the version, whether the figures are sample data, the licence."""
    base = renderer.site_url or "/"
    return {
        "versi_api": API_VERSION,
        "data_contoh": renderer.data.sample,
        "catatan": SAMPLE_DATA_NOTE if renderer.data.sample else None,
        "lisensi": OPEN_DATA_LICENCE["name"],
        "sumber_wilayah": REGION_DATA_CREDIT,
        "penjelasan": base + API_PAGE,
    }


def write_index(site: Path, renderer: Renderer) -> int:
    """The index file, and the schemas beside it; returns the files written."""
    api = Api(renderer)
    national = renderer.national
    highest = min(node.region.level for node in renderer.regions)
    top = [node for node in renderer.regions if node.region.level == highest]
    index = api.head | {
        "nama": "Cakupan 1 Desa 100 Pekerja Rentan",
        "data_per": national.data_date.isoformat() if national.data_date else None,
        "angka": _headline(national)
        | {"jumlah_desa": national.villages, "desa_capai_target": national.villages_at_target},
        "alamat": {
            FOLDERS[level]: api.base + API_FOLDER + FOLDERS[level] + "/{kode_tanpa_titik}.json"
            for level in sorted({node.region.level for node in renderer.regions}, reverse=True)
        },
        "skema": {"wilayah": api.base + API_REGION_SCHEMA, "index": api.base + API_INDEX_SCHEMA},
        "anak": [api.link(node) | _headline(node) for node in top],
    }
    files = {API_INDEX: index, API_REGION_SCHEMA: region_schema(api.base), API_INDEX_SCHEMA: index_schema(api.base)}
    for path, content in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(json_bytes(content))
    return len(files)


_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}


def _property(column: Column) -> dict[str, Any]:
    """A column as a JSON Schema property; a column that may be empty may be ``null``."""
    if column.type == "integer":
        schema: dict[str, Any] = {"type": "integer", "minimum": 0}
    elif column.type == "number":
        schema = {"type": "number", "minimum": 0}
    elif column.type == "date":
        schema = dict(_DATE)
    elif column.type == "yearmonth":
        schema = dict(_MONTH)
    else:
        schema = {"type": "string"} | ({"enum": list(column.enum)} if column.enum else {})
    schema["description"] = column.description
    if not column.required:
        schema = {"anyOf": [schema, {"type": "null"}], "description": column.description}
    return schema


def _strict(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _link_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return _strict(
        {"tingkat": {"enum": list(FOLDERS.values())}, "kode": text, "nama": text, "api": text, "halaman": text},
        ["tingkat", "kode", "nama", "api", "halaman"],
    )


def _headline_schema() -> dict[str, Any]:
    columns = {c.name: c for c in LEVEL_TABLES[Level.DESA].columns}
    return {name: _property(columns[name]) for name in ("target", "peserta", "persen", "status", "data_per")}


def _head_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "versi_api": {"const": API_VERSION},
        "data_contoh": {"type": "boolean", "description": "Benar selama angka ini data contoh, bukan data resmi"},
        "catatan": {"type": ["string", "null"]},
        "lisensi": text,
        "sumber_wilayah": text,
        "penjelasan": text,
    }


def region_schema(base: str) -> dict[str, Any]:
    """The JSON Schema of a region's file."""
    hidden = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Nama angka yang dikosongkan (null) oleh aturan angka kecil",
    }
    by_level = {}  # every figure of the level present, with null where the value may be empty
    for level in Level:
        figures = {column.name: _property(column) for column in _FIGURES[level]} | {HIDDEN_COLUMN: hidden}
        by_level[FOLDERS[level]] = _strict(figures, list(figures))
    link = _link_schema()
    child = _strict(link["properties"] | _headline_schema(), link["required"] + ["target", "peserta", "status"])
    month = _strict({"bulan": _MONTH, "peserta": {"type": "integer", "minimum": 0}}, ["bulan", "peserta"])
    properties = _head_schema() | link["properties"]
    properties |= {
        "data_per": {"anyOf": [_DATE, {"type": "null"}]},
        "angka": {"type": "object", "description": "Angka wilayah ini; isinya menurut tingkat, lihat allOf"},
        "riwayat": {"type": "array", "items": month},
        "induk": {"anyOf": [link, {"type": "null"}]},
        "anak": {"type": "array", "items": child},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base + API_REGION_SCHEMA,
        "title": "Berkas wilayah API 1 Desa 100 Pekerja Rentan, versi 1",
        **_strict(properties, list(properties)),
        "allOf": [
            {"if": {"properties": {"tingkat": {"const": folder}}}, "then": {"properties": {"angka": figures}}}
            for folder, figures in by_level.items()
        ],
    }


def index_schema(base: str) -> dict[str, Any]:
    """The JSON Schema of the index file."""
    link = _link_schema()
    child = _strict(link["properties"] | _headline_schema(), link["required"] + ["target", "peserta", "status"])
    count = {"type": "integer", "minimum": 0}
    figures = _strict(_headline_schema() | {"jumlah_desa": count, "desa_capai_target": count}, ["target", "peserta"])
    text = {"type": "string"}
    properties = _head_schema() | {
        "nama": text,
        "data_per": {"anyOf": [_DATE, {"type": "null"}]},
        "angka": figures,
        "alamat": _strict({folder: text for folder in FOLDERS.values()}, ["desa", "kecamatan", "kabupaten"]),
        "skema": _strict({"wilayah": text, "index": text}, ["wilayah", "index"]),
        "anak": {"type": "array", "items": child},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": base + API_INDEX_SCHEMA,
        "title": "Indeks API 1 Desa 100 Pekerja Rentan, versi 1",
        **_strict(properties, list(properties)),
    }
