"""Who is signed in as an analyst in this browser session, the sign-in form, signing out, and the
sidebar's line for it on every page.

The name is kept only in the session's server-side state (`st.session_state`): nothing in a URL or
a cookie can set it. Checking a name and password is the write side's (etl.intake.accounts), passed
in as `check`; core never imports etl.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import streamlit as st

from core.words.i18n import t
from core.words.safe_text import plain_md

PREFIX = "intake."  # every session key of the intake page: signing out forgets them all
ANALYST_KEY = f"{PREFIX}analyst"


class Answer(Protocol):
    ok: bool
    name: str
    message: str


def analyst() -> str | None:
    """The analyst signed in in this session, or None (a viewer)."""
    name = st.session_state.get(ANALYST_KEY)
    return name if isinstance(name, str) and name else None


def sign_out() -> None:
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]


def sign_in_form(check: Callable[[str, str], Answer], lang: str) -> None:
    """Name and password; a right pair signs the session in (and reruns, so the page appears in the
    navigation); a wrong one shows the write side's message (slowed down, then locked, after failures)."""
    with st.form(f"{PREFIX}signin", enter_to_submit=True):
        st.subheader(t("signin.title", lang))
        name = st.text_input(t("signin.name", lang), key=f"{PREFIX}signin.name", autocomplete="username")
        password = st.text_input(t("signin.password", lang), type="password", key=f"{PREFIX}signin.password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("signin.submit", lang), type="primary", icon=":material/login:")
    if not submitted:
        return
    answer = check(name, password)
    if answer.ok:
        sign_out()  # nothing of an earlier session's work stays
        st.session_state[ANALYST_KEY] = answer.name
        st.rerun()
    st.error(plain_md(answer.message), icon=":material/lock:")


def sidebar(page: Any, lang: str) -> None:
    """On every page: the analyst's name and "Đăng xuất", or for a viewer a link to the sign-in."""
    name = analyst()
    if name:
        st.sidebar.caption(t("signin.signed_in", lang, name=plain_md(name)))
        st.sidebar.button(t("signin.sign_out", lang), on_click=sign_out, icon=":material/logout:",
                          key=f"{PREFIX}signout")
    else:
        st.sidebar.page_link(page, label=t("signin.link", lang), icon=":material/login:")


def gate(configured: Callable[[], bool], hint: str, check: Callable[[str, str], Answer], lang: str) -> str:
    """The analyst signed in; for a viewer the page stops here, after the sign-in form (or, when no
    analyst is configured, `hint`: how to add one; or why the accounts cannot be read)."""
    name = analyst()
    if name:
        return name
    try:
        ready = configured()
    except ValueError as exc:  # etl's InputError: a broken accounts file
        st.error(plain_md(str(exc)))
        st.stop()
    if not ready:
        st.info(plain_md(hint), icon=":material/person_add:")
        st.stop()
    st.caption(t("signin.intro", lang))
    sign_in_form(check, lang)
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover
