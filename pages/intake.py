"""Nạp báo cáo: an analyst signs in, uploads reports or tables, confirms a report's source, reviews its
figures beside its text, publishes, and can revert a publish. The one page that imports the write side
(etl.intake); to a viewer, whatever URL it opens, it is only the sign-in form."""
from __future__ import annotations

from datetime import date

import streamlit as st

from core.ui import publishing, review_panel, review_tables, signin, uploads, widgets
from core.words import fmt
from core.words.i18n import t
from core.words.safe_text import plain_md
from etl.intake import InputError, sheet_view
from etl.intake.accounts import ADD_HINT
from etl.intake.desk import Desk, desk_paths, open_desk
from etl.intake.inbox import Source

ITEM_KEY = "intake.item"


@st.cache_resource(show_spinner=False)
def _desk(paths: tuple[str, str, str]) -> Desk:
    """One desk per inbox, accounts file and database (the extractor takes a while to set up)."""
    return open_desk()


@st.cache_resource(show_spinner=False)
def _choices(paths: tuple[str, str, str]) -> sheet_view.Choices:
    return sheet_view.choices(_desk(paths).reviewer.catalog, _desk(paths).reviewer.extractor.gaz)


def _kept(up) -> tuple[str, str]:  # noqa: ANN001 - etl.intake.inbox.Upload
    return up.message, up.item.sha256


def _unchanged() -> dict[str, str]:
    raise InputError(t("intake.nothing_changed", widgets.current_language()))


lang = widgets.current_language()
st.title(t("intake.title", lang))
with st.spinner(t("intake.starting", lang)):
    desk = _desk(desk_paths())
analyst = signin.gate(desk.accounts.configured, ADD_HINT, desk.accounts.sign_in, lang)
st.caption(t("intake.intro", lang, name=plain_md(analyst)))
choices = _choices(desk_paths())
indicators = {i.code: getattr(i, lang) for i in choices.indicators}
breakdowns = {(code, b.code): getattr(b, lang) for code, named in choices.breakdowns.items() for b in named}

# 1. Files: reports (Word, PDF, scans, text) and analyst tables.
st.header(t("intake.step_upload", lang))
kept = [o for o in uploads.drop_files(lambda data, name: _kept(desk.upload(data, name, analyst)),
                                      desk.upload_limit_mb(), lang) if o.ok]
items = {i.sha256: i for i in desk.inbox.items()}
if kept:
    st.session_state[ITEM_KEY] = kept[-1].item
if not items:
    st.info(t("intake.no_items", lang))
    st.stop()
if st.session_state.get(ITEM_KEY) not in items:
    st.session_state[ITEM_KEY] = next(iter(items))


def _item_label(sha: str) -> str:  # nothing in it changes (a select box keeps showing the old words)
    i = items[sha]
    return t("intake.item_label", lang, name=i.file_name, at=i.uploaded_at.replace("T", " ")[:16], by=i.uploaded_by)


sha = st.selectbox(t("intake.item_pick", lang), list(items), format_func=_item_label, key=ITEM_KEY)
item, key = items[sha], f"intake.{sha[:12]}"
st.caption(t(f"intake.status_{item.status}", lang))
if item.kind == "table":  # its rows are its figures, each naming its source: no review, published whole
    st.header(t("intake.step_table", lang))
    table = desk.reviewer.table(item)
    st.caption(t("intake.table_note", lang, n=fmt.number(table.n_figures, lang)))
    st.dataframe(review_tables.table_rows(table.figures[:2000], indicators, breakdowns, lang), hide_index=True)
else:
    # 2. The source, pre-filled from the file.
    st.header(t("intake.step_source", lang))
    given = review_panel.source_form(f"{key}.source", vars(item.source), item.source_found, choices.provinces, lang)
    try:
        if given is not None:
            desk.inbox.set_source(sha, Source(**given))
            st.success(t("intake.source_saved", lang), icon=":material/check:")
    except InputError as exc:
        st.error(plain_md(str(exc)))

    # 3. The figures beside the text: accept, correct, reject; add a missed one.
    st.header(t("intake.step_review", lang))
    sheet = desk.reviewer.sheet(sha)
    view = sheet_view.item_view(desk.reviewer, item, sheet)
    rows = {r.n: r for r in view.rows}
    actions = {r.n: r.action for r in view.rows}
    st.caption(t("intake.counts", lang, **sheet.counts(), total=len(rows)))
    for warning in sheet.warnings:
        st.warning(plain_md(warning))
    left, right = st.columns([4, 6], gap="medium")
    with right:
        review_panel.figures_table(review_tables.figures_table(view.rows, indicators, breakdowns, lang))
        current = review_panel.pick_row(list(rows), lambda n: review_tables.row_label(rows[n]), lang)
    with left:
        review_panel.document(view.blocks, actions, current, lang)
    if current is not None:
        row, line = rows[current], sheet.lines[current - 1]
        place = sheet_view.place_of(desk.reviewer.extractor.gaz, row, line.figure)
        undecided = [sheet.lines[n - 1].figure for n in rows if not actions[n]]
        with right:
            review_panel.decide(
                row, {k: getattr(row, k) for k in sheet_view.FIELDS} | {"district": place}, choices,
                f"{key}.{current}", lang, after=review_panel.next_undecided(list(rows), actions, current),
                undecided=len(undecided),
                accept=lambda: desk.reviewer.accept(sha, line.figure),
                withdraw=(lambda: desk.reviewer.withdraw(sha, line.decision)) if line.decision else None,
                accept_rest=lambda: [desk.reviewer.accept(sha, f) for f in undecided],
                correct=lambda values, note: desk.reviewer.correct(
                    sha, line.figure, sheet_view.field_changes(row, place, values) or _unchanged(), note),
                reject=lambda reason: desk.reviewer.reject(sha, line.figure, reason))
    year = int(item.source.published[:4]) if item.source.published[:4].isdigit() else date.today().year
    review_panel.add_missed(
        view.passed, {"province": item.source.province or choices.provinces[0], "district": "",
                      "indicator": choices.indicators[0].code, "breakdown": "total", "period_kind": "year",
                      "period_start": date(year, 1, 1), "period_end": date(year, 12, 31), "qualifier": "exact",
                      "derived": False},
        choices, f"{key}.add", lang, after=len(rows) + 1,
        add=lambda quote, values: desk.reviewer.add(sha, quote, sheet_view.added_fields(values)))


# 4. Publish, and every publish so far with its revert.
st.header(t("intake.step_publish", lang))
publishing.publish_section(list(items), sha, _item_label,
                           lambda shas, progress: desk.publisher.publish(shas, analyst, progress), lang)
publishing.history_section(desk.publisher.history(),
                           lambda entry, progress: desk.publisher.revert(entry, analyst, progress), lang)
