"""``python -m generator terbitkan``: releases uploaded with rsync into a folder on this machine and over SSH to a
real OpenSSH server on loopback, switched by one link, rolled back, and an upload killed part-way."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build_site
from generator.deploy import KEPT_RELEASES, LIVE, RELEASES, UPLOAD, Target, deploy, roll_back
from generator.problems import GeneratorError
from tests.helpers import copy_project, run_generator, start_generator
from tests.nginx import free_port
from tests.sshd import SshServer, ssh_server
from tests.test_publish import tree


@dataclass(frozen=True)
class Sites:
    old: Path
    new: Path
    changed: set[str]
    """Files of ``new`` that ``old`` lacks or holds other bytes of."""


@pytest.fixture(scope="module")
def sites(built, tmp_path_factory) -> Sites:
    """The default site, and the site after one claim of one village changed."""
    project = copy_project(tmp_path_factory.mktemp("berubah"))
    claims = project.data / "klaim.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",JKK,2025-04,1,", ",JKK,2025-04,2,", 1), "utf-8")
    build_site(project)
    old, new = tree(built.site), tree(project.site)
    return Sites(built.site, project.site, {name for name, digest in new.items() if old.get(name) != digest})


@pytest.fixture(scope="module")
def ssh(tmp_path_factory) -> Iterator[SshServer]:
    with ssh_server(tmp_path_factory.mktemp("sshd")) as server:
        yield server


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 4, 8, minute, tzinfo=dt.UTC)


def inode(path: Path) -> int:
    return path.stat().st_ino


def check_deploys_and_rollback(sites: Sites, target: Target, folder: Path) -> None:
    first = deploy(sites.old, target, now=at(0))
    live = folder / LIVE
    assert live.is_symlink() and os.readlink(live) == f"{RELEASES}/{first.release}"
    assert tree(live) == tree(sites.old) and first.sent == first.files == len(tree(sites.old))

    second = deploy(sites.new, target, now=at(1))
    assert tree(live) == tree(sites.new)
    assert second.sent == len(sites.changed) and 0 < second.sent < second.files / 10  # only the changed files
    one, two = folder / RELEASES / first.release, folder / RELEASES / second.release
    unchanged = [name for name in tree(sites.new) if name not in sites.changed]
    assert all(inode(one / name) == inode(two / name) for name in unchanged)  # hard links, no second copy
    assert not any(inode(one / name) == inode(two / name) for name in sites.changed if (one / name).exists())

    assert roll_back(target) == first.release
    assert tree(live) == tree(sites.old)
    with pytest.raises(GeneratorError, match="tidak ada rilis sebelum"):
        roll_back(target)


def test_a_deploy_to_a_folder_sends_only_what_changed_switches_at_once_and_rolls_back(sites, tmp_path):
    check_deploys_and_rollback(sites, Target.parse(str(tmp_path / "srv")), tmp_path / "srv")


def test_a_deploy_over_ssh_sends_only_what_changed_switches_at_once_and_rolls_back(sites, ssh, tmp_path):
    folder = tmp_path / "srv"
    check_deploys_and_rollback(sites, Target.parse(f"{ssh.host}:{folder}", ssh.ssh), folder)


def test_only_the_last_releases_are_kept(sites, tmp_path):
    target = Target.parse(str(tmp_path / "srv"))
    made = [deploy(sites.old if n % 2 else sites.new, target, now=at(n)).release for n in range(KEPT_RELEASES + 2)]
    assert sorted(p.name for p in (tmp_path / "srv" / RELEASES).iterdir()) == made[-KEPT_RELEASES:]


def test_an_upload_killed_part_way_leaves_the_live_site_and_the_next_one_resumes(sites, ssh, tmp_path):
    folder = tmp_path / "srv"
    destination = f"{ssh.host}:{folder}"
    done = run_generator("terbitkan", destination, "--site", str(sites.old), "--ssh", ssh.ssh, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "berkas baru atau berubah dikirim" in done.stdout and "--kembalikan" in done.stdout
    live = os.readlink(folder / LIVE)

    # every file differs from the live release, at 200 KB/s: the upload takes many seconds
    (sites_new := tmp_path / "baru").mkdir()
    for name in tree(sites.old):
        (sites_new / name).parent.mkdir(parents=True, exist_ok=True)
        (sites_new / name).write_bytes((sites.old / name).read_bytes() + b"\n")
    upload = start_generator(
        "terbitkan", destination, "--site", str(sites_new), "--ssh", ssh.ssh, "--batas-kecepatan", "200",
        cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    partial = folder / RELEASES / UPLOAD
    deadline = time.monotonic() + 20
    while not (partial.is_dir() and sum(1 for _ in partial.rglob("*")) > 20) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert upload.poll() is None, "the upload ended before it could be killed"
    os.killpg(upload.pid, signal.SIGKILL)  # the command, its rsync and its ssh
    upload.wait()

    assert os.readlink(folder / LIVE) == live and tree(folder / LIVE) == tree(sites.old)  # untouched
    assert sorted(p.name for p in (folder / RELEASES).iterdir()) == [UPLOAD, live.removeprefix(f"{RELEASES}/")]
    sent_before = sum(1 for p in partial.rglob("*") if p.is_file())

    done = run_generator("terbitkan", destination, "--site", str(sites_new), "--ssh", ssh.ssh, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert tree(folder / LIVE) == tree(sites_new) and not partial.exists()
    sent = int(done.stdout.split(": ", 1)[1].split(" berkas", 1)[0])
    assert sent <= len(tree(sites_new)) - sent_before + 1  # what the killed upload had sent is not sent again


def test_a_missing_site_or_an_unreachable_server_is_a_clear_error_and_changes_nothing(sites, ssh, tmp_path):
    done = run_generator("terbitkan", str(tmp_path / "srv"), "--site", str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert done.returncode == 1 and "bukan situs yang selesai dibangun" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "srv").exists()
    closed = re.sub(r"-p \d+", f"-p {free_port()}", ssh.ssh)  # nobody listens there
    done = run_generator("terbitkan", f"{ssh.host}:/srv/x", "--site", str(sites.old), "--ssh", closed, cwd=tmp_path)
    assert done.returncode == 1 and "Gagal: perintah di 127.0.0.1" in done.stderr.replace(ssh.host, "127.0.0.1")
    assert "Traceback" not in done.stderr
