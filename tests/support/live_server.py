"""The dashboard as `make run` serves it (core.ui.serve), on a free loopback port, for the browser tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# The machine may be busy (CI on two shared cores): every wait below ends as soon as its condition holds,
# and only a hung server or page gets near these limits.
START_S = 180.0
BROWSER_WAIT_MS = 120_000
# No network here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def dashboard_server(db: Path, timeout: float = START_S) -> Iterator[str]:
    """Start the server on `db`, wait for its health check, yield its URL, stop it.

    What the server writes goes to a file, never to a pipe nobody reads: a full pipe (64 kB of log lines)
    would block the server's next write, and with it the page being run."""
    port = free_port()
    env = dict(os.environ, DANVAN_DB=str(db))
    with tempfile.TemporaryDirectory(prefix="danvan-server-") as logs:
        log = Path(logs) / "server.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "core.ui.serve", "--server.address", "127.0.0.1", "--server.port", str(port)],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    said = log.read_text(encoding="utf-8", errors="replace")[-4000:]
                    raise RuntimeError("the dashboard did not start: " + said)
                time.sleep(0.3)  # the next look at the health check, not a wait for the server
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
