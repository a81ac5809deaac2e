"""Xu hướng: one indicator × breakdown for several localities over a range of years."""
from typing import NamedTuple

import pyarrow as pa
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures, places
from core.ui import cached, render, tables, widgets
from core.ui.kept import arrow, kept
from core.words import labels
from core.words.i18n import setting, t

lang = widgets.current_language()
st.title(t("trends.title", lang))
st.caption(t("trends.intro", lang))


@st.fragment
def trends() -> None:
    """The filters, the chart and its tables: a filter change reruns this, not the page around it."""
    filters = widgets.PageFilters("trends")
    defaults = setting("defaults.trends")
    notices = st.container()

    localities, names_of, options, names, units = widgets.pick_lists(lang)
    first_year, last_year = cached.year_bounds()

    top = st.columns([2, 2, 3])
    indicator, breakdown, breakdown_name = filters.indicator_and_breakdown(names, defaults["indicator"], lang, top)
    # each province, then its communes and wards from 01/07/2025, then its districts until 30/06/2025 (marked)
    with_data = places.grouped(localities, localities.loc[localities["n_observations"] > 0, "id"])
    chosen = filters.multiselect("loc", t("filter.localities", lang), with_data, default=defaults["localities"],
                                 format_func=options.get, placeholder=t("filter.localities_placeholder", lang),
                                 help=t("filter.localities_help", lang), container=top[2])
    row = st.columns([3, 2, 3])
    years = filters.year_range("years", t("filter.years", lang), first_year, last_year, container=row[0])
    chart = filters.select("chart", t("filter.chart", lang), ["line", "bar"], default=defaults["chart"],
                           format_func=lambda v: t(f"filter.chart_{v}", lang), radio=True, container=row[1])
    mode = filters.select("mode", t("filter.mode", lang), list(measures.MODES), default=defaults["mode"],
                          format_func=lambda v: t(f"filter.mode_{v}", lang), radio=True,
                          help=t("filter.mode_help", lang), container=row[2])
    filters.publish()
    with notices:
        filters.show_notices(lang)

    if not chosen:
        st.info(t("trends.empty_localities", lang))
        return
    title = f"{names[indicator]} — {breakdown_name}"
    series_labels = {c: names_of[c] for c in chosen}
    # Built once per choice of filters and build of the database (core.ui.kept): a filter set back is not
    # built again.
    view = kept(("trends", indicator, breakdown, tuple(chosen), years, chart, mode, lang),
                lambda: trend_view(indicator, breakdown, chosen, years, chart, mode, title, series_labels,
                                   units[indicator], labels.province_ids(localities)))
    if view.rows.drawable.empty:
        st.info(t("trends.empty_data", lang, indicator=names[indicator],
                  breakdown=breakdown_name,
                  localities=", ".join(names_of[c] for c in chosen), start=years[0], end=years[1]))
        return
    if view.chart is None:
        st.info(t("trends.same_period_none" if mode == measures.SAME_PERIOD else "trends.mode_needs_two", lang))
    else:
        render.show(view.chart)
    for note in view.notes:
        st.caption(note)
    st.subheader(t("trends.table", lang))
    st.dataframe(view.table, hide_index=True)
    if view.changes is not None:
        st.subheader(t("trends.change_table", lang))
        st.dataframe(view.changes, hide_index=True)


class TrendView(NamedTuple):
    """What the page shows for one choice of filters: the rows, the chart (None when the measure needs two
    years and has them nowhere), the notes under it, the table of plotted values and the start–end changes
    (as Arrow, sent without converting them again)."""

    rows: measures.TrendRows
    chart: render.Drawn | None
    notes: list[str]
    table: pa.Table
    changes: pa.Table | None


def trend_view(indicator: str, breakdown: str, chosen: list[str], years: tuple[int, int], chart: str, mode: str,
               title: str, series_labels: dict[str, str], unit: str, provinces: list[str]) -> TrendView:
    shown_years = range(years[0], years[1] + 1)
    rows = measures.TrendRows.of(cached.series_points(indicator, breakdown, chosen, *measures.fetch_years(shown_years)),
                                 shown_years, mode)
    if rows.drawable.empty:
        return TrendView(rows, None, [], pa.table({}), None)
    drawn = None
    if mode == "absolute" or not rows.plotted.empty:
        fig = figures.trend_figure(rows.drawn, title=title, unit=unit, labels=series_labels,
                                   colors=palette.series_colors(chosen, provinces=provinces),
                                   mode=mode, chart=chart, years=years, lang=lang, drawn_years=shown_years)
        spec = ChartSpec(f"trend-{chart}", indicator, breakdown, tuple(chosen), tuple(shown_years), mode=mode,
                         title=title, chart_id="trends.main", lang=lang)
        drawn = render.drawn(fig, spec, rows.behind_plotted)

    notes = []
    missing = [series_labels[c] for c in chosen if c not in set(rows.drawable["locality_id"])]
    if missing:
        notes.append(t("trends.missing_for", lang, names=", ".join(missing)))
    if mode == measures.SAME_PERIOD and len(rows.drawable) > len(rows.plotted):
        notes.append(t("trends.same_period_hidden", lang, n=len(rows.drawable) - len(rows.plotted)))
    elif mode != "absolute" and len(rows.other_in_years):
        notes.append(t("trends.other_hidden", lang, n=len(rows.other_in_years)))
    if len(rows.undated):
        notes.append(t("trends.undated", lang, n=len(rows.undated)))
    if rows.drawable["derived"].any():
        notes.append(t("trends.derived_note", lang))

    table = tables.plotted_table(rows.plotted if mode != "absolute" else rows.drawable, series_labels, unit, lang)
    changes = measures.start_end_change(rows.full_in_years)
    return TrendView(rows, drawn, notes, arrow(table),
                     None if changes.empty else arrow(tables.change_table(changes, series_labels, unit, lang)))

trends()
