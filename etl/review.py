"""The analysts' review file (data/review.csv): rejections, corrections and additions of figures.

A row finds its figure by report, the number as printed and a piece of the sentence, not by
what the extractor made of it, so it keeps working when the extractor changes.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from etl.errors import InputError
from etl.figure import Figure
from etl.textio import read_text
from etl.textnorm import fold
from etl.vnnumbers import parse_vietnamese_number

COLUMNS = ("doc", "number", "context", "match_indicator", "action", "province", "district", "indicator",
           "breakdown", "period_kind", "period_start", "period_end", "value", "qualifier", "derived",
           "quote", "reason")
ACTIONS = ("reject", "correct", "add")
_EDITABLE = ("province", "district", "indicator", "breakdown", "period_kind", "period_start", "period_end",
             "value", "qualifier", "derived")


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

    @property
    def where(self) -> str:
        return f"review.csv dòng {self.line}"

    def matches(self, fig: Figure) -> bool:
        if fig.doc != self.doc:
            return False
        if self.number is not None and abs(fig.value - self.number) > 1e-9:
            return False
        if self.match_indicator and fig.indicator != self.match_indicator:
            return False
        return fold(self.context) in fold(fig.quote) if self.context else True


@dataclass
class ReviewOutcome:
    figures: list[Figure]
    rejected: list[tuple[Figure, str]] = field(default_factory=list)
    corrected: int = 0
    added: int = 0
    stale: list[str] = field(default_factory=list)  # rows that match nothing any more


def read_review(path: Path) -> list[ReviewRow]:
    if not path.exists():
        return []
    text = read_text(path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in ("doc", "number", "context", "action") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"thiếu cột {', '.join(missing)}", where=path.name)
    rows = []
    for i, r in enumerate(reader, start=2):
        where = f"{path.name} dòng {i}"
        action = (r.get("action") or "").strip()
        if action not in ACTIONS:
            raise InputError(f"action phải là một trong {', '.join(ACTIONS)}, không phải {action!r}", where=where)
        number = None
        if (r.get("number") or "").strip():
            try:
                number = parse_vietnamese_number(r["number"])
            except InputError as exc:
                raise InputError(exc.message, where=where) from None
        fields = {k: (r.get(k) or "").strip() for k in _EDITABLE if (r.get(k) or "").strip()}
        if action == "add":
            need = [k for k in ("province", "indicator", "breakdown", "period_kind", "value") if k not in fields]
            if need or not (r.get("quote") or "").strip():
                raise InputError(f"dòng 'add' thiếu {', '.join(need + ([] if r.get('quote') else ['quote']))}", where=where)
        rows.append(ReviewRow(i, r["doc"].strip(), number, (r.get("context") or "").strip(),
                              (r.get("match_indicator") or "").strip(), action, fields,
                              (r.get("quote") or "").strip(), (r.get("reason") or "").strip()))
    return rows


def apply_review(figures: list[Figure], rows: list[ReviewRow], docs_read: set[str]) -> ReviewOutcome:
    out = ReviewOutcome(figures=[])
    used: set[int] = set()
    for fig in figures:
        hit = next((r for r in rows if r.action != "add" and r.matches(fig)), None)
        if hit is None:
            out.figures.append(fig)
            continue
        used.add(hit.line)
        if hit.action == "reject":
            out.rejected.append((fig, f"{hit.where}: {hit.reason or 'loại bỏ khi rà soát'}"))
        else:
            out.figures.append(_edited(fig, hit))
            out.corrected += 1
    for r in rows:
        if r.action == "add" and r.doc in docs_read:
            out.figures.append(_added(r))
            out.added += 1
            used.add(r.line)
    for r in rows:
        if r.line not in used and r.doc in docs_read:
            out.stale.append(f"{r.where}: không còn khớp số liệu nào ({r.doc}, số {r.number:g}, “{r.context}”)"
                             if r.number is not None else f"{r.where}: không còn khớp số liệu nào ({r.doc})")
    return out


def _edited(fig: Figure, row: ReviewRow) -> Figure:
    return replace(fig, **_typed(row.fields), obtained="corrected", review_note=f"{row.where}: {row.reason}")


def _added(row: ReviewRow) -> Figure:
    typed = _typed(row.fields)
    typed.setdefault("district", "")
    return Figure(doc=row.doc, quote=row.quote, obtained="added", review_note=f"{row.where}: {row.reason}",
                  number_text=row.context, **typed)


def _typed(fields: dict[str, str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in fields.items():
        if k in ("period_start", "period_end"):
            out[k] = date.fromisoformat(v)
        elif k == "value":
            out[k] = parse_vietnamese_number(v, count=False) if "," in v else float(v)
        elif k == "derived":
            out[k] = v in ("yes", "true", "1")
        else:
            out[k] = v
    if out.get("derived") and "derived_how" not in out:
        out["derived_how"] = "bổ sung khi rà soát"
    return out
