"""Reusable filters: each shows one Streamlit widget, starts from the URL (or the default), and
returns a plain value. Widget keys are "<page>.<param>"; the URL parameter is <param>."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from core.ui.urlstate import UrlState
from core.words.i18n import t

LANG_KEY = "app.lang_en"


def current_language() -> str:
    """"en" when the English toggle is on, else "vi"."""
    return "en" if st.session_state.get(LANG_KEY) else "vi"


def language_toggle(url: UrlState) -> str:
    """The English toggle (sidebar); starts from ?lang=en."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = url.choice("lang", ["vi", "en"], "vi") == "en"
    st.sidebar.toggle(t("app.english", "en"), key=LANG_KEY, help=t("app.english_help", current_language()))
    return current_language()


def _key(page: str, param: str) -> str:
    return f"{page}.{param}"


def select(
    label: str,
    options: Sequence[str],
    *,
    page: str,
    param: str,
    url: UrlState,
    default: str,
    format_func: Callable[[str], str] = str,
    radio: bool = False,
    help: str | None = None,
    container=st,  # noqa: ANN001 - st or a column
) -> str:
    """One value out of `options` (a selectbox, or horizontal radio buttons)."""
    key = _key(page, param)
    options = list(options)
    if default not in options and options:
        default = options[0]
    if key not in st.session_state:
        st.session_state[key] = url.choice(param, options, default)
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    if radio:
        return container.radio(label, options, key=key, format_func=format_func, horizontal=True, help=help)
    return container.selectbox(label, options, key=key, format_func=format_func, help=help)


def multiselect(
    label: str,
    options: Sequence[str],
    *,
    page: str,
    param: str,
    url: UrlState,
    default: Sequence[str],
    format_func: Callable[[str], str] = str,
    placeholder: str | None = None,
    help: str | None = None,
    container=st,  # noqa: ANN001
) -> list[str]:
    """Any number of `options`; an empty choice is allowed and returned as []."""
    key = _key(page, param)
    options = list(options)
    default = [d for d in default if d in options]
    if key not in st.session_state:
        st.session_state[key] = url.choices(param, options, default)
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    return list(
        container.multiselect(label, options, key=key, format_func=format_func, placeholder=placeholder, help=help)
    )


def year_range(
    label: str,
    low: int,
    high: int,
    *,
    page: str,
    param: str,
    url: UrlState,
    default: tuple[int, int] | None = None,
    container=st,  # noqa: ANN001
) -> tuple[int, int]:
    """A first and last year between `low` and `high`."""
    key = _key(page, param)
    default = default or (low, high)
    if key not in st.session_state:
        st.session_state[key] = url.int_range(param, low, high, default)
    else:
        first, last = st.session_state[key]
        if not (low <= first <= last <= high):
            st.session_state[key] = default
    if low == high:
        container.caption(f"{label}: {low}")
        return (low, high)
    first, last = container.slider(label, min_value=low, max_value=high, key=key, step=1)
    return int(first), int(last)


def optional_select(
    label: str,
    options: Sequence[str],
    *,
    page: str,
    param: str,
    url: UrlState,
    lang: str,
    format_func: Callable[[str], str] = str,
    container=st,  # noqa: ANN001
) -> str | None:
    """One of `options` or None for "all" (the first entry of the list)."""
    all_value = ""
    value = select(
        label,
        [all_value, *options],
        page=page,
        param=param,
        url=url,
        default=all_value,
        format_func=lambda v: t("filter.all", lang) if v == all_value else format_func(v),
        container=container,
    )
    return value or None
