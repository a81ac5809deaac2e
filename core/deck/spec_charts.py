"""Charts of the deck spec command: one deck_spec.ChartSpec → figure, title, filters, sources and speaker notes.

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
from core.data.catalog import load_catalog
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


def _in_years(rows: pd.DataFrame, years: Sequence[int]) -> pd.Series:
    """Rows whose period ends in one of the years."""
    ends = pd.to_datetime(rows["period_end"])
    return ends.notna() & ends.dt.year.isin(list(years))


def chart_for_spec(spec: ChartSpec, db: str | os.PathLike[str] | None = None, lang: str = "vi") -> ChartForSpec:
    """The figure of one spec chart with its title, filters line, sources and speaker notes.
    EmptySelection when nothing can be plotted."""
    with database_at(db):
        catalog = load_catalog()
        # the year before the first: a change from the previous year needs it
        points = queries.series_points(spec.indicator, spec.breakdown, spec.localities, min(spec.years) - 1,
                                       max(spec.years))
    indicator = catalog.indicator(spec.indicator)
    breakdown = catalog.breakdown(spec.indicator, spec.breakdown)
    names = labels.chart_locality_labels(spec.localities, catalog.localities, lang)
    unit = indicator[f"unit_{lang}"]
    places = ", ".join(names.values())

    full, other = measures.split_periods(points)
    plotted = measures.plotted_in_years(full, spec.mode, spec.years)
    drawn_other = (other[_in_years(other, spec.years)] if spec.is_trend and spec.mode == "absolute"
                   else other.iloc[0:0])
    if plotted.empty and drawn_other.empty:
        has_values = not full[full["year"].isin(spec.years)].empty
        key = "empty_change" if spec.mode != "absolute" and has_values else "empty_selection"
        raise EmptySelection(f"{chart_label(spec)}: " + text(
            key, lang, indicator=spec.indicator, breakdown=spec.breakdown, places=places,
            years=fmt.years(spec.years, lang)))

    title = spec.title or indicator[f"name_{lang}"] + (
        "" if spec.breakdown == "total" else f": {breakdown[f'name_{lang}']}")
    colors = palette.series_colors(list(spec.localities), provinces=labels.province_ids(catalog.localities))
    if spec.is_trend:
        changes = spec.mode in ("change_abs", "change_pct")
        shown = pd.concat([full if changes else full[full["year"].isin(spec.years)], drawn_other],
                          ignore_index=True)
        figure = figures.trend_figure(shown, title=title, unit=unit, labels=names, colors=colors, mode=spec.mode,
                                     years=(min(spec.years), max(spec.years)), drawn_years=spec.years, lang=lang,
                                     value_labels=True)
        figure.update_layout(showlegend=True)  # a slide names even a single series
    else:
        figure = figures.compare_figure(plotted, title=title, unit=unit, labels=names, colors=colors, mode=spec.mode,
                                       lang=lang)
    figure.update_yaxes(title_text=figures.axis_title(spec.mode, unit, lang))  # the slide shows no chart subtitle
    drawn_ids = set(plotted["locality_id"]) | set(drawn_other["locality_id"])
    missing = [names[i] for i in spec.localities if i not in drawn_ids]
    if missing:
        figure.add_annotation(text=text("no_figure", lang, names=", ".join(missing)), xref="paper", yref="paper",
                              x=1, y=1, xanchor="right", yanchor="bottom", showarrow=False,
                              font={"size": 13, "color": "#6F6F6F"})

    base_year = int(plotted["year"].min()) if spec.mode == "index" else None
    mode_text = (text("mode_index", lang, base=fmt.years([base_year], lang)) if base_year
                 else text(f"mode_{spec.mode}", lang))
    subtitle = " · ".join([places, fmt.years(spec.years, lang), breakdown[f"name_{lang}"],
                           text("kind_trend" if spec.is_trend else "kind_compare", lang), mode_text, unit])

    # The rows behind the chart: each plotted year (and the year before it for a change), each drawn other period.
    used_years = set(zip(plotted["locality_id"], plotted["year"], strict=True))
    if spec.mode in ("change_abs", "change_pct"):
        used_years |= {(i, y - 1) for i, y in used_years}
    used = full[[(i, y) in used_years for i, y in zip(full["locality_id"], full["year"], strict=True)]]
    used = pd.concat([used, drawn_other], ignore_index=True) if not drawn_other.empty else used
    # Other periods that overlap the years and are not drawn are listed; a figure with no known dates is left out.
    starts, ends = pd.to_datetime(other["period_start"]), pd.to_datetime(other["period_end"])
    overlaps = (starts.notna() | ends.notna()) & ~(starts.dt.year > max(spec.years)) & ~(ends.dt.year < min(spec.years))
    not_drawn = other[overlaps & ~other.index.isin(drawn_other.index)]

    notes = value_notes(used, names, unit, lang)
    if spec.mode != "absolute":
        firsts = plotted.groupby("locality_id")["year"].transform("min")
        for row, first in zip(plotted.to_dict("records"), firsts, strict=True):
            place, period = names[row["locality_id"]], fmt.period_label("year", row["period_start"], row["period_end"],
                                                                         lang)
            if spec.mode == "index":
                notes.append(text("notes_index", lang, place=place, period=period,
                                  index=figures.value_label(row, spec.mode, lang), base_year=int(first)))
            else:
                notes.append(text("notes_change", lang, place=place, period=period,
                                  change=figures.value_label(row, spec.mode, lang), previous=int(row["year"]) - 1))
    if missing:
        notes.append(text("no_figure", lang, names=", ".join(missing)))
    if not not_drawn.empty:
        notes += ["", text("other_figures", lang)]
        notes += value_notes(not_drawn, names, unit, lang)[1:]
    return ChartForSpec(figure, title, subtitle, sources_of(used), tuple(notes))


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
