"""A publish or a revert on the page "Nạp báo cáo", with its progress shown as the write side reports
it (etl.intake.publish.Progress: a stage, a count within it, a line), and its result kept for the run
after it: the page reruns so that the sidebar and every chart read the new database."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.ui.review_tables import history_table
from core.words.i18n import t
from core.words.safe_text import plain_md

RESULT_KEY = "intake.result"
# Where each stage of a publish puts the bar (the build's reports move it from 0.1 to 0.85).
_AT = {"wait": 0.0, "prepare": 0.05, "build": 0.1, "compare": 0.88, "commit": 0.94, "done": 1.0}


def fraction(progress: Any) -> float:
    """How far a publish is, 0–1, from its stage and, while building, the report it is at."""
    at = _AT.get(progress.stage, 0.0)
    if progress.stage == "build" and progress.done and progress.total:
        at += (0.85 - at) * progress.done / progress.total
    return at


def run(label: str, work: Callable[[Callable[[Any], None]], Any], lang: str) -> None:
    """Run `work(progress)` (a publish or revert) under a status box with a progress bar, keep its
    result and rerun."""
    with st.status(label, expanded=True) as status:
        bar = st.progress(0.0, text=t("intake.publish_waiting", lang))

        def progress(p: Any) -> None:
            bar.progress(fraction(p), text=plain_md(p.message))

        result = work(progress)
        status.update(state="complete" if result.ok else "error")
    st.session_state[RESULT_KEY] = result
    st.rerun()


def show_result(lang: str) -> None:
    """What the last publish or revert of this session said: what changed, or why nothing did."""
    result = st.session_state.get(RESULT_KEY)
    if result is None:
        return
    if result.ok:
        done = "intake.reverted" if result.entry.kind == "revert" else "intake.published"
        st.success(t(done, lang, message=plain_md(result.message)), icon=":material/check_circle:")
    else:
        st.error(plain_md(result.message), icon=":material/error:")
    lines: Sequence[str] = [*result.problems, *result.notes]
    if lines:
        with st.expander(t("intake.publish_details", lang, n=len(lines)), expanded=not result.ok):
            st.markdown("\n".join(f"- {plain_md(line)}" for line in lines))


def publish_section(options: Sequence[str], default: str, label: Callable[[str], str],
                    publish: Callable[[list[str], Callable[[Any], None]], Any], lang: str) -> None:
    """The last result, the files to publish (the one under review first) and "Công bố"."""
    show_result(lang)
    chosen = st.multiselect(t("intake.publish_items", lang), list(options), default=[default], format_func=label,
                            key=f"intake.publish_items.{default}")
    if st.button(t("intake.publish", lang), type="primary", icon=":material/publish:", disabled=not chosen,
                 key="intake.publish"):
        run(t("intake.publishing", lang), lambda progress: publish(chosen, progress), lang)


def history_section(entries: Sequence[Any], revert: Callable[[int, Callable[[Any], None]], Any], lang: str) -> None:
    """Every publish and revert, and a revert of any of them (after a tick that says it is meant)."""
    st.subheader(t("intake.history", lang))
    if not entries:
        st.caption(t("intake.no_history", lang))
        return
    st.dataframe(history_table(entries, lang), hide_index=True)
    ids = sorted((e.id for e in entries), reverse=True)
    with st.form("intake.revert", border=False):
        entry = st.selectbox(t("intake.revert_pick", lang), ids, format_func=lambda i: f"#{i}", key="intake.revert_id")
        sure = st.checkbox(t("intake.revert_sure", lang), key="intake.revert_sure")
        asked = st.form_submit_button(t("intake.revert", lang), icon=":material/history:")
    if asked and not sure:
        st.warning(t("intake.revert_confirm", lang))
    elif asked:
        run(t("intake.reverting", lang, id=entry), lambda progress: revert(entry, progress), lang)
