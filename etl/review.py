"""The analysts' review file (data/review.csv): rejections, corrections and additions of figures.

A row finds its figure by report, the number as printed and a piece of the sentence, not by
what the extractor made of it, so it keeps working when the extractor changes. The intake's
per-report decisions (etl/intake/decisions.py) are rows of the same form, with one more action,
`accept`, which matches a figure and leaves it as extracted.

In a `correct` row, `-` empties a field that may be empty (district, period start or end): a
province-wide figure the extractor put in a district, a period whose start the text does not say.
"""
from __future__ import annotations

import csv
import math
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from etl.errors import InputError, shown
from etl.figure import Figure
from etl.rules import in_date_range
from etl.textio import read_text
from etl.textnorm import fold
from etl.vnnumbers import parse_vietnamese_number

COLUMNS = ("doc", "number", "context", "match_indicator", "action", "province", "district", "indicator",
           "breakdown", "period_kind", "period_start", "period_end", "value", "qualifier", "derived",
           "quote", "reason")
ACTIONS = ("reject", "correct", "add", "accept")
EDITABLE = ("province", "district", "indicator", "breakdown", "period_kind", "period_start", "period_end",
            "value", "qualifier", "derived")
EMPTY = "-"  # in a correct row: this field becomes empty
_CLEARABLE = ("district", "period_start", "period_end")


@dataclass
class ReviewRow:
    line: int
    doc: str
    number: float | None
    context: str
    match_indicator: str
    action: str
    fields: dict[str, str]
    quote: str
    reason: str
    file: str = "review.csv"

    @property
    def where(self) -> str:
        return f"{self.file} dòng {self.line}"

    def matches(self, fig: Figure) -> bool:
        if fig.doc != self.doc:
            return False
        if self.number is not None and abs(fig.value - self.number) > 1e-9:
            return False
        if self.match_indicator and fig.indicator != self.match_indicator:
            return False
        return _spaced(self.context) in _spaced(fig.quote) if self.context else True


@dataclass
class ReviewOutcome:
    figures: list[Figure]
    rejected: list[tuple[Figure, str]] = field(default_factory=list)
    accepted: int = 0
    corrected: int = 0
    added: int = 0
    stale: list[str] = field(default_factory=list)  # rows that match nothing any more
    redundant: list[str] = field(default_factory=list)  # rows the extractor has made needless, why
    not_added: list[ReviewRow] = field(default_factory=list)  # 'add' rows of figures already there


def read_review(path: Path, *, label: str = "") -> list[ReviewRow]:
    """The rows of a review file (none when it does not exist); messages name `label` or the file. A
    link put in its place is refused when read (etl/inputfile.py)."""
    if not os.path.lexists(path):
        return []
    return parse_review(read_text(path), label or path.name)


def parse_review(text: str, label: str) -> list[ReviewRow]:
    """Review rows from CSV text; an InputError names `label` and the line of a bad row."""
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("doc", "number", "context", "action") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"thiếu cột {', '.join(missing)}", where=label)
    rows = []
    for i, r in enumerate(reader, start=2):
        where = f"{label} dòng {i}"
        action = (r.get("action") or "").strip()
        if action not in ACTIONS:
            raise InputError(f"action phải là một trong {', '.join(ACTIONS)}, không phải {shown(action)}", where=where)
        number = None
        if (r.get("number") or "").strip():
            try:
                number = parse_vietnamese_number(r["number"])
            except InputError as exc:
                raise InputError(exc.message, where=where) from None
        fields = {k: (r.get(k) or "").strip() for k in EDITABLE if (r.get(k) or "").strip()}
        cleared = [k for k, v in fields.items() if v == EMPTY and (k not in _CLEARABLE or action != "correct")]
        if cleared:
            raise InputError(f"'{EMPTY}' (để trống) chỉ dùng trong dòng 'correct' cho "
                             f"{', '.join(_CLEARABLE)}, không cho {', '.join(cleared)}", where=where)
        try:
            typed_fields(fields)
        except InputError as exc:
            raise InputError(exc.message, where=where) from None
        if action == "add":
            need = [k for k in ("province", "indicator", "breakdown", "period_kind", "value") if k not in fields]
            absent = need + ([] if (r.get("quote") or "").strip() else ["quote"])  # spaces are no sentence
            if absent:
                raise InputError(f"dòng 'add' thiếu {', '.join(absent)}", where=where)
        rows.append(ReviewRow(i, (r.get("doc") or "").strip(), number, (r.get("context") or "").strip(),
                              (r.get("match_indicator") or "").strip(), action, fields,
                              (r.get("quote") or "").strip(), (r.get("reason") or "").strip(), label))
    return rows


def matching_row(fig: Figure, rows: Iterable[ReviewRow]) -> ReviewRow | None:
    """The first row that decides about `fig` (an 'add' row decides about no extracted figure)."""
    return next((r for r in rows if r.action != "add" and r.matches(fig)), None)


def reviewed(fig: Figure, row: ReviewRow) -> Figure | None:
    """`fig` as `row` leaves it: None when rejected, corrected, or unchanged when accepted (or when
    the correction is what the extractor now reads by itself)."""
    if row.action == "reject":
        return None
    if row.action == "correct" and changed_fields(fig, row):
        return replace(fig, **typed_fields(row.fields), obtained="corrected", review_note=f"{row.where}: {row.reason}")
    return fig


def changed_fields(fig: Figure, row: ReviewRow) -> list[str]:
    """The fields a 'correct' row changes in `fig` (places compared as the gazetteer compares names)."""
    def same(k: str, v: object) -> bool:
        have = getattr(fig, k)
        return fold(have) == fold(v) if k in ("province", "district") else have == v
    return [k for k, v in typed_fields(row.fields).items() if k != "derived_how" and not same(k, v)]


def stale_message(row: ReviewRow) -> str:
    """What the build says of a row that finds no figure any more."""
    what = f"{row.doc}, số {row.number:g}, “{row.context}”" if row.number is not None else row.doc
    return f"{row.where}: không còn khớp số liệu nào ({what})"


def added_figure(row: ReviewRow) -> Figure:
    """The figure an 'add' row adds."""
    typed = typed_fields(row.fields)
    typed.setdefault("district", "")
    return Figure(doc=row.doc, quote=row.quote, obtained="added", review_note=f"{row.where}: {row.reason}",
                  number_text=row.context, **typed)


def apply_review(figures: list[Figure], rows: list[ReviewRow], docs_read: set[str]) -> ReviewOutcome:
    out = ReviewOutcome(figures=[])
    used: set[tuple[str, int]] = set()
    for fig in figures:
        hit = matching_row(fig, rows)
        if hit is None:
            out.figures.append(fig)
            continue
        used.add((hit.file, hit.line))
        kept = reviewed(fig, hit)
        if kept is None:
            out.rejected.append((fig, f"{hit.where}: {hit.reason or 'loại bỏ khi rà soát'}"))
            continue
        out.figures.append(kept)
        if kept is not fig:
            out.corrected += 1
        else:
            out.accepted += 1
            if hit.action == "correct":
                out.redundant.append(f"{hit.where}: số liệu đã được trích xuất đúng như dòng sửa này; "
                                     "có thể xóa dòng này")
    have = {_same_figure(f) for f in out.figures}
    for r in rows:
        if r.action == "add" and r.doc in docs_read:
            used.add((r.file, r.line))
            fig = added_figure(r)
            if _same_figure(fig) in have:
                out.not_added.append(r)
                out.redundant.append(f"{r.where}: số liệu bổ sung đã có trong {r.doc} (trích xuất được), "
                                     "không thêm lần nữa; có thể xóa dòng này")
                continue
            have.add(_same_figure(fig))
            out.figures.append(fig)
            out.added += 1
    for r in rows:
        if (r.file, r.line) not in used and r.doc in docs_read:
            out.stale.append(stale_message(r))
    return out


def _spaced(text: str) -> str:
    """Folded, with every run of spaces (tabs of a table row, line breaks) as one space."""
    return " ".join(fold(text).split())


def _same_figure(fig: Figure) -> tuple[object, ...]:
    """What makes an added figure the same as one already there: its report and what it states."""
    key = list(fig.key())
    key[0], key[1] = fold(fig.province), fold(fig.district)
    return (fig.doc, *key)


def unknown_reports(rows: list[ReviewRow], present: Collection[str]) -> list[str]:
    """What the build says of rows about a report that is not among `present` (a misspelt name
    would otherwise leave the analyst's decision unapplied without a word)."""
    return [f"{r.where}: báo cáo {shown(r.doc)} không có trong thư mục báo cáo, dòng này không được áp dụng "
            "(no such report)" for r in rows if r.doc not in present]


def typed_fields(fields: dict[str, str]) -> dict[str, object]:
    """A review row's field texts as Figure attributes; raises InputError for a date that cannot be
    or lies outside the date range (etl.rules.in_date_range), and for a value that is no finite number."""
    out: dict[str, object] = {}
    for k, v in fields.items():
        if v == EMPTY:
            out[k] = None if k.startswith("period_") else ""
        elif k in ("period_start", "period_end"):
            try:
                day = date.fromisoformat(v)
            except ValueError:
                raise InputError(f"{k}: ngày không hợp lệ {shown(v)} (yyyy-mm-dd)") from None
            try:
                out[k] = in_date_range(day)
            except InputError as exc:
                raise InputError(f"{k}: {exc.message}") from None
        elif k == "value":
            out[k] = _value(v)
        elif k == "derived":
            out[k] = v in ("yes", "true", "1")
        else:
            out[k] = v
    if out.get("derived") and "derived_how" not in out:
        out["derived_how"] = "bổ sung khi rà soát"
    return out


def _value(text: str) -> float:
    if "," in text:
        value = parse_vietnamese_number(text, count=False)
    else:
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"value: không phải số {shown(text)}") from None
    if not math.isfinite(value):
        raise InputError(f"value: không phải số hữu hạn {shown(text)}")
    return value
