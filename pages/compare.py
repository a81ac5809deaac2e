"""So sánh: one indicator and one year or period; provinces side by side, or a province's units ranked: its
districts until 30/06/2025 or its communes and wards from 01/07/2025, saying how many have no figure."""
from typing import NamedTuple

import pyarrow as pa
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures, places
from core.data.period import Period
from core.ui import cached, render, tables, widgets
from core.ui.kept import arrow, kept
from core.words import area_change, fmt
from core.words.i18n import setting, t

SCOPES = {"provinces": None, "communes": places.NEW, "districts": places.OLD}  # scope → the era of its units

lang = widgets.current_language()
st.title(t("compare.title", lang))
st.caption(t("compare.intro", lang))
focus = list(setting("focus_provinces"))


@st.fragment
def compare() -> None:
    """The filters, the chart and its table: a filter change reruns this, not the page around it."""
    filters = widgets.PageFilters("compare")
    defaults = setting("defaults.compare")
    notices = st.container()

    localities, names_of, options, names, units = widgets.pick_lists(lang)

    top = st.columns([2, 2, 2])
    indicator, breakdown, breakdown_name = filters.indicator_and_breakdown(names, defaults["indicator"], lang, top)
    scope = filters.select("scope", t("filter.scope", lang), list(SCOPES), default=defaults["scope"],
                           format_func=lambda v: t(f"filter.scope_{v}", lang), radio=True, container=top[2])
    row = st.columns([2, 4])
    era = SCOPES[scope]
    parents = places.provinces_with_units(localities, era) if era else []
    # a change of scope keeps the province, or the one that stands for it in the other era (old and merged Gia Lai)
    last = filters.current("province") or defaults["province"]
    province = filters.select("province", t("filter.province", lang), parents,
                              default=(places.province_in_era(localities, last, era) or "") if era else "",
                              format_func=options.get, container=row[0], shown=era is not None)
    level = {None: "province", places.OLD: "district", places.NEW: "commune"}[era]
    periods = cached.compare_periods(indicator, breakdown, level, province)
    period_names = {p.key: fmt.period_label(p.period_kind, p.period_start, p.period_end, lang)
                    for p in periods.itertuples()}
    period = filters.select("period", t("filter.period", lang), list(period_names),
                            default=next(iter(period_names), ""), format_func=period_names.get, container=row[1],
                            shown=bool(period_names))
    filters.publish()
    with notices:
        filters.show_notices(lang)

    what = f"{names[indicator]} — {breakdown_name}"
    if period is None:
        st.info(t("compare.no_periods", lang, indicator=names[indicator], breakdown=breakdown_name))
        return
    title = f"{what}, {period_names[period]}"
    subtitle = options[province] if province else t("filter.scope_provinces", lang)

    # Built once per choice of filters and build of the database (core.ui.kept): a filter set back is not
    # built again.
    view = kept(("compare", indicator, breakdown, period, level, province, tuple(focus), lang),
                lambda: compare_view(indicator, breakdown, period, level, province, title, subtitle, units[indicator],
                                     names_of))
    render.show(view.chart)
    if province:
        counted = "compare.communes_with" if level == "commune" else "compare.districts_with"
        st.markdown(t(counted, lang, n_with=view.n_with, n_all=view.n_all, n_without=len(view.without),
                      province=names_of[province], period=period_names[period]))
        if view.without:
            with st.expander(t("compare.missing_list", lang, names="").rstrip(". :")):
                st.write(", ".join(view.without))
    elif view.without:
        st.markdown(t("compare.provinces_without", lang, period=period_names[period], names=", ".join(view.without)))
    st.dataframe(view.table, hide_index=True)


class CompareView(NamedTuple):
    """What the page shows for one choice of filters: the ranking chart, how many places have a value, the
    names of those without one, and the table (as Arrow)."""

    chart: render.Drawn
    n_with: int
    n_all: int
    without: list[str]
    table: pa.Table


def compare_view(indicator: str, breakdown: str, period: str, level: str, province: str | None, title: str,
                 subtitle: str, unit: str, names_of: dict[str, str]) -> CompareView:
    values = cached.compare_values(indicator, breakdown, Period.from_key(period), level, province, always=focus)
    ranked = measures.rank_values(values)
    with_value = ranked[ranked["value"].notna()]
    colors = {sid: palette.province_color(province or sid) for sid in ranked["locality_id"]}
    # units by their own name under the province's title (communes and wards with their kind); provinces by their
    # label ("Gia Lai (từ 01/07/2025)")
    bar_labels = {sid: (area_change.unit_name(kind, name, lang) if level == "commune" else name) if province
                  else names_of[sid] for sid, name, kind in zip(ranked["locality_id"], ranked["name"], ranked["kind"],
                                                               strict=True)}
    fig = figures.ranking_figure(ranked, title=title, subtitle=subtitle, unit=unit, labels=bar_labels, colors=colors,
                                 lang=lang)
    spec = ChartSpec("ranking", indicator, breakdown, tuple(with_value["locality_id"]), period=period, title=title,
                     chart_id="compare.main", lang=lang)
    without = ranked[ranked["value"].isna()]
    names = [bar_labels[sid] if province else names_of[sid] for sid in without["locality_id"]]
    table = tables.ranking_table(ranked if province is None else with_value, names_of, unit, lang)
    return CompareView(render.drawn(fig, spec, with_value), len(with_value), len(ranked), names,
                       arrow(table))


compare()
