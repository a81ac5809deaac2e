"""The dashboard as `make run` serves it (core.ui.serve), on a free loopback port, for the browser tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
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
    """Start the server on `db`, wait for its health check, yield its URL, stop it."""
    port = free_port()
    env = dict(os.environ, DANVAN_DB=str(db))
    proc = subprocess.Popen(
        [sys.executable, "-m", "core.ui.serve", "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
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
                said = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError("the dashboard did not start: " + said)
            time.sleep(0.3)  # the next look at the health check, not a wait for the server
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
