"""Dữ liệu & nguồn: every observation with its source, downloads, the list of sources, the glossary."""
from functools import partial

import streamlit as st

from core.data import places
from core.data.period import PERIOD_KINDS
from core.ui import cached, downloads, tables, widgets
from core.ui.kept import arrow, kept
from core.words import fmt, labels
from core.words.i18n import setting, t
from core.words.slug import file_name

lang = widgets.current_language()
filters = widgets.PageFilters("data")
st.title(t("data.title", lang))
st.caption(t("data.intro", lang))
notices = st.container()

localities = cached.localities()
options = labels.place_option_labels(localities, lang)
names = labels.indicator_labels(cached.indicators(), lang)
first_year, last_year = cached.year_bounds()
with_data = localities[localities["n_observations"] > 0]
below = with_data[with_data["level"] != "province"]
provinces = list(dict.fromkeys([*with_data.loc[with_data["level"] == "province", "id"], *below["parent_id"]]))

row = st.columns(5)
province = filters.optional_select("province", t("filter.province", lang), provinces, lang=lang,
                                   format_func=options.get, container=row[0])
# a province's communes and wards from 01/07/2025, then its districts until 30/06/2025 (marked so)
district_options = places.grouped(localities, below.loc[(below["parent_id"] == province) if province else
                                                        below["parent_id"].notna(), "id"])
district = filters.optional_select("district", t("filter.unit", lang), district_options, lang=lang,
                                   format_func=options.get, container=row[1])
indicator = filters.optional_select("indicator", t("filter.indicator", lang), list(names), lang=lang,
                                    format_func=names.get, container=row[2])
year = filters.optional_select("year", t("filter.year", lang), [str(y) for y in range(last_year, first_year - 1, -1)],
                               lang=lang, container=row[3])
period_kind = filters.optional_select("kind", t("filter.period_kind", lang), list(PERIOD_KINDS), lang=lang,
                                      format_func=lambda k: t(f"period_kind.{k}", lang), container=row[4])
filters.publish()
with notices:
    filters.show_notices(lang)

filters = {"province": province, "district": district, "indicator": indicator,
           "year": int(year) if year else None, "period_kind": period_kind}
total = cached.count_observations(**filters)
shown_rows = int(setting("data_page_rows"))
figures, sources, glossary = st.tabs([t("data.observations", lang), t("data.sources", lang), t("data.glossary", lang)])
link = {t("columns.link", lang): st.column_config.LinkColumn()}
with figures:
    if total == 0:
        st.info(t("data.empty", lang))
    else:
        st.caption(t("data.n_rows", lang, n=fmt.number(total, lang)))
        if total > shown_rows:
            st.caption(t("data.first_rows", lang, shown=fmt.number(shown_rows, lang), n=fmt.number(total, lang)))
        st.dataframe(kept(("data.observations", *filters.values(), shown_rows, lang), lambda: arrow(
            tables.observations_table(cached.observations(**filters, limit=shown_rows), lang))),
            hide_index=True, column_config=link)
        download_name = ["danvan", province, district, indicator, year, period_kind]
        buttons = st.columns(3)
        for column, ext in zip(buttons, downloads.FORMATS, strict=True):
            too_big = ext == "xlsx" and total > downloads.XLSX_MAX_ROWS
            column.download_button(t(f"data.download_{ext}", lang), partial(downloads.observations_file, ext, filters),
                                   file_name=file_name(download_name, ext), mime=downloads.MIME[ext],
                                   key=f"data.download.{ext}",
                                   on_click="ignore", icon=":material/download:", disabled=too_big,
                                   help=t("data.xlsx_too_big", lang) if too_big else None)
with sources:
    st.dataframe(kept(("data.sources", lang), lambda: arrow(tables.sources_table(cached.sources(), lang))),
                 hide_index=True, column_config=link)
with glossary:
    st.dataframe(kept(("data.glossary", lang), lambda: arrow(
        tables.glossary_table(cached.indicators(), cached.breakdowns(), lang))), hide_index=True)
