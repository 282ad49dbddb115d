"""Deploying: ``python -m generator terbitkan TUJUAN`` puts the built ``site/`` on the web server.

``TUJUAN`` is a folder on this machine (``/srv/1desa100pekerjarentan``) or on a server reached over SSH
(``staf@server:/srv/1desa100pekerjarentan``). The folder holds one folder per release and a link to the live
one, which nginx serves (``deploy/nginx/``)::

    releases/20261204T050000Z/     a whole site, its unchanged files hard links into the release before it
    releases/.unggahan/            an upload under way, or one that was interrupted (the next upload resumes it)
    current -> releases/20261204T050000Z

Every release has its manifest beside it (``releases/<name>.berkas``, :mod:`generator.release_manifest`). When
the live release is the one this site sent last, the upload folder is made a copy of it in hard links and rsync
sends only the files whose digest changed since; otherwise (the first deploy, or a server changed by someone
else) rsync compares every file by checksum and hard-links the unchanged ones from the live release.
Only a complete upload is renamed into a release, and the link is
then switched with one ``rename``: a reader gets the whole old site or the whole new one, and a failed or killed
upload leaves the live site as it was. The last :data:`KEPT_RELEASES` releases are kept for
``terbitkan TUJUAN --kembalikan``, which switches the link back to the release before the live one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.problems import GeneratorError
from generator.release_manifest import (
    MANIFEST_SUFFIX,
    Manifest,
    changes,
    manifest_text,
    read_manifest,
    site_manifest,
    text_digest,
)

RELEASES = "releases"
LIVE = "current"
UPLOAD = ".unggahan"
BASIS = ".unggahan.dasar"
"""Names the release an upload folder was copied from (``_send_changes``)."""
KEPT_RELEASES = 5
RELEASE_NAME = re.compile(r"^\d{8}T\d{6}Z$")


@dataclass(frozen=True)
class Target:
    """Where releases go: a folder, on a host over SSH when ``host`` is set."""

    folder: str
    host: str = ""
    ssh: str = "ssh"
    """The SSH command with its options (``--ssh 'ssh -p 2222 -i kunci'``)."""

    @classmethod
    def parse(cls, text: str, ssh: str = "ssh") -> Target:
        host, colon, folder = text.partition(":")
        if not colon or "/" in host:  # a local path (which may itself contain ":")
            return cls(str(Path(text).resolve()))
        if not folder.startswith("/"):
            raise GeneratorError(f"{text}: tulis folder di server sebagai jalur lengkap, mis. {host}:/srv/situs")
        return cls(folder.rstrip("/") or "/", host, ssh)

    def rsync_destination(self, path: str) -> str:
        return f"{self.host}:{path}" if self.host else path

    def shell(self, script: str, given: str = "") -> str:
        """Run a POSIX shell script in the target's folder (on its host), ``given`` on its standard input; returns
        what it printed."""
        folder = shlex.quote(self.folder)
        script = f"set -eu\nmkdir -p {folder}\ncd {folder}\n{script}"
        command = (
            [*shlex.split(self.ssh), self.host, "sh", "-c", shlex.quote(script)] if self.host else ["sh", "-c", script]
        )
        done = subprocess.run(command, input=given, capture_output=True, text=True)
        if done.returncode != 0:
            where = self.host or "mesin ini"
            raise GeneratorError(f"perintah di {where} gagal ({done.returncode}): {done.stderr.strip()}")
        return done.stdout


@dataclass(frozen=True)
class State:
    """The releases in the target, oldest first, and the live one (``""`` before the first deploy)."""

    releases: list[str]
    live: str

    @classmethod
    def read(cls, target: Target) -> State:
        listing = target.shell(
            f"mkdir -p {RELEASES}\n"
            f'if [ -e {LIVE} ] && [ ! -L {LIVE} ]; then echo "{LIVE} bukan tautan" >&2; exit 3; fi\n'
            f"readlink {LIVE} || true\necho --\nls -1 {RELEASES}\n"
        )
        link, _, names = listing.partition("--\n")
        releases = sorted(name for name in names.split() if RELEASE_NAME.match(name))
        return cls(releases, link.strip().removeprefix(f"{RELEASES}/"))


@dataclass(frozen=True)
class Uploaded:
    """What a deploy sent: files sent (new or changed), all files, bytes sent over the wire."""

    release: str
    sent: int
    files: int
    bytes_sent: int


def deploy(site: Path, target: Target, bandwidth: int | None = None, now: dt.datetime | None = None) -> Uploaded:
    """Upload ``site`` as a new release of ``target``, make it live, and delete releases beyond the kept ones."""
    _check_site(site)
    state = State.read(target)
    release = _new_name(now or dt.datetime.now(dt.UTC), state.releases)
    manifest = site_manifest(site)
    before = _last_manifest(site, target, state.live)
    if before is None:  # first deploy, or the live release is not the one this site sent last: compare all
        sent, bytes_sent = _rsync(site, target, state.live, bandwidth)
    else:
        sent, bytes_sent = _send_changes(site, target, state.live, changes(before, manifest), bandwidth)
    text = manifest_text(manifest)
    link = f"{RELEASES}/{release}"
    target.shell(
        f"cat > {link}{MANIFEST_SUFFIX}\n"
        f"rm -f {RELEASES}/{BASIS}\n"
        f"mv {RELEASES}/{UPLOAD} {link}\n"
        f"ln -sfn {link} {LIVE}.baru\n"
        f"mv -T {LIVE}.baru {LIVE}\n",  # rename(2) over the old link: atomic
        text,
    )
    _remember(site, target, release, text)
    _prune(target, [*state.releases, release], release)
    return Uploaded(release, sent, len(manifest), bytes_sent)


def roll_back(target: Target) -> str:
    """Make the release before the live one live again; returns its name."""
    state = State.read(target)
    if state.live not in state.releases or state.releases.index(state.live) == 0:
        raise GeneratorError(f"tidak ada rilis sebelum {state.live or 'yang tayang'} di {target.folder}")
    previous = state.releases[state.releases.index(state.live) - 1]
    target.shell(f"ln -sfn {RELEASES}/{previous} {LIVE}.baru\nmv -T {LIVE}.baru {LIVE}\n")
    return previous


def _check_site(site: Path) -> None:
    for needed in ("index.html", "404.html"):
        if not (site / needed).is_file():
            raise GeneratorError(
                f"{site} bukan situs yang selesai dibangun (tidak ada {needed}); jalankan dulu: make site"
            )


def _new_name(now: dt.datetime, existing: list[str]) -> str:
    """The release's name, its time in UTC; a second later than the last one if that is not later."""
    name = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    if existing and name <= existing[-1]:
        last = dt.datetime.strptime(existing[-1], "%Y%m%dT%H%M%SZ")
        name = (last + dt.timedelta(seconds=1)).strftime("%Y%m%dT%H%M%SZ")
    return name


def _rsync(site: Path, target: Target, live: str, bandwidth: int | None) -> tuple[int, int]:
    """Upload into the hidden upload folder, hard-linking files unchanged since the live release; every file of
    both is read to compare them. Returns the files and bytes sent."""
    # --no-times: a file is hard-linked only when all its kept attributes match, and every build writes every file
    # anew; a linked file also keeps its date, so nginx's ETag stays and browsers are told "304 Not Modified"
    options = ["--delete", *([f"--link-dest=../{live}"] if live else [])]
    target.shell(f"rm -f {RELEASES}/{BASIS}\n")  # the upload folder will no longer be a copy of one release
    return _run_rsync(target, options, f"{site}/", bandwidth)


def _send_changes(
    site: Path, target: Target, live: str, changed: tuple[list[str], list[str]], bandwidth: int | None
) -> tuple[int, int]:
    """Make the upload folder a copy of the live release in hard links, delete the files the site no longer
    has, and send the changed ones. A folder left by an interrupted upload from the same release (named in
    :data:`BASIS` once the copy is whole) is kept, so what it received is not sent again (rsync compares the
    changed files by checksum)."""
    new_or_changed, removed = changed
    target.shell(
        f"cd {RELEASES}\n"
        f'if [ "$(cat {BASIS} 2>/dev/null)" != {shlex.quote(live)} ]; then\n'
        f"  rm -rf {UPLOAD} {BASIS}\n  cp -al {shlex.quote(live)} {UPLOAD}\n  echo {shlex.quote(live)} > {BASIS}\nfi\n"
        f"find {UPLOAD} -name '.*' -type f -delete\n"  # rsync's temporary files from an interrupted upload
        f"cd {UPLOAD}\nxargs -0 rm -f --\n",
        "\0".join(removed),
    )
    return _run_rsync(target, ["--files-from=-", "--from0"], f"{site}/", bandwidth, "\0".join(new_or_changed))


def _run_rsync(
    target: Target, options: list[str], source: str, bandwidth: int | None, files: str = ""
) -> tuple[int, int]:
    command = ["rsync", "--archive", "--no-times", "--checksum", "--stats", *options]
    if bandwidth:
        command.append(f"--bwlimit={bandwidth}")
    if target.host:
        command += ["-e", target.ssh]
    destination = target.rsync_destination(f"{target.folder}/{RELEASES}/{UPLOAD}/")
    done = subprocess.run([*command, source, destination], input=files, capture_output=True, text=True)
    if done.returncode != 0:
        raise GeneratorError(
            f"unggahan ke {destination} gagal (rsync {done.returncode}): {done.stderr.strip()}; situs yang tayang "
            "tidak berubah, dan unggahan berikutnya melanjutkan yang sudah terkirim"
        )
    return _stat(done.stdout, "Number of regular files transferred: "), _stat(done.stdout, "Total bytes sent: ")


def _last_manifest(site: Path, target: Target, live: str) -> Manifest | None:
    """The manifest of the live release as this site sent it, if the server's copy is still the same."""
    record = _record(site, target)
    if not live or not record.is_file() or record.read_text(encoding="utf-8").partition("\n")[0] != live:
        return None
    text = record.read_text(encoding="utf-8").partition("\n")[2]
    found = target.shell(f"sha256sum {RELEASES}/{live}{MANIFEST_SUFFIX} 2>/dev/null || true\n").split(" ", 1)[0]
    return read_manifest(text) if found == text_digest(text) else None


def _remember(site: Path, target: Target, release: str, text: str) -> None:
    record = _record(site, target)
    record.parent.mkdir(exist_ok=True)
    record.write_text(f"{release}\n{text}", encoding="utf-8")


def _record(site: Path, target: Target) -> Path:
    """Where this site remembers the manifest it last sent to ``target``: ``.site.terbit/<target>.berkas``."""
    name = hashlib.sha256(f"{target.host}:{target.folder}".encode()).hexdigest()[:16]
    return site.with_name(f".{site.name}.terbit") / f"{name}{MANIFEST_SUFFIX}"


def _stat(report: str, label: str) -> int:
    """A number of rsync's ``--stats`` report, written ``1,234`` or ``1.234``."""
    found = re.search(rf"{label}([\d,.]+)", report)
    return int(re.sub(r"[,.]", "", found.group(1))) if found else 0


def _prune(target: Target, releases: list[str], live: str) -> None:
    """Delete the oldest releases beyond :data:`KEPT_RELEASES` (never the live one)."""
    old = [name for name in sorted(releases)[:-KEPT_RELEASES] if name != live]
    if old:
        target.shell("rm -rf " + " ".join(f"{RELEASES}/{n} {RELEASES}/{n}{MANIFEST_SUFFIX}" for n in old) + "\n")
