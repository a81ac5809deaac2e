"""`make bench`: timings on this machine, side by side in one run, against the goals of issues 5 and 12.

Prints a table and writes bench-results.json at the repository root (git-ignored). Every figure
is a median (or p95) of several runs. Work files go to out/bench/ (git-ignored):

  synthetic/  the national synthetic dataset (`python -m etl synth`)
  synthetic.duckdb  its database (`python -m etl build --tables out/bench/synthetic`)
  corpus/     ≥ 10 MB of generated report text (tests/bench/corpus.py)

  etl_build_s       synthetic build from its tables, the whole CLI command (median of 3); the same
                    set as CSV files is built once for comparison (details.etl_build_csv)
  extract_mb_per_s  extraction over the generated corpus (+ figures_per_s; median of 3)
  raw_floor_ms      a plain GROUP BY province × year × indicator over every observation
  query_p95_ms      the worst p95 of the pages' SQL files (core/data/sql, tests/bench/page_sql.py)
  page_p95_ms       the worst p95 server time of a full page run (AppTest, tests/bench/page_runs.py);
                    page_vs_floor: the worst page's p95 over the floor measured just before that page
  first_cards_s     a new browser session to the overview: its cards and briefing sentences shown;
  first_chart_s     its first chart drawn; first_page_s: every chart drawn (tests/bench/browser.py)
  trends_filter_s, compare_filter_s   a filter change in the browser to the chart redrawn (median of 4)
  png_warm_s, deck10_s   tests/bench/export_bench.py run()
  peak_rss_mb       peak memory of the dashboard process after 10 sessions opened at once

The machine is shared: every time is printed beside the raw floor measured just before it (median of
5 runs of the floor's query) and as a multiple of it, so a run on a busy machine can still be read
(details.floor_beside_ms). A part whose modules are missing or fail writes null and says why under
"skipped". Options: --quick (fewer runs), --skip browser,pages,export,... (comma list; with etl
skipped, the database of an earlier run in out/bench/ is used again), --sessions N (default 10).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest and bare-mode warnings are not results
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb  # noqa: E402

# Streamlit warns about every cached call made outside a script run (AppTest, export bench): noise here.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True

WORK = ROOT / "out" / "bench"
RESULTS = ROOT / "bench-results.json"
GOALS = {  # issues 5 and 12; reported against, never asserted
    "etl_build_s": ("≤", 10.0), "extract_mb_per_s": ("≥", 1.0), "query_p95_ms": ("≤", 100.0),
    "query_vs_floor": ("≤", 2.5), "page_p95_ms": ("≤", 100.0), "page_vs_floor": ("≤", 2.5), "deck10_s": ("≤", 5.0),
    # issue 12
    "first_cards_s": ("≤", 1.0), "first_page_s": ("≤", 2.0), "trends_filter_s": ("≤", 0.5),
    "compare_filter_s": ("≤", 0.5),
}
# Times printed with the floor beside them and as a multiple of it: key → the unit's size in ms.
TIMES_MS = {"query_p95_ms": 1, "page_p95_ms": 1, "first_cards_s": 1000, "first_chart_s": 1000, "first_page_s": 1000,
            "trends_filter_s": 1000, "compare_filter_s": 1000, "png_warm_s": 1000, "deck10_s": 1000}
RAW_FLOOR_SQL = """
SELECT split_part(locality_id, '.', 1) AS province, year(period_end) AS year, indicator, sum(value) AS value
FROM observations GROUP BY ALL"""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- parts ------------------------------------------------------------------------------------------

def synthetic(results: dict, details: dict, runs: int) -> Path:
    data, db = WORK / "synthetic", WORK / "synthetic.duckdb"
    gen = subprocess.run([sys.executable, "-m", "etl", "synth", "--out", str(data)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    details["synth"] = {"command": "python -m etl synth --out out/bench/synthetic", "message": gen.stderr.strip()}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), "--tables", str(data)],
                              cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode:
            raise RuntimeError(done.stderr[-2000:])
    # The largest child so far is a build (the generator needs less than half of it).
    details["etl_build_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    details["etl_build_csv"] = build_from_csv(data)
    con = duckdb.connect(str(db), read_only=True)
    n_obs, synthetic_flag = con.sql("SELECT n_observations, synthetic FROM build_info").fetchall()[0]
    counts = dict(con.sql("SELECT level, count(*) FROM localities GROUP BY 1").fetchall())
    con.close()
    results["etl_build_s"] = round(statistics.median(times), 2)
    details["etl_build"] = {"runs_s": [round(t, 2) for t in times], "observations": n_obs,
                            "synthetic": synthetic_flag, "localities": counts, "database_mb":
                            round(db.stat().st_size / 1e6, 1)}
    return db


def build_from_csv(parquet_set: Path) -> dict[str, Any]:
    """The same set as CSV files (377 MB): one build, for comparison; the CSV files are removed after."""
    data, db = WORK / "synthetic-csv", WORK / "synthetic-csv.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "synth", "--out", str(data), "--format", "csv"], cwd=ROOT,
                   capture_output=True, text=True, check=True)
    megabytes = sum(p.stat().st_size for p in data.glob("*.csv")) / 1e6
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), "--tables", str(data)],
                          cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - start
    shutil.rmtree(data)
    db.unlink(missing_ok=True)
    return {"seconds": round(took, 2), "csv_megabytes": round(megabytes, 1), "ok": done.returncode == 0,
            "parquet_megabytes": round(sum(p.stat().st_size for p in parquet_set.glob("*.parquet")) / 1e6, 1)}


def extraction(results: dict, details: dict, runs: int) -> None:
    from corpus import write_corpus  # noqa: PLC0415

    from etl.extract import Extractor  # noqa: PLC0415
    from etl.report import read_report  # noqa: PLC0415

    folder = WORK / "corpus"
    n_files, n_bytes = write_corpus(folder)
    files = sorted(folder.glob("*.txt"))
    extractor = Extractor()
    times, figures = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        figures = sum(len(extractor.extract(read_report(f))) for f in files)
        times.append(time.perf_counter() - start)
    took = statistics.median(times)
    results["extract_mb_per_s"] = round(n_bytes / 1e6 / took, 2)
    results["extract_figures_per_s"] = round(figures / took, 1)
    details["extraction"] = {"files": n_files, "megabytes": round(n_bytes / 1e6, 2), "figures": figures,
                             "runs_s": [round(t, 2) for t in times]}


def floor_now(db: Path, runs: int = 5) -> float:
    """The raw floor now, in ms (median of `runs` after a warm one): what the machine's load allows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.sql(RAW_FLOOR_SQL).fetchall()
        return round(statistics.median(timed(lambda: con.sql(RAW_FLOOR_SQL).fetchall()) * 1000
                                       for _ in range(runs)), 1)
    finally:
        con.close()


def raw_floor(db: Path, results: dict, details: dict, runs: int) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.sql(RAW_FLOOR_SQL).fetchall()  # warm
        times = [timed(lambda: con.sql(RAW_FLOOR_SQL).fetchall()) * 1000 for _ in range(runs)]
        groups = len(con.sql(RAW_FLOOR_SQL).fetchall())
    finally:
        con.close()
    results["raw_floor_ms"] = round(statistics.median(times), 1)
    details["raw_floor"] = {"sql": " ".join(RAW_FLOOR_SQL.split()), "groups": groups,
                            "p95_ms": round(p95(times), 1), "runs_ms": [round(t, 1) for t in times]}
    return results["raw_floor_ms"]


def queries(db: Path, floor_ms: float, results: dict, details: dict, runs: int) -> None:
    import page_sql  # noqa: PLC0415

    found, skipped = page_sql.cases(db)
    if not found:
        raise RuntimeError("no SQL files in core/data/sql")
    per: dict[str, Any] = {}
    for case in found:
        page_sql.run(db, case)  # first run: file cache
        times = [timed(lambda c=case: page_sql.run(db, c)) * 1000 for _ in range(runs)]
        per[case.name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1),
                          "vs_floor": round(p95(times) / floor_ms, 2)}
    worst = max(per, key=lambda k: per[k]["p95_ms"])
    results["query_p95_ms"] = per[worst]["p95_ms"]
    results["query_vs_floor"] = per[worst]["vs_floor"]
    details["queries"] = {"worst": worst, "runs_each": runs,
                          "how": "core.data.db.query as a page runs it (the open build of the file) into a "
                                 "DataFrame; no result cache",
                          "skipped_files": skipped, "per_query": per}


def pages(db: Path, results: dict, details: dict, runs: int) -> None:
    from page_runs import time_pages  # noqa: PLC0415

    per = time_pages(db, runs=runs, floor=lambda: floor_now(db))
    if "error" in per:
        raise RuntimeError(per["error"])
    for got in per.values():
        got["vs_floor"] = round(got["p95_ms"] / got["floor_ms"], 2)
    worst = max(per, key=lambda k: per[k]["p95_ms"])
    results["page_p95_ms"] = per[worst]["p95_ms"]
    results["page_vs_floor"] = max(got["vs_floor"] for got in per.values())
    details.setdefault("floor_beside_ms", {})["page_p95_ms"] = per[worst]["floor_ms"]
    details["pages"] = {"worst": worst, "how": "AppTest: dashboard.py, switch_page, one full run; first run cold; "
                                              "floor_ms measured just before each page's runs", "per_page": per}


def browser(db: Path, results: dict, details: dict, sessions: int) -> None:
    from browser import measure  # noqa: PLC0415

    floor = floor_now(db)
    got = measure(db, sessions=sessions)
    if "error" in got:
        raise RuntimeError(got["error"])
    floor = round((floor + floor_now(db)) / 2, 1)  # before and after the overview and filter changes
    for key in ("first_cards_s", "first_chart_s", "first_page_s", "trends_filter_s", "compare_filter_s"):
        results[key] = got[key]
        details.setdefault("floor_beside_ms", {})[key] = floor
    results["peak_rss_mb"] = got.get("server_peak_rss_mb")
    details["browser"] = got


def export(results: dict, details: dict) -> None:
    import export_bench  # noqa: PLC0415

    got = export_bench.run()
    results["png_warm_s"] = got.get("png_warm_s")
    results["deck10_s"] = got.get("deck10_s")
    details["export"] = got


# --- report -------------------------------------------------------------------------------------------

def verdict(key: str, value: Any) -> str:
    if key not in GOALS or value is None:
        return ""
    op, goal = GOALS[key]
    ok = value <= goal if op == "≤" else value >= goal
    return f"{op} {goal:g}  {'đạt' if ok else 'CHƯA ĐẠT'}"


def table(results: dict[str, Any], floors: dict[str, float]) -> str:
    """One row per figure: its value, the raw floor measured beside it (ms), the value as a multiple of
    that floor, the goal."""
    rows = [("chỉ số", "giá trị", "sàn ms", "× sàn", "mục tiêu")]
    for key, value in results.items():
        floor = floors.get(key, floors.get("*"))
        shown = "null" if value is None else f"{value:g}"
        ratio = (f"{value * TIMES_MS[key] / floor:.1f}" if key in TIMES_MS and value is not None and floor
                 else "")
        rows.append((key, shown, f"{floor:g}" if floor and (key in TIMES_MS or key.endswith("vs_floor")) else "",
                     ratio, verdict(key, value)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="make bench")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a rough look, not for the README)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions opened at once (0: none)")
    parser.add_argument("--skip", default="", help="comma list of: extraction,queries,pages,browser,export")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    n = 1 if args.quick else 3
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = dict.fromkeys(
        ("etl_build_s", "extract_mb_per_s", "extract_figures_per_s", "raw_floor_ms", "query_p95_ms",
         "query_vs_floor", "page_p95_ms", "page_vs_floor", "first_cards_s", "first_chart_s", "first_page_s",
         "trends_filter_s", "compare_filter_s", "png_warm_s", "deck10_s", "peak_rss_mb"))
    details: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    started = time.perf_counter()

    def part(name: str, action: Callable[[], Any]) -> Any:
        if name in skip:
            skipped[name] = "--skip"
            return None
        print(f"… {name}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            return action()
        except Exception as exc:  # noqa: BLE001 - a missing or broken part is reported, the rest runs
            skipped[name] = f"{type(exc).__name__}: {exc}"
            details.setdefault("errors", {})[name] = traceback.format_exc(limit=3)[-1500:]
            return None
        finally:
            details.setdefault("part_seconds", {})[name] = round(time.perf_counter() - t0, 1)
            # Other work on the machine slows every figure: the 1-minute load average after each part.
            details.setdefault("load_average_after", {})[name] = round(os.getloadavg()[0], 2)

    db = part("etl", lambda: synthetic(results, details, n))
    if db is None and "etl" in skip and (WORK / "synthetic.duckdb").exists():
        db = WORK / "synthetic.duckdb"
        skipped["etl"] = "--skip: the database of an earlier run, out/bench/synthetic.duckdb"
    part("extraction", lambda: extraction(results, details, n))
    if db is not None:
        floor = part("raw_floor", lambda: raw_floor(db, results, details, 5 if args.quick else 21))
        if floor:
            details.setdefault("floor_beside_ms", {})["query_p95_ms"] = floor
            part("queries", lambda: queries(db, floor, results, details, 5 if args.quick else 15))
        part("pages", lambda: pages(db, results, details, 2 if args.quick else 5))
        part("browser", lambda: browser(db, results, details, args.sessions))
    else:
        skipped.update({k: "no synthetic database" for k in ("raw_floor", "queries", "pages", "browser")})
    if db is not None:
        part("export", lambda: (details.setdefault("floor_beside_ms", {}).update(
            dict.fromkeys(("png_warm_s", "deck10_s"), floor_now(db))), export(results, details)))
    else:
        part("export", lambda: export(results, details))
    results_out = {
        **results,
        "goals": {k: f"{op} {g:g}" for k, (op, g) in GOALS.items()},
        "skipped": skipped,
        "details": details,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "duckdb": duckdb.__version__, "load_average": list(os.getloadavg()),
                    "bench_seconds": round(time.perf_counter() - started, 1)},
    }
    RESULTS.write_text(json.dumps(results_out, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(table(results, details.get("floor_beside_ms", {})))
    for name, why in skipped.items():
        print(f"bỏ qua {name}: {why}")
    print(f"→ {RESULTS.relative_to(ROOT)} ({results_out['machine']['bench_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
