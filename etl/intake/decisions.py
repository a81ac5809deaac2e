"""The analyst's decisions on the figures of one inbox item: accept, correct fields, reject with a
reason, or add a figure the extractor missed.

Decisions are rows of the review file's form (etl/review.py), kept in the item's decisions.csv and
keyed as review rows are: report, the number, a piece of its sentence and the indicator, so they
find their figure again when the document is extracted anew. A decision that finds no figure any
more is listed (`Sheet.stale`), never dropped.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from etl.catalog import Catalog, load_catalog
from etl.document import LOW_CONFIDENCE
from etl.errors import InputError
from etl.extract import Extractor
from etl.figure import Figure
from etl.intake.files import write_bytes
from etl.intake.inbox import Inbox, Item, Source
from etl.intake.table_items import checked_table
from etl.readers import extract_document, mark_confidence
from etl.report import Report
from etl.review import (
    COLUMNS,
    EDITABLE,
    ReviewRow,
    added_figure,
    apply_review,
    matching_row,
    parse_review,
    reviewed,
    stale_message,
)
from etl.tables import TableResult
from etl.textnorm import fold
from etl.validate import validate
from etl.vnnumbers import as_number

OCR = "ocr"  # the number was read by OCR with low confidence
PLACE = "place"  # the place is ambiguous, unknown, or not the report's province


@dataclass(frozen=True)
class Line:
    """One figure on the review sheet: as extracted (or as added), the decision on it, and what a
    publish loads (None when rejected)."""

    figure: Figure
    decision: ReviewRow | None
    result: Figure | None
    flags: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        """accept | correct | reject | add, or '' while undecided."""
        return self.decision.action if self.decision else ""


@dataclass
class Sheet:
    """The figures of one item with their decisions: flagged rows first (OCR'd numbers of low
    confidence, then doubtful places), then in the document's order; added figures last."""

    item: Item
    lines: list[Line]
    stale: list[ReviewRow] = field(default_factory=list)  # decisions whose figure is gone
    warnings: list[str] = field(default_factory=list)  # what the build will say of them

    def counts(self) -> dict[str, int]:
        """Figures by decision: accepted, corrected, rejected, added, and undecided (loaded as extracted)."""
        out = {"accepted": 0, "corrected": 0, "rejected": 0, "added": 0, "undecided": 0}
        for line in self.lines:
            if line.result is None:
                out["rejected"] += 1
            elif line.action == "add":
                out["added"] += 1
            elif line.result is not line.figure:
                out["corrected"] += 1
            elif line.decision:
                out["accepted"] += 1
            else:
                out["undecided"] += 1
        return out


class Reviewer:
    """Extracts an item's figures and records decisions on them. Build one and keep it: the extractor
    takes about a second to set up."""

    def __init__(self, inbox: Inbox, extractor: Extractor | None = None, catalog: Catalog | None = None) -> None:
        self.inbox = inbox
        self.extractor = extractor or Extractor()
        self.catalog = catalog or load_catalog()

    # --- reading -----------------------------------------------------------------------
    def read_upload(self, path: Path) -> Report:
        """The reader for uploads (Inbox.add): any format etl.readers reads, and a report in which no
        figure is found is refused with its message, so nothing is kept of it."""
        return extract_document(path, extractor=self.extractor).report

    def read_table_upload(self, path: Path) -> int:
        """The check for uploaded analyst tables (Inbox.add_table): every row as the build checks it;
        the number of its figures."""
        return checked_table(path, self.extractor.gaz, self.catalog).n_figures

    def table(self, item: Item) -> TableResult:
        """A table item's rows as the build reads them."""
        return checked_table(item.original, self.extractor.gaz, self.catalog)

    def figures(self, item: Item, source: Source | None = None) -> list[Figure]:
        """The figures the extractor finds in the item's document, as it reads them now (with the
        source details `source`, else the item's own: the report's date says what "đến nay" is)."""
        report = self.inbox.document(item, source)
        figures = self.extractor.extract(report)
        mark_confidence(report, figures)  # OCR confidence of each number, and where it sits
        return figures

    def decisions(self, item: Item, text: str | None = None) -> list[ReviewRow]:
        text = self.inbox.decisions_text(item) if text is None else text
        return parse_review(text, f"{item.doc}: quyết định") if text.strip() else []

    def sheet(self, sha256: str) -> Sheet:
        item = self.inbox.item(sha256)
        return self.sheet_of(item, self.figures(item), self.decisions(item))

    def sheet_of(self, item: Item, figures: list[Figure], rows: list[ReviewRow]) -> Sheet:
        """The sheet for `figures` under `rows` (the decisions as they stand, or as published)."""
        lines, used = [], set()
        for fig in figures:
            row = matching_row(fig, rows)
            if row is not None:
                used.add(row.line)
            lines.append(Line(fig, row, reviewed(fig, row) if row else fig, self._flags(item, fig)))
        lines.sort(key=_order)
        outcome = apply_review(figures, rows, {item.doc})
        for row in rows:
            if row.action == "add" and row not in outcome.not_added:
                fig = added_figure(row)
                lines.append(Line(fig, row, fig, self._flags(item, fig)))
        stale = [r for r in rows if r.action != "add" and r.line not in used]
        return Sheet(item, lines, stale, [stale_message(r) for r in stale] + outcome.redundant)

    def _flags(self, item: Item, fig: Figure) -> tuple[str, ...]:
        flags = []
        if fig.confidence is not None and fig.confidence < LOW_CONFIDENCE:
            flags.append(OCR)
        if self.place_doubt(item, fig):
            flags.append(PLACE)
        return tuple(flags)

    def place_doubt(self, item: Item, fig: Figure) -> str:
        """Why the figure's place needs a look ('' when it does not): a place the gazetteer lacks, a
        name that units of several provinces had in the figure's period, a province other than the
        report's. (A district and the commune of the same name after 1 July 2025 never share a period.)"""
        if fig.obtained == "extracted" and not fig.locality_id:
            return f"không tìm thấy “{fig.district or fig.province}” trong danh mục địa phương"
        gaz = self.extractor.gaz
        on = fig.period_end or fig.period_start
        provinces = sorted({gaz.province_of(loc).name for loc in gaz.find(fig.district, on=on)}) if fig.district else []
        if len(provinces) > 1:
            return f"tên “{fig.district}” có ở nhiều tỉnh: {', '.join(provinces)}"
        if item.source.province and fold(item.source.province) != fold(fig.province):
            return f"tỉnh {fig.province}, khác tỉnh của báo cáo ({item.source.province})"
        return ""

    # --- deciding ----------------------------------------------------------------------
    def accept(self, sha256: str, fig: Figure) -> None:
        self._decide(sha256, fig, {"action": "accept"})

    def reject(self, sha256: str, fig: Figure, reason: str) -> None:
        if not reason.strip():
            raise InputError("loại số liệu cần ghi lý do (a rejection needs a reason)", where=fig.number_text)
        self._decide(sha256, fig, {"action": "reject", "reason": reason})

    def correct(self, sha256: str, fig: Figure, changes: dict[str, str], reason: str = "") -> None:
        """Correct any of the fields in etl.review.EDITABLE; '-' empties district or a period date."""
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise InputError(f"không sửa được trường {', '.join(unknown)} (chỉ: {', '.join(EDITABLE)})")
        row = {"action": "correct", "reason": reason, **{k: str(v).strip() for k, v in changes.items()}}
        self._decide(sha256, fig, row)

    def add(self, sha256: str, quote: str, fields: dict[str, str], reason: str = "") -> None:
        """Add a figure the extractor missed, from its sentence `quote`: province, indicator, breakdown,
        period_kind and value at least."""
        item = self.inbox.item(sha256)
        values = {k: str(v).strip() for k, v in fields.items() if k in EDITABLE}
        number = values.get("value", "")
        row = {"doc": item.doc, "number": number, "context": _around(quote, number), "action": "add",
               "quote": " ".join(quote.split()), "reason": reason, **values}
        self._write(item, self._checked(item, [row]))

    def withdraw(self, sha256: str, decision: ReviewRow) -> None:
        """Remove a decision (also one whose figure is gone)."""
        item = self.inbox.item(sha256)
        rows = [r for r in self._records(item) if r["_line"] != decision.line]
        self._write(item, rows)

    def _decide(self, sha256: str, fig: Figure, decision: dict[str, str]) -> None:
        item = self.inbox.item(sha256)
        if fig.doc != item.doc:
            raise InputError(f"số liệu thuộc {fig.doc}, không thuộc {item.doc}")
        row = {"doc": item.doc, "number": _number(fig.value), "context": _context(fig),
               "match_indicator": fig.indicator, **decision}
        self._write(item, self._checked(item, [row], fig))

    def _checked(self, item: Item, new: list[dict], fig: Figure | None = None) -> list[dict]:
        """All decision records with `new` in place of the ones deciding the same figure; raises
        InputError (nothing written) for a decision the build would refuse."""
        records = self._records(item)
        text = _csv([*records, *new])
        rows = self.decisions(item, text)  # parses: bad dates and numbers are refused here
        fresh = rows[len(records):]
        for row in fresh:
            result = reviewed(fig, row) if fig is not None else added_figure(row)
            if result is not None:
                checked = validate([result], self.extractor.gaz, self.catalog)
                if checked.rejected:
                    raise InputError(checked.rejected[0][1].split(": ", 1)[-1], where=row.where)
        if fig is not None:
            old = matching_row(fig, rows[:len(records)])
            records = [r for r in records if old is None or r["_line"] != old.line]
        return [*records, *new]

    def _records(self, item: Item) -> list[dict]:
        rows = list(csv.DictReader(io.StringIO(self.inbox.decisions_text(item))))
        return [{**r, "_line": n} for n, r in enumerate(rows, start=2)]

    def _write(self, item: Item, records: list[dict]) -> None:
        write_bytes(item.decisions_path, _csv(records).encode("utf-8"))


def _csv(records: list[dict]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows({c: r.get(c, "") or "" for c in COLUMNS} for r in records)
    return out.getvalue()


def _context(fig: Figure) -> str:
    """The piece of its sentence a decision finds its figure by: the words kept around its number, or the
    whole sentence when those are not in it as printed (a change read as "tăng 5 %" from "tăng 5%")."""
    probe = ReviewRow(0, fig.doc, fig.value, fig.number_text, fig.indicator, "accept", {}, "", "")
    return fig.number_text if probe.matches(fig) else " ".join(fig.quote.split())


def _number(value: float) -> str:
    """A figure's value as review rows write numbers ("13663", "42,5")."""
    return str(as_number(value)).replace(".", ",")


def _around(quote: str, number: str) -> str:
    """A piece of the sentence around the added figure's number (its key), or the sentence's start."""
    words = quote.split()
    for i, w in enumerate(words):
        if number and w.strip(",.;:()").replace(".", "") == number.replace(".", ""):
            return " ".join(words[max(0, i - 3):i + 4])
    return " ".join(words[:8])


def _order(line: Line) -> tuple:
    conf = line.figure.confidence if line.figure.confidence is not None else 101.0
    return (OCR not in line.flags, PLACE not in line.flags, conf, line.figure.paragraph, line.figure.sentence)
