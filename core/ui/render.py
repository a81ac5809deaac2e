"""The one place every chart is put on a page: `show_chart(fig, spec, rows)`.

A `ChartSpec` says what a chart shows (kind, indicator, breakdown, localities, years or period,
mode, title); `rows` are the query rows it draws. `show_chart` draws the figure with a modebar
download of 1920×1080 PNG named after the spec, writes its source line under it, then calls
every action registered with `register_chart_action` with (fig, spec, rows) — in the dashboard the
PNG/SVG downloads and "Thêm vào slide" of core.ui.chart_actions.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.charts import export
from core.words.safe_text import plain_md
from core.words.slug import file_name
from core.words.sources import chart_source_line


@dataclass(frozen=True)
class ChartSpec:
    """What one chart shows; enough to name its file, title a slide and redraw it."""

    chart_id: str  # unique on its page, e.g. "trends.main", "overview.ha-noi.reception_turns"
    kind: str  # "trend-line", "trend-bar", "ranking", "overview-small", "profile"
    title: str
    indicator: str
    breakdown: str | None = None
    localities: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    period: str | None = None  # a core.data.period.Period key for single-period charts
    mode: str = "absolute"
    lang: str = "vi"

    def filename(self) -> str:
        """A file name without extension: indicator, localities, period — ASCII, no spaces."""
        parts = [self.indicator]
        if self.breakdown and self.breakdown != "total":
            parts.append(self.breakdown)
        parts.extend(self.localities[:4])
        if len(self.localities) > 4:
            parts.append(f"and-{len(self.localities) - 4}-more")
        if self.period:
            parts.append(self.period)
        elif self.years:
            parts.append(f"{self.years[0]}-{self.years[1]}")
        if self.mode != "absolute":
            parts.append(self.mode)
        return file_name(parts)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["localities"] = list(self.localities)
        data["years"] = list(self.years) if self.years else None
        data["filename"] = self.filename()
        return data




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


def chart_actions() -> tuple[ChartAction, ...]:
    return tuple(_CHART_ACTIONS)


def show_chart(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame, *, show_sources: bool = True) -> None:
    """Draw one chart with its spec in the figure's `layout.meta`, its sources, and the registered actions.

    `rows` are the query rows the chart draws (with their source_* columns, periods and quotes): the
    actions bake their sources into images and their sentences into a slide's notes."""
    fig.update_layout(meta={"chart_spec": spec.to_dict()})
    st.plotly_chart(fig, key=f"chart-{spec.chart_id}", config=plotly_config(spec), width="stretch")
    line = chart_source_line(rows, spec.lang) if show_sources else ""
    if line:
        st.caption(plain_md(line))
    for action in _CHART_ACTIONS:
        action(fig, spec, rows)
