"""A page's filters as one object: each method shows one Streamlit widget that starts from the page's URL
(or the default) and returns a plain value; `publish` writes every value back to the URL in the format
it is read in, so a copied link reopens the view. Widget keys are "<page>.<param>"; the URL parameter is
<param>."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from core.ui import cached, urlstate
from core.ui.urlstate import UrlState
from core.words import labels
from core.words.i18n import t

LANG_KEY = "app.lang_en"
LANG_PARAM = "lang"


class PickLists(NamedTuple):
    """What a page's place and indicator pickers show, in one language."""

    localities: pd.DataFrame
    names_of: Mapping[str, str]  # id → the place's name ("phường Ba Đình (Hà Nội)")
    options: Mapping[str, str]  # id → its line in a list, the era visible ("huyện Sóc Sơn (Hà Nội) — đến 30/06/2025")
    names: dict[str, str]  # indicator code → its name
    units: dict[str, str]  # indicator code → its unit


def pick_lists(lang: str) -> PickLists:
    """The localities and indicators of the current build with their labels in `lang`."""
    localities, indicators = cached.localities(), cached.indicators()
    return PickLists(localities, labels.locality_labels(localities, lang), labels.place_option_labels(localities, lang),
                     labels.indicator_labels(indicators, lang), labels.indicator_units(indicators, lang))


def current_language() -> str:
    """"en" when the English toggle is on, else "vi"."""
    return "en" if st.session_state.get(LANG_KEY) else "vi"


class PageFilters:
    """The filters of one page (or of the dashboard around every page, for the language)."""

    def __init__(self, page: str, url: UrlState | None = None) -> None:
        self.page = page
        self.url = url if url is not None else urlstate.from_query_params()
        self._in_url: dict[str, str | None] = {}  # parameter → its text in the URL (None: not in the URL)

    def _key(self, param: str) -> str:
        return f"{self.page}.{param}"

    def select(
        self,
        param: str,
        label: str,
        options: Sequence[str],
        *,
        default: str,
        format_func: Callable[[str], str] = str,
        radio: bool = False,
        help: str | None = None,
        container: Any = st,
        shown: bool = True,
    ) -> str | None:
        """One value out of `options` (a selectbox, or horizontal radio buttons); None and out of the URL when
        not `shown` on this run."""
        if not shown:
            self._in_url[param] = None
            return None
        key = self._key(param)
        options = list(options)
        if default not in options and options:
            default = options[0]
        if key not in st.session_state:
            st.session_state[key] = self.url.choice(param, options, default)
        elif st.session_state[key] not in options:
            st.session_state[key] = default
        if radio:
            value = container.radio(label, options, key=key, format_func=format_func, horizontal=True, help=help)
        else:
            value = container.selectbox(label, options, key=key, format_func=format_func, help=help)
        self._in_url[param] = value
        return value

    def indicator_and_breakdown(self, names: Mapping[str, str], default: str, lang: str,
                                containers: Sequence[Any]) -> tuple[str, str, str]:
        """An indicator out of `names` (code → name), then one of its breakdowns that has figures ("total" by
        default), in the two `containers`: the indicator, the breakdown and the breakdown's name."""
        indicator = self.select("indicator", t("filter.indicator", lang), list(names), default=default,
                                format_func=names.get, container=containers[0])
        breakdowns = cached.breakdowns(indicator)
        breakdown_names = labels.breakdown_labels(breakdowns[breakdowns["n_observations"] > 0], lang)
        breakdown = self.select("breakdown", t("filter.breakdown", lang), list(breakdown_names), default="total",
                                format_func=breakdown_names.get, container=containers[1])
        return indicator, breakdown, breakdown_names.get(breakdown, breakdown)

    def optional_select(
        self,
        param: str,
        label: str,
        options: Sequence[str],
        *,
        lang: str,
        format_func: Callable[[str], str] = str,
        container: Any = st,
    ) -> str | None:
        """One of `options` or None for "all" (the first entry of the list; out of the URL)."""
        all_value = ""
        value = self.select(
            param, label, [all_value, *options], default=all_value,
            format_func=lambda v: t("filter.all", lang) if v == all_value else format_func(v), container=container,
        )
        return value or None

    def text(
        self,
        param: str,
        label: str,
        *,
        placeholder: str | None = None,
        max_chars: int = 60,
        help: str | None = None,
        container: Any = st,
    ) -> str:
        """Free text (a search), at most `max_chars`, without outer spaces; out of the URL when empty."""
        key = self._key(param)
        if key not in st.session_state:
            st.session_state[key] = (self.url.raw(param) or "")[:max_chars]
        value = container.text_input(label, key=key, placeholder=placeholder, max_chars=max_chars, help=help).strip()
        self._in_url[param] = value or None
        return value

    def current(self, param: str) -> Any:
        """The value a filter had on the last run (None before it was first shown)."""
        return st.session_state.get(self._key(param))

    def choose(self, **values: str) -> None:
        """Set filters before they are shown on the next run (in a button's on_click: a link to another view)."""
        for param, value in values.items():
            st.session_state[self._key(param)] = value

    def multiselect(
        self,
        param: str,
        label: str,
        options: Sequence[str],
        *,
        default: Sequence[str],
        format_func: Callable[[str], str] = str,
        placeholder: str | None = None,
        help: str | None = None,
        container: Any = st,
    ) -> list[str]:
        """Any number of `options`; an empty choice is allowed and returned as []."""
        key = self._key(param)
        options = list(options)
        default = [d for d in default if d in options]
        if key not in st.session_state:
            st.session_state[key] = self.url.choices(param, options, default)
        else:
            st.session_state[key] = [v for v in st.session_state[key] if v in options]
        values = list(container.multiselect(label, options, key=key, format_func=format_func,
                                            placeholder=placeholder, help=help))
        self._in_url[param] = UrlState.write_choices(values)
        return values

    def year_range(
        self,
        param: str,
        label: str,
        low: int,
        high: int,
        *,
        default: tuple[int, int] | None = None,
        container: Any = st,
    ) -> tuple[int, int]:
        """A first and last year between `low` and `high`."""
        key = self._key(param)
        default = default or (low, high)
        if key not in st.session_state:
            st.session_state[key] = self.url.int_range(param, low, high, default)
        else:
            first, last = st.session_state[key]
            if not (low <= first <= last <= high):
                st.session_state[key] = default
        if low == high:
            container.caption(f"{label}: {low}")
            chosen = (low, high)
        else:
            first, last = container.slider(label, min_value=low, max_value=high, key=key, step=1)
            chosen = (int(first), int(last))
        self._in_url[param] = UrlState.write_int_range(*chosen)
        return chosen

    def language_toggle(self) -> str:
        """The English toggle (sidebar), started from ?lang=en; the language it leaves on."""
        if LANG_KEY not in st.session_state:
            st.session_state[LANG_KEY] = self.url.choice(LANG_PARAM, ["vi", "en"], "vi") == "en"
        st.sidebar.toggle(t("app.english", "en"), key=LANG_KEY, help=t("app.english_help", current_language()))
        lang = current_language()
        self._in_url[LANG_PARAM] = "en" if lang == "en" else None
        return lang

    def publish(self) -> None:
        """Write every filter shown so far into the URL (the ones not shown on this run out of it)."""
        urlstate.publish(self._in_url)

    def show_notices(self, lang: str) -> None:
        """One visible warning per invalid URL parameter this page was opened with."""
        urlstate.show_notices(self.url, lang)
