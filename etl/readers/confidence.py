"""After extraction: how sure OCR was of each figure's number, and the figures to check first.

A figure read from OCR'd text gets `Figure.confidence`: the lowest confidence of the OCR words
that make its number (a table cell's own confidence for a figure from a table). Figures under
`etl.document.LOW_CONFIDENCE` are flagged. `extract_document` is what the intake page and
`python -m etl extract` both run: read the file, extract, mark, and refuse a report without figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.document import LOW_CONFIDENCE
from etl.errors import InputError
from etl.figure import Figure
from etl.report import Report
from etl.vnnumbers import NUMBER_RE


@dataclass
class DocumentFigures:
    report: Report
    figures: list[Figure]
    flagged: list[Figure]  # confidence under LOW_CONFIDENCE: review these first


def is_low_confidence(fig: Figure) -> bool:
    return fig.confidence is not None and fig.confidence < LOW_CONFIDENCE


def mark_confidence(report: Report, figures: list[Figure]) -> list[Figure]:
    """Set each figure's OCR confidence (and its `where` when the extractor left it empty); return the
    flagged ones, lowest confidence first."""
    cells = {t.cell_where(r, c).label(): cell for t in report.tables
             for r, row in enumerate(t.rows) for c, cell in enumerate(row)}
    for fig in figures:
        if not fig.where and 0 <= fig.paragraph < len(report.paragraphs) and fig.obtained != "table":
            fig.where = report.where(fig.paragraph).label()
        if fig.confidence is None:
            cell = cells.get(fig.where)
            fig.confidence = cell.confidence if cell is not None else number_confidence(report, fig)
    return sorted((f for f in figures if is_low_confidence(f)), key=lambda f: f.confidence)


def number_confidence(report: Report, fig: Figure) -> float | None:
    """The lowest OCR confidence of the word(s) printing the figure's number; None when not OCR'd."""
    words = report.ocr_words.get(fig.paragraph)
    if not words:
        return None
    paragraph = report.paragraphs[fig.paragraph]
    quote_start = paragraph.find(fig.quote) if fig.quote else -1
    if fig.derived and quote_start >= 0:
        # computed from the numbers of its sentence ("1.327 đơn, giảm 45 đơn"): as sure as the least sure
        span, digits_only = (quote_start, quote_start + len(fig.quote)), True
    else:
        span, digits_only = _number_span(paragraph, quote_start, fig.number_text.split()), False
    confs = []
    offset = 0
    for text, conf in words:  # the paragraph is its OCR words joined by single spaces
        if span and offset < span[1] and offset + len(text) > span[0] and (not digits_only or NUMBER_RE.search(text)):
            confs.append(conf)
        offset += len(text) + 1
    return min(confs or [c for _, c in words])


def _number_span(paragraph: str, quote_start: int, snippet: list[str]) -> tuple[int, int] | None:
    """Where the figure's number is in the paragraph, from its review key: up to three words, the
    number, up to three words (etl.extract's `number_text`); fewer words before only at the sentence start."""
    if quote_start < 0:
        return None
    for i in (3, 0, 1, 2, *range(4, len(snippet))):
        if i >= len(snippet) or not NUMBER_RE.fullmatch(snippet[i]):
            continue
        parts = [re.escape(t) for t in snippet]
        parts[i] = f"({parts[i]})"
        m = re.compile(r"\s*".join(parts)).search(paragraph, quote_start)
        if m and (i == 3 or m.start() == quote_start):
            return m.span(1)
    return None


def extract_document(path: Path, *, name: str = "", extractor=None) -> DocumentFigures:  # noqa: ANN001
    """Read a file (etl.readers.read_document), extract its figures, mark OCR confidence.

    Raises InputError for a bad file and for a report in which no figure is found."""
    from etl.extract import Extractor  # noqa: PLC0415
    from etl.readers import read_document  # noqa: PLC0415

    report = read_document(path, name=name)
    figures = (extractor or Extractor()).extract(report)
    if not figures:
        raise InputError("không tìm thấy số liệu nào thuộc danh mục trong báo cáo: kiểm tra tệp có đúng là báo cáo "
                         "công tác dân vận không (no figure found)", where=name or str(path))
    return DocumentFigures(report, figures, mark_confidence(report, figures))
