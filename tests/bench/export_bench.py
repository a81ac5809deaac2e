"""Timings of chart export for `make bench`: one PNG cold and warm, and a 10-chart deck with a warm browser.

`run()` returns the figures as a dict (seconds, medians of several runs); `python -m tests.bench.export_bench`
prints them. Goal (issue 4): a 10-chart deck in ≤ 5 s with a warm browser on the 2-core machine.
"""
from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go

from core.charts import export
from core.deck.slides import DeckItem, deck_bytes
from core.words.sources import SourceRef, source_line

DECK10_GOAL_S = 5.0
_SOURCES = (SourceRef("Báo Gia Lai (GLO)", "2024-12-05", "Gia Lai tổng kết công tác dân vận năm 2024",
                      "https://baogialai.com.vn/"), SourceRef("Hà Nội portal", "2023-12-27"))


def sample_figure(n: int = 0) -> go.Figure:
    """A chart like the deck's: three series over 15 years with value labels and a marked point."""
    years = list(range(2011, 2026))
    fig = go.Figure()
    for k, name in enumerate(["Hà Nội", "Gia Lai (đến 30/06/2025)", "Sóc Sơn (Hà Nội)"]):
        values = [None if (y + k + n) % 7 == 0 else 1000 * (k + 1) + 37 * (y - 2010) * (k + 2) + n for y in years]
        fig.add_scatter(x=years, y=values, name=name, mode="lines+markers+text", textposition="top center",
                        text=[f"{v:,.0f}".replace(",", ".") if v else "" for v in values])
    fig.add_scatter(x=[2024], y=[2400], name="Hà Nội: 7 tháng 2024, không phải cả năm", mode="markers",
                    marker={"symbol": "diamond-open", "size": 14})
    fig.add_vline(x=2025, line={"dash": "dot"})
    fig.update_layout(xaxis={"title": "Năm", "dtick": 1}, yaxis={"title": "lượt", "tickformat": ",~f"})
    return fig


def _caption(n: int) -> export.Caption:
    return export.Caption(f"Lượt tiếp công dân {n}", "Hà Nội, Gia Lai · 2011–2025 · Tổng số",
                          source_line(_SOURCES))


def _median_time(action: Callable[[], Any], repeats: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def deck10_items(figures: Sequence[go.Figure] | None = None) -> list[DeckItem]:
    """Ten chart items (figures to render), as the "Xuất slide" page or `make deck` would hand over."""
    figures = list(figures) if figures else [sample_figure(n) for n in range(10)]
    return [DeckItem(f"Biểu đồ {n + 1}: lượt tiếp công dân", "Hà Nội, Gia Lai · 2011–2025 · Tổng số", _SOURCES,
                     ("Gia Lai, năm 2024: 2.861 lượt — Báo Gia Lai (GLO), 05/12/2024",), figure=fig)
            for n, fig in enumerate(figures[:10])]


def run(cold_repeats: int = 3, warm_repeats: int = 7, deck_repeats: int = 3) -> dict[str, Any]:
    """Measure export side by side; leaves the warm browser as it found it."""
    was_warm = export.browser_is_warm()
    export.stop_browser()
    fig = sample_figure()
    try:
        png_cold, cold_runs = _median_time(lambda: export.render_png(fig, _caption(0)), cold_repeats)
        start = time.perf_counter()
        export.start_browser()
        browser_start = time.perf_counter() - start
        png_warm, warm_runs = _median_time(lambda: export.render_png(fig, _caption(1)), warm_repeats)
        svg_warm, svg_runs = _median_time(lambda: export.render_svg(fig, _caption(2)), warm_repeats)
        items = deck10_items()
        deck10, deck_runs = _median_time(lambda: deck_bytes(items, "Công tác dân vận", "Hà Nội và Gia Lai"),
                                         deck_repeats)
        pptx_only_items = [DeckItem(i.title, i.subtitle, i.sources, i.notes,
                                    png=export.render_image(sample_figure(), "png", width=1920, height=786))
                           for i in items]
        pptx_only, _ = _median_time(lambda: deck_bytes(pptx_only_items, "Công tác dân vận"), deck_repeats)
    finally:
        if not was_warm:
            export.stop_browser()
        elif not export.browser_is_warm():
            export.start_browser()
    return {
        "png_cold_s": round(png_cold, 3),
        "png_warm_s": round(png_warm, 3),
        "svg_warm_s": round(svg_warm, 3),
        "browser_start_s": round(browser_start, 3),
        "deck10_s": round(deck10, 3),
        "deck10_goal_s": DECK10_GOAL_S,
        "deck10_within_goal": deck10 <= DECK10_GOAL_S,
        "export_details": {
            "png_size": list(export.SLIDE_PNG_SIZE),
            "png_cold_runs_s": [round(r, 3) for r in cold_runs],
            "png_warm_runs_s": [round(r, 3) for r in warm_runs],
            "svg_warm_runs_s": [round(r, 3) for r in svg_runs],
            "deck10_runs_s": [round(r, 3) for r in deck_runs],
            "deck10_pptx_only_s": round(pptx_only, 3),
        },
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
