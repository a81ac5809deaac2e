"""The server `make run` starts: a shared page link opens that page, even for the first visitor."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
def test_first_visitor_opening_a_page_link_gets_that_page(built_db):
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(os.environ, DANVAN_DB=str(built_db))
    proc = subprocess.Popen([sys.executable, "-m", "core.serve", "--server.address", "127.0.0.1",
                             "--server.port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("server did not start: " + proc.stderr.read().decode()) from None
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/xu-huong?indicator=reception_turns&loc=gia-lai")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            body = page.inner_text("body")
            browser.close()
        assert "does not seem to exist" not in body
        assert "Xu hướng" in body and "Lượt tiếp công dân" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
