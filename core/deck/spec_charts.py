"""Charts of the deck spec command: one ChartSpec → figure, title, filters, sources and speaker notes.

The data comes from core.data.queries and the figures from core.charts.figures, as on the dashboard's pages, so a
chart looks and reads the same on screen and on a slide: full years joined, missing years as gaps,
part-year and cumulative figures as separate marked points, old and merged Gia Lai as separate
series, the July 2025 reform marked. Slides add a value label on every point.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures, queries
from core.data.catalog import Catalog, load_catalog
from core.data.db import database_at
from core.deck.slides import DeckItem
from core.deck.spec import chart_label
from core.words import fmt, labels
from core.words.captions import text, value_notes
from core.words.sources import SourceRef, sources_of


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

    def deck_item(self) -> DeckItem:
        return DeckItem(self.title, self.subtitle, self.sources, self.notes, figure=self.figure)


@dataclass(frozen=True)
class _Words:
    """What a spec chart's words are made of: the places' labels, the unit, the title, the breakdown's name."""

    names: dict[str, str]
    unit: str
    title: str
    breakdown: str
    lang: str

    @property
    def places(self) -> str:
        return ", ".join(self.names.values())


def _words(spec: ChartSpec, catalog: Catalog, lang: str) -> _Words:
    indicator = catalog.indicator(spec.indicator)
    breakdown = catalog.breakdown(spec.indicator, spec.breakdown or "total")[f"name_{lang}"]
    title = spec.title or indicator[f"name_{lang}"] + ("" if spec.breakdown == "total" else f": {breakdown}")
    names = labels.chart_locality_labels(spec.localities, catalog.localities, lang)
    return _Words(names, indicator[f"unit_{lang}"], title, breakdown, lang)


def _drawn_other(spec: ChartSpec, rows: measures.TrendRows) -> pd.DataFrame:
    """The other periods drawn as separate points: only on a trend of values as given."""
    other = rows.other_in_years
    return other if spec.is_trend and spec.mode == "absolute" else other.iloc[0:0]


def _refuse_empty(spec: ChartSpec, rows: measures.TrendRows, drawn_other: pd.DataFrame, words: _Words) -> None:
    if rows.plotted.empty and drawn_other.empty:
        key = "empty_change" if spec.mode != "absolute" and not rows.full_in_years.empty else "empty_selection"
        raise EmptySelection(f"{chart_label(spec)}: " + text(
            key, words.lang, indicator=spec.indicator, breakdown=spec.breakdown, places=words.places,
            years=fmt.years(spec.years, words.lang)))


def _figure(spec: ChartSpec, rows: measures.TrendRows, words: _Words, colors: dict[str, str],
            missing: list[str]) -> go.Figure:
    """The chart as the pages draw it, with a value on every point, the axis titled and the places without a figure."""
    lang = words.lang
    if spec.is_trend:
        figure = figures.trend_figure(rows.drawn, title=words.title, unit=words.unit, labels=words.names,
                                      colors=colors, mode=spec.mode, years=(min(spec.years), max(spec.years)),
                                      drawn_years=spec.years, lang=lang, value_labels=True)
        figure.update_layout(showlegend=True)  # a slide names even a single series
    else:
        figure = figures.compare_figure(rows.plotted, title=words.title, unit=words.unit, labels=words.names,
                                        colors=colors, mode=spec.mode, lang=lang)
    figure.update_yaxes(title_text=figures.axis_title(spec.mode, words.unit, lang))  # a slide has no chart subtitle
    if missing:
        figure.add_annotation(text=text("no_figure", lang, names=", ".join(missing)), xref="paper", yref="paper",
                              x=1, y=1, xanchor="right", yanchor="bottom", showarrow=False,
                              font={"size": 13, "color": "#6F6F6F"})
    return figure


def _subtitle(spec: ChartSpec, rows: measures.TrendRows, words: _Words) -> str:
    """The filters in one line: places · years · breakdown · kind · measure · unit."""
    lang = words.lang
    base_year = int(rows.plotted["year"].min()) if spec.mode == "index" else None
    mode_text = (text("mode_index", lang, base=fmt.years([base_year], lang)) if base_year
                 else text(f"mode_{spec.mode}", lang))
    kind = text("kind_trend" if spec.is_trend else "kind_compare", lang)
    return " · ".join([words.places, fmt.years(spec.years, lang), words.breakdown, kind, mode_text, words.unit])


def _used(spec: ChartSpec, rows: measures.TrendRows, drawn_other: pd.DataFrame) -> pd.DataFrame:
    """The rows behind the chart: each plotted year (and the year before it for a change), each drawn other period."""
    if spec.mode == measures.SAME_PERIOD:
        return rows.behind_plotted
    plotted, full = rows.plotted, rows.full
    used_years = set(zip(plotted["locality_id"], plotted["year"], strict=True))
    if spec.mode in measures.CHANGES:
        used_years |= {(i, y - 1) for i, y in used_years}
    used = full[[(i, y) in used_years for i, y in zip(full["locality_id"], full["year"], strict=True)]]
    return pd.concat([used, drawn_other], ignore_index=True) if not drawn_other.empty else used


def _not_drawn(spec: ChartSpec, rows: measures.TrendRows, drawn_other: pd.DataFrame) -> pd.DataFrame:
    """Other periods that overlap the years and are not drawn (nor compared "so với cùng kỳ"); a figure with no
    known dates is left out."""
    other = rows.other
    starts, ends = pd.to_datetime(other["period_start"]), pd.to_datetime(other["period_end"])
    overlaps = (starts.notna() | ends.notna()) & ~(starts.dt.year > max(spec.years)) & ~(ends.dt.year < min(spec.years))
    shown = other.index.isin(drawn_other.index)
    if spec.mode == measures.SAME_PERIOD:
        used = {measures.period_key(r) for r in rows.behind_plotted.to_dict("records")}
        shown = shown | [measures.period_key(r) in used for r in other.to_dict("records")]
    return other[overlaps & ~shown]


def _notes(spec: ChartSpec, rows: measures.TrendRows, used: pd.DataFrame, not_drawn: pd.DataFrame, words: _Words,
           missing: list[str]) -> list[str]:
    """The speaker notes: every value behind the chart, each change or index, places without a figure, other periods."""
    lang, names = words.lang, words.names
    notes = value_notes(used, names, words.unit, lang)
    if spec.mode != "absolute":
        firsts = rows.plotted.groupby("locality_id")["year"].transform("min")
        for row, first in zip(rows.plotted.to_dict("records"), firsts, strict=True):
            place = names[row["locality_id"]]
            period = fmt.period_label(row["period_kind"], row["period_start"], row["period_end"], lang)
            value = figures.value_label(row, spec.mode, lang)
            if spec.mode == measures.SAME_PERIOD:
                earlier = fmt.period_label(row["previous_kind"], row["previous_start"], row["previous_end"], lang)
                notes.append(text("notes_same_period", lang, place=place, period=period, change=value,
                                  previous=earlier))
            elif spec.mode == "index":
                notes.append(text("notes_index", lang, place=place, period=period, index=value, base_year=int(first)))
            else:
                notes.append(text("notes_change", lang, place=place, period=period, change=value,
                                  previous=int(row["year"]) - 1))
    if missing:
        notes.append(text("no_figure", lang, names=", ".join(missing)))
    if not not_drawn.empty:
        notes += ["", text("other_figures", lang), *value_notes(not_drawn, names, words.unit, lang)[1:]]
    return notes


def chart_for_spec(spec: ChartSpec, db: str | os.PathLike[str] | None = None, lang: str = "vi") -> ChartForSpec:
    """The figure of one spec chart with its title, filters line, sources and speaker notes.
    EmptySelection when nothing can be plotted."""
    with database_at(db):
        catalog = load_catalog()
        fetched = queries.series_points(spec.indicator, spec.breakdown, spec.localities,
                                        *measures.fetch_years(spec.years))
    rows = measures.TrendRows.of(fetched, spec.years, spec.mode)
    words = _words(spec, catalog, lang)
    drawn_other = _drawn_other(spec, rows)
    _refuse_empty(spec, rows, drawn_other, words)
    drawn_ids = set(rows.plotted["locality_id"]) | set(drawn_other["locality_id"])
    missing = [words.names[i] for i in spec.localities if i not in drawn_ids]
    colors = palette.series_colors(list(spec.localities), provinces=labels.province_ids(catalog.localities))
    figure = _figure(spec, rows, words, colors, missing)
    used = _used(spec, rows, drawn_other)
    notes = _notes(spec, rows, used, _not_drawn(spec, rows, drawn_other), words, missing)
    return ChartForSpec(figure, words.title, _subtitle(spec, rows, words), sources_of(used), tuple(notes))


def deck_items(charts_: Sequence[ChartSpec], db: str | os.PathLike[str] | None = None,
               lang: str = "vi") -> list[DeckItem]:
    """Deck items of every chart; EmptySelection naming every chart that has nothing to plot."""
    items, empty = [], []
    for spec in charts_:
        try:
            items.append(chart_for_spec(spec, db, lang).deck_item())
        except EmptySelection as exc:
            empty.append(str(exc))
    if empty:
        raise EmptySelection("\n".join(empty))
    return items
