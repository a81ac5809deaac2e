"""The review of one report on the page "Nạp báo cáo": the document with its figures' numbers marked,
the figures table whose row (or the picker under it) chooses the figure looked at, and the fields of
a figure as select boxes and inputs (to correct one, or to add one the extractor missed).

The rows, blocks and choices are the write side's (etl.intake.sheet_view), read by their attributes.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from core.ui.review_tables import decision_label
from core.words.i18n import t
from core.words.marked import document_md, sentence_md
from core.words.safe_text import plain_md
from domain.kinds import PERIOD_KINDS, QUALIFIERS

ROW_KEY = "intake.row"
GOTO_KEY = "intake.goto"  # the row to show on the next run (set after the picker has been drawn)
RESET_KEY = "intake.reset"  # a select box to set back to its first option on the next run
TABLE_KEY = "intake.table"
TABLE_SEEN_KEY = "intake.table_seen"
DOCUMENT_HEIGHT = 640
REJECT_REASONS = ("not_figure", "wrong_place", "repeated", "other_period")  # offered; any other can be typed
SOURCE_FIELDS = ("title", "publisher", "published", "source_url", "province")


def document(blocks: Sequence[Any], actions: Mapping[int, str], current: int | None, lang: str) -> None:
    """The document's text, scrolled in its own box, every character of the report as typed."""
    st.caption(t("intake.document_help", lang))
    with st.container(height=DOCUMENT_HEIGHT, border=True):
        st.markdown(document_md(blocks, actions, current))


def go_to(n: int | None) -> None:
    """Show row `n` on the next run (the picker may already be drawn on this one)."""
    st.session_state[GOTO_KEY] = n


def figures_table(frame: pd.DataFrame) -> None:
    """The figures, one per line; choosing a line shows that figure under the table."""
    # "#", "Cần xem", "Quyết định", "Giá trị", "Kỳ", "Suy ra": narrow enough that the place and indicator show too
    widths = dict(zip(frame.columns[:6], (36, 80, 130, 70, 90, 50), strict=False))
    event = st.dataframe(frame, hide_index=True, key=TABLE_KEY, on_select="rerun", selection_mode="single-row",
                         height=min(420, 38 + 35 * len(frame)),
                         column_config={c: st.column_config.Column(width=w) for c, w in widths.items()})
    chosen = list(event.selection.rows) if event is not None else []
    if chosen != st.session_state.get(TABLE_SEEN_KEY, []):  # a line chosen (or unchosen) just now
        st.session_state[TABLE_SEEN_KEY] = chosen
        if chosen:
            st.session_state[ROW_KEY] = int(frame.iloc[chosen[0]]["#"])


def pick_row(numbers: Sequence[int], label: Callable[[int], str], lang: str) -> int | None:
    """The figure looked at: a searchable select box over the rows (type a number or a word)."""
    if not numbers:
        return None
    wanted = st.session_state.pop(GOTO_KEY, None)
    if wanted in numbers:
        st.session_state[ROW_KEY] = wanted
    elif st.session_state.get(ROW_KEY) not in numbers:
        st.session_state[ROW_KEY] = numbers[0]
    return st.selectbox(t("intake.row_pick", lang), list(numbers), format_func=label, key=ROW_KEY,
                        help=t("intake.row_pick_help", lang))


def next_undecided(numbers: Sequence[int], actions: Mapping[int, str], after: int) -> int:
    """The first undecided row after `after` (going round to the top), else `after` itself."""
    order = [n for n in numbers if n > after] + [n for n in numbers if n <= after]
    return next((n for n in order if n != after and not actions.get(n)), after)


def _index(options: Sequence[Any], value: Any) -> int:
    return list(options).index(value) if value in options else 0


def figure_fields(prefix: str, start: Mapping[str, Any], choices: Any, lang: str) -> dict[str, Any]:
    """A figure's fields, starting at `start` (province, district as 'huyện Sóc Sơn' or '', indicator,
    breakdown, period kind and dates, value, qualifier, derived); the values as they stand. Places
    and indicators are searchable select boxes over the gazetteer and the catalog."""
    left, right = st.columns(2)
    province = left.selectbox(t("intake.field_province", lang), list(choices.provinces),
                              index=_index(choices.provinces, start["province"]), key=f"{prefix}.province")
    places = choices.places.get(province, ())
    names = {"": t("intake.whole_province", lang)} | {p.code: getattr(p, lang) for p in places}
    if start["district"] and start["district"] not in names and province == start["province"]:
        names = {"": names[""], start["district"]: start["district"], **names}  # as written; the gazetteer lacks it
    district = right.selectbox(t("intake.field_district", lang), list(names), format_func=names.get,
                               index=_index(list(names), start["district"] if province == start["province"] else ""),
                               key=f"{prefix}.district.{province}", help=t("intake.field_district_help", lang))
    indicators = {i.code: getattr(i, lang) for i in choices.indicators}
    indicator = left.selectbox(t("intake.field_indicator", lang), list(indicators), format_func=indicators.get,
                               index=_index(list(indicators), start["indicator"]), key=f"{prefix}.indicator")
    breakdowns = {b.code: getattr(b, lang) for b in choices.breakdowns.get(indicator, ())}
    breakdown = right.selectbox(t("intake.field_breakdown", lang), list(breakdowns), format_func=breakdowns.get,
                                index=_index(list(breakdowns), start["breakdown"]),
                                key=f"{prefix}.breakdown.{indicator}")
    kind = left.selectbox(t("intake.field_period_kind", lang), list(PERIOD_KINDS),
                          format_func=lambda k: t(f"period_kind.{k}", lang),
                          index=_index(PERIOD_KINDS, start["period_kind"]), key=f"{prefix}.period_kind")
    first, last = start["period_start"], start["period_end"]
    if kind == "year":
        year = right.number_input(t("intake.field_year", lang), min_value=1945, max_value=2100, step=1,
                                  value=(last or first or date.today()).year, key=f"{prefix}.year")
        first, last = date(int(year), 1, 1), date(int(year), 12, 31)
    else:
        dates = right.columns(2)
        first = dates[0].date_input(t("intake.field_period_start", lang), value=first, format="DD/MM/YYYY",
                                    min_value=date(1945, 1, 1), key=f"{prefix}.start")
        last = dates[1].date_input(t("intake.field_period_end", lang), value=last, format="DD/MM/YYYY",
                                   min_value=date(1945, 1, 1), key=f"{prefix}.end")
    value = start["value"]
    if value is None or float(value).is_integer():
        value = left.number_input(t("intake.field_value", lang), min_value=0, step=1,
                                  value=None if value is None else int(value), key=f"{prefix}.value")
    else:
        value = left.number_input(t("intake.field_value", lang), min_value=0.0, value=float(value), format="%.2f",
                                  key=f"{prefix}.value")
    qualifier = right.selectbox(t("intake.field_qualifier", lang), list(QUALIFIERS),
                                format_func=lambda q: t(f"intake.qualifier_{q}", lang),
                                index=_index(QUALIFIERS, start["qualifier"]), key=f"{prefix}.qualifier")
    derived = st.checkbox(t("intake.field_derived", lang), value=bool(start["derived"]), key=f"{prefix}.derived")
    return {"province": province, "district": district, "indicator": indicator, "breakdown": breakdown,
            "period_kind": kind, "period_start": first, "period_end": last, "value": value, "qualifier": qualifier,
            "derived": derived}


def _attempt(action: Callable[[], None], after: int | None = None, reset: str = "") -> None:
    """Run a decision; a refused one shows the write side's message, a recorded one moves on (to row
    `after`, and the select box `reset` back to its first option)."""
    try:
        action()
    except ValueError as exc:  # etl's InputError: what is wrong, in words
        st.error(plain_md(str(exc)))
        return
    if after is not None:
        go_to(after)
    if reset:
        st.session_state[RESET_KEY] = reset
    st.rerun()


def decide(row: Any, start: Mapping[str, Any], choices: Any, key: str, lang: str, *, after: int, undecided: int,
           accept: Callable[[], None], withdraw: Callable[[], None] | None, accept_rest: Callable[[], None],
           correct: Callable[[Mapping[str, Any], str], None], reject: Callable[[str], None]) -> None:
    """The figure looked at: its sentence with the number in bold, where it is and why it is flagged,
    then accept, undo the decision, accept every undecided figure, correct any field, or reject with a
    reason. A decision moves on to the next undecided figure (`after`)."""
    st.markdown(sentence_md(row.quote, row.number))
    said = [row.where, row.why, decision_label(row, lang) if row.action else ""]
    st.caption(plain_md(" · ".join(part for part in said if part)))
    buttons = st.columns([3, 3, 4])
    if row.action != "add" and buttons[0].button(t("intake.accept", lang), type="primary", icon=":material/check:",
                                                 key="intake.accept"):
        _attempt(accept, after)
    if withdraw is not None and buttons[1].button(t("intake.withdraw", lang), icon=":material/undo:",
                                                  key="intake.withdraw"):
        _attempt(withdraw)
    if undecided and buttons[2].button(t("intake.accept_rest", lang, n=undecided), icon=":material/done_all:",
                                       key="intake.accept_rest"):
        _attempt(accept_rest)
    if row.action == "add":
        return
    fix, drop = st.tabs([t("intake.tab_correct", lang), t("intake.tab_reject", lang)])
    with fix:
        values = figure_fields(f"{key}.fix", start, choices, lang)
        note = st.text_input(t("intake.correct_reason", lang), key=f"{key}.fix.why")
        if st.button(t("intake.correct", lang), icon=":material/edit:", key="intake.correct"):
            _attempt(lambda: correct(values, note), after)
    with drop, st.form(f"{key}.drop", border=False, enter_to_submit=True):
        reasons = [t(f"intake.reason_{k}", lang) for k in REJECT_REASONS]
        reason = st.selectbox(t("intake.reject_reason", lang), reasons, index=None, accept_new_options=True,
                              placeholder=t("intake.reject_placeholder", lang), key=f"{key}.drop.reason")
        if st.form_submit_button(t("intake.reject", lang), icon=":material/block:"):
            _attempt(lambda: reject(reason or ""), after)


def add_missed(passed: Sequence[Any], start: Mapping[str, Any], choices: Any, key: str, lang: str,
               add: Callable[[str, Mapping[str, Any]], None], *, after: int) -> None:
    """A figure the extractor missed: from a number it passed over (its sentence and value filled in)
    or from a sentence typed in, with its fields chosen as for a correction."""
    with st.expander(t("intake.add_title", lang), icon=":material/add:"):
        options = ["", *(str(i) for i in range(len(passed)))]
        if st.session_state.get(RESET_KEY) == f"{key}.from":  # added: the next one starts afresh
            del st.session_state[RESET_KEY]
            st.session_state[f"{key}.from"] = ""

        def label(k: str) -> str:
            if not k:
                return t("intake.add_own", lang)
            p = passed[int(k)]
            return f"{p.where} · «{p.number}» · {p.sentence[:90]} · {p.reason}"

        chosen = st.selectbox(t("intake.add_from", lang), options, format_func=label, key=f"{key}.from",
                              help=t("intake.add_help", lang), filter_mode="contains")
        picked = passed[int(chosen)] if chosen else None
        own = f"{key}.{chosen or 'own'}"  # fresh fields for each number chosen
        quote = st.text_area(t("intake.add_quote", lang), value=picked.sentence if picked else "", key=f"{own}.quote")
        begin = dict(start, value=picked.value if picked else None)
        if picked and picked.year:  # the year its sentence names
            begin.update(period_start=date(picked.year, 1, 1), period_end=date(picked.year, 12, 31))
        values = figure_fields(own, begin, choices, lang)
        if st.button(t("intake.add", lang), icon=":material/add:", key="intake.add"):
            _attempt(lambda: add(quote, values), after, reset=f"{key}.from")


def source_form(key: str, source: Mapping[str, str], found: Mapping[str, str], provinces: Sequence[str],
                lang: str) -> dict[str, str] | None:
    """The report's source as the file gave it (title, publisher, date, URL or document number,
    province), each field saying how it was found; the fields as given when saved, else None."""
    given: dict[str, str] = {}
    with st.form(key, enter_to_submit=True):
        columns = st.columns(2)
        for i, field in enumerate(SOURCE_FIELDS):
            column = columns[i % 2]
            how = found.get(field)
            said = t("intake.found", lang, how=how) if how else t("intake.not_found", lang)
            if field == "province":
                options = ["", *provinces]
                given[field] = column.selectbox(t("intake.source_province", lang), options,
                                                index=_index(options, source.get(field, "")),
                                                format_func=lambda p: p or t("intake.choose", lang),
                                                key=f"{key}.{field}")
            else:
                given[field] = column.text_input(t(f"intake.source_{field}", lang), value=source.get(field, ""),
                                                 key=f"{key}.{field}")
            column.caption(plain_md(said))
        saved = st.form_submit_button(t("intake.source_save", lang), icon=":material/save:")
    return given if saved else None
