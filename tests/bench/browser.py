"""A real browser against a local dashboard started as `make run` starts it (core.ui.serve): on the
overview page, the time until its cards and briefing sentences are shown, until its first chart and
until every chart is drawn (a new visitor, and one whose browser has the app's files cached); the time
from a filter change on Xu hướng and So sánh to the chart redrawn; then N sessions at once, first as
the server sees them (tests/bench/ws_sessions.py: Streamlit's websocket protocol, nothing rendered)
and then in N browser tabs (errors, time to chart, peak memory of the server process). The N tabs run
on the same cores as the server: their time is mostly the browsers' own work.

`python tests/bench/browser.py --db PATH [--sessions 10]` runs it alone and prints JSON (0 sessions: none at once).
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
sys.path.insert(0, str(ROOT))  # run alone (python tests/bench/browser.py), the project's modules are found too

from core.words.i18n import t  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


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


# Set in each page before its scripts run. It records, in ms since navigation began: the first chart
# drawn (window.__firstChartMs); and, for every change of what the page shows, how many charts are
# drawn and how many cards and bold lines (card labels, briefing sentences) are in the main area
# (window.__marks). Once the page has settled, the first mark with the final counts is the time that
# everything was there: the cards and sentences (first_cards_s), every chart (first_page_s).
_MARK_PAGE = """
window.__marks = [];
const __count = () => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return null;
  const plots = main.querySelectorAll('[data-testid="stPlotlyChart"]');
  const drawn = [...main.querySelectorAll('.js-plotly-plot')].filter(g => g.querySelector('.main-svg g.trace')).length;
  const any = main.querySelector('.js-plotly-plot .main-svg');
  return {t: performance.now(), charts: plots.length, drawn: drawn, any: !!any,
          cards: main.querySelectorAll('[data-testid="stMetric"]').length,
          bold: main.querySelectorAll('[data-testid="stMarkdownContainer"] strong').length};
};
new MutationObserver(() => {
  const now = __count();
  if (!now) return;
  if (now.any && window.__firstChartMs === undefined) window.__firstChartMs = now.t;
  const last = window.__marks[window.__marks.length - 1];
  if (!last || last.charts !== now.charts || last.drawn !== now.drawn || last.cards !== now.cards
      || last.bold !== now.bold) window.__marks.push(now);
}).observe(document, {childList: true, subtree: true});
"""
# The page has settled: its script run has ended and every chart it holds is drawn.
_SETTLED = """() => {
  const m = window.__marks || [];
  const last = m[m.length - 1];
  const app = document.querySelector('[data-testid="stApp"]');
  return !!last && last.charts > 0 && last.drawn >= last.charts
    && !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
# Click the radio option labelled `label`, then wait (frame by frame) for the page's first chart to hold
# other data than before and be drawn: ms from the click.
_RADIO_TO_CHART = """async (label) => {
  const sig = (g) => JSON.stringify((g.data || []).map((t) => [t.name, t.x, t.y]));
  const first = () => document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  const before = sig(first());
  const option = [...document.querySelectorAll('[data-testid="stRadioGroup"] label')]
    .find((l) => l.innerText.trim() === label);
  if (!option) throw new Error('no radio option ' + label);
  const t0 = performance.now();
  option.click();
  return await new Promise((resolve, reject) => {
    const check = () => {
      const g = first();
      if (g && g.data && sig(g) !== before && g.querySelector('.main-svg g.trace')) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 60000) reject(new Error('chart unchanged after 60 s'));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}"""
FILTER_CHANGES = {  # page path → the two radio options toggled between (the second is clicked first)
    "trends": ("xu-huong", (t("filter.mode_absolute", "vi"), t("filter.mode_index", "vi"))),
    "compare": ("so-sanh", (t("filter.scope_provinces", "vi"), t("filter.scope_districts", "vi"))),
}


def measure(db: Path, sessions: int = 10, timeout_s: float = 90) -> dict[str, Any]:
    """The overview of a new session (median of 3; then of 3 more in one browser that keeps its cache):
    cards and sentences shown, first chart, every chart; a filter change on Xu hướng and So sánh;
    then `sessions` sessions at once: as the server sees them, then in browser tabs."""
    import ws_sessions  # noqa: PLC0415
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    if not Path(CHROMIUM).exists():
        return {"error": f"Chromium missing at {CHROMIUM}"}
    out: dict[str, Any] = {}
    with Server(db) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            firsts = [_open(browser, server.url, timeout_s) for _ in range(3)]
            out.update(_summary(firsts, ""))
            returning = _context(browser)
            try:
                again = [_open(browser, server.url, timeout_s, returning) for _ in range(4)][1:]
            finally:
                returning.close()
            out.update(_summary(again, "_cached"))
            for name, (path, options) in FILTER_CHANGES.items():
                out[f"{name}_filter_runs_s"] = _filter_changes(browser, f"{server.url}/{path}", options, timeout_s)
                out[f"{name}_filter_s"] = round(statistics.median(out[f"{name}_filter_runs_s"]), 3)
            if sessions:
                out["server_sessions"] = ws_sessions.measure(server.url, sessions, timeout_s)
                out.update(_sessions(browser, server.url, sessions, timeout_s))
        finally:
            browser.close()
        out["server_rss_mb"], out["server_peak_rss_mb"] = (round(x, 1) for x in _rss_mb(server.proc.pid))
    return out


def _summary(visits: list[dict[str, float]], suffix: str) -> dict[str, Any]:
    """Medians and runs of each time of several visits (first_cards_s, first_chart_s, first_page_s)."""
    out: dict[str, Any] = {}
    for key in ("first_cards_s", "first_chart_s", "first_page_s"):
        runs = [v[key] for v in visits]
        out[f"{key[:-2]}{suffix}_runs_s"] = runs
        out[f"{key[:-2]}{suffix}_s"] = round(statistics.median(runs), 3)
    out[f"errors_shown{suffix}"] = sum(v["errors"] for v in visits)
    return out


def _context(browser):  # noqa: ANN001, ANN202
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    context.add_init_script(_MARK_PAGE)
    return context


def _settle(tab, timeout_s: float) -> list[dict[str, float]]:  # noqa: ANN001
    """Wait until the page has settled and shows nothing new for a second; its marks."""
    tab.wait_for_function(_SETTLED, timeout=timeout_s * 1000)
    while True:
        seen = tab.evaluate("window.__marks.length")
        tab.wait_for_timeout(1000)  # a bench, not a test: nothing more may come after a quiet second
        if tab.evaluate("window.__marks.length") == seen:
            tab.wait_for_function(_SETTLED, timeout=timeout_s * 1000)
            return tab.evaluate("window.__marks")


def _open(browser, url: str, timeout_s: float, context=None) -> dict[str, float]:  # noqa: ANN001
    """A new session to the overview: seconds until its cards and bold lines (card labels, briefing
    sentences) are all there, until its first chart is drawn, until every chart is drawn; exceptions shown.
    In a fresh browser context (a first visit), or in `context` (a browser that keeps its cache)."""
    own = context is None
    if own:
        context = _context(browser)
    tab = None
    try:
        tab = context.new_page()
        tab.goto(url)
        marks = _settle(tab, timeout_s)
        final = marks[-1]
        cards = next(m for m in marks if m["cards"] >= final["cards"] and m["bold"] >= final["bold"])
        drawn = next(m for m in marks if m["drawn"] >= final["charts"] and m["charts"] >= final["charts"])
        return {"first_cards_s": round(cards["t"] / 1000, 3),
                "first_chart_s": round(tab.evaluate("window.__firstChartMs") / 1000, 3),
                "first_page_s": round(drawn["t"] / 1000, 3),
                "errors": tab.locator("[data-testid='stException']").count()}
    finally:
        if own:
            context.close()
        elif tab is not None:
            tab.close()


def _filter_changes(browser, url: str, options: tuple[str, str], timeout_s: float, n: int = 4) -> list[float]:  # noqa: ANN001
    """Seconds from clicking a radio option to the page's chart redrawn with the new data, `n` times
    (toggling between the two `options`), in one session opened at `url`."""
    context = _context(browser)
    try:
        tab = context.new_page()
        tab.goto(url)
        _settle(tab, timeout_s)
        times = []
        for k in range(n):
            times.append(round(tab.evaluate(_RADIO_TO_CHART, options[(k + 1) % 2]) / 1000, 3))
            _settle(tab, timeout_s)
        return times
    finally:
        context.close()


def _sessions(browser, url: str, n: int, timeout_s: float) -> dict[str, Any]:
    """n sessions at once: all are opened, then each one's first chart is awaited."""
    contexts, tabs = [], []
    for _ in range(n):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.add_init_script(_MARK_PAGE)
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
