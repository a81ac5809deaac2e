"""A real browser against a local dashboard started as `make run` starts it (core.ui.serve): time to the
first chart of the overview page (a new visitor, and one whose browser has the app's files cached),
then N sessions at once, first as the server sees them (tests/bench/ws_sessions.py: Streamlit's
websocket protocol, nothing rendered) and then in N browser tabs (errors, time to chart, peak memory
of the server process). The N tabs run on the same cores as the server: their time is mostly the
browsers' own work.

`python tests/bench/browser.py --db PATH [--sessions 10]` runs it alone and prints JSON.
Loopback only (127.0.0.1, a free port); the server is stopped by its own PID at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CHART = ".js-plotly-plot .main-svg"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class Server:
    """`python -m core.ui.serve` (what `make run` starts) on 127.0.0.1 with DANVAN_DB set; a context manager."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        env = dict(os.environ, DANVAN_DB=str(self.db))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "core.ui.serve", "--server.address", "127.0.0.1",
             "--server.port", str(self.port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok":
                    return self
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("streamlit did not start")
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# Set in each page before its scripts run: the time (ms since navigation began) the first chart is drawn.
_MARK_FIRST_CHART = """
new MutationObserver((_, obs) => {
  if (document.querySelector('.js-plotly-plot .main-svg')) {
    window.__firstChartMs = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def measure(db: Path, sessions: int = 10, timeout_s: float = 90) -> dict[str, Any]:
    """First chart of a new session (median of 3; then of 3 more in one browser that keeps its cache),
    then `sessions` sessions at once: as the server sees them, then in browser tabs."""
    import ws_sessions  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    if not Path(CHROMIUM).exists():
        return {"error": f"Chromium missing at {CHROMIUM}"}
    out: dict[str, Any] = {}
    with Server(db) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            firsts = [_open(browser, server.url, timeout_s)[0] for _ in range(3)]
            out["first_page_runs_s"] = [round(t, 3) for t in firsts]
            out["first_page_s"] = round(statistics.median(firsts), 3)
            returning = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
            returning.add_init_script(_MARK_FIRST_CHART)
            try:
                again = [_open(browser, server.url, timeout_s, returning)[0] for _ in range(4)][1:]
            finally:
                returning.close()
            out["first_page_cached_runs_s"] = [round(t, 3) for t in again]
            out["first_page_cached_s"] = round(statistics.median(again), 3)
            out["server_sessions"] = ws_sessions.measure(server.url, sessions, timeout_s)
            out.update(_sessions(browser, server.url, sessions, timeout_s))
        finally:
            browser.close()
        out["server_rss_mb"], out["server_peak_rss_mb"] = (round(x, 1) for x in _rss_mb(server.proc.pid))
    return out


def _open(browser, url: str, timeout_s: float, context=None) -> tuple[float, int]:  # noqa: ANN001
    """A new session to the overview: seconds to its first chart, and exceptions shown on the page.
    In a fresh browser context (a first visit), or in `context` (a browser that keeps its cache)."""
    own = context is None
    if own:
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        context.add_init_script(_MARK_FIRST_CHART)
    tab = None
    try:
        tab = context.new_page()
        tab.goto(url)
        tab.wait_for_function("window.__firstChartMs !== undefined", timeout=timeout_s * 1000)
        return tab.evaluate("window.__firstChartMs") / 1000, tab.locator("[data-testid='stException']").count()
    finally:
        if own:
            context.close()
        elif tab is not None:
            tab.close()


def _sessions(browser, url: str, n: int, timeout_s: float) -> dict[str, Any]:
    """n sessions at once: all are opened, then each one's first chart is awaited."""
    contexts, tabs = [], []
    for _ in range(n):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.add_init_script(_MARK_FIRST_CHART)
        contexts.append(context)
        tab = context.new_page()
        tab.goto(url, wait_until="commit")
        tabs.append(tab)
    times, errors = [], []
    try:
        for k, tab in enumerate(tabs):
            try:
                tab.wait_for_function("window.__firstChartMs !== undefined", timeout=timeout_s * 1000)
                times.append(tab.evaluate("window.__firstChartMs") / 1000)
                shown = tab.locator("[data-testid='stException']").count()
                if shown:
                    errors.append(f"phiên {k + 1}: {shown} lỗi trên trang")
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                errors.append(f"phiên {k + 1}: {type(exc).__name__}: {str(exc)[:160]}")
    finally:
        for context in contexts:
            context.close()
    times.sort()
    return {
        "sessions": n,
        "session_errors": errors,
        "session_time_to_chart_s": [round(t, 2) for t in times],
        "session_time_to_chart_p50_s": round(statistics.median(times), 2) if times else None,
        "session_time_to_chart_max_s": round(max(times), 2) if times else None,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(measure(Path(args.db), args.sessions), indent=2, ensure_ascii=False))
