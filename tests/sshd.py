"""Debian's OpenSSH server on loopback, for the deploy tests: a host key and a client key made for the test,
the server in the foreground of a child process, logging in as the user running the tests."""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.nginx import free_port, wait_for_port

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


@dataclass(frozen=True)
class SshServer:
    host: str
    """``user@127.0.0.1``."""
    ssh: str
    """The ssh command that logs in with the test's key: for ``terbitkan --ssh``."""


@contextmanager
def ssh_server(work: Path) -> Iterator[SshServer]:
    if not Path(SSHD).is_file():
        raise RuntimeError("sshd is missing: `make test` installs it (apt-get install openssh-server)")
    work.mkdir(parents=True, exist_ok=True)
    for key in ("kunci-server", "kunci-staf"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / key)], check=True)
    shutil.copy(work / "kunci-staf.pub", work / "authorized_keys")
    port = free_port()
    (work / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {work / 'kunci-server'}\n"
        f"AuthorizedKeysFile {work / 'authorized_keys'}\nPidFile {work / 'sshd.pid'}\n"
        "UsePAM no\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\n",
        encoding="utf-8",
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder, made by its init script
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(work / "sshd_config")], stderr=subprocess.PIPE)
    try:
        wait_for_port(port, server, "sshd")
        options = f"-p {port} -i {work / 'kunci-staf'} -o BatchMode=yes -o StrictHostKeyChecking=no"
        options += f" -o UserKnownHostsFile={work / 'known_hosts'} -o LogLevel=ERROR"
        yield SshServer(f"{getpass.getuser()}@127.0.0.1", "ssh " + shlex.join(options.split()))
    finally:
        server.terminate()
        server.wait(timeout=10)
