"""Entry point of the dashboard (`make run`): page config, language toggle, navigation."""
import streamlit as st

from core.data.db import DatabaseMissing, database_path, database_version
from core.ui import cached, chart_actions, deck_basket, render, run_slots, signin, widgets
from core.words.i18n import t

st.set_page_config(page_title="Công tác dân vận", page_icon=":material/diversity_3:", layout="wide")

opened_with = st.query_params.to_dict()  # before any filter rewrites the URL: the root passes it on
around = widgets.PageFilters("app")  # the filters of every page: the language
lang = around.language_toggle()
around.publish()

try:
    database_version()
except DatabaseMissing:
    st.error(t("app.no_database", lang, path=database_path()))
    st.stop()

OVERVIEW = st.Page("pages/overview.py", title=t("pages.overview", lang), icon=":material/dashboard:",
                   url_path="tong-quan")


def _home() -> None:
    """The app's root URL: the overview at its own path /tong-quan, with the query string it was opened
    with (Streamlit serves a page marked default=True only at the root, so its declared path answered
    "Page not found"). The language is read again there from that query string, so a bad ?lang is
    reported on the page the visitor sees."""
    st.session_state.pop(widgets.LANG_KEY, None)
    st.switch_page(OVERVIEW, query_params=opened_with)


PAGES = [
    st.Page(_home, title=t("pages.overview", lang), url_path="trang-chu", default=True, visibility="hidden"),
    OVERVIEW,
    st.Page("pages/trends.py", title=t("pages.trends", lang), icon=":material/show_chart:", url_path="xu-huong"),
    st.Page("pages/compare.py", title=t("pages.compare", lang), icon=":material/bar_chart:", url_path="so-sanh"),
    st.Page("pages/district.py", title=t("pages.district", lang), icon=":material/location_city:",
            url_path="dia-ban"),
    st.Page("pages/data.py", title=t("pages.data", lang), icon=":material/table_view:", url_path="du-lieu"),
    st.Page("pages/deck.py", title=t("pages.deck", lang), icon=":material/slideshow:", url_path="xuat-slide"),
]
# Analysts' page: in the navigation once signed in; its URL gives anyone else only the sign-in form.
INTAKE = st.Page("pages/intake.py", title=t("pages.intake", lang), icon=":material/upload_file:",
                 url_path="nap-bao-cao", visibility="visible" if signin.analyst() else "hidden")
page = st.navigation([*PAGES, INTAKE])
# Under every chart: one menu with PNG/SVG made on the server and "Thêm vào slide".
render.register_chart_action(chart_actions.chart_menu)

info = cached.build_info()
st.sidebar.caption(t("app.title", lang))
st.sidebar.caption(t("app.data_note", lang, n_obs=info["n_observations"], n_sources=info["n_sources"]))
if info["synthetic"]:  # never shown as real data: said at the top of every page and in the sidebar
    st.sidebar.warning(t("app.synthetic_short", lang), icon=":material/science:")
    st.warning(t("app.synthetic", lang), icon=":material/science:")
if deck_basket.current():
    st.sidebar.caption(t("deck.sidebar", lang, n=len(deck_basket.current())))
chart_actions.say_added()
signin.sidebar(INTAKE, lang)

around.show_notices(lang)
with run_slots.page_run():  # a few sessions at a time: see core/ui/run_slots.py
    page.run()
