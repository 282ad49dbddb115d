"""Rebuilds at scale: one full build, then rebuilds each after one village's figures changed.

    python benchmarks/rebuild.py --data DATA --folder FOLDER --times 3 --out rebuild.json

FOLDER holds docs/, overrides/ and mkdocs.yml (as benchmarks/bench.py prepares it); DATA is a data
folder whose participation table is split per kabupaten (``sample --per-kabupaten``), and is edited.
Each rebuild edits the latest row of one kabupaten's file, then times ``Builder.build``, the same
rebuild ``python -m generator pantau`` runs: the first in the province with the most data (the
slowest to protect again), the others spread over provinces from large to small. The seconds until
the site was published and until the build returned (after settling memory for the next one), and
the pages written, go to ``--out``. After the full build and after each rebuild the site is deployed
(``python -m generator terbitkan``) to a release folder beside it: the seconds, and the files it sent against
the files the rebuild changed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from generator.build import Builder, Paths
from generator.deploy import Target, deploy


def bump_latest_row(path: Path) -> None:
    """Add 3 to the first count (petani_l) of the last row of a participation file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[-1].rstrip("\n").split(",")
    cells[2] = str(int(cells[2]) + 3)
    lines[-1] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    folder = args.folder
    paths = Paths(args.data, folder / "docs", folder / "build" / "docs", folder / "site", folder / "mkdocs.yml")
    builder = Builder(paths, watching=True)
    builder.build()
    releases = Target.parse(str(folder / "rilis"))
    started = time.perf_counter()
    deploy(paths.site, releases)
    first_deploy = time.perf_counter() - started
    files = sorted((args.data / "kepesertaan").glob("*.csv"))
    size: dict[str, int] = {}
    for file in files:
        size[file.name[:2]] = size.get(file.name[:2], 0) + file.stat().st_size
    files.sort(key=lambda f: (-size[f.name[:2]], f.name))  # the largest province first
    published, returned, written, regencies, deployed, sent, changed = [], [], [], [], [], [], []
    for i in range(args.times):
        bump_latest_row(files[i * len(files) // args.times])
        started = time.perf_counter()
        builder.build()
        returned.append(time.perf_counter() - started)
        published.append(builder.published_after)
        written.append(builder.last["ditulis"])
        regencies.append(builder.last["kabupaten_data"])
        changed.append(builder.last["berkas_terbit"])
        started = time.perf_counter()
        sent.append(deploy(paths.site, releases).sent)
        deployed.append(time.perf_counter() - started)
    result = {
        "published": published,
        "returned": returned,
        "written": written,
        "regencies": regencies,
        "first_deploy": first_deploy,
        "deployed": deployed,
        "sent": sent,
        "changed": changed,
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
