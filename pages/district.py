"""Quận/huyện: a district's every indicator over the years, with sources, and what became of it in July 2025."""
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.ui import cached, render, tables, widgets
from core.words import fmt, labels
from core.words.i18n import setting, t
from domain.reform import LAST_DAY_BEFORE_REFORM

lang = widgets.current_language()
filters = widgets.PageFilters("district")
defaults = setting("defaults.district")
st.title(t("district.title", lang))
notices = st.container()

localities = cached.localities()
places = labels.locality_labels(localities, lang)
districts = localities[localities["level"] == "district"]
counts = dict(zip(districts["id"], districts["n_observations"], strict=True))
names = dict(zip(districts["id"], districts["name"], strict=True))

row = st.columns([2, 3])
province = filters.select("province", t("filter.province", lang), districts["parent_id"].drop_duplicates().tolist(),
                          default=defaults["province"], format_func=places.get, container=row[0])
mine = districts[districts["parent_id"] == province]
with_data = mine[mine["n_observations"] > 0]["id"].tolist()
default = defaults["district"] if defaults["district"] in set(mine["id"]) else (with_data or mine["id"].tolist())[0]
district = filters.select(
    "district", t("filter.district", lang), mine["id"].tolist(), default=default,
    format_func=lambda d: names[d] + (f" — {t('filter.n_figures', lang, n=counts[d])}" if counts[d] else ""),
    container=row[1],
)
filters.publish()
with notices:
    filters.show_notices(lang)

info = localities.set_index("id").loc[district]
parent = localities.set_index("id").loc[province]
successor = parent["successor_id"] if isinstance(parent["successor_id"], str) else province
st.subheader(places[district])
ended = fmt.date(info["valid_to"], lang) or fmt.date(LAST_DAY_BEFORE_REFORM, lang)
st.info(t("district.ended", lang, name=info["name"], kind=info["kind"], province=parent["name"], valid_to=ended,
          successor=places[successor]), icon=":material/history:")

points = cached.profile_points(district)
if points.empty:
    st.write(t("district.no_data", lang, name=info["name"]))
    st.stop()
st.caption(t("district.n_indicators", lang, n=points["indicator"].nunique(), n_obs=len(points)))
for indicator, group in points.groupby("indicator", sort=False):
    name, unit = group[f"indicator_{lang}"].iloc[0], group[f"unit_{lang}"].iloc[0]
    st.markdown(f"#### {name}")
    drawable = group[group["period_end"].notna()]
    if not drawable.empty:
        breakdown_names = drawable[f"breakdown_{lang}"].fillna(drawable["breakdown"])
        series_labels = dict(zip(drawable["breakdown"], breakdown_names, strict=True))
        years = (int(min(d.year for d in drawable["period_end"])), int(max(d.year for d in drawable["period_end"])))
        title = f"{name} — {info['name']}"
        fig = figures.trend_figure(drawable, title=title, unit=unit, labels=series_labels,
                                  colors=palette.series_colors(list(series_labels)), series="breakdown", years=years,
                                  lang=lang, height=400)
        spec = ChartSpec("profile", indicator, localities=(district,), years=tuple(range(years[0], years[1] + 1)),
                         title=title, chart_id=f"district.{indicator}", lang=lang)
        render.show_chart(fig, spec, drawable)
    st.dataframe(tables.profile_table(group, lang), hide_index=True,
                 column_config={t("columns.link", lang): st.column_config.LinkColumn()})
