"""The menu under every chart (registered with core.ui.render.register_chart_action in dashboard.py):
PNG (1920×1080) and SVG made on the server with the title, places, period and sources baked in,
and "Thêm vào slide", which puts the chart with its current filters into the deck basket.

The three buttons are built only while their menu is open (an expander that reruns the page, or the
chart's fragment, when it is opened or closed): a page of ten charts sends ten closed menus, not thirty
buttons, and checks nothing for them. Not a popover: an open popover closes when the visitor clicks a
page in the sidebar, and its closing reran the page being left, which won over the page asked for (the
visitor stayed, or got an empty page). Images are rendered only when a button is clicked
(st.download_button runs the callable then, on another thread: it gets everything it needs as arguments).
One Chromium is started for the dashboard's lifetime (st.cache_resource), in the background; without one,
the buttons are off and say why.
"""
from __future__ import annotations

import logging
import threading
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.charts import chart_words, export
from core.charts.spec import ChartSpec
from core.data.catalog import Catalog
from core.data.db import database_version
from core.ui import cached, deck_basket
from core.words.i18n import t

MIME = {"png": "image/png", "svg": "image/svg+xml"}
_log = logging.getLogger(__name__)


class BrowserStart:
    """The dashboard's one Chromium, started on a background thread: a page never waits the 2 s it
    takes to start (a click on PNG/SVG meanwhile waits for it, core.charts.export's lock). A missing
    Chromium is known at once (a look for the file), so the first page already says so."""

    def __init__(self) -> None:
        self._problem: str | None = None
        try:
            export.browser_path()
        except export.BrowserMissing as exc:
            self._problem = str(exc)
            return
        threading.Thread(target=self._start, name="warm-chromium", daemon=True).start()

    def _start(self) -> None:
        try:
            export.start_browser()
        except export.BrowserMissing as exc:
            self._problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - kaleido could not start it: say so under the charts, keep the page
            _log.exception("Chromium did not start")
            self._problem = f"{type(exc).__name__}: {exc}"

    def problem(self) -> str | None:
        """Why there are no images (None while it starts or runs)."""
        return self._problem


@st.cache_resource(show_spinner=False)
def warm_browser() -> BrowserStart:
    """Start the dashboard's one Chromium, once per process (kept until the process ends)."""
    return BrowserStart()


def browser_problem() -> str | None:
    """Why images and decks cannot be made here (no Chromium), else None; starts the browser on first use."""
    return warm_browser().problem()


def catalog() -> Catalog:
    """The catalog tables of the current build, from the cache the pages use; one shared copy per
    build (chart_words only reads them), not three copies per chart and rerun."""
    return _catalog(database_version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalog(version: tuple[str, int, int, int]) -> Catalog:
    return Catalog(cached.indicators(), cached.breakdowns(), cached.localities())


def image(fig: go.Figure, fmt: export.ImageFormat, spec: ChartSpec, rows: pd.DataFrame,
          tables: Catalog) -> bytes:
    """The image of a chart with its caption, made when its button is clicked (the caption too: a
    page with ten charts would otherwise write ten captions on every rerun for nothing)."""
    return export.render_image(fig, fmt, chart_words.caption(spec, rows, tables))


def add_to_deck(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame) -> None:
    """Put the chart, as drawn with its current filters, at the end of the deck basket."""
    basket = deck_basket.current()
    if not deck_basket.holds(basket, spec):
        basket = deck_basket.added(basket, spec, chart_words.deck_item(fig, spec, rows, catalog()))
        deck_basket.keep(basket)
    st.session_state[_ADDED_KEY] = t("deck.added_toast", spec.lang, title=spec.title, n=len(basket))
    # A chart in a fragment would rerun only its fragment: the whole page reruns instead, so that the sidebar's
    # count of charts in the deck follows, and says what was added (`say_added`). A callback in a fragment
    # shows nothing itself: its elements would take the place of the page's first ones.
    st.rerun()


_ADDED_KEY = "deck.just_added"


def say_added() -> None:
    """The toast for a chart just added to the deck (once, on the run that follows the click)."""
    message = st.session_state.pop(_ADDED_KEY, None)
    if message:
        st.toast(message, icon=":material/slideshow:")


def menu_key(chart_id: str) -> str:
    """The session-state key of a chart's menu (True while it is open)."""
    return f"chart_menu.{chart_id}"


def chart_menu(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame) -> None:
    """One menu under the chart, closed at first; its buttons (`chart_buttons`) are built only while it is open.
    It stays as the visitor leaves it: only a click on it opens or closes it (see the module's docstring)."""
    menu = st.expander(t("export.menu", spec.lang), icon=":material/ios_share:", key=menu_key(spec.chart_id),
                       on_change="rerun")
    if menu.open:
        with menu:
            chart_buttons(fig, spec, rows)


def chart_buttons(fig: go.Figure, spec: ChartSpec, rows: pd.DataFrame) -> None:
    """PNG, SVG and "Thêm vào slide" in one row."""
    lang = spec.lang
    problem = browser_problem()
    tables = catalog()
    stem = spec.filename()
    row = st.container(horizontal=True, gap="small")
    for fmt in ("png", "svg"):
        row.download_button(
            t(f"export.{fmt}", lang), partial(image, fig, fmt, spec, rows, tables), file_name=f"{stem}.{fmt}",
            mime=MIME[fmt], key=f"export.{fmt}.{spec.chart_id}", on_click="ignore", icon=":material/download:",
            disabled=problem is not None, help=t(f"export.{fmt}_help", lang),
        )
    in_deck = deck_basket.holds(deck_basket.current(), spec)
    row.button(
        t("deck.in_deck" if in_deck else "deck.add", lang), key=f"deck.add.{spec.chart_id}", on_click=add_to_deck,
        args=(fig, spec, rows), disabled=in_deck, icon=":material/check:" if in_deck else ":material/add:",
        help=t("deck.add_help", lang),
    )
    if problem is not None:
        st.caption(t("export.no_browser", lang))
