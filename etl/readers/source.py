"""The source details of a report read from the file itself, each with how it was found.

Vietnamese official reports open with a fixed heading: the issuing body in capitals
("TỈNH ỦY GIA LAI" / "BAN DÂN VẬN"), the number ("Số: 125/BC-BDVTU"), the national motto, the
dateline ("Gia Lai, ngày 5 tháng 12 năm 2024"), the kind ("BÁO CÁO") and the subject line. What is
printed there comes first; the file's own properties (Word core properties, PDF metadata) fill
what the heading lacks. The analyst confirms every value before anything is published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.periods import safe_date
from etl.report import Report
from etl.textnorm import fold

FIELDS = ("title", "publisher", "published", "source_url", "province")
HEADING_LINES = 15  # the heading is within the first lines
_MOTTO = ("cộng hòa xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc", "đảng cộng sản việt nam")
_KINDS = ("báo cáo", "kế hoạch", "thông báo", "tờ trình", "nghị quyết", "chỉ thị", "quyết định", "hướng dẫn",
          "công văn", "chương trình", "đề án", "tham luận")
_NUMBER_RE = re.compile(r"^\s*số\s*:?\s*(\d+(?:\s*[-/]\s*[\w.]+)+)", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"(?:^|[\s,])(?:([^\d,;:]{2,40}?)\s*,\s*)?ngày\s+(\d{1,2})\s*(?:tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    r"|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))", re.IGNORECASE)
_URL_RE = re.compile(r"https?://[^\s<>\"”)]+")
_RULE_RE = re.compile(r"^[\s\-–—_*=.·•]+$")
_JUNK_TITLES = re.compile(r"^(?:microsoft word - .*|untitled.*|document\d*|tài liệu\d*|\s*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A source detail and how it was found (shown to the analyst beside the value)."""

    value: str
    how: str


def is_body_paragraph(text: str) -> bool:
    """A paragraph of running text (not a heading line): long and ending like a sentence."""
    return len(text.split()) >= 12 and text.rstrip()[-1:] in ".:;!?…"


def is_heading_text(text: str) -> bool:
    """Text that belongs to a report's heading block (motto, "Số: …", a dateline)."""
    return any(any(m in fold(line) for m in _MOTTO) or _NUMBER_RE.match(line) or _dateline(line)
               for line in text.split("\n"))


def heading_lines(paragraphs: list[str]) -> list[str]:
    """The lines before the first paragraph of running text (at most HEADING_LINES)."""
    out = []
    for text in paragraphs[:HEADING_LINES]:
        if is_body_paragraph(text):
            break
        out.append(text)
    return out


def find_source_details(paragraphs: list[str], metadata: dict[str, str]) -> dict[str, Found]:
    """title, publisher, published (ISO date), source_url (URL or document number), province: those found."""
    head = heading_lines(paragraphs)
    found: dict[str, Found] = {}
    number = next(((m.group(1), line) for line in head if (m := _NUMBER_RE.match(line))), None)
    dateline = next(((d, line) for line in head if (d := _dateline(line))), None)
    if number:
        found["source_url"] = Found(re.sub(r"\s+", "", number[0]), f"số hiệu văn bản “{number[1]}”")
    else:
        for text in head + paragraphs[-3:]:
            if m := _URL_RE.search(text):
                found["source_url"] = Found(m.group(0).rstrip(".,;"), f"địa chỉ trong văn bản “{text[:80]}”")
                break
    if dateline:
        (day, _place), line = dateline
        found["published"] = Found(day.isoformat(), f"dòng ngày tháng “{line}”")
    elif metadata.get("created"):
        found["published"] = Found(metadata["created"], "ngày tạo tệp trong thuộc tính của tệp "
                                   "(the file's creation date: check it is the report's date)")
    publisher = _publisher(head)
    if publisher:
        # "TỈNH ỦY GIA LAI" over "BAN DÂN VẬN": the body is "BAN DÂN VẬN TỈNH ỦY GIA LAI".
        found["publisher"] = Found(" ".join(reversed(publisher)), "cơ quan ban hành ở đầu văn bản: "
                                   + " / ".join(f"“{t}”" for t in publisher))
    elif metadata.get("author"):
        found["publisher"] = Found(metadata["author"], "tác giả trong thuộc tính của tệp (the file's author)")
    title = _title(head)
    if title:
        found["title"] = title
    elif metadata.get("title") and not _JUNK_TITLES.match(metadata["title"]):
        found["title"] = Found(" ".join(metadata["title"].split()), "tiêu đề trong thuộc tính của tệp (file title)")
    else:
        first = next((t for t in head if len(t.split()) >= 3 and not _special(t)), "")
        if first:
            found["title"] = Found(first, "dòng đầu tiên của văn bản (first line)")
    province = _province([(t, f"cơ quan ban hành “{t}”") for t in publisher]
                         + ([(found["title"].value, "tiêu đề")] if "title" in found else [])
                         + ([(dateline[0][1], f"địa danh ở dòng ngày tháng “{dateline[1]}”")] if dateline else []),
                         dateline[0][0] if dateline else None)
    if province:
        found["province"] = province
    return found


def source_details(path: Path, report: Report | None = None) -> dict[str, Found]:
    """The source details of a file, each with how it was found (reads the file unless `report` is given).

    A text report with front matter (data/reports) has them there already."""
    from etl.readers import file_metadata, read_document  # noqa: PLC0415

    report = report if report is not None else read_document(path)
    if report.has_front_matter:
        how = "phần đầu (front matter) của tệp"
        given = {"title": report.title, "publisher": report.publisher, "source_url": report.source_url,
                 "published": report.published.iso() if report.published else ""}
        found = {k: Found(v, how) for k, v in given.items() if v}
        province = _province([(report.title, "tiêu đề")], report.reference_date)
        return found | ({"province": province} if province else {})
    return find_source_details(report.paragraphs, file_metadata(path))


def _dateline(text: str) -> tuple[date, str] | None:
    m = _DATELINE_RE.search(text)
    if not m:
        return None
    day = int(m.group(2))
    month, year = (int(m.group(3)), int(m.group(4))) if m.group(3) else (int(m.group(5)), int(m.group(6)))
    found = safe_date(year, month, day)
    return (found, (m.group(1) or "").strip(" ,")) if found else None


def _special(text: str) -> bool:
    folded = fold(text)
    return any(m in folded for m in _MOTTO) or bool(_NUMBER_RE.match(text)) or _dateline(text) is not None \
        or bool(_RULE_RE.match(text))


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _publisher(head: list[str]) -> list[str]:
    """The capitalised lines above the number or the kind line, as printed (the parent body first)."""
    lines = []
    for text in head:
        folded = fold(text)
        if _NUMBER_RE.match(text) or folded.startswith(_KINDS) or _dateline(text):
            break
        if _is_caps(text) and not _special(text):
            lines.append(text)
    return lines


def _title(head: list[str]) -> Found | None:
    for i, text in enumerate(head):
        folded = fold(text).strip()
        if not (_is_caps(text) and folded.startswith(_KINDS)):
            continue
        subject = []
        for nxt in head[i + 1:]:
            if _special(nxt):
                break
            subject.append(nxt)
        if subject:
            return Found(" ".join(subject), f"dòng trích yếu sau “{text}”")
        if len(folded.split()) > 2:
            return Found(text, "dòng tên loại văn bản")
    return None


def _province(texts: list[tuple[str, str]], on: date | None) -> Found | None:
    from etl.gazetteer import default_gazetteer  # noqa: PLC0415

    gaz = default_gazetteer()
    for text, how in texts:
        for mention in gaz.mentions(text):
            provinces = {gaz.province_of(c).name for c in mention.candidates if c.valid_on(on) or on is None}
            if len(provinces) == 1:
                return Found(provinces.pop(), f"{how}")
    return None
