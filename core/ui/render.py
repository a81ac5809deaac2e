"""The one place every chart is put on a page: `show_chart(fig, spec, rows)`, or `show(drawn(fig, spec, rows))`
where a page keeps what `drawn` made for later runs (core.ui.kept).

A `ChartSpec` (core.charts.spec) says what a chart shows (kind, indicator, breakdown, localities, years or period,
mode, title); `rows` are the query rows it draws. `show_chart` draws the figure with a modebar
download of 1920×1080 PNG named after the spec, writes its source line under it, then calls
every action registered with `register_chart_action` with (fig, spec, rows) — in the dashboard the
PNG/SVG downloads and "Thêm vào slide" of core.ui.chart_actions.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.charts import export
from core.charts.spec import ChartSpec
from core.words.safe_text import plain_md
from core.words.sources import chart_source_line


def plotly_config(spec: ChartSpec) -> dict[str, Any]:
    """Plotly's client-side config: the camera button saves a 1920×1080 PNG named after the chart
    (drawn at 960×540 and scaled ×2, as the server-side export does, so fonts read well on a slide)."""
    return {**export.plotly_config(spec.filename()), "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


ChartAction = Callable[[go.Figure, ChartSpec, pd.DataFrame], None]
_CHART_ACTIONS: list[ChartAction] = []


def register_chart_action(action: ChartAction) -> None:
    """Run `action(fig, spec, rows)` under every chart from now on (e.g. PNG/SVG buttons, "add to deck")."""
    if action not in _CHART_ACTIONS:
        _CHART_ACTIONS.append(action)


@dataclass(frozen=True)
class Drawn:
    """A chart ready to be shown: its figure (its spec written into layout.meta), spec, the query rows it draws
    (with their source_* columns, periods and quotes) and its source line as shown under it. A page may keep
    one for later runs and sessions (core.ui.kept); it is only read."""

    fig: go.Figure
    spec: ChartSpec
    rows: pd.DataFrame
    source_line: str


def drawn(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame, *, show_sources: bool = True) -> Drawn:
    """Everything about a chart that `show` needs, made once."""
    fig.update_layout(meta={"chart_spec": spec.to_dict()})
    line = chart_source_line(rows, spec.lang) if show_sources else ""
    return Drawn(fig, spec, rows, plain_md(line) if line else "")


def show(chart: Drawn) -> None:
    """Draw one chart, its source line under it, then the registered actions (they bake the rows' sources
    into images and their sentences into a slide's notes)."""
    st.plotly_chart(chart.fig, key=f"chart-{chart.spec.chart_id}", config=plotly_config(chart.spec), width="stretch")
    if chart.source_line:
        st.caption(chart.source_line)
    for action in _CHART_ACTIONS:
        action(chart.fig, chart.spec, chart.rows)


def show_chart(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame, *, show_sources: bool = True) -> None:
    """Draw one chart with its spec in the figure's `layout.meta`, its sources, and the registered actions."""
    show(drawn(fig, spec, rows, show_sources=show_sources))
