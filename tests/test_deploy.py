"""``python -m generator terbitkan``: releases uploaded with rsync into a folder on this machine and over SSH to a
real OpenSSH server on loopback, switched by one link, rolled back, and an upload killed part-way."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import build_site
from generator.deploy import BASIS, KEPT_RELEASES, LIVE, RELEASES, UPLOAD, Target, deploy, roll_back
from generator.problems import GeneratorError
from generator.release_manifest import MANIFEST_SUFFIX
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


def check_deploys_and_rollback(sites: Sites, target: Target, folder: Path, work: Path) -> None:
    site = work / "site"  # staff's site/, first built from the old data, then rebuilt after the change
    shutil.copytree(sites.old, site)
    first = deploy(site, target, now=at(0))
    live = folder / LIVE
    assert live.is_symlink() and os.readlink(live) == f"{RELEASES}/{first.release}"
    assert tree(live) == tree(sites.old) and first.sent == first.files == len(tree(sites.old))

    for name in tree(sites.old).keys() - tree(sites.new).keys():
        (site / name).unlink()
    for name in sites.changed:  # as a rebuild publishes: each changed file replaced
        shutil.copy(sites.new / name, site / name)
    second = deploy(site, target, now=at(1))
    assert tree(live) == tree(sites.new)
    assert second.sent == len(sites.changed) and 0 < second.sent < second.files / 10  # only the changed files
    one, two = folder / RELEASES / first.release, folder / RELEASES / second.release
    unchanged = [name for name in tree(sites.new) if name not in sites.changed]
    assert all(inode(one / name) == inode(two / name) for name in unchanged)  # hard links, no second copy
    assert not any(inode(one / name) == inode(two / name) for name in sites.changed if (one / name).exists())

    third = deploy(sites.new, target, now=at(2))  # a site this folder never sent: every file compared
    assert third.sent == 0 and tree(live) == tree(sites.new)

    assert roll_back(target) == second.release
    assert roll_back(target) == first.release
    assert tree(live) == tree(sites.old)
    with pytest.raises(GeneratorError, match="tidak ada rilis sebelum"):
        roll_back(target)
    assert deploy(site, target, now=at(3)).sent == len(sites.changed)  # after a rollback: compared with it


def test_a_deploy_to_a_folder_sends_only_what_changed_switches_at_once_and_rolls_back(sites, tmp_path):
    check_deploys_and_rollback(sites, Target.parse(str(tmp_path / "srv")), tmp_path / "srv", tmp_path)


def test_a_deploy_over_ssh_sends_only_what_changed_switches_at_once_and_rolls_back(sites, ssh, tmp_path):
    folder = tmp_path / "srv"
    check_deploys_and_rollback(sites, Target.parse(f"{ssh.host}:{folder}", ssh.ssh), folder, tmp_path)


def test_only_the_last_releases_are_kept(sites, tmp_path):
    target = Target.parse(str(tmp_path / "srv"))
    made = [deploy(sites.old if n % 2 else sites.new, target, now=at(n)).release for n in range(KEPT_RELEASES + 2)]
    kept = made[-KEPT_RELEASES:]
    assert sorted(p.name for p in (tmp_path / "srv" / RELEASES).iterdir()) == sorted(
        [*kept, *(name + MANIFEST_SUFFIX for name in kept)]
    )  # each with its manifest


def test_an_upload_killed_part_way_leaves_the_live_site_and_the_next_one_resumes(sites, ssh, tmp_path):
    folder, site = tmp_path / "srv", tmp_path / "site"
    shutil.copytree(sites.old, site)
    destination = f"{ssh.host}:{folder}"
    done = run_generator("terbitkan", destination, "--site", str(site), "--ssh", ssh.ssh, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "berkas baru atau berubah dikirim" in done.stdout and "--kembalikan" in done.stdout
    live = os.readlink(folder / LIVE)
    release = folder / live

    for name in tree(site):  # every file changes: at 200 KB/s the upload takes many seconds
        (site / name).write_bytes((site / name).read_bytes() + b"\n")
    upload = start_generator(
        "terbitkan", destination, "--site", str(site), "--ssh", ssh.ssh, "--batas-kecepatan", "200",
        cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    partial = folder / RELEASES / UPLOAD

    def arrived() -> int:
        """Files of the upload folder that are no longer the live release's (hard links of it until sent)."""
        files = (
            [p for p in partial.rglob("*") if p.is_file() and not p.name.startswith(".")] if partial.is_dir() else []
        )
        return sum(1 for p in files if inode(p) != inode(release / p.relative_to(partial)))

    deadline = time.monotonic() + 20
    while arrived() < 20 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert upload.poll() is None, "the upload ended before it could be killed"
    os.killpg(upload.pid, signal.SIGKILL)  # the command, its rsync and its ssh
    upload.wait()

    assert os.readlink(folder / LIVE) == live and tree(folder / LIVE) == tree(sites.old)  # untouched
    names = {p.name for p in (folder / RELEASES).iterdir()}
    assert names == {UPLOAD, BASIS, release.name, release.name + MANIFEST_SUFFIX}
    sent_before = arrived()

    done = run_generator("terbitkan", destination, "--site", str(site), "--ssh", ssh.ssh, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert tree(folder / LIVE) == tree(site) and not partial.exists()
    sent = int(done.stdout.split(": ", 1)[1].split(" berkas", 1)[0])
    assert sent <= len(tree(site)) - sent_before + 1  # what the killed upload had sent is not sent again


def test_a_missing_site_or_an_unreachable_server_is_a_clear_error_and_changes_nothing(sites, ssh, tmp_path):
    done = run_generator("terbitkan", str(tmp_path / "srv"), "--site", str(tmp_path / "tidak-ada"), cwd=tmp_path)
    assert done.returncode == 1 and "bukan situs yang selesai dibangun" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "srv").exists()
    closed = re.sub(r"-p \d+", f"-p {free_port()}", ssh.ssh)  # nobody listens there
    done = run_generator("terbitkan", f"{ssh.host}:/srv/x", "--site", str(sites.old), "--ssh", closed, cwd=tmp_path)
    assert done.returncode == 1 and "Gagal: perintah di 127.0.0.1" in done.stderr.replace(ssh.host, "127.0.0.1")
    assert "Traceback" not in done.stderr
