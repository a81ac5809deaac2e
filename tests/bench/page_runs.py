"""Server time of one full run of each page (Streamlit AppTest, headless) against a database,
found at run time: dashboard.py and every pages/*.py it navigates to, and the pages whose link can ask
for another part of them (VARIANTS)."""
from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
SYNTHETIC_BANNER = "DỮ LIỆU GIẢ LẬP"  # issue 5: every page says so on synthetic data
# A page opened by a link with parameters, where that draws another part of it: Địa bàn for a new ward
# (its own figures, then its three old districts' figures as tables) beside its default, an old district.
VARIANTS = {"pages/district.py?place=ha-noi.phuong-ba-dinh": ("pages/district.py", {"place": "ha-noi.phuong-ba-dinh"})}


def page_files() -> list[str]:
    """Pages as dashboard.py's navigation names them (relative to it)."""
    return [f"pages/{p.name}" for p in sorted((ROOT / "pages").glob("*.py"))] if (ROOT / "pages").is_dir() else []


def _texts(at) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "info", "warning", "error", "title", "header", "subheader"):
        out += [str(el.value) for el in getattr(at, kind, [])]
    return out


def time_pages(db: Path, runs: int = 5, timeout: float = 120,
               floor: Callable[[], float] | None = None) -> dict[str, Any]:
    """Per page: the first (cold) run and the p50/p95 of the next `runs` (warm caches), in ms; with
    `floor`, the raw floor measured just before the page's runs (floor_ms)."""
    from streamlit.testing.v1 import AppTest  # noqa: PLC0415

    os.environ["DANVAN_DB"] = str(db)
    pages = page_files()
    if not DASHBOARD.exists() or not pages:
        return {"error": "dashboard.py or pages/ missing"}
    # As the server after its start (core.ui.serve.warm_up): what the imports loaded is frozen out of the
    # garbage collector's rounds. Without it a full round over those 156,000 objects (110–150 ms) fell into
    # one page run in 10 or 20 here, which the server's runs never pay.
    AppTest.from_file(str(DASHBOARD), default_timeout=timeout).run()
    gc.freeze()
    out: dict[str, Any] = {}
    asked = [(page, page, {}) for page in pages] + [(name, *how) for name, how in VARIANTS.items() if how[0] in pages]
    for name, page, params in asked:
        timings, errors, banner = [], [], False
        floor_ms = floor() if floor else None
        for _ in range(runs + 1):
            at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
            at.run()
            if params:  # as a link with them opens the page
                at.query_params.clear()
                at.query_params.update(params)
            start = time.perf_counter()
            at.switch_page(page).run()
            timings.append((time.perf_counter() - start) * 1000)
            errors += [e.message for e in at.exception]
            banner = banner or any(SYNTHETIC_BANNER in t for t in _texts(at))
        warm = sorted(timings[1:])
        out[name] = {
            "cold_ms": round(timings[0], 1),
            "p50_ms": round(statistics.median(warm), 1),
            "p95_ms": round(_p95(warm), 1),
            "runs_ms": [round(t, 1) for t in timings],
            "errors": sorted(set(errors))[:5],
            "synthetic_banner": banner,
            "floor_ms": floor_ms,
        }
    return out


def _p95(values: list[float]) -> float:
    """The 95th percentile by nearest rank (with few runs: the largest but outliers)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]
