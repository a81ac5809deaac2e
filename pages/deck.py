"""Xuất slide: the charts collected with "Thêm vào slide" on any page, ordered, titled, downloaded as a .pptx."""
from functools import partial

import streamlit as st

from core.deck import slides
from core.ui import chart_actions, deck_basket, widgets
from core.words.i18n import t
from core.words.safe_text import plain_md
from core.words.slug import file_name
from core.words.sources import source_line

lang = widgets.current_language()
st.title(t("deck.title", lang))
st.caption(t("deck.intro", lang))

basket = deck_basket.current()
if not basket:
    st.info(t("deck.empty", lang), icon=":material/slideshow:")
    st.stop()


def _move(key: str, step: int) -> None:
    deck_basket.keep(deck_basket.moved(deck_basket.current(), key, step))


def _remove(key: str) -> None:
    deck_basket.keep(deck_basket.removed(deck_basket.current(), key))


def _clear() -> None:
    deck_basket.keep(())


# The inputs keep what was typed while the user visits other pages to add charts.
for field in ("title", "subtitle"):
    if f"deck.{field}" not in st.session_state:
        saved = st.session_state.get(f"deck.saved_{field}")
        st.session_state[f"deck.{field}"] = saved if saved is not None else t(f"deck.default_{field}", lang)
columns = st.columns(2)
title = columns[0].text_input(t("deck.deck_title", lang), key="deck.title")
subtitle = columns[1].text_input(t("deck.deck_subtitle", lang), key="deck.subtitle")
st.session_state["deck.saved_title"], st.session_state["deck.saved_subtitle"] = title, subtitle

st.caption(t("deck.n_charts", lang, n=len(basket)))
for number, entry in enumerate(basket, start=1):
    with st.container(border=True):
        st.markdown(f"**{number}. {plain_md(entry.item.title)}**")
        st.caption(plain_md(entry.item.subtitle))
        if entry.item.sources:
            st.caption(plain_md(source_line(entry.item.sources, lang, max_sources=3, on_slide=True)))
        buttons = st.container(horizontal=True, gap="small")
        buttons.button(t("deck.up", lang), key=f"deck.up.{entry.key}", icon=":material/arrow_upward:",
                       on_click=_move, args=(entry.key, -1), disabled=number == 1)
        buttons.button(t("deck.down", lang), key=f"deck.down.{entry.key}", icon=":material/arrow_downward:",
                       on_click=_move, args=(entry.key, 1), disabled=number == len(basket))
        buttons.button(t("deck.remove", lang), key=f"deck.remove.{entry.key}", icon=":material/delete:",
                       on_click=_remove, args=(entry.key,))

for warning in slides.link_warnings(tuple(e.item for e in basket), lang):
    st.warning(plain_md(warning), icon=":material/link_off:")
problem = chart_actions.browser_problem()
if problem is not None:
    st.warning(t("deck.no_browser", lang), icon=":material/warning:")
actions = st.container(horizontal=True, gap="small")
actions.download_button(
    t("deck.download", lang), partial(slides.deck_bytes, tuple(e.item for e in basket), title, subtitle, None, lang),
    file_name=file_name([title], "pptx", fallback="bo-slide"), key="deck.download", on_click="ignore", type="primary",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    icon=":material/download:", disabled=problem is not None, help=t("deck.download_help", lang),
)
actions.button(t("deck.clear", lang), key="deck.clear", icon=":material/delete_sweep:", on_click=_clear)
