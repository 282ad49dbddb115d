"""Debian's nginx, started on loopback with the shipped configuration (``deploy/nginx/``) serving a site folder.

The shipped file is used as it is, except its ``listen``, ``server_name`` and ``root`` lines, which point at a
free port and the folder under test. The server runs in the foreground of a child process, with its pid file,
logs and temporary folders in a folder of the test's own.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import ROOT

SHIPPED = ROOT / "deploy" / "nginx" / "1desa100pekerjarentan.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MODULES = Path("/etc/nginx/modules-enabled")
"""Where Debian's module packages (libnginx-mod-http-brotli-static) put the lines that load them."""


def site_config(root: Path, port: int) -> str:
    """The shipped server configuration, listening on 127.0.0.1:``port`` and serving ``root``."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*)listen \[::\]:80;\n", "", text)
    text = re.sub(r"(?m)^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", text)
    text = re.sub(r"(?m)^(\s*)server_name .*;", r"\1server_name 127.0.0.1;", text)
    return re.sub(r"(?m)^(\s*)root .*;", lambda m: f"{m.group(1)}root {root};", text)


def main_config(work: Path, site_conf: Path) -> str:
    """An nginx.conf around the site's: what Debian's own nginx.conf gives, with every path in ``work``."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # test folders are private to the user running the tests
    temp = "".join(
        f"    {kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\n"
        f"include {MODULES}/*.conf;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include mime.types;\n    default_type application/octet-stream;\n    sendfile on;\n"
        f"    access_log {work / 'access.log'};\n{temp}"
        f"    include {site_conf};\n"
        "}\n"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def nginx(root: Path, work: Path) -> Iterator[str]:
    """nginx serving ``root`` with the shipped configuration; yields its address, ``http://127.0.0.1:PORT/``."""
    if not Path(NGINX).is_file():
        raise RuntimeError(
            "nginx is missing: `make test` installs it (apt-get install nginx libnginx-mod-http-brotli-static)"
        )
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    if not (work / "mime.types").exists():  # the shipped file includes it beside nginx.conf, as in /etc/nginx
        (work / "mime.types").symlink_to("/etc/nginx/mime.types")
    (work / "situs.conf").write_text(site_config(root, port), encoding="utf-8")
    (work / "nginx.conf").write_text(main_config(work, work / "situs.conf"), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-q", "-c", str(work / "nginx.conf")], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
    server = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf")], stderr=subprocess.PIPE)
    try:
        wait_for_port(port, server, "nginx")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_port(port: int, server: subprocess.Popen[bytes], name: str) -> None:
    """Wait until ``server`` listens on ``port``; fail with what it printed if it stops first."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{name} stopped: {server.stderr.read().decode() if server.stderr else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not start listening within 10 s")
