"""What a dashboard chart is, in words, once it leaves the page: the caption baked into its image
(title, places and period, sources) and its slide (title, filters line, sources, speaker notes).

Pure functions of the chart's spec, the query rows it drew and the catalog tables (core.data.queries
indicators, breakdowns, localities); no Streamlit here.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.charts.export import Caption
from core.charts.spec import ChartSpec
from core.data.catalog import Catalog
from core.data.period import Period
from core.deck.slides import DeckItem
from core.words import fmt, labels
from core.words.captions import text, value_notes
from core.words.i18n import t
from core.words.sources import chart_source_line, sources_of

PLACES_NAMED = 4  # a ranking of 30 districts names four, then says how many more


def places_text(spec: ChartSpec, catalog: Catalog) -> str:
    """"Hà Nội, Gia Lai"; "A, B, C, D và 26 nơi khác" for a long list."""
    names = list(labels.chart_locality_labels(spec.localities, catalog.localities, spec.lang).values())
    if len(names) > PLACES_NAMED:
        return ", ".join(names[:PLACES_NAMED]) + " " + t("deck.more_places", spec.lang, n=len(names) - PLACES_NAMED)
    return ", ".join(names)


def period_text(spec: ChartSpec, rows: pd.DataFrame | None = None) -> str:
    """The chart's period: "năm 2024", "7 tháng 2024" for one period; "2015–2025" for a range of years;
    for a chart that names neither (the overview's), the years its rows end in."""
    if spec.period:
        period = Period.from_key(spec.period)
        return fmt.period_label(period.kind, period.start, period.end, spec.lang)
    if spec.years:
        return fmt.years(spec.years, spec.lang)
    ends = pd.to_datetime(rows["period_end"]).dropna() if rows is not None and "period_end" in rows else []
    return fmt.years(range(min(ends).year, max(ends).year + 1), spec.lang) if len(ends) else ""


def _mode_text(spec: ChartSpec) -> str:
    # the dashboard's index is 100 at each series' own first year with a figure
    return text("mode_index_first" if spec.mode == "index" else f"mode_{spec.mode}", spec.lang)


def filters_line(spec: ChartSpec, catalog: Catalog, rows: pd.DataFrame | None = None) -> str:
    """The chart's filters in one line under its slide title:
    "Hà Nội, Gia Lai · 2015–2025 · Tổng số · số tuyệt đối · mô hình"."""
    parts = [places_text(spec, catalog), period_text(spec, rows),
             catalog.breakdown_name(spec.indicator, spec.breakdown, spec.lang), _mode_text(spec),
             catalog.unit(spec.indicator, spec.lang)]
    return " · ".join(p for p in parts if p)


def caption(spec: ChartSpec, rows: pd.DataFrame, catalog: Catalog) -> Caption:
    """What the exported image says around the chart: its title, places and period, and sources."""
    context = [places_text(spec, catalog), period_text(spec, rows)]
    if spec.mode != "absolute":
        context.append(_mode_text(spec))
    return Caption(spec.title, " · ".join(p for p in context if p), chart_source_line(rows, spec.lang))


def _series_names(rows: pd.DataFrame, spec: ChartSpec, catalog: Catalog) -> list[str]:
    """Each row's place, and its breakdown when the chart draws several ("Sóc Sơn (Hà Nội) — Tập thể")."""
    places = labels.locality_labels(catalog.localities, spec.lang)
    several = "breakdown" in rows and rows["breakdown"].nunique() > 1
    names = {(b.indicator, b.code): getattr(b, f"name_{spec.lang}") for b in catalog.breakdowns.itertuples()}
    out = []
    for row in rows.to_dict("records"):
        place = places.get(row["locality_id"], row["locality_id"])
        if several:
            place += " — " + names.get((spec.indicator, row["breakdown"]), row["breakdown"])
        out.append(place)
    return out


def deck_item(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame, catalog: Catalog) -> DeckItem:
    """The slide of a chart as the page drew it: its figure, title, filters, sources and the notes of its values."""
    named = rows.assign(series_name=_series_names(rows, spec, catalog))
    notes = value_notes(named, {}, catalog.unit(spec.indicator, spec.lang), spec.lang, series="series_name")
    return DeckItem(spec.title, filters_line(spec, catalog, rows), sources_of(rows), tuple(notes),
                    figure=go.Figure(fig))
