"""DataFrame → plotly Figure for every chart of the dashboard (no Streamlit here).

Honesty rules drawn into every chart: full calendar years are joined into lines; part-year,
cumulative and one-event figures are separate marked points, never joined and never called a
year; a missing year is a gap, not a zero; derived values are hollow; hover says the period,
the qualifier ("hơn 40"), whether the value is derived, and the source; a chart whose periods
span 1 July 2025 marks the administrative reform.
"""
from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.data.measures import CHANGES, SAME_PERIOD, apply_mode, same_period_change, split_periods
from core.data.missing import is_missing
from core.data.period import as_date
from core.words import fmt
from core.words.i18n import setting, t
from core.words.sources import SourceRef, source_label
from domain.kinds import PERIOD_KINDS
from domain.reform import REFORM_DATE

OTHER_KINDS = tuple(k for k in PERIOD_KINDS if k != "year")  # drawn as separate marked points, never joined
OTHER_X_OFFSET = 0.22  # a non-year point sits just right of its year's tick, apart from any yearly point
TITLE_LIMIT = 80


def _style() -> Mapping[str, object]:
    return setting("chart")


# Layout parts of plotly's "plotly_white" that 3D, polar, map and colour-scale charts use; the
# dashboard draws only 2-D scatter and bar charts.
_UNUSED_TEMPLATE_PARTS = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale", "mapbox", "map")


@cache
def _template() -> go.layout.Template:
    """plotly_white for the scatter and bar charts drawn here, built once: assigning the whole
    plotly_white by name to every figure took about 7 ms of validation per chart and put 6.6 kB of
    defaults for two dozen other chart types into each chart sent to the browser (now 1 kB)."""
    white = pio.templates["plotly_white"]
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k not in _UNUSED_TEMPLATE_PARTS}
    return go.layout.Template(layout=layout, data={"scatter": white.data.scatter, "bar": white.data.bar})


def _esc(text: object) -> str:
    """Report text goes into hover and notes as text: escape what plotly would read as markup."""
    raw = "" if is_missing(text) else str(text)
    return html.escape(raw, quote=False)


def _short(text: str, limit: int = TITLE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_BLANK_HOVER = ["", "", "", "", "", ""]


def _hover_row(row: Mapping[str, object] | None, label: str, unit: str, lang: str, plotted: bool) -> list[str]:
    """The hover text of one drawn value (a query row as a dict); blanks for a missing year."""
    if row is None or is_missing(row["value"]):
        return list(_BLANK_HOVER)
    plotted_text = ""
    shown = row.get("plotted", np.nan) if plotted else np.nan
    if not is_missing(shown) and not is_missing(row.get("previous_value", np.nan)):
        earlier = fmt.period_label(row["previous_kind"], row["previous_start"], row["previous_end"], lang)  # type: ignore[arg-type]
        plotted_text = "<br>" + _esc(t("chart.hover_same_period", lang, period=earlier, value=fmt.qualified(
            row["previous_value"], str(row.get("previous_qualifier") or "exact"), lang),  # type: ignore[arg-type]
            change=fmt.percent(shown, lang, signed_=True)))  # type: ignore[arg-type]
    elif not is_missing(shown):
        plotted_text = "<br>" + t("chart.hover_plotted", lang) + ": " + fmt.number(shown, lang)  # type: ignore[arg-type]
    derived = (t("chart.derived", lang, how=_esc(row["derived_how"])) if bool(row["derived"])
               else t("chart.printed", lang))
    return [
        _esc(label),
        _esc(fmt.period_label(row["period_kind"], row["period_start"], row["period_end"], lang)),  # type: ignore[arg-type]
        _esc(fmt.qualified(row["value"], row["qualifier"], lang) + " " + unit),  # type: ignore[arg-type]
        derived,
        _esc(_source_label(row, lang)),
        plotted_text,
    ]


def _source_label(row: Mapping[str, object], lang: str) -> str:
    """The source of a drawn value with its title cut short: "Báo Gia Lai (GLO), 05/12/2024: Gia Lai tổng kết …"."""
    ref = SourceRef.from_row(row)
    if ref.title:
        ref = replace(ref, title=_short(ref.title))
    return source_label(ref, lang, with_title=True)


# What a drawn value's hover, label and place on the chart read (to_dict over a query's 30 columns costs more).
_DRAWN_COLUMNS = ("year", "value", "plotted", "derived", "derived_how", "period_kind", "period_start", "period_end",
                  "qualifier", "source_publisher", "source_published", "source_title", "previous_kind",
                  "previous_start", "previous_end", "previous_value", "previous_qualifier")


def _records(rows: pd.DataFrame, *extra: str) -> list[dict[str, object]]:
    columns = [c for c in dict.fromkeys((*extra, *_DRAWN_COLUMNS)) if c in rows.columns]
    values = zip(*(rows[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def _hover_rows(rows: pd.DataFrame, label: str, unit: str, lang: str, plotted: bool) -> list[list[str]]:
    return [_hover_row(row, label, unit, lang, plotted) for row in _records(rows)]


def _hovertemplate(lang: str) -> str:
    return (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        + t("chart.hover_value", lang)
        + ": %{customdata[2]}%{customdata[5]}<br>%{customdata[3]}<br>"
        + t("source.label", lang)
        + ": %{customdata[4]}<extra></extra>"
    )


def _spans_reform(period_starts: Iterable[object], period_ends: Iterable[object]) -> bool:
    """Whether the drawn periods start before and end on or after 1 July 2025."""
    starts = [d for d in (as_date(v) for v in period_starts) if d]
    ends = [d for d in (as_date(v) for v in period_ends) if d]
    if not starts or not ends:
        return False
    return min(starts) < REFORM_DATE <= max(ends)


def _base_layout(fig: go.Figure, title: str, subtitle: str, lang: str, height: int, compact: bool) -> None:
    fig.update_layout(_layout(title, subtitle, lang, height, compact))


def _layout(title: str, subtitle: str, lang: str, height: int, compact: bool) -> dict[str, object]:
    """The layout every chart shares, as a dict to build the figure with (validating it once as a
    whole is several times faster than updating a figure property by property)."""
    style = _style()
    layout: dict[str, object] = dict(
        template=_template(),
        font={"family": style["font"], "size": 12 if compact else 14, "color": style["text_color"]},
        title={
            "text": _esc(title),
            "subtitle": {"text": _esc(subtitle)},
            "x": 0.0,
            "xanchor": "left",
            "xref": "paper",
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 14 if compact else 18},
        },
        separators=",." if lang == "vi" else ".,",
        height=height,
        margin={"l": 60, "r": 20, "t": 95 if compact else 120, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "xanchor": "left",
                "font": {"size": 11 if compact else 13}},
        hoverlabel={"font": {"family": style["font"]}, "align": "left"},
        plot_bgcolor="white",
        yaxis={"gridcolor": style["grid_color"], "zerolinecolor": style["grid_color"], "tickformat": ",~f"},
    )
    return layout


def _vline(x: float, line: Mapping[str, object]) -> dict[str, object]:
    """A vertical line across the plot at x (what fig.add_vline writes)."""
    return {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain", "line": dict(line)}


def _hline(y: float, line: Mapping[str, object]) -> dict[str, object]:
    """A horizontal line across the plot at y (what fig.add_hline writes)."""
    return {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y, "yref": "y", "line": dict(line)}


ZERO_LINE = {"color": "#9AA5B1", "width": 1}


def _reform_marks(lang: str, x: float) -> tuple[dict[str, object], dict[str, object]]:
    """The reform's dashed line and its label (a shape and an annotation)."""
    style = _style()
    line = _vline(x, {"color": style["reform_color"], "dash": "dash", "width": 1.5})
    label = {"x": x, "xref": "x", "y": 0.99, "yref": "paper", "text": t("chart.reform", lang), "showarrow": False,
             "xanchor": "right", "yanchor": "top", "xshift": -4, "bgcolor": "rgba(255,255,255,0.85)",
             "font": {"size": 11, "color": style["reform_color"]}}
    return line, label


def figure(data: list[dict[str, object]], layout: Mapping[str, object]) -> go.Figure:
    """A Figure from traces and a layout written here, as dicts, without plotly's validation: it cost more
    than everything else in drawing a chart (about 5 ms per chart), and what it would check is checked
    once in the tests (tests/core/charts/test_figures.py builds every kind validated and compares)."""
    return go.Figure(data=data, layout=layout, _validate=False)


def axis_title(mode: str, unit: str, lang: str) -> str:
    """The y-axis title of a measure."""
    return {
        "absolute": unit,
        "change_abs": t("chart.change_abs_axis", lang, unit=unit),
        "change_pct": t("chart.change_pct_axis", lang),
        "index": t("chart.index_axis", lang),
        SAME_PERIOD: t("chart.same_period_axis", lang),
    }[mode]


def value_label(row: Mapping[str, object], mode: str, lang: str = "vi") -> str:
    """What a plotted point says on the chart: "hơn 40" (the value as the source gave it), "+118",
    "+4,3%" or "87,4" (an index); "" when nothing is plotted."""
    plotted = row.get("plotted", row.get("value"))
    if is_missing(plotted):
        return ""
    if mode == "absolute":
        return fmt.qualified(row["value"], str(row.get("qualifier") or "exact"), lang)  # type: ignore[arg-type]
    if mode == "change_abs":
        return fmt.signed(plotted, lang)  # type: ignore[arg-type]
    if mode in ("change_pct", SAME_PERIOD):
        return fmt.percent(plotted, lang, signed_=True)  # type: ignore[arg-type]
    return fmt.number(plotted, lang)  # type: ignore[arg-type]


def _labels_of(rows: pd.DataFrame, mode: str, lang: str) -> list[str]:
    return [value_label(row, mode, lang) for row in _records(rows)]


@dataclass(frozen=True)
class _Look:
    """What every trace of one trend chart shares: its measure, unit, language, size and labels."""

    mode: str
    unit: str
    lang: str
    compact: bool
    value_labels: bool
    chart: str  # "line" or "bar"
    hover: str  # the hover template

    @property
    def plotted(self) -> bool:
        """Whether the chart plots a measure other than the value itself (the hover then says both)."""
        return self.mode != "absolute"


def _drawn_rows(points: pd.DataFrame, mode: str, series: str,
                drawn_years: Collection[int] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(full years with `plotted`, other periods drawn as separate points): in `absolute` mode every other
    period with a known end; in SAME_PERIOD mode the full years and parts of a year compared with the same
    period a year before (`plotted` = the change in %); in the other modes none. Only those ending in
    `drawn_years` when given."""
    # Only the columns drawn: splitting and sorting a query's 30 columns cost more than the drawing.
    points = points[[c for c in dict.fromkeys((series, "is_full_year", *_DRAWN_COLUMNS)) if c in points.columns]]
    if mode == SAME_PERIOD:
        full, other = split_periods(same_period_change(points[points["period_end"].notna()], keys=(series,)))
    else:
        full, other = split_periods(points)
        full = apply_mode(full, mode, series=series)
        other = other[other["period_end"].notna()] if mode == "absolute" else other.iloc[0:0]
    if drawn_years is not None:
        chosen = [int(y) for y in drawn_years]
        full = full[full["year"].isin(chosen)]
        other = other[pd.to_datetime(other["period_end"]).dt.year.isin(chosen).to_numpy()]
    return full, other


def _year_span(full: pd.DataFrame, other: pd.DataFrame) -> tuple[int, int]:
    """The first and last year anything is drawn in (2020–2025 for an empty chart)."""
    found = [*full["year"].dropna().astype(int), *(as_date(v).year for v in other["period_end"])]  # type: ignore[union-attr]
    return (min(found), max(found)) if found else (2020, 2025)


def _by_series_and_year(full: pd.DataFrame, series: str) -> dict[object, dict[int, dict[str, object]]]:
    # Rows as dicts per series and year: reindexing a small frame per series cost more than the drawing.
    by_year: dict[object, dict[int, dict[str, object]]] = {}
    for row in _records(full, series):
        if not is_missing(row["year"]):
            by_year.setdefault(row[series], {})[int(row["year"])] = row  # type: ignore[arg-type]
    return by_year


def _yearly_trace(look: _Look, sid: object, label: str, color: str, year_axis: list[int],
                  mine: list[dict[str, object] | None]) -> dict[str, object] | None:
    """One series' full years as a line (or bars) over `year_axis`: a gap where a year has no figure,
    derived values hollow (or hatched); None when the series has no full year at all."""
    if not any(row is not None and not is_missing(row["value"]) for row in mine):
        return None
    custom = [_hover_row(row, label, look.unit, look.lang, look.plotted) for row in mine]
    derived = [row is not None and not is_missing(row["derived"]) and bool(row["derived"]) for row in mine]
    ys = [np.nan if row is None else row["plotted"] for row in mine]
    texts = [value_label(row, look.mode, look.lang) if row else "" for row in mine] if look.value_labels else None
    common = {"x": year_axis, "y": ys, "name": _esc(label), "customdata": custom, "hovertemplate": look.hover,
              "legendgroup": sid, "text": texts}
    if look.chart == "bar":
        return {"type": "bar", **common,
                "marker": {"color": color, "pattern": {"shape": ["/" if d else "" for d in derived]}},
                "textposition": "outside" if look.value_labels else None, "cliponaxis": False}
    return {
        "type": "scatter", **common, "mode": "lines+markers+text" if look.value_labels else "lines+markers",
        "textposition": "top center", "connectgaps": False,
        "line": {"color": color, "width": 3 if not look.compact else 2.5},
        "marker": {"size": 10 if not look.compact else 8, "color": color, "line": {"color": color, "width": 2},
                   "symbol": ["circle-open" if d else "circle" for d in derived]},
    }


def _other_traces(look: _Look, sid: object, label: str, color: str, rows: pd.DataFrame) -> list[dict[str, object]]:
    """One series' other periods, a marked point per figure just right of its year, one trace per kind."""
    style, traces = _style(), []
    for kind, group in rows.groupby("period_kind", sort=True):
        xs = [as_date(v).year + OTHER_X_OFFSET for v in group["period_end"]]  # type: ignore[union-attr]
        symbol = style["period_symbols"].get(kind, style["period_symbols"]["unknown"])
        legend_key = f"chart.legend_{kind}" if kind in OTHER_KINDS else "chart.legend_unknown"
        ys = group["plotted" if look.plotted else "value"].astype(float).tolist()
        traces.append({
            "type": "scatter", "x": xs, "y": ys,
            "mode": "markers+text" if look.value_labels else "markers",
            "text": _labels_of(group, look.mode, look.lang) if look.value_labels else None,
            "textposition": "middle right", "name": _esc(t(legend_key, look.lang, name=label)),
            "marker": {"symbol": symbol, "size": 13 if not look.compact else 10, "color": color,
                       "line": {"color": color, "width": 2.5}},
            "customdata": _hover_rows(group, label, look.unit, look.lang, look.plotted), "hovertemplate": look.hover,
            "legendgroup": sid,
        })
    return traces


def _trend_layout(look: _Look, title: str, years: tuple[int, int], full: pd.DataFrame, other: pd.DataFrame,
                  height: int) -> dict[str, object]:
    """The shared layout with a year axis, and a value axis from zero for values and indexes."""
    layout = _layout(title, axis_title(look.mode, look.unit, look.lang), look.lang, height, look.compact)
    layout["xaxis"] = {"tickmode": "linear", "dtick": 1, "tickformat": "d", "range": [years[0] - 0.5, years[1] + 0.6],
                       "showgrid": False}
    yaxis = layout["yaxis"]
    assert isinstance(yaxis, dict)
    from_zero = look.mode in ("absolute", "index")
    yaxis["rangemode"] = "tozero" if from_zero else "normal"
    shown = "plotted" if look.plotted and "plotted" in other else "value"
    tops = [v for v in list(full["plotted"].dropna()) + list(other[shown].dropna()) if v == v]
    if from_zero and tops and max(tops) > 0:
        yaxis["range"] = [0, max(tops) * 1.15]
    if look.chart == "bar":
        layout.update(barmode="group", bargap=0.25)
    return layout


def _marks(look: _Look, full: pd.DataFrame, other: pd.DataFrame) -> dict[str, list[dict[str, object]]]:
    """A zero line under changes; the reform's line when the drawn periods span 1 July 2025: layout
    shapes and annotations."""
    shapes, annotations = [], []
    if look.mode in CHANGES:
        shapes.append(_hline(0, ZERO_LINE))
    drawn = full[full["plotted"].notna()]
    starts = [*drawn["period_start"].tolist(), *other["period_start"].tolist()]
    if _spans_reform(starts, [*drawn["period_end"].tolist(), *other["period_end"].tolist()]):
        line, label = _reform_marks(look.lang, REFORM_DATE.year + (REFORM_DATE.timetuple().tm_yday - 183) / 366)
        shapes.append(line)
        annotations.append(label)
    return {k: v for k, v in (("shapes", shapes), ("annotations", annotations)) if v}


def trend_figure(
    points: pd.DataFrame,
    *,
    title: str,
    unit: str,
    labels: Mapping[str, str],
    colors: Mapping[str, str],
    mode: str = "absolute",
    chart: str = "line",
    years: tuple[int, int] | None = None,
    series: str = "locality_id",
    lang: str = "vi",
    height: int = 520,
    compact: bool = False,
    drawn_years: Collection[int] | None = None,
    value_labels: bool = False,
) -> go.Figure:
    """Values over the years, one colour per series (`labels` gives order and names).

    `points` are rows of core.data.queries.series_points (or profile_points): full years become one
    line (or bar group) per series with gaps for missing years; in `absolute` mode every other
    period with a known end is a separate marked point next to its year.
    `drawn_years`: only these years are drawn (the others may still be the year a change starts
    from); `value_labels`: each point says its value (for slides).
    """
    look = _Look(mode, unit, lang, compact, value_labels, chart, _hovertemplate(lang))
    full, other = _drawn_rows(points, mode, series, drawn_years)
    years = years or _year_span(full, other)
    year_axis = list(range(years[0], years[1] + 1))
    by_year = _by_series_and_year(full, series)
    other_of = dict(tuple(other.groupby(series, sort=False)))
    # Traces and layout are collected as dicts and validated once when the figure is built.
    traces: list[dict[str, object]] = []
    for sid, label in labels.items():
        color = colors.get(sid, "#333333")
        mine = by_year.get(sid, {})
        yearly = _yearly_trace(look, sid, label, color, year_axis, [mine.get(year) for year in year_axis])
        traces += [yearly] if yearly else []
        traces += _other_traces(look, sid, label, color, other_of[sid]) if sid in other_of else []
    layout = {**_trend_layout(look, title, years, full, other, height), **_marks(look, full, other)}
    return figure([{k: v for k, v in trace.items() if v is not None} for trace in traces], layout)


def ranking_figure(
    values: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    unit: str,
    labels: Mapping[str, str],
    colors: Mapping[str, str],
    lang: str = "vi",
) -> go.Figure:
    """Horizontal bars, largest on top, for the rows that have a value (core.data.measures.rank_values order)."""
    shown = values[values["value"].notna()]
    n = len(shown)
    label_list = [labels.get(sid, sid) for sid in shown["locality_id"]]
    hover = _hovertemplate(lang)
    custom = [
        _hover_row(row, labels.get(row["locality_id"], row["locality_id"]), unit, lang, False)  # type: ignore[arg-type]
        for row in _records(shown, "locality_id")
    ]
    derived = shown["derived"].fillna(False).astype(bool).tolist()
    top = float(shown["value"].max()) if n else 1.0
    # a bar's height shrinks for a long ranking (126 wards of Hà Nội) so that the page stays scrollable
    layout = _layout(title, subtitle, lang, height=max(300, 120 + (44 if n <= 30 else 24) * n), compact=False)
    layout["yaxis"] = {**layout["yaxis"], "autorange": "reversed", "showgrid": False}  # type: ignore[dict-item]
    layout["xaxis"] = {"title": {"text": _esc(unit)}, "range": [0, top * 1.18], "gridcolor": _style()["grid_color"],
                       "tickformat": ",~f"}
    layout["margin"] = {**layout["margin"], "l": 170}  # type: ignore[dict-item]
    return figure(
        [dict(
            type="bar",
            x=shown["value"].astype(float).tolist(),
            y=[_esc(label) for label in label_list],
            orientation="h",
            marker={"color": [colors.get(sid, "#0072B2") for sid in shown["locality_id"]],
                    "pattern": {"shape": ["/" if d else "" for d in derived]}},
            text=[fmt.qualified(v, q, lang) for v, q in zip(shown["value"], shown["qualifier"], strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate=hover,
            showlegend=False,
        )],
        layout,
    )


def compare_figure(
    plotted: pd.DataFrame,
    *,
    title: str,
    unit: str,
    labels: Mapping[str, str],
    colors: Mapping[str, str],
    mode: str = "absolute",
    lang: str = "vi",
    height: int = 520,
    value_labels: bool = True,
) -> go.Figure:
    """Places side by side, one bar group per year (core.data.measures.plotted_in_years rows, `labels` in order).

    With one year each place keeps its colour; with several, each year has its own shade (legend).
    """
    fig = go.Figure()
    shown = [sid for sid in labels if sid in set(plotted["locality_id"])]
    years = sorted({int(y) for y in plotted["year"]})
    shades = list(_style()["year_colors"])
    hover = _hovertemplate(lang)
    for n, year in enumerate(years):
        rows = plotted[plotted["year"] == year].set_index("locality_id").reindex(shown)
        rows = rows.assign(locality_id=shown)
        fig.add_trace(
            go.Bar(
                x=[_esc(labels[sid]) for sid in shown], y=rows["plotted"].tolist(), name=str(year),
                text=_labels_of(rows, mode, lang) if value_labels else None, textposition="outside", cliponaxis=False,
                marker={"color": [colors.get(sid, "#0072B2") for sid in shown] if len(years) == 1
                        else shades[n % len(shades)]},
                customdata=[_hover_row(row, labels[sid], unit, lang, mode != "absolute")
                            for sid, row in zip(shown, _records(rows), strict=True)],
                hovertemplate=hover,
            )
        )
    _base_layout(fig, title, axis_title(mode, unit, lang), lang, height, False)
    fig.update_layout(showlegend=len(years) > 1, barmode="group", bargap=0.4)
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(title=None)
    if mode in ("change_abs", "change_pct"):
        fig.add_hline(y=0, line=ZERO_LINE)
    return fig
