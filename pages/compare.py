"""So sánh: one indicator and one year or period; provinces side by side, or a province's districts ranked."""
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures
from core.data.period import Period
from core.ui import cached, render, tables, widgets
from core.words import fmt, labels
from core.words.i18n import setting, t

lang = widgets.current_language()
filters = widgets.PageFilters("compare")
defaults = setting("defaults.compare")
focus = list(setting("focus_provinces"))
st.title(t("compare.title", lang))
st.caption(t("compare.intro", lang))
notices = st.container()

localities = cached.localities()
places = labels.locality_labels(localities, lang)
indicators = cached.indicators()
names, units = labels.indicator_labels(indicators, lang), labels.indicator_units(indicators, lang)

top = st.columns([2, 2, 2])
indicator = filters.select("indicator", t("filter.indicator", lang), list(names), default=defaults["indicator"],
                           format_func=names.get, container=top[0])
breakdowns = cached.breakdowns(indicator)
breakdown_names = labels.breakdown_labels(breakdowns[breakdowns["n_observations"] > 0], lang)
breakdown = filters.select("breakdown", t("filter.breakdown", lang), list(breakdown_names), default="total",
                           format_func=breakdown_names.get, container=top[1])
scope = filters.select("scope", t("filter.scope", lang), ["provinces", "districts"], default=defaults["scope"],
                       format_func=lambda v: t(f"filter.scope_{v}", lang), radio=True, container=top[2])
row = st.columns([2, 4])
parents = localities.loc[localities["level"] == "district", "parent_id"].drop_duplicates().tolist()
province = filters.select("province", t("filter.province", lang), parents, default=defaults["province"],
                          format_func=places.get, container=row[0], shown=scope == "districts")
level = "district" if scope == "districts" else "province"
periods = cached.compare_periods(indicator, breakdown, level, province)
period_names = {p.key: fmt.period_label(p.period_kind, p.period_start, p.period_end, lang)
                for p in periods.itertuples()}
period = filters.select("period", t("filter.period", lang), list(period_names), default=next(iter(period_names), ""),
                        format_func=period_names.get, container=row[1], shown=bool(period_names))
filters.publish()
with notices:
    filters.show_notices(lang)

breakdown_name = breakdown_names.get(breakdown, breakdown)
what = f"{names[indicator]} — {breakdown_name}"
if period is None:
    st.info(t("compare.no_periods", lang, indicator=names[indicator], breakdown=breakdown_name))
    st.stop()

values = cached.compare_values(indicator, breakdown, Period.from_key(period), level, province, always=focus)
ranked = measures.rank_values(values)
with_value = ranked[ranked["value"].notna()]
title = f"{what}, {period_names[period]}"
subtitle = places[province] if province else t("filter.scope_provinces", lang)
colors = {sid: palette.province_color(province or sid) for sid in ranked["locality_id"]}
# districts by their own name under the province's title; provinces by their label ("Gia Lai (từ 01/07/2025)")
bar_labels = {sid: (name if province else places[sid])
              for sid, name in zip(ranked["locality_id"], ranked["name"], strict=True)}
fig = figures.ranking_figure(ranked, title=title, subtitle=subtitle, unit=units[indicator], labels=bar_labels,
                             colors=colors, lang=lang)
spec = ChartSpec("ranking", indicator, breakdown, tuple(with_value["locality_id"]), period=period, title=title,
                 chart_id="compare.main", lang=lang)
render.show_chart(fig, spec, with_value)

without = ranked[ranked["value"].isna()]
if province:
    st.markdown(t("compare.districts_with", lang, n_with=len(with_value), n_all=len(ranked), n_without=len(without),
                  province=places[province], period=period_names[period]))
    if len(without):
        with st.expander(t("compare.missing_list", lang, names="").rstrip(". :")):
            st.write(", ".join(without["name"]))
elif len(without):
    st.markdown(t("compare.provinces_without", lang, period=period_names[period],
                  names=", ".join(places[sid] for sid in without["locality_id"])))
st.dataframe(tables.ranking_table(ranked if province is None else with_value, places, units[indicator], lang),
             hide_index=True)
