"""A read document (etl.report.Report) as JSON and back: what the inbox keeps of each file, so its
text can be shown and extracted again without reading the original (or running OCR) a second time."""
from __future__ import annotations

from datetime import date

from etl.document import Cell, Table, Where
from etl.errors import InputError
from etl.periods import PartialDate
from etl.report import Report

FORMAT = 1
_WHERE_KEYS = ("page", "paragraph", "table", "row", "col")


def report_to_json(report: Report) -> dict:
    return {
        "format": FORMAT,
        "doc": report.doc,
        "title": report.title,
        "source_url": report.source_url,
        "publisher": report.publisher,
        "published": report.published.iso() if report.published else None,
        "file_hash": report.file_hash,
        "has_front_matter": report.has_front_matter,
        "event_date": report.event_date.isoformat() if report.event_date else None,
        "notes": list(report.notes),
        "paragraphs": [{"text": text, "where": _where_json(report.where(i))}
                       for i, text in enumerate(report.paragraphs)],
        "tables": [{"caption": t.caption, "where": _where_json(t.where), "after_paragraph": t.after_paragraph,
                    "rows": [[_cell_json(c) for c in row] for row in t.rows]} for t in report.tables],
        "ocr_words": {str(i): [[w, c] for w, c in words] for i, words in sorted(report.ocr_words.items())},
    }


def report_from_json(data: dict, where: str) -> Report:
    """The Report `report_to_json` wrote; InputError naming `where` when the JSON is not one."""
    try:
        if data.get("format") != FORMAT:
            raise InputError(f"định dạng văn bản đã đọc không hỗ trợ: {data.get('format')!r}", where=where)
        paragraphs = data["paragraphs"]
        return Report(
            doc=data["doc"], title=data["title"], source_url=data["source_url"], publisher=data["publisher"],
            published=PartialDate.parse(data["published"]), paragraphs=[p["text"] for p in paragraphs],
            file_hash=data["file_hash"], has_front_matter=data["has_front_matter"],
            event_date=date.fromisoformat(data["event_date"]) if data["event_date"] else None,
            notes=list(data["notes"]),
            tables=[Table(rows=[[Cell(c["text"], c.get("confidence")) for c in row] for row in t["rows"]],
                          caption=t["caption"], where=Where(**t["where"]), after_paragraph=t["after_paragraph"])
                    for t in data["tables"]],
            paragraph_where=[Where(**p["where"]) for p in paragraphs],
            ocr_words={int(i): [(w, float(c)) for w, c in words] for i, words in data["ocr_words"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"văn bản đã đọc bị hỏng (broken document.json): {exc!r}", where=where) from None


def _where_json(where: Where) -> dict:
    return {k: getattr(where, k) for k in _WHERE_KEYS if getattr(where, k) is not None}


def _cell_json(cell: Cell) -> dict:
    return {"text": cell.text} if cell.confidence is None else {"text": cell.text, "confidence": cell.confidence}
