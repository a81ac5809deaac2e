"""One report: front matter (title, source, publisher, date), paragraphs and sentences, and the
tab-separated or markdown tables written inside its text (etl/texttables.py)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from etl.document import Table, Where
from etl.errors import InputError, shown
from etl.periods import (
    ANY_FULL_DATE_RE,
    EVENT_DATE_RE,
    PartialDate,
    find_dateline,
    safe_date,
)
from etl.rules import published_cell
from etl.textio import read_text
from etl.textnorm import fold
from etl.texttables import Block, split_tables

FRONT_MATTER_KEYS = ("title", "source_url", "publisher", "published", "note")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|Q|H|TX|P|ThS|TS|PGS|GS|Th\.S|St|Mr|Ms|Dr)|\b[A-ZĐ])\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(\[]?[A-ZĐÀ-Ỹ0-9])")


@dataclass
class Report:
    doc: str
    title: str
    source_url: str
    publisher: str
    published: PartialDate | None
    paragraphs: list[str]
    file_hash: str = ""
    has_front_matter: bool = True
    event_date: date | None = None  # the day the lead paragraph reports ("Sáng 23/7/2024")
    notes: list[str] = field(default_factory=list)
    # What readers of other formats add (etl/document.py). `paragraph_where[i]` is where paragraph i
    # is in the file (empty: paragraph i + 1 of a text file); `ocr_words[i]` holds the OCR'd words of
    # paragraph i with their confidence (0–100), empty when it was not read by OCR.
    tables: list[Table] = field(default_factory=list)
    paragraph_where: list[Where] = field(default_factory=list)
    ocr_words: dict[int, list[tuple[str, float]]] = field(default_factory=dict)

    @property
    def now(self) -> date | None:
        """What "đến nay" means in this report: the event's day, else the publication date."""
        if self.event_date:
            return self.event_date
        return self.published.last if self.published else None

    @property
    def reference_date(self) -> date | None:
        """The day used to choose a locality version (old or merged Gia Lai)."""
        return self.now

    def where(self, paragraph: int) -> Where:
        """Where paragraph `paragraph` (0-based) is in the file."""
        if paragraph < len(self.paragraph_where):
            return self.paragraph_where[paragraph]
        return Where(paragraph=paragraph + 1)

    @property
    def lead(self) -> str:
        """The first real paragraph (web pages start with menus and captions)."""
        for para in self.paragraphs:
            if len(para.split()) >= 12:
                return para
        return self.paragraphs[0] if self.paragraphs else ""


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; keeps "TP. Hà Nội" and "13.663" whole."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start:m.start()].rstrip()
        if _ABBREV.search(candidate):
            continue
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def parse_report(text: str, doc: str) -> Report:
    """Parse report text with or without the six-line front matter of data/reports."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    file_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if text.lstrip().startswith("---"):
        report = _with_front_matter(text, doc)
    else:
        report = _bare(text, doc)
    report.file_hash = file_hash
    if not report.paragraphs:
        raise InputError("báo cáo không có nội dung sau phần đầu (no body text)", where=doc)
    report.event_date = _lead_event_date(report, text)
    return report


def _with_front_matter(text: str, doc: str) -> Report:
    lines = text.lstrip().split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise InputError("phần đầu (front matter) mở bằng '---' nhưng không đóng", where=doc) from None
    meta: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for i, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise InputError(f"dòng {i} của phần đầu không có dạng 'khóa: giá trị': {shown(line)}", where=doc)
        meta[key.strip()] = value.strip()
        line_of[key.strip()] = i
    try:  # a date that cannot be, or lies outside the range, is refused (etl.rules.published_cell)
        published = PartialDate.parse(published_cell(meta.get("published", "")))
    except InputError as exc:
        raise InputError(f"dòng {line_of['published']} của phần đầu: {exc.message}", where=doc) from None
    body, tables = _paragraphs_and_tables(split_tables(lines[end + 1:]))
    return Report(doc=doc, title=meta.get("title", ""), source_url=meta.get("source_url", ""),
                  publisher=meta.get("publisher", ""), published=published, paragraphs=body, tables=tables)


def _paragraphs_and_tables(blocks: list[Block], skip: set[int] | None = None) -> tuple[list[str], list[Table]]:
    """Text blocks become paragraphs (except those in `skip`); each table records the paragraph it follows."""
    body: list[str] = []
    tables: list[Table] = []
    for i, block in enumerate(blocks):
        if block.table is not None:
            tables.append(replace(block.table, after_paragraph=len(body) - 1))
        elif i not in (skip or set()):
            body.append(block.text)
    return body, tables


def _bare(text: str, doc: str) -> Report:
    blocks = split_tables(text.split("\n"))
    nonempty = [b.text for b in blocks if b.table is None]
    dateline = find_dateline(nonempty[:8])
    title = ""
    skip: set[int] = set()
    for i, block in enumerate(blocks):
        ln = block.text
        if block.table is not None:
            continue
        if not title and len(ln) < 200 and not _is_dateline(ln) and len(ln.split()) >= 3:
            title = ln
            skip.add(i)
            continue
        if _is_dateline(ln) and len(ln) < 80:
            skip.add(i)
    body, tables = _paragraphs_and_tables(blocks, skip)
    published = PartialDate(dateline.year, dateline.month, dateline.day) if dateline else None
    return Report(doc=doc, title=title, source_url="", publisher="", published=published,
                  paragraphs=body, has_front_matter=False, tables=tables)


def _is_dateline(line: str) -> bool:
    return bool(find_dateline([line])) and len(line) < 80


def _lead_event_date(report: Report, text: str) -> date | None:
    """The date in the first paragraphs ("Sáng 6-3"), with its year from the report or its context."""
    substantive = [p for p in report.paragraphs if len(p.split()) >= 12][:2] or report.paragraphs[:1]
    for para in substantive:
        folded = fold(para)
        # "từ ngày 01/01/2024 đến nay" bounds a span; it is not the day of an event
        m = next((m for m in EVENT_DATE_RE.finditer(folded)
                  if not re.search(r"(?:từ|đến|tới)\s*$", folded[:m.start()])), None)
        if not m:
            continue
        d, mo = int(m.group(2)), int(m.group(3))
        if m.group(4):
            return safe_date(int(m.group(4)), mo, d)
        year = _year_for(d, mo, report, text)
        return safe_date(year, mo, d) if year else None
    return None


def _year_for(day: int, month: int, report: Report, text: str) -> int | None:
    if report.published:
        p = report.published
        if p.month and (month, day) > (p.month, p.day or 31):
            return p.year - 1
        return p.year
    # No date at all: the event comes after every document the text cites
    # ("Chỉ thị số 30-CT/TU, ngày 19-2-2024"), but anniversaries ("10/10/1954 - 10/10/2024") are targets.
    folded = fold(text)
    spans = [m.span() for m in re.finditer(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}\s*-\s*\d{1,2}[/-]\d{1,2}[/-]\d{4}", folded)]
    cited = []
    for m in ANY_FULL_DATE_RE.finditer(folded):
        if any(s <= m.start() < e for s, e in spans):
            continue
        found = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if found:
            cited.append(found)
    if not cited:
        return None
    latest = max(cited)
    year = latest.year
    return year if (month, day) >= (latest.month, latest.day) else year + 1


def read_report(path: Path) -> Report:
    return parse_report(read_text(path), path.name)
