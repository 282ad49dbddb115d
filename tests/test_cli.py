"""The command line as staff use it: exit status, messages, and the published site left alone on failure."""

from __future__ import annotations

import html
import subprocess

from generator.formatting import number
from tests.helpers import run_generator, start_generator

run = run_generator
SEGUMBANG = "63.10.01.2005"


def add_farmers(project, sample, more: int) -> None:
    """Add ``more`` men farmers to Segumbang's latest row of participation."""
    path = project.data / "kepesertaan.csv"
    row = f"{SEGUMBANG},{sample.latest[SEGUMBANG][0]},"
    text = path.read_text(encoding="utf-8")
    start = text.index(row) + len(row)
    end = text.index(",", start)
    path.write_text(text[:start] + str(int(text[start:end]) + more) + text[end:], encoding="utf-8")


def test_check_passes_on_built_in_data_and_writes_nothing(project, sample):
    before = sorted(p.relative_to(project.config.parent) for p in project.config.parent.rglob("*"))
    result = run("check", "--data", "data", cwd=project.config.parent)
    assert result.returncode == 0, result.stderr
    assert f"Data di data baik: {sample.regions} wilayah" in result.stdout
    assert sorted(p.relative_to(project.config.parent) for p in project.config.parent.rglob("*")) == before


def test_check_reports_errors_without_traceback_and_fails(project):
    path = project.data / "klaim.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",JKK,", ",JKX,", 1), encoding="utf-8")
    result = run("check", "--data", "data", cwd=project.config.parent)
    assert result.returncode == 1
    assert (
        "data/klaim.csv:2:manfaat: galat: 'JKX' tidak terbaca; yang diharapkan: salah satu dari: JKM, JKK, beasiswa [bad-value]"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_strict_turns_warnings_into_errors(project):
    path = project.data / "kepesertaan.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("63.10.01.2005,")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert run("check", cwd=project.config.parent).returncode == 0
    strict = run("check", "--strict", cwd=project.config.parent)
    assert strict.returncode == 1
    assert "village-without-data" in strict.stderr


def test_failed_build_leaves_the_published_site_as_it_was(project):
    cwd = project.config.parent
    assert run("build", cwd=cwd).returncode == 0
    before = {p: p.read_bytes() for p in sorted((cwd / "site").rglob("*")) if p.is_file()}
    path = project.data / "program_desa.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",100,", ",-5,", 1), encoding="utf-8")
    result = run("build", cwd=cwd)
    assert result.returncode == 1
    assert "Situs yang sudah terbit tidak diubah" in result.stderr
    assert {p: p.read_bytes() for p in sorted((cwd / "site").rglob("*")) if p.is_file()} == before


def test_build_reports_what_changed_against_the_published_site(project, sample):
    cwd = project.config.parent
    first = run("build", cwd=cwd)
    assert "Belum ada situs terbit sebelumnya untuk dibandingkan." in first.stderr
    add_farmers(project, sample, 10)
    second = run("build", cwd=cwd)
    assert second.returncode == 0, second.stderr
    day, total, villages = sample.latest[SEGUMBANG][0], sample.enrolled_in(sample.months()[-1]), sample.villages
    assert (
        "Perubahan dibanding situs yang terbit sebelumnya:\n"
        f"  data per: {day} → {day}\n"
        f"  peserta: {number(total)} → {number(total + 10)} (+10)\n"
        f"  desa: {villages} → {villages} (baru 0, hilang 0)\n"
        f"  desa naik 1, turun 0, tetap {villages - 1}\n"
        "  perubahan terbesar: Segumbang +10\n"
    ) in second.stderr


def test_build_takes_another_data_folder_and_site_folder(project, tmp_path):
    cwd = project.config.parent
    (cwd / "data").rename(cwd / "lain")
    result = run("build", "--data", "lain", "--site", str(tmp_path / "keluar"), cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "keluar" / "desa" / "6310012005" / "index.html").is_file()


def test_serve_rebuilds_when_a_data_file_changes(project, sample):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cwd = project.config.parent
    server = start_generator(
        "serve", "--dev-addr", f"127.0.0.1:{port}", cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def figure() -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/desa/6310012005/", timeout=5) as response:
                    html = response.read().decode()
                return html.split('class="capaian__angka"><strong>', 1)[1].split("</strong>", 1)[0]
            except OSError:
                time.sleep(0.3)
        raise AssertionError("pratinjau tidak menjawab")

    try:
        enrolled = sample.enrolled(SEGUMBANG)
        assert figure() == number(enrolled)
        add_farmers(project, sample, 100)
        deadline = time.monotonic() + 30
        while figure() != number(enrolled + 100) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert figure() == number(enrolled + 100)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_typo_while_serving_shows_on_the_preview_and_the_fix_brings_it_back(project, sample):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_generator(
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
        cwd=project.config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def page() -> str:
        """The village page as the preview serves it; every request is answered within seconds."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/desa/6310012005/", timeout=10) as response:
                    return response.read().decode()
            except OSError:
                time.sleep(0.3)
        raise AssertionError("pratinjau tidak menjawab")

    def until(condition) -> str:
        deadline = time.monotonic() + 40
        while not condition(text := page()) and time.monotonic() < deadline:
            time.sleep(0.5)
        return text

    path = project.data / "kepesertaan.csv"
    good = path.read_text(encoding="utf-8")
    try:
        assert "Data bermasalah" not in page()
        row = f"{SEGUMBANG},{sample.latest[SEGUMBANG][0]},"
        path.write_text(good.replace(row, row + "x", 1), encoding="utf-8")  # a typo in the first count
        shown = html.unescape(until(lambda text: "Data bermasalah" in text))
        assert "Data bermasalah" in shown and "kepesertaan.csv" in shown and "petani_l" in shown
        assert number(sample.enrolled(SEGUMBANG)) in shown  # the last good figures stay on the page
        path.write_text(good, encoding="utf-8")
        assert "Data bermasalah" not in until(lambda text: "Data bermasalah" not in text)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "kepesertaan.csv:" in errors and "Traceback" not in errors


def test_a_long_list_of_problems_is_capped_with_a_count_of_the_rest(project):
    path = project.data / "kepesertaan.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1:201] = [line.replace(",", ",x", 3) for line in lines[1:201]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", cwd=project.config.parent)
    shown = [line for line in result.stderr.splitlines() if line.startswith("data/kepesertaan.csv:")]
    assert result.returncode == 1
    assert len(shown) == 50
    assert "... dan 550 masalah lain (550 galat, 0 peringatan)" in result.stderr
    assert "Traceback" not in result.stderr
