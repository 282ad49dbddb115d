"""A data folder read as one ``Dataset``: every table parsed, rows cross-checked, problems collected, none raised."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from generator.model import DEFAULT_TARGET, Claim, Dataset, Level, Region, Snapshot, VillageProgram
from generator.problems import DataError, Problem, display_path
from generator.read.code_changes import code_changes
from generator.read.fact_validity import facts_as_of
from generator.read.facts_file import load_facts
from generator.read.files import TABLE_SUFFIXES, find_table, folder_files, table_files
from generator.read.plausibility import Where, implausible_figures
from generator.read.settings import read_settings
from generator.read.tables import (
    DOCUMENTS,
    OPTIONAL_TABLES,
    TABLES,
    VILLAGE_TABLES,
    ParseCache,
    ParsedFile,
    parse_file,
    rows_of,
)


def load_dataset(data_dir: Path, cache: ParseCache | None = None) -> Dataset:
    """Read, check and cross-check every file of a data folder; raise DataError listing all problems.

    A table is one file, or a folder of files (one per kabupaten, say) read as if they were one.
    With a ``cache`` (kept between loads), only files whose bytes changed are parsed again.
    """
    cache = {} if cache is None else cache
    paths = {kind: find_table(data_dir, stem) for kind, stem in TABLES.items()}
    paths.update((kind, data_dir / name) for kind, name in DOCUMENTS.items())
    shown = {kind: display_path(path) + ("/" if path.is_dir() else "") for kind, path in paths.items()}
    problems: list[Problem] = []

    def table(kind: str) -> list[ParsedFile]:
        if len(twins := table_files(data_dir, TABLES[kind])) > 1:
            names = " dan ".join(display_path(p) for p in twins)
            problems.append(
                Problem(names, 0, "", "two-files", "hanya boleh ada satu; hapus atau pindahkan salah satunya")
            )
            return []
        if kind in OPTIONAL_TABLES and not twins:
            return []
        files = _folder_tables(paths[kind], problems) if paths[kind].is_dir() else [paths[kind]]
        read.update(files)
        parsed = [parse_file(path, kind, cache) for path in files]
        for file in parsed:
            problems.extend(file.problems)
        return parsed

    read: set[Path] = set()
    tables = {kind: table(kind) for kind in TABLES}
    for path in cache.keys() - read:
        del cache[path]  # a file no longer in the data folder
    regions = _regions(tables["wilayah"], problems)
    villages = {code for code, region in regions.items() if region.level == Level.DESA}
    programs = _programs(tables["program"], villages, problems)
    rows_of_snapshots: Where = {}
    snapshots = _snapshots(tables["kepesertaan"], villages, problems, rows_of_snapshots)
    claims = _claims(tables["klaim"], villages, problems)
    offices = [office for file in tables["kantor"] for _, office in file.records]
    changes = code_changes(tables["kode_lama"], villages, problems)
    facts, fact_problems = load_facts(paths["fakta"], shown["fakta"])
    data_date = max((rows[-1].date for rows in snapshots.values() if rows), default=None)
    facts, fact_warnings = facts_as_of(facts, data_date, shown["fakta"])
    problems += fact_problems + fact_warnings
    settings = read_settings(paths["dataset"], shown["dataset"], problems)
    problems += implausible_figures(snapshots, programs, rows_of_snapshots, settings.limits)
    failed = {p.path for p in problems if not p.warning}
    # a table that failed to read makes every village look empty; its own errors say enough
    problems += [p for p in _villages_without_data(regions, programs, snapshots, shown) if not _of_failed(p, failed)]
    if failed:
        raise DataError(sorted(problems, key=Problem.sort_key))
    warnings = sorted(problems, key=Problem.sort_key)
    fingerprints = _fingerprints(tables, [paths["fakta"], paths["dataset"]])
    return Dataset(
        regions,
        programs,
        snapshots,
        claims,
        offices,
        facts,
        settings.sample,
        settings.threshold,
        shown,
        warnings,
        fingerprints,
        settings.report,
        changes,
        settings.offline,
    )


def _fingerprints(tables: dict[str, list[ParsedFile]], documents: list[Path]) -> dict[str, bytes]:
    """A hash of the files each province's rows came from, and under ``""`` one of the files every page uses."""
    digests: dict[str, list[bytes]] = {"": [path.read_bytes() for path in documents]}
    for kind, files in tables.items():
        for file in files:
            for province in file.provinces if kind in VILLAGE_TABLES else [""]:
                digests.setdefault(province, []).append(file.digest or b"")
    return {code: hashlib.blake2b(b"\0".join(parts), digest_size=16).digest() for code, parts in digests.items()}


def _of_failed(warning: Problem, failed: set[str]) -> bool:
    """Whether a warning is about a table with errors: its file, or a file in its folder (shown ``data/klaim/``)."""
    folder = warning.path.endswith("/")
    return any(path == warning.path or (folder and path.startswith(warning.path)) for path in failed)


def _folder_tables(folder: Path, problems: list[Problem]) -> list[Path]:
    """The CSV and XLSX files of a table folder; any other file there, or none at all, is a problem."""
    files = folder_files(folder)
    for path in files:
        if path.suffix not in TABLE_SUFFIXES:
            reason = "di folder tabel hanya boleh ada berkas .csv atau .xlsx; simpan ulang sebagai salah satunya"
            problems.append(Problem(display_path(path), 0, "", "not-a-table", reason + " atau pindahkan"))
    if not files:
        problems.append(Problem(display_path(folder) + "/", 0, "", "empty-file", "folder tabel ini kosong"))
    return [path for path in files if path.suffix in TABLE_SUFFIXES]


def _regions(files: list[ParsedFile], problems: list[Problem]) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    first: dict[str, ParsedFile] = {}
    for file, number, region in rows_of(files):
        if where := _seen_before(first, region.code, file):
            problems.append(
                Problem(file.shown, number, "kode", "duplicate-row", f"kode {region.code} sudah ada {where}")
            )
        regions[region.code] = region
    for file, number, region in rows_of(files):
        if region.parent_code and region.parent_code not in regions:
            problems.append(
                Problem(
                    file.shown,
                    number,
                    "kode",
                    "missing-parent",
                    f"wilayah induk {region.parent_code} dari {region.code} tidak ada di data wilayah",
                )
            )
    return regions


def _village_known(code: str, villages: set[str], file: ParsedFile, number: int, problems: list[Problem]) -> bool:
    if code in villages:
        return True
    problems.append(
        Problem(file.shown, number, "kode_desa", "unknown-village", f"kode desa {code} tidak ada di data wilayah")
    )
    return False


def _programs(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> dict[str, VillageProgram]:
    programs: dict[str, VillageProgram] = {}
    first: dict[str, ParsedFile] = {}
    for file, number, program in rows_of(files):
        code = program.village
        if not _village_known(code, villages, file, number, problems):
            continue
        if where := _seen_before(first, code, file):
            problems.append(Problem(file.shown, number, "kode_desa", "duplicate-row", f"desa {code} sudah ada {where}"))
        programs[code] = program
    return programs


def _snapshots(
    files: list[ParsedFile], villages: set[str], problems: list[Problem], where: Where
) -> dict[str, list[Snapshot]]:
    """Each village's snapshots by date; ``where`` gets the file and row of each."""
    first: dict[tuple[str, dt.date], ParsedFile] = {}
    by_village: dict[str, list[Snapshot]] = {}
    for file in files:
        for number, snapshot in file.records:  # the largest table: the usual case is checked inline
            code, key = snapshot.village, (snapshot.village, snapshot.date)
            if code in villages and key not in first:
                first[key] = file
                where[key] = (file.shown, number)
                by_village.setdefault(code, []).append(snapshot)
            elif _village_known(code, villages, file, number, problems):
                earlier = _seen_before(first, key, file)
                problems.append(
                    Problem(
                        file.shown,
                        number,
                        "tanggal_data",
                        "duplicate-row",
                        f"desa {code} sudah punya data per {snapshot.date.isoformat()} {earlier}",
                    )
                )
    for snapshots in by_village.values():
        snapshots.sort(key=lambda s: s.date)
    return by_village


def _claims(files: list[ParsedFile], villages: set[str], problems: list[Problem]) -> list[Claim]:
    claims = []
    first: dict[tuple[str, str, dt.date], ParsedFile] = {}
    for file, number, claim in rows_of(files):
        if not _village_known(claim.village, villages, file, number, problems):
            continue
        if where := _seen_before(first, (claim.village, claim.benefit, claim.month), file):
            problems.append(
                Problem(
                    file.shown,
                    number,
                    "bulan",
                    "duplicate-row",
                    f"desa, manfaat dan bulan ini sudah ada {where}",
                )
            )
            continue
        claims.append(claim)
    return claims


def _seen_before(first: dict[Any, ParsedFile], key: object, file: ParsedFile) -> str | None:
    """``None`` the first time ``key`` is seen; afterwards where it was: "di baris sebelumnya" or another file."""
    earlier = first.get(key)
    if earlier is None:
        first[key] = file
        return None
    return "di baris sebelumnya" if earlier is file else f"di {earlier.shown}"


def _villages_without_data(
    regions: dict[str, Region],
    programs: dict[str, VillageProgram],
    snapshots: dict[str, list[Snapshot]],
    shown: dict[str, str],
) -> list[Problem]:
    """Warn about villages in the reference that no programme or participation row mentions."""
    villages = [code for code, region in sorted(regions.items()) if region.level == Level.DESA]
    missing = [(code, "kepesertaan", "village-without-data") for code in villages if code not in snapshots]
    missing += [(code, "program", "village-without-program") for code in villages if code not in programs]
    return [
        Problem(
            shown[table], 0, "kode_desa", what, _MISSING[what].format(code=code, name=regions[code].full_name), True
        )
        for code, table, what in missing
    ]


_MISSING = {
    "village-without-data": "{name} ({code}) belum punya data kepesertaan",
    "village-without-program": f"{{name}} ({{code}}) belum ada di data program; dipakai target {DEFAULT_TARGET}",
}
