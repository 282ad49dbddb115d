"""Frictionless Data Packages (``datapackage.json``) describing the open-data files, with their Table Schemas.

The national package (``unduh/datapackage.json``) lists the national files; each kabupaten folder has a package of
its own, so a kabupaten's portal (CKAN, Satu Data) can take just its files. Types, constraints, keys and
descriptions come from the one dictionary of ``render/data_dictionary.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from generator.compute.aggregate import Coverage
from generator.model import FOLDERS, Level
from generator.render.data_dictionary import LEVEL_TABLES, OPEN_DATA_FOLDER, SNAPSHOT, Column, OpenFile, Table
from generator.render.pages import Renderer
from generator.texts import (
    FIGURES_CREDIT,
    OPEN_DATA_LICENCE,
    OPEN_DATA_LICENCE_WHY,
    REGION_DATA_CREDIT,
    REGION_DATA_URL,
    SAMPLE_DATA_NOTE,
)

PACKAGE = "datapackage.json"
ARCHIVE_SCHEMA = "skema/arsip-desa.json"
"""The one Table Schema of every monthly archive, beside the national package (the archives' resources name it)."""
LICENCE = {"name": OPEN_DATA_LICENCE["name"], "path": OPEN_DATA_LICENCE["url"], "title": OPEN_DATA_LICENCE["title"]}
PARENT_KEYS = {
    Level.DESA: Level.KECAMATAN,
    Level.KECAMATAN: Level.KABUPATEN,
    Level.KABUPATEN: Level.PROVINSI,
}


def field_of(column: Column) -> dict[str, Any]:
    """A column as a Table Schema field."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.enum:
        constraints["enum"] = list(column.enum)
    described = {"name": column.name, "type": column.type, "description": column.description}
    return described | ({"constraints": constraints} if constraints else {})


def schema_of(table: Table, foreign: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The table's Table Schema; ``foreign`` keys as (column, resource, column of that resource)."""
    schema: dict[str, Any] = {
        "fields": [field_of(column) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.key),
    }
    if foreign:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": resource, "fields": [theirs]}}
            for column, resource, theirs in foreign
        ]
    return schema


def _resource(file: OpenFile, path: str, foreign: list[tuple[str, str, str]]) -> dict[str, Any]:
    table = file.table
    title = table.title + (f", {file.month}" if file.month else "")
    return {
        "name": file.name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": file.size,
        "schema": ARCHIVE_SCHEMA if table is SNAPSHOT else schema_of(table, foreign),
    }


def _foreign(file: OpenFile, present: set[str]) -> list[tuple[str, str, str]]:
    """A level table's reference to the table of the level above, when its package has it (``present``)."""
    level = next((lv for lv, t in LEVEL_TABLES.items() if t is file.table), None)
    upper = PARENT_KEYS.get(level) if level else None
    if upper is None or FOLDERS[upper] not in present:
        return []
    return [(f"kode_{FOLDERS[upper]}", FOLDERS[upper], f"kode_{FOLDERS[upper]}")]


def _package(
    name: str, title: str, files: list[OpenFile], folder: str, renderer: Renderer, when: dt.date | None
) -> dict[str, Any]:
    """A package of ``files`` (paths from the site root, written relative to ``folder``), dated ``when``."""
    present = {file.name for file in files}
    data = renderer.data
    description = (
        "Angka program 1 Desa 100 Pekerja Rentan seperti yang tampil di halaman situs: hanya jumlah, "
        "tanpa nama atau NIK, dengan angka kecil dikosongkan (kolom disembunyikan). " + OPEN_DATA_LICENCE_WHY
    )
    if data.sample:
        description = SAMPLE_DATA_NOTE + " " + description
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title + (" (DATA CONTOH)" if data.sample else ""),
        "description": description,
        "data_contoh": data.sample,
        "version": "1.0.0",
        "created": dt.datetime.combine(when or dt.date(2000, 1, 1), dt.time(), dt.UTC).isoformat(),
        "licenses": [LICENCE],
        "sources": [
            {"title": REGION_DATA_CREDIT, "path": REGION_DATA_URL},
            {"title": FIGURES_CREDIT + (" (data contoh)" if data.sample else "")},
        ],
        "resources": [_resource(f, f.path.removeprefix(folder), _foreign(f, present)) for f in files],
    }
    return package


def national(files: list[OpenFile], renderer: Renderer) -> dict[str, Any]:
    """The package of the national files."""
    title = "Cakupan 1 Desa 100 Pekerja Rentan"
    return _package("cakupan-1desa100", title, files, OPEN_DATA_FOLDER, renderer, renderer.national.data_date)


def regency(node: Coverage, files: list[OpenFile], folder: str, renderer: Renderer) -> dict[str, Any]:
    """The package of one kabupaten's own files."""
    name = f"cakupan-1desa100-{node.region.slug}"
    title = f"Cakupan 1 Desa 100 Pekerja Rentan, {node.region.full_name}"
    return _package(name, title, files, folder, renderer, node.data_date)  # its own date: kept as long as its data


def json_bytes(value: object) -> bytes:
    """JSON as every open-data and API file is written: UTF-8, keys in the order given, no spaces."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def write(folder: Path, package: dict[str, Any]) -> tuple[int, int]:
    """Write ``package`` as ``folder/datapackage.json``, with the archives' schema if it names it; returns the
    files and bytes written."""
    files = {PACKAGE: package}
    if any(resource["schema"] == ARCHIVE_SCHEMA for resource in package["resources"]):
        present = {resource["name"] for resource in package["resources"]}
        files[ARCHIVE_SCHEMA] = schema_of(SNAPSHOT, [("kode_desa", "desa", "kode_desa")] if "desa" in present else [])
    written = 0
    for name, content in files.items():
        text = json_bytes(content)
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text)
        written += len(text)
    return len(files), written
