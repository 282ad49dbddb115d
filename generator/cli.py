"""Command line: ``python -m generator build|check|serve|pantau|import|terbitkan|sample``."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
from pathlib import Path

from generator.build import Builder, Paths, build_site, check_data, stage
from generator.problems import DataError, GeneratorError, problem_lines, problem_page
from generator.read.export_columns import NAMES as EXPORT_COLUMNS

log = logging.getLogger("generator")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Membangun situs 1 Desa 100 Pekerja Rentan dari berkas data."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("build", "periksa data, buat halaman Markdown, lalu bangun situs dengan MkDocs"),
        ("check", "periksa data saja; tidak membuat apa pun"),
        ("serve", "pratinjau langsung yang dibangun ulang setiap kali data/ atau docs/ berubah"),
        ("pantau", "bangun situs, lalu bangun ulang bagian yang berubah setiap kali data/ atau docs/ berubah"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
        command.add_argument("--strict", action="store_true", help="peringatan dianggap galat")
        if name == "serve":
            command.add_argument(
                "--dev-addr", default="127.0.0.1:8000", help="alamat pratinjau (bawaan: 127.0.0.1:8000)"
            )
        if name != "check":
            command.add_argument("--site", type=Path, default=Path("site"), help="folder hasil situs (bawaan: site)")
            command.add_argument(
                "--docs", type=Path, default=Path("docs"), help="folder halaman tulisan tangan (bawaan: docs)"
            )
            command.add_argument(
                "--work", type=Path, default=Path("build"), help="folder kerja milik generator (bawaan: build)"
            )
            command.add_argument(
                "--config", type=Path, default=Path("mkdocs.yml"), help="konfigurasi MkDocs (bawaan: mkdocs.yml)"
            )
    imported = commands.add_parser(
        "import",
        help="hitung daftar peserta (CSV/XLSX berisi NIK dan nama) menjadi data kepesertaan tanpa data pribadi",
    )
    imported.add_argument("file", type=Path, help="daftar peserta, satu baris per orang")
    imported.add_argument("--data", type=Path, default=Path("data"), help="folder data (bawaan: data)")
    imported.add_argument(
        "--per", type=_iso_date, help="tanggal data, mis. 2026-10-31 (bawaan: tanggal terdaftar terakhir di berkas)"
    )
    imported.add_argument(
        "--kolom",
        action="append",
        type=_column_by_hand,
        default=[],
        metavar="NAMA=JUDUL",
        help="kolom berjudul lain, mis. --kolom status='Status Peserta BPJS' (boleh berulang); "
        "NAMA salah satu dari: " + ", ".join(COLUMN_NAMES),
    )
    deploy = commands.add_parser(
        "terbitkan",
        help="unggah site/ ke server web sebagai rilis baru dan tayangkan sekaligus (rsync; lokal atau lewat SSH)",
    )
    deploy.add_argument(
        "tujuan",
        help="folder rilis: /srv/1desa100pekerjarentan di mesin ini, atau staf@server:/srv/1desa100pekerjarentan",
    )
    deploy.add_argument("--site", type=Path, default=Path("site"), help="situs yang diunggah (bawaan: site)")
    deploy.add_argument("--ssh", default="ssh", help="perintah SSH dengan opsinya, mis. 'ssh -p 2222' (bawaan: ssh)")
    deploy.add_argument("--batas-kecepatan", type=int, metavar="KBPS", help="batas kecepatan unggah dalam KB/detik")
    deploy.add_argument(
        "--kembalikan", action="store_true", help="tayangkan lagi rilis sebelum yang tayang sekarang (tanpa mengunggah)"
    )
    sample = commands.add_parser("sample", help="buat data contoh dari referensi wilayah")
    sample.add_argument("--wilayah", type=Path, required=True, help="folder referensi wilayah (provinces.csv, ...)")
    sample.add_argument(
        "--kabupaten", action="append", help="kode kabupaten, mis. 63.10 (boleh berulang; tanpa ini: semua)"
    )
    sample.add_argument("--bulan", type=int, default=36, help="panjang riwayat bulanan (bawaan: 36)")
    sample.add_argument("--out", type=Path, default=Path("data"), help="folder tujuan (bawaan: data)")
    sample.add_argument(
        "--desa", type=int, metavar="N", help="hanya N desa pertama menurut kode, beserta wilayah induknya"
    )
    sample.add_argument(
        "--per-kabupaten", action="store_true", help="data kepesertaan sebagai folder, satu berkas per kabupaten"
    )
    return parser


COLUMN_NAMES = tuple(EXPORT_COLUMNS)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan tanggal seperti 2026-10-31") from None


def _column_by_hand(text: str) -> tuple[str, str]:
    column, _, title = text.partition("=")
    if column not in COLUMN_NAMES or not title:
        raise argparse.ArgumentTypeError(f"{text!r}: tulis NAMA=JUDUL, NAMA salah satu dari {', '.join(COLUMN_NAMES)}")
    return column, title


def _import(args: argparse.Namespace) -> None:
    from generator.read.participants import import_participants

    report = import_participants(args.file, args.data, args.per, dict(args.kolom))
    for line in report.lines():
        print(line)
    folder = args.data / "kepesertaan"
    target = f"{folder}/" if folder.is_dir() else args.data / "kepesertaan.csv"
    print(f"Data kepesertaan ditulis ke {target} (hanya jumlah; tanpa NIK, nama, tanggal lahir)")
    print(
        f"Hapus berkas asli {args.file} bila tidak diperlukan lagi (juga dari folder Unduhan dan tempat sampah): "
        "isinya nama dan NIK warga."
    )


def _paths(args: argparse.Namespace) -> Paths:
    return Paths(data=args.data, docs=args.docs, staged=args.work / "docs", site=args.site, config=args.config)


def _check(args: argparse.Namespace) -> None:
    data = check_data(args.data, args.strict)
    print(f"Data di {args.data} baik: {len(data.regions)} wilayah, {len(data.snapshots)} desa dengan data kepesertaan.")


def _serve(args: argparse.Namespace) -> None:
    from mkdocs.commands.serve import serve

    paths = _paths(args)
    stage(paths)  # writes build/docs for MkDocs to serve
    os.environ["GENERATOR_SERVE"] = os.pathsep.join(str(p.resolve()) for p in (paths.data, paths.docs, paths.staged))
    hook = Path(__file__).with_name("mkdocs_hooks.py")
    watch = [str(paths.data), str(paths.docs)]
    serve(
        str(paths.config),
        livereload=True,
        watch=watch,
        docs_dir=str(paths.staged.resolve()),
        hooks=[str(hook)],
        dev_addr=args.dev_addr,
    )


def _watch(args: argparse.Namespace) -> None:
    """Build, then rebuild whenever a watched file changes; a failed rebuild leaves the published site as it was."""
    paths = _paths(args)
    builder = Builder(paths, watching=True)
    watched = [paths.data, paths.docs, paths.config, paths.config.parent / "overrides"]
    report = paths.staged.parent / PROBLEM_PAGE
    seen = None
    log.info("memantau %s; hentikan dengan Ctrl+C; masalah data: %s", ", ".join(str(p) for p in watched), report)
    try:
        while True:
            now = _file_times(watched)
            if now != seen:
                seen = now
                problems: list[str] = []
                try:
                    builder.build(args.strict)
                except GeneratorError as error:
                    problems = problem_lines(error)
                    print("\n".join(problems), file=sys.stderr)
                report.parent.mkdir(parents=True, exist_ok=True)
                report.write_text(problem_page(problems, dt.datetime.now().strftime("%H.%M.%S")), encoding="utf-8")
            time.sleep(WATCH_SECONDS)
    except KeyboardInterrupt:
        pass


PROBLEM_PAGE = "masalah-data.html"
"""The page, beside the staged pages and never published, where ``pantau`` shows the last build's problems."""
WATCH_SECONDS = 1.0
"""How often ``pantau`` looks for changed files."""


def _file_times(paths: list[Path]) -> set[tuple[str, int, int]]:
    """Every file under ``paths`` with its modification time and size."""
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*") if p.is_dir() else [])]
    return {(str(f), s.st_mtime_ns, s.st_size) for f in files if f.is_file() and (s := f.stat())}


def _deploy(args: argparse.Namespace) -> None:
    from generator.deploy import KEPT_RELEASES, Target, deploy, roll_back

    target = Target.parse(args.tujuan, args.ssh)
    if args.kembalikan:
        print(f"Rilis {roll_back(target)} tayang lagi di {args.tujuan}.")
        return
    uploaded = deploy(args.site, target, args.batas_kecepatan)
    same = uploaded.files - uploaded.sent
    print(
        f"Rilis {uploaded.release} tayang di {args.tujuan}: {uploaded.sent} berkas baru atau berubah dikirim "
        f"({uploaded.bytes_sent / 1e6:.1f} MB)"
        + (f", {same} berkas lain sama dengan rilis sebelumnya." if same else ".")
    )
    print(
        f"{KEPT_RELEASES} rilis terakhir disimpan. Kembali ke rilis sebelumnya: "
        f"python -m generator terbitkan {args.tujuan} --kembalikan"
    )


def _sample(args: argparse.Namespace) -> None:
    from generator.sample import write_sample

    regencies = set(args.kabupaten) if args.kabupaten else None
    write_sample(args.wilayah, args.out, regencies, args.bulan, args.desa, args.per_kabupaten)
    print(f"Data contoh ditulis ke {args.out}")


def _print_problems(error: DataError) -> None:
    for line in problem_lines(error):
        print(line, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run a command; data errors are printed one per line, without a traceback."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.command == "build":
            build_site(_paths(args), strict=args.strict)
        elif args.command == "check":
            _check(args)
        elif args.command == "serve":
            _serve(args)
        elif args.command == "pantau":
            _watch(args)
        elif args.command == "import":
            _import(args)
        elif args.command == "terbitkan":
            _deploy(args)
        else:
            _sample(args)
    except DataError as error:
        _print_problems(error)
        return 1
    except GeneratorError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    return 0
