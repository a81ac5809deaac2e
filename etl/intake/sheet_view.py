"""What the page "Nạp báo cáo" shows of an item, as plain values (core/ui never imports etl): the
review sheet's rows, the document's text in pieces with the number of each figure marked, the
numbers the extractor passed over and why (a missed figure is added from one of them), the choices
a correction offers (the indicator catalog, the gazetteer's places), and a correction as the
fields it changes.

The marks are found from the extractor's own reading (`Extractor.read(report).outcomes`: each
printed number with its sentence, its place in the file, and the figures it gave or why none), so
the page marks exactly the numbers the figures came from, in paragraphs and in table cells.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from etl.catalog import Catalog
from etl.document import LOW_CONFIDENCE
from etl.extract import Extraction, Outcome
from etl.figure import Figure
from etl.gazetteer import Gazetteer, Locality
from etl.intake.decisions import OCR, Line, Reviewer, Sheet
from etl.intake.inbox import Item
from etl.report import Report
from etl.review import EMPTY
from etl.textnorm import fold
from etl.vnnumbers import as_number, parse_vietnamese_number

_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
FIELDS = ("province", "district", "indicator", "breakdown", "period_kind", "period_start", "period_end", "value",
          "qualifier", "derived")


@dataclass(frozen=True)
class Row:
    """One figure of the sheet as the page lists it: its values as a publish loads them (a
    correction's values when corrected), the decision, and why the extractor or the reviewer
    wants it looked at."""

    n: int  # its number on the page, #1 …; the document's marks carry it
    flags: tuple[str, ...]  # etl.intake.decisions OCR, PLACE
    action: str  # '' (undecided) | accept | correct | reject | add
    province: str
    district: str
    indicator: str
    breakdown: str
    period_kind: str
    period_start: date | None
    period_end: date | None
    value: float
    qualifier: str
    derived: bool
    where: str  # paragraph or table cell
    quote: str  # the sentence (a table cell's row and column read as one)
    number: str  # the number as printed
    why: str  # the extractor's reasons: OCR confidence, the place's doubt, how a derived value was found
    reason: str  # the analyst's reason (a rejection or correction)
    corrected: tuple[str, ...]  # the fields a correction changed


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph's or a cell's text; a number the extractor read carries the rows it gave,
    a number it passed over says why."""

    text: str
    rows: tuple[int, ...] = ()
    passed: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph (`pieces`) or a table (`cells`: rows of cells, each a run of pieces) of the document."""

    where: str
    pieces: tuple[Piece, ...] = ()
    cells: tuple[tuple[tuple[Piece, ...], ...], ...] = ()
    caption: str = ""

    @property
    def is_table(self) -> bool:
        return bool(self.cells)


@dataclass(frozen=True)
class Passed:
    """A printed number that gave no figure: a missed figure can be added from its sentence."""

    where: str
    number: str
    value: float | None
    sentence: str
    reason: str
    year: int | None = None  # the first year its sentence names: what an added figure's period starts at


@dataclass(frozen=True)
class Named:
    """A choice: the value a decision writes, and how it is shown in each language."""

    code: str
    vi: str
    en: str


@dataclass(frozen=True)
class Choices:
    indicators: tuple[Named, ...]
    breakdowns: Mapping[str, tuple[Named, ...]]  # by indicator code
    provinces: tuple[str, ...]  # names, as decisions write them
    places: Mapping[str, tuple[Named, ...]]  # province name → its districts and communes ("huyện Sóc Sơn")


@dataclass(frozen=True)
class View:
    rows: list[Row]
    blocks: list[Block]
    passed: list[Passed]


# --- the sheet and the document -----------------------------------------------------------
def item_view(reviewer: Reviewer, item: Item, sheet: Sheet) -> View:
    """The rows of `sheet`, the item's document with its numbers marked, the numbers passed over."""
    report = reviewer.inbox.document(item)
    reading = reviewer.extractor.read(report)
    blocks, passed, printed = _document(report, reading, sheet.lines)
    rows = [_row(n, line, reviewer.place_doubt(item, line.figure), printed.get(n))
            for n, line in enumerate(sheet.lines, start=1)]
    return View(rows, blocks, passed)


def _row(n: int, line: Line, doubt: str, printed: str | None) -> Row:
    fig = line.figure
    shown = line.result or fig
    why = []
    if OCR in line.flags:
        why.append(f"OCR đọc số này với độ tin cậy {fig.confidence:.0f}/100 (dưới {LOW_CONFIDENCE:.0f})")
    if doubt:
        why.append(doubt)
    if fig.derived and fig.derived_how:
        why.append(f"suy ra: {fig.derived_how}")
    corrected = tuple(k for k in FIELDS if getattr(shown, k) != getattr(fig, k)) if line.action == "correct" else ()
    return Row(n=n, flags=line.flags, action=line.action, province=shown.province, district=shown.district,
               indicator=shown.indicator, breakdown=shown.breakdown, period_kind=shown.period_kind,
               period_start=shown.period_start, period_end=shown.period_end, value=shown.value,
               qualifier=shown.qualifier, derived=shown.derived, where=fig.where, quote=fig.quote,
               number=printed or _printed(fig), why="; ".join(why),
               reason=line.decision.reason if line.decision else "",
               corrected=corrected)


def _printed(fig: Figure) -> str:
    """The number of a figure the document's marks do not reach (an added one) as printed in the words
    kept around it, else its value."""
    for word in fig.number_text.split():
        token = word.strip(",.;:()“”\"")
        try:
            if token and parse_vietnamese_number(token) == fig.value:
                return token
        except ValueError:
            continue
    return str(as_number(fig.value))


def _document(report: Report, reading: Extraction, lines: Sequence[Line]
              ) -> tuple[list[Block], list[Passed], dict[int, str]]:
    """The document's blocks with their marks, the numbers passed over, and each row's number as printed
    (for a derived figure, the change that implies it: "5" of "tăng 5%")."""
    by_figure: dict[tuple, int] = {}
    by_key: dict[tuple, int] = {}
    for n, line in enumerate(lines, start=1):
        by_figure.setdefault((line.figure.key(), line.figure.where), n)
        by_key.setdefault(line.figure.key(), n)
    paragraphs = {report.where(i).label(): i for i in range(len(report.paragraphs))}
    cells = {t.cell_where(r, c).label(): (ti, r, c)
             for ti, t in enumerate(report.tables) for r, row in enumerate(t.rows) for c in range(len(row))}
    in_paragraph: dict[int, list[tuple[int, int, Piece]]] = {}
    in_cell: dict[tuple[int, int, int], list[tuple[int, int, Piece]]] = {}
    passed: list[Passed] = []
    printed: dict[int, str] = {}
    for o in reading.outcomes:
        rows = tuple(dict.fromkeys(n for f in o.figures
                                   if (n := by_figure.get((f.key(), f.where)) or by_key.get(f.key()))))
        for n in rows:
            printed.setdefault(n, o.number_text)
        reason = "" if rows else o.reason
        if not o.figures:
            year = _YEAR.search(o.sentence)
            passed.append(Passed(o.where, o.number_text, _number(o.number_text), o.sentence, o.reason,
                                 int(year[0]) if year else None))
        if o.where in paragraphs:
            i = paragraphs[o.where]
            _mark(in_paragraph.setdefault(i, []), report.paragraphs[i], o, rows, reason)
        elif o.where in cells:
            ti, r, c = cells[o.where]
            _mark(in_cell.setdefault((ti, r, c), []), report.tables[ti].rows[r][c].text, o, rows, reason)
    for n, line in enumerate(lines, start=1):  # an added figure marks the passed-over number it came from
        if line.action == "add":
            _mark_added(n, line.figure, report, paragraphs, in_paragraph)
    passed.sort(key=lambda p: _YEAR.fullmatch(p.number) is not None)  # years last: they are seldom a missed figure
    blocks: list[Block] = []
    tables_after: dict[int, list[int]] = {}
    for ti, t in enumerate(report.tables):
        tables_after.setdefault(t.after_paragraph, []).append(ti)

    def add_tables(after: int) -> None:
        for ti in tables_after.get(after, []):
            t = report.tables[ti]
            blocks.append(Block(t.where.label(), cells=tuple(
                tuple(_pieces(cell.text, in_cell.get((ti, r, c), [])) for c, cell in enumerate(row))
                for r, row in enumerate(t.rows)), caption=t.caption))

    add_tables(-1)
    for i, text in enumerate(report.paragraphs):
        blocks.append(Block(report.where(i).label(), pieces=_pieces(text, in_paragraph.get(i, []))))
        add_tables(i)
    return blocks, passed, printed


def _number(text: str) -> float | None:
    try:
        return parse_vietnamese_number(text)
    except ValueError:
        return None


def _mark(marks: list[tuple[int, int, Piece]], text: str, o: Outcome, rows: tuple[int, ...], reason: str) -> None:
    """Mark the number of `o` in `text` (its sentence's place in the text, else the number's first
    unmarked occurrence); nothing when it cannot be found."""
    starts = []
    at = text.find(o.sentence) if o.sentence else -1
    if at >= 0:
        starts.append(at + o.start)
    pos = text.find(o.number_text)
    while pos >= 0:
        starts.append(pos)
        pos = text.find(o.number_text, pos + 1)
    for start in starts:
        end = start + len(o.number_text)
        if text[start:end] == o.number_text and not any(s < end and start < e for s, e, _ in marks):
            marks.append((start, end, Piece(o.number_text, rows, reason)))
            return


def _mark_added(n: int, fig: Figure, report: Report, paragraphs: dict[str, int],
                in_paragraph: dict[int, list[tuple[int, int, Piece]]]) -> None:
    for i in paragraphs.values():
        if fig.quote and fold(" ".join(fig.quote.split())) in fold(" ".join(report.paragraphs[i].split())):
            for k, (s, e, piece) in enumerate(in_paragraph.get(i, [])):
                if not piece.rows and _number(piece.text) == fig.value:
                    in_paragraph[i][k] = (s, e, Piece(piece.text, (n,)))
                    return


def _pieces(text: str, marks: list[tuple[int, int, Piece]]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    at = 0
    for start, end, piece in sorted(marks, key=lambda m: m[0]):
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(piece)
        at = end
    if at < len(text) or not out:
        out.append(Piece(text[at:]))
    return tuple(out)


# --- choices and corrections ----------------------------------------------------------------
def choices(catalog: Catalog, gaz: Gazetteer) -> Choices:
    """The indicator catalog and the gazetteer as the page's select boxes offer them."""
    indicators = tuple(Named(i.code, i.name_vi, i.name_en) for i in sorted(catalog.indicators, key=lambda i: i.order))
    breakdowns = {i.code: tuple(Named(b.code, b.name_vi, b.name_en) for b in i.breakdowns) for i in catalog.indicators}
    provinces = tuple(sorted({loc.name for loc in gaz.localities if loc.level == "province"}, key=fold))
    places: dict[str, dict[Named, tuple[str, str]]] = {}
    for loc in gaz.localities:  # by name, then kind: "huyện Chư Prông" beside "xã Chư Prông"
        if loc.level != "province":
            places.setdefault(gaz.province_of(loc).name, {})[_place(gaz, loc)] = (fold(loc.name), fold(loc.kind))
    return Choices(indicators, breakdowns, provinces,
                   {p: tuple(sorted(named, key=named.__getitem__)) for p, named in places.items()})


def _place(gaz: Gazetteer, loc: Locality) -> Named:
    label = gaz.label(loc)
    if loc.valid_to:
        return Named(label, f"{label} (đến {loc.valid_to:%d/%m/%Y})", f"{label} (until {loc.valid_to:%d/%m/%Y})")
    if loc.valid_from:
        return Named(label, f"{label} (từ {loc.valid_from:%d/%m/%Y})", f"{label} (from {loc.valid_from:%d/%m/%Y})")
    return Named(label, label, label)


def place_of(gaz: Gazetteer, row: Row, fig: Figure) -> str:
    """The value the place select box starts at: the figure's locality as 'huyện Sóc Sơn', its
    district as written when the gazetteer lacks it, '' for a whole province."""
    if not row.district:
        return ""
    if fig.locality_id in gaz.by_id and row.district == fig.district:
        return gaz.label(gaz.by_id[fig.locality_id])
    return row.district


def field_changes(row: Row, place: str, values: Mapping[str, object]) -> dict[str, str]:
    """The fields of a correction that differ from `row` (whose place select box started at `place`),
    written as decisions write them: '-' empties a district or a period date."""
    out: dict[str, str] = {}
    for k, new in values.items():
        old = place if k == "district" else getattr(row, k)
        if k in ("province", "district"):
            if fold(str(new or "")) != fold(str(old or "")):
                out[k] = str(new) if new else EMPTY
        elif k in ("period_start", "period_end"):
            if new != old:
                out[k] = new.isoformat() if isinstance(new, date) else EMPTY
        elif k == "value":
            if float(new) != float(old):
                out[k] = str(as_number(float(new)))
        elif k == "derived":
            if bool(new) != bool(old):
                out[k] = "yes" if new else "no"
        elif str(new) != str(old):
            out[k] = str(new)
    return out


def added_fields(values: Mapping[str, object]) -> dict[str, str]:
    """A missed figure's fields as an 'add' decision writes them (empty ones left out)."""
    out = {}
    for k, v in values.items():
        if isinstance(v, date):
            out[k] = v.isoformat()
        elif k == "value" and v is not None:
            out[k] = str(as_number(float(v)))
        elif k == "derived":
            out[k] = "yes" if v else "no"
        elif v:
            out[k] = str(v)
    return out
