"""Charts of the deck spec CLI: one ChartSpec → figure, title, filters, sources and speaker notes.

An interim, self-contained builder (plain plotly over core/deck_data.py) so that
`make deck` works on its own; `chart_for_spec` is the one function to switch to the
pages' core.queries / core.charts once they exist, keeping its result type.
Rules it keeps: full years are joined, missing years are gaps, partial-year figures are separate
marked points, old and merged Gia Lai are separate series, and the July 2025 reform is marked.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from core.captions import (
    SourceRef,
    format_day,
    format_number,
    period_text,
    qualified_number,
    signed_number,
    signed_percent,
    source_label,
    sources_of,
    text,
    value_note,
    years_text,
)
from core.deck import DeckItem
from core.deck_data import Catalog, chart_values, load_catalog
from core.deck_spec import ChartSpec

REFORM_YEAR = 2025  # 1 July 2025: district level ended, provinces merged
# The same colours as the pages (data/ui.yaml chart.province_colors; Okabe–Ito).
PROVINCE_COLORS = {"ha-noi": "#0072B2", "gia-lai": "#D55E00", "gia-lai-2025": "#CC79A7"}
OTHER_COLORS = ("#009E73", "#E69F00", "#56B4E9", "#882255", "#117733", "#332288", "#999933", "#44AA99")
YEAR_COLORS = ("#9DB4C0", "#5C8FAE", "#1F5F8B", "#0B3C5D", "#072540")


class EmptySelection(ValueError):
    """The database has nothing to plot for a chart of the spec."""


@dataclass(frozen=True)
class ChartForSpec:
    """A chart ready for a slide: the figure and the words around it."""

    figure: go.Figure
    title: str
    subtitle: str
    sources: tuple[SourceRef, ...]
    notes: tuple[str, ...]

    @property
    def source_lines(self) -> list[str]:
        return [source_label(s) for s in self.sources]

    def deck_item(self) -> DeckItem:
        return DeckItem(self.title, self.subtitle, self.sources, self.notes, figure=self.figure)


def locality_labels(ids: Sequence[str], catalog: Catalog, lang: str = "vi") -> dict[str, str]:
    """Names for the legend: 'Sóc Sơn (Hà Nội)' for districts; two units of one name told apart by dates."""
    rows = {i: catalog.locality(i) for i in ids}
    labels = {}
    for i, row in rows.items():
        name = row["name"]
        if row["level"] == "district" and isinstance(row["parent_name"], str):
            name = text("locality_district", lang, name=name, parent=row["parent_name"])
        labels[i] = name
    for i, row in rows.items():
        if sum(1 for label in labels.values() if label == labels[i]) > 1 or _same_name_elsewhere(i, rows):
            if not pd.isna(row["valid_from"]):
                since = format_day(row["valid_from"].date(), lang)
                labels[i] = text("locality_since", lang, name=labels[i], date=since)
            elif not pd.isna(row["valid_to"]):
                until = format_day(row["valid_to"].date(), lang)
                labels[i] = text("locality_until", lang, name=labels[i], date=until)
    return labels


def _same_name_elsewhere(locality_id: str, rows: Mapping[str, Mapping[str, Any]]) -> bool:
    name = rows[locality_id]["name"]
    return any(other != locality_id and row["name"] == name for other, row in rows.items())


def plotted_points(yearly: pd.DataFrame, mode: str, years: Sequence[int]) -> pd.DataFrame:
    """One row per locality × selected year with a value to plot in `mode`: absolute; change_abs and
    change_pct from the year before (needs both years); index against the locality's first year = 100."""
    df = yearly[["locality_id", "year", "value"]].copy()
    before = df.assign(year=df.year + 1).rename(columns={"value": "previous"})
    df = df.merge(before, on=["locality_id", "year"], how="left")
    df = df[df.year.isin(years)].sort_values(["locality_id", "year"]).reset_index(drop=True)
    df["base_year"] = df.groupby("locality_id").year.transform("min")
    if mode == "absolute":
        df["plotted"] = df.value
    elif mode == "change_abs":
        df["plotted"] = df.value - df.previous
    elif mode == "change_pct":
        df["plotted"] = (df.value - df.previous) / df.previous.where(df.previous > 0) * 100
    elif mode == "index":
        base = df.groupby("locality_id").value.transform("first")
        df["plotted"] = df.value / base.where(base > 0) * 100
    else:
        raise ValueError(f"mode {mode!r}")
    return df[df.plotted.notna()].reset_index(drop=True)


def _point_text(row: Mapping[str, Any], mode: str, lang: str) -> str:
    if mode == "absolute":
        return qualified_number(row["value"], row.get("qualifier", "exact"), lang)
    if mode == "change_abs":
        return signed_number(row["plotted"], lang)
    if mode == "change_pct":
        return signed_percent(round(row["plotted"], 1), lang)
    return format_number(round(row["plotted"], 1), lang)


def _partial_points(other: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """Partial-year figures inside one selected year: drawn as separate marked points at that year."""
    if other.empty:
        return other
    same_year = other.period_start.notna() & other.period_end.notna() & (
        other.period_start.dt.year == other.period_end.dt.year)
    rows = other[(other.period_kind == "partial") & same_year].copy()
    rows["year"] = rows.period_end.dt.year
    return rows[rows.year.isin(years)]


def _color(locality_id: str, order: int) -> str:
    return PROVINCE_COLORS.get(locality_id, OTHER_COLORS[order % len(OTHER_COLORS)])


def _trend_figure(spec: ChartSpec, points: pd.DataFrame, partial: pd.DataFrame, labels: Mapping[str, str],
                  axis_title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    all_years = list(range(min(spec.years), max(spec.years) + 1))
    others = 0
    for locality_id in spec.localities:
        color = _color(locality_id, others)
        others += locality_id not in PROVINCE_COLORS
        rows = points[points.locality_id == locality_id].set_index("year")
        if not rows.empty:
            fig.add_scatter(
                x=all_years,
                y=[rows.plotted.get(y) for y in all_years],  # None: a gap, never a zero
                text=[_point_text(rows.loc[y], spec.mode, lang) if y in rows.index else "" for y in all_years],
                mode="lines+markers+text", textposition="top center", connectgaps=False,
                name=labels[locality_id], line={"color": color, "width": 3}, marker={"size": 9, "color": color},
            )
        for _, row in partial[partial.locality_id == locality_id].iterrows():
            period = period_text(row.period_kind, row.period_start, row.period_end, lang)
            fig.add_scatter(
                x=[row.year], y=[row.value], mode="markers+text", textposition="middle right",
                text=[qualified_number(row.value, row.qualifier, lang)],
                name=f"{labels[locality_id]}: {text('not_full_year', lang, period=period)}",
                marker={"symbol": "diamond-open", "size": 14, "color": color, "line": {"width": 2}},
            )
    if min(spec.years) < REFORM_YEAR <= max(spec.years):
        fig.add_vline(x=REFORM_YEAR, line={"dash": "dot", "color": "#6F6F6F", "width": 1.5}, layer="below",
                      # written along the line, so it never runs into labels or the "no figure" note
                      annotation={"text": text("reform_line", lang), "textangle": -90,
                                  "font": {"size": 11, "color": "#6F6F6F"}},
                      annotation_position="bottom left")
    if spec.mode == "index":
        fig.add_hline(y=100, line={"color": "#999", "width": 1})
    fig.update_layout(
        showlegend=True,
        xaxis={"title": text("axis_year", lang), "dtick": 1, "tickformat": "d",
               "range": [min(all_years) - 0.5, max(all_years) + 0.5]},
        yaxis={"title": axis_title, "tickformat": ",~f",
               "rangemode": "tozero" if spec.mode == "absolute" else "normal"},
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, linecolor="#999")
    fig.update_yaxes(gridcolor="#E4E7EB", zerolinecolor="#999")
    return fig


def _compare_figure(spec: ChartSpec, points: pd.DataFrame, labels: Mapping[str, str], axis_title: str,
                    lang: str) -> go.Figure:
    fig = go.Figure()
    shown = [i for i in spec.localities if i in set(points.locality_id)]
    years = sorted(set(points.year))
    for n, year in enumerate(years):
        rows = points[points.year == year].set_index("locality_id")
        fig.add_bar(
            x=[labels[i] for i in shown],
            y=[rows.plotted.get(i) for i in shown],
            text=[_point_text(rows.loc[i], spec.mode, lang) if i in rows.index else "" for i in shown],
            textposition="outside", cliponaxis=False, name=str(year),
            marker={"color": [_color(i, k) for k, i in enumerate(shown)] if len(years) == 1
                    else YEAR_COLORS[n % len(YEAR_COLORS)]},
        )
    fig.update_layout(
        showlegend=len(years) > 1, barmode="group", bargap=0.4, plot_bgcolor="white",
        yaxis={"title": axis_title, "tickformat": ",~f", "gridcolor": "#E4E7EB", "zerolinecolor": "#999"},
    )
    return fig


def _with_value_columns(points: pd.DataFrame, yearly: pd.DataFrame) -> pd.DataFrame:
    """The plotted points with their own row's qualifier (for 'hơn 40' labels)."""
    return points.merge(yearly[["locality_id", "year", "qualifier"]], on=["locality_id", "year"], how="left")


def chart_for_spec(spec: ChartSpec, db: str | os.PathLike[str] | None = None, lang: str = "vi") -> ChartForSpec:
    """The figure of one spec chart with its title, filters line, sources and speaker notes.
    EmptySelection when nothing can be plotted."""
    catalog = load_catalog(db)
    indicator = catalog.indicator(spec.indicator)
    breakdown = catalog.breakdown(spec.indicator, spec.breakdown)
    labels = locality_labels(spec.localities, catalog, lang)
    name_key, unit_key = f"name_{lang}", f"unit_{lang}"
    unit = indicator[unit_key]

    yearly, other = chart_values(spec.indicator, spec.breakdown, spec.localities, spec.years, db)
    points = _with_value_columns(plotted_points(yearly, spec.mode, spec.years), yearly)
    drawn_partial = (_partial_points(other, spec.years) if spec.kind == "trend" and spec.mode == "absolute"
                     else other.iloc[0:0])
    places = ", ".join(labels.values())
    if points.empty and drawn_partial.empty:
        has_values = not yearly[yearly.year.isin(spec.years)].empty
        key = "empty_change" if spec.mode != "absolute" and has_values else "empty_selection"
        raise EmptySelection(f"{spec.label}: " + text(key, lang, indicator=spec.indicator, breakdown=spec.breakdown,
                                                     places=places, years=years_text(spec.years, lang)))

    axis_title = {"change_pct": text("axis_percent", lang), "index": text("axis_index", lang)}.get(spec.mode, unit)
    if spec.kind == "trend":
        figure = _trend_figure(spec, points, drawn_partial, labels, axis_title, lang)
    else:
        figure = _compare_figure(spec, points, labels, axis_title, lang)
    missing = [labels[i] for i in spec.localities
               if i not in set(points.locality_id) and i not in set(drawn_partial.locality_id)]
    if missing:
        figure.add_annotation(text=text("no_figure", lang, names=", ".join(missing)), xref="paper", yref="paper",
                              x=1, y=1, xanchor="right", yanchor="bottom", showarrow=False,
                              font={"size": 13, "color": "#6F6F6F"})

    title = spec.title or indicator[name_key] + ("" if spec.breakdown == "total" else f": {breakdown[name_key]}")
    mode_text = (text("mode_index", lang, base=years_text([int(points.base_year.min())], lang))
                 if spec.mode == "index" else text(f"mode_{spec.mode}", lang))
    subtitle = " · ".join([places, years_text(spec.years, lang), breakdown[name_key],
                           text(f"kind_{spec.kind}", lang), mode_text, unit])

    # The rows behind the chart: each plotted year (and the year before it for a change), each drawn partial point.
    used_years = set(zip(points.locality_id, points.year, strict=True))
    if spec.mode in ("change_abs", "change_pct"):
        used_years |= {(i, y - 1) for i, y in used_years}
    used = yearly[[(i, y) in used_years for i, y in zip(yearly.locality_id, yearly.year, strict=True)]]
    used = pd.concat([used, drawn_partial]) if not drawn_partial.empty else used
    not_drawn = other.drop(index=drawn_partial.index) if not drawn_partial.empty else other

    notes = [text("notes_values", lang)]
    notes += [value_note(row, labels[row["locality_id"]], unit, lang) for _, row in used.iterrows()]
    if spec.mode != "absolute":
        for _, row in points.iterrows():
            place, period = labels[row.locality_id], text("period_year", lang, year=int(row.year))
            if spec.mode == "index":
                notes.append(text("notes_index", lang, place=place, period=period,
                                  index=_point_text(row, spec.mode, lang), base_year=int(row.base_year)))
            else:
                notes.append(text("notes_change", lang, place=place, period=period,
                                  change=_point_text(row, spec.mode, lang), previous=int(row.year) - 1))
    if missing:
        notes.append(text("no_figure", lang, names=", ".join(missing)))
    if not not_drawn.empty:
        notes += ["", text("other_figures", lang)]
        notes += [value_note(row, labels[row["locality_id"]], unit, lang) for _, row in not_drawn.iterrows()]

    sources = sources_of(used)
    return ChartForSpec(figure, title, subtitle, sources, tuple(notes))


def deck_items(charts: Sequence[ChartSpec], db: str | os.PathLike[str] | None = None,
               lang: str = "vi") -> list[DeckItem]:
    """Deck items of every chart; EmptySelection naming every chart that has nothing to plot."""
    items, empty = [], []
    for spec in charts:
        try:
            items.append(chart_for_spec(spec, db, lang).deck_item())
        except EmptySelection as exc:
            empty.append(str(exc))
    if empty:
        raise EmptySelection("\n".join(empty))
    return items
