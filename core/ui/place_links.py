"""The place profile's Streamlit parts that say what became of a place on 1 July 2025: the notice at the top of a
profile (a unit that ended names what took its area, a new one what it was formed from, after the UK ONS
"AreaChangeNotice") and the results of a search by old or new name; each unit with a profile is a link (a
button that opens it on the same page)."""
from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from core.data.missing import is_missing
from core.words import area_change
from core.words.i18n import t
from core.words.safe_text import plain_md

RESULTS_HEIGHT = 360  # px
Open = Callable[[str], None]  # opens a unit's profile (a button's on_click; the unit id as its argument)


def _link(unit: Mapping[str, object], label: str, key: str, on_open: Open, container: object = st) -> None:
    """A unit that has a profile as a link-like button; a unit without one (a former commune) as text."""
    if unit.get("is_locality", True) and not is_missing(unit.get("id")):
        container.button(plain_md(label), key=key, type="tertiary", icon=":material/arrow_forward:",  # type: ignore[attr-defined]
                         on_click=on_open, args=(str(unit["id"]),))
    else:
        container.markdown(plain_md(label))  # type: ignore[attr-defined]


def _with_count(label: str, n: object, lang: str) -> str:
    return label if is_missing(n) or not n else f"{label} — {t('filter.n_figures', lang, n=int(n))}"  # type: ignore[arg-type]


def change_notice(unit: Mapping[str, object], era: str, links: pd.DataFrame, lang: str, on_open: Open) -> None:
    """What became of `unit` (a row of core.data.queries.localities with its id) or what it was formed from:
    `links` are its core.data.queries.unit_links rows."""
    rows = links.to_dict("records")
    became = [r for r in rows if r["direction"] == "became"]
    came_from = [r for r in rows if r["direction"] == "formed_from"]
    province = str(unit["parent_name"])
    with st.container(border=True):
        if era == "old":
            st.info(plain_md(area_change.ended_notice(unit["kind"], str(unit["name"]), province, unit["valid_to"],
                                                      len(became), lang)), icon=":material/history:")
            row = st.container(horizontal=True, gap="small")
            for link in became:
                _link(link, _with_count(area_change.linked_name(link, lang), link["n_observations"], lang),
                      f"place.after.{link['id']}", on_open, row)
            return
        st.info(plain_md(area_change.new_notice(unit["kind"], str(unit["name"]), province, unit["valid_from"],
                                                sum(r["level"] == "district" for r in came_from), lang)),
                icon=":material/fiber_new:")
        for group in area_change.formed_from(came_from):
            if group.district is not None:
                district = group.district
                _link(district, _with_count(area_change.linked_name(district, lang), district["n_observations"], lang),
                      f"place.before.{district['id']}", on_open)
            if group.communes:
                st.caption(plain_md(t("place.old_communes", lang, communes=", ".join(
                    area_change.linked_name(c, lang) for c in group.communes))))


def search_results(found: pd.DataFrame, text: str, lang: str, on_open: Open) -> None:
    """The units a search found, each with what became of it or what it came from, and a link to open each one
    that has a profile (a district or a commune-level unit from 01/07/2025); for a former commune, links to what
    it became."""
    if found.empty:
        st.caption(t("place.search_none", lang, text=plain_md(text)))
        return
    n_found = int(found["n_found"].iloc[0])
    if n_found > len(found):
        st.caption(t("place.search_more", lang, shown=len(found), n=n_found))
    # more than two results scroll in a box of their own, so the profile below stays in sight
    box = st.container(height=RESULTS_HEIGHT if len(found) > 2 else "content", border=False)
    for row in found.to_dict("records"):
        line = area_change.search_line(row, lang)
        with box.container(border=True):
            st.markdown("**" + plain_md(line.heading) + "**")
            if line.detail:
                st.caption(plain_md(line.detail))
            if row["is_locality"] and row["level"] != "province":
                _link(row, _with_count(t("place.open", lang, name=line.heading), row["n_observations"], lang),
                      f"place.found.{row['id']}", on_open)
            elif not row["is_locality"]:  # a former commune: what took its area
                links = st.container(horizontal=True, gap="small")
                for unit in area_change.links_of(row["became"]):
                    _link(unit, area_change.linked_name(unit, lang), f"place.found.{row['id']}.{unit['id']}", on_open,
                          links)
