"""Địa bàn: one place's profile, of either era: a district until 30/06/2025 names the communes and wards that took
its area (links to them); a commune or ward from 01/07/2025 names the districts and communes it was formed from
and shows those districts' figures as context, apart, never joined to its own nor added up. Then every indicator
known for the place, with sources. A search finds a unit by old or new name and says what became of it."""
from typing import NamedTuple

import pyarrow as pa
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import places
from core.ui import cached, place_links, render, tables, widgets
from core.ui.kept import arrow, kept
from core.words import area_change, fmt, labels
from core.words.i18n import setting, t
from core.words.safe_text import plain_md

lang = widgets.current_language()
filters = widgets.PageFilters("district")
defaults = setting("defaults.district")
st.title(t("place.title", lang))
st.caption(t("place.intro", lang))
search_box, found_box = st.container(), st.container()
notices = st.container()

localities = cached.localities()
rows = localities.set_index("id")
options = labels.place_option_labels(localities, lang)
counts = dict(zip(localities["id"].tolist(), localities["n_observations"].tolist(), strict=True))


def era_of(unit: str) -> str:
    return places.era_of(rows.at[unit, "level"], rows.at[unit, "valid_from"]) or places.OLD


def open_place(unit: str) -> None:
    """A link's on_click: the profile of `unit` on the next run."""
    filters.choose(era=era_of(unit), province=str(rows.at[unit, "parent_id"]), place=unit)


query_text = filters.text("q", t("place.search", lang), placeholder=t("place.search_placeholder", lang),
                          help=t("place.search_help", lang), container=search_box)
asked = filters.url.raw("place")
start = asked if asked in rows.index and rows.at[asked, "level"] != "province" else defaults["place"]
row = st.columns([2, 2, 3])
era = filters.select("era", t("place.era", lang), list(places.ERAS), default=era_of(start),
                     format_func=lambda e: t(f"place.era_{e}", lang), radio=True, container=row[0])
before = filters.current("province") or rows.at[start, "parent_id"]
province = filters.select("province", t("filter.province", lang), places.provinces_with_units(localities, era),
                          default=places.province_in_era(localities, before, era) or "", format_func=options.get,
                          container=row[1])
units = places.units_of(localities, province, era)
if not units:
    st.info(t("place.no_units", lang))
    st.stop()
# after a change of era: a unit that took the last one's area (or that it came from), with figures first
last = filters.current("place") or start
linked = cached.unit_links(last)["id"].tolist() if last in rows.index else []
nearest = [u for u in [last, *linked] if u in units]
first = sorted(nearest or units, key=lambda u: (u != last, not counts[u]))[0]
unit = filters.select(
    "place", t("place.unit", lang), units, default=first,
    format_func=lambda u: options[u] + (f" — {t('filter.n_figures', lang, n=counts[u])}" if counts[u] else ""),
    help=t("place.unit_help", lang, n=len(units)), container=row[2],
)
filters.publish()
with notices:
    filters.show_notices(lang)
if query_text:
    with found_box:
        place_links.search_results(cached.search_units(query_text), query_text, lang, open_place)

info = rows.loc[unit]
name = area_change.unit_name(info["kind"], str(info["name"]), lang)
st.subheader(options[unit])
place_links.change_notice({**info.to_dict(), "id": unit}, era, cached.unit_links(unit), lang, open_place)




class Shown(NamedTuple):
    """One indicator of the profile as shown: its name, chart (None without a dated figure) and table (as
    Arrow, which Streamlit sends without converting it again on every run)."""

    name: str
    chart: render.Drawn | None
    table: pa.Table


def profile(unit: str, name: str) -> tuple[int, list[Shown]]:
    """The place's figures (how many) and each indicator's chart and table, in the catalog's order."""
    points = cached.profile_points(unit)
    shown = []
    for indicator, group in points.groupby("indicator", sort=False):
        indicator_name, unit_word = group[f"indicator_{lang}"].iloc[0], group[f"unit_{lang}"].iloc[0]
        drawable = group[group["period_end"].notna()]
        chart = None
        if not drawable.empty:
            breakdown_names = drawable[f"breakdown_{lang}"].fillna(drawable["breakdown"])
            series_labels = dict(zip(drawable["breakdown"], breakdown_names, strict=True))
            years = (int(min(d.year for d in drawable["period_end"])), int(max(d.year for d in drawable["period_end"])))
            title = f"{indicator_name} — {name}"
            fig = figures.trend_figure(drawable, title=title, unit=unit_word, labels=series_labels,
                                       colors=palette.series_colors(list(series_labels)), series="breakdown",
                                       years=years, lang=lang, height=400)
            spec = ChartSpec("profile", indicator, localities=(unit,), years=tuple(range(years[0], years[1] + 1)),
                             title=title, chart_id=f"district.{indicator}", lang=lang)
            chart = render.drawn(fig, spec, drawable)
        table = arrow(tables.profile_table(group, lang))
        shown.append(Shown(indicator_name, chart, table))
    return len(points), shown


def before(unit: str) -> list[tuple[str, pa.Table | None]]:
    """A new unit's old districts, each with the table of its figures (None without any): context, apart."""
    context = cached.predecessor_points(unit)
    districts = cached.unit_links(unit)
    districts = districts[(districts["direction"] == "formed_from") & (districts["level"] == "district")]
    shown = []
    for link in districts.to_dict("records"):
        mine = context[context["locality_id"] == link["id"]]
        table = None if mine.empty else arrow(tables.profile_table(mine, lang, with_indicator=True))
        shown.append((area_change.linked_name(link, lang), table))
    return shown


link_column = {t("columns.link", lang): st.column_config.LinkColumn()}
# Built once per place, language and build of the database (core.ui.kept): reruns and later visitors reuse it.
n_figures, shown = kept(("district.profile", unit, name, lang), lambda: profile(unit, name))
if not shown:
    st.write(t("place.no_data", lang, name=name))
else:
    st.caption(t("place.n_indicators", lang, n=len(shown), n_obs=n_figures))
for item in shown:
    st.markdown(f"#### {item.name}")
    if item.chart is not None:
        render.show(item.chart)
    st.dataframe(item.table, hide_index=True, column_config=link_column)

if era == places.NEW:
    # The old districts' figures: context, apart, one table per district, never joined to the unit's own or summed.
    with st.container(border=True):
        st.subheader(t("place.before_title", lang, since=fmt.date(info["valid_from"], lang)))
        st.caption(plain_md(t("place.before_note", lang, unit=name)))
        for linked_name, table in kept(("district.before", unit, lang), lambda: before(unit)):
            st.markdown("**" + plain_md(linked_name) + "**")
            if table is None:
                st.caption(t("place.before_none", lang))
            else:
                st.dataframe(table, hide_index=True, column_config=link_column)
