"""Files dropped on the page "Nạp báo cáo": each new one read in turn with a progress bar (reading a
scan runs OCR, seconds a page), and what became of each kept for the runs after (a file the write
side refuses says why, as text).

Reading a file is the write side's (etl.intake), passed in as `keep`: it returns what to say and the
kept item's id, or raises ValueError (etl's InputError) with the message."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.words import fmt
from core.words.i18n import t
from core.words.safe_text import plain_md

FILES_KEY = "intake.files"
SEEN_KEY = "intake.files_seen"
SAID_KEY = "intake.files_said"
TYPES = ("docx", "pdf", "png", "jpg", "jpeg", "txt", "md", "csv", "xlsx", "parquet")
SHOWN = 30  # what became of the latest files, the newest first


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    message: str
    item: str = ""  # the kept item's id (sha256) when ok


def drop_files(keep: Callable[[bytes, str], tuple[str, str]], limit_mb: float, lang: str) -> list[Outcome]:
    """The uploader; files not seen before are read now, one at a time. Returns what became of the
    files of this run (empty when none was new); every outcome so far stays on the page.

    The browser refuses a file over `limit_mb` before sending it (the write side's check, with its
    Vietnamese message, stays behind it); the label says the limit."""
    shown_mb = fmt.number(limit_mb, lang)
    files = st.file_uploader(t("intake.upload", lang, mb=shown_mb), type=list(TYPES), accept_multiple_files=True,
                             key=FILES_KEY, help=t("intake.upload_help", lang),
                             max_upload_size=max(1, math.ceil(limit_mb))) or []
    seen: set[str] = st.session_state.setdefault(SEEN_KEY, set())
    said: list[Outcome] = st.session_state.setdefault(SAID_KEY, [])
    new = [f for f in files if f.file_id not in seen]
    done: list[Outcome] = []
    if new:
        with st.status(t("intake.reading", lang, n=len(new)), expanded=True) as status:
            bar = st.progress(0.0)
            for i, f in enumerate(new):
                bar.progress(i / len(new), text=t("intake.reading_file", lang, name=plain_md(f.name), i=i + 1,
                                                  n=len(new)))
                try:
                    message, item = keep(f.getvalue(), f.name)
                    done.append(Outcome(f.name, True, message, item))
                except ValueError as exc:
                    done.append(Outcome(f.name, False, str(exc)))
                seen.add(f.file_id)
            bar.progress(1.0, text=t("intake.read_done", lang, n=len(new)))
            failed = sum(not o.ok for o in done)
            status.update(label=t("intake.read_summary", lang, ok=len(done) - failed, failed=failed),
                          state="error" if failed else "complete", expanded=False)
        said[:0] = list(reversed(done))
    for outcome in said[:SHOWN]:
        (st.success if outcome.ok else st.error)(plain_md(outcome.message),
                                                  icon=":material/check:" if outcome.ok else ":material/block:")
    return done
