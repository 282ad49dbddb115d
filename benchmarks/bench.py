"""National-scale benchmark: our full build against plain MkDocs + Material on bare one-table pages.

    python benchmarks/bench.py --villages 83762 --repeat 3 --work build/bench    (or: make bench VILLAGES=N REPEAT=R)

It makes sample data for the first N villages (``python -m generator sample --desa N --per-kabupaten``),
builds our site from it with ``python -m generator build``, and builds the baseline: N pages of one
heading and one table each with ``python -m mkdocs build``. Builds alternate (baseline, ours,
baseline, ...) and each is a cold build from an empty site folder. Then ``benchmarks/rebuild.py``
times rebuilds after one village's figures changed. It prints a Markdown table of medians, the
machine, and as its last line ``ratio_vs_plain_mkdocs=X.XX`` (our total wall time over the
baseline's); the same text goes to ``WORK/result.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import importlib.metadata
import json
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from generator.model import OCCUPATIONS

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
OURS_INPUTS = ("docs", "overrides", "mkdocs.yml")
"""What our build reads besides the data, copied from the project into the work folder."""

PLAIN_CONFIG = """\
site_name: Plain MkDocs baseline
theme:
  name: material
  language: id
# Without these two lines MkDocs puts every page in the navigation, which Material renders on
# every page: output would grow with the square of the number of villages.
nav: [index.md]
not_in_nav: /desa/
"""


@dataclass
class Run:
    """One measured subprocess."""

    wall: float
    peak_rss: int
    stages: dict[str, float] = field(default_factory=dict)


def measure(command: list[str], cwd: Path) -> Run:
    """Run a command; its wall time and the peak memory of it and its descendants (sampled every 0.1 s)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        root, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(root))
            time.sleep(0.1)
        wall = time.perf_counter() - started
        log.seek(0)
        stderr = log.read().decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    stage_line = re.search(r"tahap:(.*)", stderr)
    pairs = re.findall(r"(\w+) (\d+(?:\.\d+)?) s", stage_line.group(1)) if stage_line else []
    stages = {name: float(seconds) for name, seconds in pairs}
    for name, pattern in WORK_LINES.items():  # work done beside the stages: in another process, or within one
        if found := re.search(pattern, stderr):
            stages[name] = float(found.group(1))
    return Run(wall, peak, stages)


WORK_LINES = {
    "qr_work": r"kode QR: \d+ dibuat dalam (\d+(?:\.\d+)?) s",
    "village_files_work": r"poster dan lencana desa: (\d+(?:\.\d+)?) s",
    "audit": r"audit angka tersembunyi: \d+ sel ditambah dalam (\d+(?:\.\d+)?) s",
    "api_work": r"berkas API wilayah: (\d+(?:\.\d+)?) s",
    "open_data": r"data terbuka seluruh wilayah: .* dalam (\d+(?:\.\d+)?) s",
    "audit_added": r"audit angka tersembunyi: (\d+) sel ditambah",
    "precompressed_files": r"salinan terpadatkan untuk server web: (\d+) berkas",
    "gzip_mb": r"dipadatkan: gzip (\d+(?:\.\d+)?) MB",
    "brotli_mb": r"dipadatkan: gzip .* MB, brotli (\d+(?:\.\d+)?) MB",
    "offline_bundles": r"salinan offline per kabupaten: (\d+) berkas",
    "offline_mb": r"salinan offline per kabupaten: \d+ berkas, (\d+(?:\.\d+)?) MB",
    "offline_seconds": r"salinan offline per kabupaten: .* dalam (\d+(?:\.\d+)?) s",
}
"""Lines of the build's log with the seconds of work on QR codes, on posters and badges, and on the audit of
hidden cells (and the cells it hid), on the compressed copies and on the offline bundles."""


def _tree_rss(root: psutil.Process) -> int:
    """Memory of a process and its descendants: the sum of their proportional set sizes (PSS).

    Forked workers share most of their pages with their parent; summing plain RSS would count those
    pages once per process. PSS splits each shared page between the processes that map it.
    """
    total = 0
    with contextlib.suppress(psutil.Error):  # a process may end while we read it
        for process in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                info = process.memory_full_info()
                total += getattr(info, "pss", info.rss)
    return total


def make_data(villages: int, wilayah: Path, out: Path) -> float:
    """Sample data for the first ``villages`` villages, plus the project's facts file; the seconds it took."""
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "generator",
        "sample",
        "--wilayah",
        str(wilayah),
        "--bulan",
        "12",
        "--per-kabupaten",
    ]
    run = measure([*command, "--desa", str(villages), "--out", str(out)], ROOT)
    shutil.copy(ROOT / "data" / "fakta.yaml", out / "fakta.yaml")
    return run.wall


def prepare_ours(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in OURS_INPUTS:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, folder / name)


def prepare_plain(folder: Path, data: Path) -> None:
    """N bare pages ``docs/desa/<code>/`` with a heading and the latest occupation counts of the village."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs" / "desa").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Plain MkDocs baseline\n\nOne page per village.\n", encoding="utf-8")
    with open(data / "wilayah.csv", encoding="utf-8", newline="") as file:
        names = {row["kode"]: row["nama"] for row in csv.DictReader(file)}
    latest: dict[str, dict[str, str]] = {}
    for part in sorted((data / "kepesertaan").glob("*.csv")):
        with open(part, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):  # months in order, so the last row of a village is its latest
                latest[row["kode_desa"]] = row
    for code, row in latest.items():
        table = "\n".join(
            f"| {label} | {int(row[f'{key}_l']) + int(row[f'{key}_p'])} |" for key, label in OCCUPATIONS.items()
        )
        page = f"# Desa {names[code]}\n\n| Pekerjaan | Peserta |\n|---|---:|\n{table}\n"
        (folder / "docs" / "desa" / f"{code.replace('.', '')}.md").write_text(page, encoding="utf-8")


def build_ours(folder: Path, data: Path) -> Run:
    for name in ("site", "build"):
        shutil.rmtree(folder / name, ignore_errors=True)
    command = [sys.executable, "-m", "generator", "build", "--data", str(data.resolve())]
    return measure([*command, "--docs", "docs", "--site", "site", "--work", "build", "--config", "mkdocs.yml"], folder)


def rebuild_ours(folder: Path, data: Path, times: int) -> tuple[Run, dict[str, list]]:
    """A full build, then ``times`` rebuilds each after one village changed (``benchmarks/rebuild.py``,
    on a copy of the data); the run, and per rebuild the seconds until published and until it returned,
    and the pages written."""
    copy = data.with_name("data-rebuild")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    out = folder / "rebuild.json"
    script = [sys.executable, str(ROOT / "benchmarks" / "rebuild.py"), "--data", str(copy), "--folder", str(folder)]
    run = measure([*script, "--times", str(times), "--out", str(out)], ROOT)
    return run, json.loads(out.read_text(encoding="utf-8"))


def build_plain(folder: Path) -> Run:
    shutil.rmtree(folder / "site", ignore_errors=True)
    run = measure([sys.executable, "-m", "mkdocs", "build", "-q"], folder)
    run.stages = {"mkdocs": run.wall}
    return run


@dataclass
class Output:
    """What a built site weighs."""

    size: int
    files: int
    page_bytes: float
    open_page_gz: int
    search_gz: int
    village_files: int = 0
    """Posters and badges."""
    village_files_size: int = 0
    open_data_files: int = 0
    """CSV files and data packages under unduh/ (the download pages not counted)."""
    open_data_size: int = 0
    api_files: int = 0
    api_size: int = 0


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


class _Assets(HTMLParser):
    """Local stylesheets and scripts a page references."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        stylesheet = tag == "link" and "stylesheet" in (a.get("rel") or "").split()
        url = a.get("src") if tag == "script" else a.get("href") if stylesheet else None
        if url and not urlsplit(url).scheme and not url.startswith("//"):
            self.urls.append(url)


def downloads(site: Path, page: Path) -> tuple[int, int]:
    """Gzipped bytes a resident downloads to open ``page``, and to run one search. Adjust here.

    Opening: the page and its local stylesheets and scripts; when the page has Material's search form
    (a form named "search"), also Material's search worker and ``search/search_index.json``, which
    Material then fetches on load. Searching: with our finder (``site/cari/``), the index of the
    programme pages plus the largest file of places (one query fetches one); otherwise the search index.
    """
    html = page.read_text(encoding="utf-8")
    parser = _Assets()
    parser.feed(html)
    index = site / "search" / "search_index.json"
    material_search = 'name="search"' in html and index.exists()
    worker = re.findall(r'"search":\s*"([^"]+)"', html) if material_search else []  # named in Material's __config
    base = posixpath.dirname(page.relative_to(site).as_posix())
    files = {site / posixpath.normpath(posixpath.join(base, urlsplit(u).path)) for u in parser.urls + worker}
    opening = gz(page) + sum(gz(f) for f in files if f.is_file()) + (gz(index) if material_search else 0)
    places = [gz(f) for f in (site / "cari" / "nama").glob("*.json")]
    searching = (gz(index) if index.exists() else 0) + max(places, default=0)
    return opening, searching


def weigh(site: Path) -> Output:
    files = [f for f in site.rglob("*") if f.is_file()]
    pages = sorted(site.glob("desa/*/index.html"))
    if not pages:
        sys.exit(f"no village pages in {site}/desa/")
    opening, searching = downloads(site, pages[0])
    mean_page = statistics.mean(p.stat().st_size for p in pages)
    extras = [*site.glob("desa/*/poster/index.html"), *site.glob("desa/*/lencana.svg")]
    open_data = [f for f in (site / "unduh").rglob("*") if f.is_file() and f.suffix in (".csv", ".json")]
    api = [f for f in (site / "api").rglob("*.json")]
    return Output(
        sum(f.stat().st_size for f in files),
        len(files),
        mean_page,
        opening,
        searching,
        len(extras),
        sum(f.stat().st_size for f in extras),
        len(open_data),
        sum(f.stat().st_size for f in open_data),
        len(api),
        sum(f.stat().st_size for f in api),
    )


@dataclass
class Rebuilds:
    """Rebuilds after one village changed: seconds until the site was published and until the build returned,
    pages written, the peak memory of the process, and the deploys after them."""

    published: list[float]
    returned: list[float]
    written: list[int]
    regencies: list[int]
    """Kabupaten whose open-data folder each rebuild wrote."""
    peak_rss: int
    first_deploy: float
    """Seconds to deploy the whole site to an empty release folder (``terbitkan``)."""
    deployed: list[float]
    """Seconds to deploy after each rebuild."""
    sent: list[int]
    """Files each of those deploys sent."""
    changed: list[int]
    """Files each rebuild replaced or added in site/."""


def report(
    villages: int, repeat: int, data_seconds: float, ours: list[Run], plain: list[Run], sizes: dict, again: Rebuilds
) -> str:
    """The Markdown table of medians, the machine, and the ratio line last."""

    def stage(runs: list[Run], name: str) -> float | None:
        values = [r.stages[name] for r in runs if name in r.stages]
        return statistics.median(values) if values else None

    def wall(runs: list[Run]) -> float:
        return statistics.median(r.wall for r in runs)

    def peak(runs: list[Run]) -> float:
        return statistics.median(r.peak_rss for r in runs) / MB

    mine, theirs = sizes["ours"], sizes["plain"]
    rows: list[tuple[str, float | None, float | None, str]] = [
        ("villages", villages, villages, "{:.0f}"),
        ("make data (s)", data_seconds, None, "{:.1f}"),
        ("generate (s)", stage(ours, "generator"), None, "{:.1f}"),
        ("ProperDocs / MkDocs build (s)", stage(ours, "properdocs"), stage(plain, "mkdocs"), "{:.1f}"),
        ("write generated pages (s)", stage(ours, "tulis"), None, "{:.1f}"),
        ("audit of hidden cells: work, all processes (s)", stage(ours, "audit"), None, "{:.1f}"),
        ("cells hidden by the audit", stage(ours, "audit_added"), None, "{:.0f}"),
        ("QR codes: work in a background process (s)", stage(ours, "qr_work"), None, "{:.1f}"),
        ("QR codes: waited for after MkDocs (s)", stage(ours, "qr"), None, "{:.1f}"),
        ("posters and badges: work, all processes (s)", stage(ours, "village_files_work"), None, "{:.1f}"),
        ("posters and badges (files)", mine.village_files, None, "{:.0f}"),
        ("posters and badges (MB)", mine.village_files_size / MB, None, "{:.1f}"),
        ("open data: national files, after the pages (s)", stage(ours, "open_data"), None, "{:.1f}"),
        ("open data (files)", mine.open_data_files, None, "{:.0f}"),
        ("open data (MB)", mine.open_data_size / MB, None, "{:.1f}"),
        ("API files: work, all processes (s)", stage(ours, "api_work"), None, "{:.1f}"),
        ("API files (files)", mine.api_files, None, "{:.0f}"),
        ("API files (MB)", mine.api_size / MB, None, "{:.1f}"),
        ("precompressed copies: time (s)", stage(ours, "padatkan"), None, "{:.1f}"),
        ("precompressed copies: files compressed", stage(ours, "precompressed_files"), None, "{:.0f}"),
        ("precompressed copies: gzip (MB)", stage(ours, "gzip_mb"), None, "{:.0f}"),
        ("precompressed copies: brotli (MB)", stage(ours, "brotli_mb"), None, "{:.0f}"),
        ("offline bundles per kabupaten: time (s)", stage(ours, "offline_seconds"), None, "{:.1f}"),
        ("offline bundles (files)", stage(ours, "offline_bundles"), None, "{:.0f}"),
        ("offline bundles (MB)", stage(ours, "offline_mb"), None, "{:.0f}"),
        ("total wall (s)", wall(ours), wall(plain), "{:.1f}"),
        ("peak memory (MB, PSS)", peak(ours), peak(plain), "{:.0f}"),
        ("output size (MB)", mine.size / MB, theirs.size / MB, "{:.1f}"),
        ("files", mine.files, theirs.files, "{:.0f}"),
        ("bytes per village page", mine.page_bytes, theirs.page_bytes, "{:.0f}"),
        ("download to open a village page (KB gz)", mine.open_page_gz / 1024, theirs.open_page_gz / 1024, "{:.1f}"),
        ("download to search (KB gz)", mine.search_gz / 1024, theirs.search_gz / 1024, "{:.1f}"),
        ("rebuild after one village changed, until published (s)", statistics.median(again.published), None, "{:.1f}"),
        ("rebuild, until ready for the next change (s)", statistics.median(again.returned), None, "{:.1f}"),
        ("pages written by that rebuild", statistics.median(again.written), None, "{:.0f}"),
        ("kabupaten open-data folders written by that rebuild", statistics.median(again.regencies), None, "{:.0f}"),
        ("first deploy of the whole site to a release folder (s)", again.first_deploy, None, "{:.1f}"),
        ("deploy after one village changed (s)", statistics.median(again.deployed), None, "{:.1f}"),
        ("files that rebuild changed", statistics.median(again.changed), None, "{:.0f}"),
        ("files that deploy sent", statistics.median(again.sent), None, "{:.0f}"),
        ("peak memory, build then rebuilds (MB, PSS)", again.peak_rss / MB, None, "{:.0f}"),
    ]
    lines = [
        f"Median of {repeat} cold build(s) of each site, and of {len(again.published)} rebuilds, {villages} villages.",
        "",
        "| measure | ours | plain MkDocs | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, a, b, form in rows:
        ratio = f"{a / b:.2f}" if a is not None and b and label != "villages" else "–"
        shown = ["–" if v is None else form.format(v) for v in (a, b)]
        lines.append(f"| {label} | {shown[0]} | {shown[1]} | {ratio} |")
    lines += ["", machine(), "", f"ratio_vs_plain_mkdocs={wall(ours) / wall(plain):.2f}"]
    return "\n".join(lines)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = re.search(r"^model name\s*:\s*(.*)$", cpuinfo, re.MULTILINE)
    version = importlib.metadata.version
    return (
        f"Machine: {cpu.group(1) if cpu else platform.processor() or 'unknown CPU'}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 1024**3:.1f} GB RAM, Python {platform.python_version()}, "
        f"ProperDocs {version('properdocs')}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--villages", type=int, default=83_762, help="first N villages in code order (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="cold builds of each site; medians are reported")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="work folder")
    parser.add_argument("--wilayah", type=Path, default=ROOT.parent / "shared" / "wilayah", help="region reference")
    args = parser.parse_args()
    work: Path = args.work.resolve()
    data, ours_dir, plain_dir = work / "data", work / "ours", work / "plain"

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    say(f"making data for {args.villages} villages in {data}")
    data_seconds = make_data(args.villages, args.wilayah, data)
    prepare_ours(ours_dir)
    prepare_plain(plain_dir, data)
    ours: list[Run] = []
    plain: list[Run] = []
    for i in range(1, args.repeat + 1):
        plain.append(build_plain(plain_dir))
        say(f"run {i}/{args.repeat}: plain MkDocs {plain[-1].wall:.1f} s")
        ours.append(build_ours(ours_dir, data))
        say(f"run {i}/{args.repeat}: ours {ours[-1].wall:.1f} s")
    sizes = {"ours": weigh(ours_dir / "site"), "plain": weigh(plain_dir / "site")}
    run, result = rebuild_ours(ours_dir, data, max(3, args.repeat))
    again = Rebuilds(
        result["published"],
        result["returned"],
        result["written"],
        result["regencies"],
        run.peak_rss,
        result["first_deploy"],
        result["deployed"],
        result["sent"],
        result["changed"],
    )
    say(f"rebuilds, until published: {', '.join(f'{s:.1f}' for s in again.published)} s; pages written {again.written}")
    villages = len(list((plain_dir / "docs" / "desa").glob("*.md")))  # fewer than asked if N > all
    text = report(villages, args.repeat, data_seconds, ours, plain, sizes, again)
    (work / "result.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
