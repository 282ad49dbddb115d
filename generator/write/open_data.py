"""The open-data table every build publishes, ``unduh/cakupan-desa.csv``: village totals only, one row per village.

The next build reads it back to tell staff what changed against the site published before.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.compute.aggregate import Tree
from generator.compute.changes import villages

OPEN_DATA = "unduh/cakupan-desa.csv"
"""The published table of village totals: counts only, one row per village."""
OPEN_DATA_COLUMNS = ("kode_desa", "desa", "kecamatan", "kabupaten", "provinsi", "target", "peserta", "data_per")


def open_data_table(tree: Tree) -> str:
    """The open-data CSV: per village its names, target, enrolled and data date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OPEN_DATA_COLUMNS)
    for node in villages(tree):
        names = [tree.by_code[node.region.code[:length]].region.name for length in (8, 5, 2)]
        when = node.data_date.isoformat() if node.data_date else ""
        writer.writerow([node.region.code, node.region.name, *names, node.target, node.enrolled, when])
    return out.getvalue()


def published_totals(path: Path) -> dict[str, tuple[int, str]] | None:
    """Enrolled and data date per village code from a published open-data table; None if absent or unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as source:
            return {row["kode_desa"]: (int(row["peserta"]), row["data_per"]) for row in csv.DictReader(source)}
    except (OSError, KeyError, ValueError, csv.Error):
        return None
