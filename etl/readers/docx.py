"""Word files (.docx, python-docx): paragraphs and tables in document order, with their places.

Paragraph n of the report is `Where(paragraph=n)`; tables are numbered in order, their cells
keep row and column. A table at the top that only lays out the heading (issuing body, number,
"Quốc hiệu", dateline side by side) is read as heading lines, not as a table of figures.
"""
from __future__ import annotations

from pathlib import Path

from etl.document import Cell, Table, Where
from etl.errors import InputError
from etl.readers.parts import Parts
from etl.readers.source import is_body_paragraph, is_heading_text


def read_docx(path: Path, where: str) -> Parts:
    from docx import Document  # noqa: PLC0415  (only Word files need it)
    from docx.table import Table as DocxTable  # noqa: PLC0415

    try:
        doc = Document(str(path))
        blocks = list(doc.iter_inner_content())
        metadata = _core(doc.core_properties)
    except Exception as exc:  # noqa: BLE001  (python-docx and lxml raise many kinds for a broken file)
        raise InputError(f"tệp Word (DOCX) bị hỏng, không đọc được ({type(exc).__name__}: {exc}) (corrupt DOCX)",
                         where=where) from None
    parts = Parts(metadata=metadata)
    body_started = False
    for block in blocks:
        if isinstance(block, DocxTable):
            rows = _rows(block)
            if not body_started and is_heading_text("\n".join(c for row in rows for c in row)):
                for row in rows:  # a merged cell repeats in each column it spans: once is enough
                    for text in (c for k, c in enumerate(row) if k == 0 or c != row[k - 1]):
                        for line in text.split("\n"):
                            parts.add(line, Where(paragraph=len(parts.paragraphs) + 1))
                continue
            if any(any(c.strip() for c in row) for row in rows):
                parts.add_table(Table([[Cell(" ".join(c.split())) for c in row] for row in rows],
                                      where=Where(table=len(parts.tables) + 1)))
            continue
        parts.add(block.text, Where(paragraph=len(parts.paragraphs) + 1))
        body_started = body_started or is_body_paragraph(block.text)
    return parts


def docx_metadata(path: Path) -> dict[str, str]:
    """Title, author and creation date (ISO) from the Word core properties; {} when unreadable."""
    from docx import Document  # noqa: PLC0415

    try:
        return _core(Document(str(path)).core_properties)
    except Exception:  # noqa: BLE001  (reading the file says what is wrong with it)
        return {}


def _core(props) -> dict[str, str]:  # noqa: ANN001  (python-docx CoreProperties)
    return {"title": props.title or "", "author": props.author or "",
            "created": props.created.date().isoformat() if props.created else ""}


def _rows(table) -> list[list[str]]:  # noqa: ANN001  (a python-docx Table)
    """Cell texts row by row; a merged cell's text stands in each grid column it spans, once per row."""
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]
