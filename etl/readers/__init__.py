"""Reading report files of every kind into an `etl.report.Report`: one entry point, `read_document`.

The file's content decides how it is read (etl.readers.filetype), not its name:
  Word (.docx)                  etl.readers.docx   paragraphs and tables in order
  PDF with a text layer         etl.readers.pdf    text and tables with page numbers
  scanned PDF, PNG or JPEG      etl.readers.pdf + etl.readers.ocr   tesseract, confidences kept
  plain text (.txt, .md)        etl.report         as data/reports are read
Bad files raise `etl.errors.InputError` with a Vietnamese message (English in brackets).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from etl.errors import InputError
from etl.readers.confidence import DocumentFigures, extract_document, mark_confidence
from etl.readers.filetype import check_file, check_upload_size, content_kind, max_file_bytes
from etl.readers.parts import to_report
from etl.readers.source import Found, source_details
from etl.report import Report, parse_report
from etl.textio import read_text

__all__ = ["DocumentFigures", "Found", "check_file", "check_upload_size", "content_kind", "extract_document",
           "file_metadata", "mark_confidence", "max_file_bytes", "read_document", "source_details"]


def read_document(path: Path, *, name: str = "") -> Report:
    """Read a report file. `name` is the file's name as the analyst gave it (default: the path's);
    messages name it, and the Report's `doc` is it."""
    where = name or str(path)
    doc = Path(name).name if name else path.name
    kind = check_file(path, name=name)
    if kind in ("xlsx", "parquet") or Path(doc).suffix.lower() == ".csv":
        raise InputError("đây là bảng số liệu, không phải báo cáo: nạp nó như bảng (data/tables) "
                         "(a data table, not a report)", where=where)
    if kind == "text":
        return _text_report(path, doc, where)
    if kind == "docx":
        from etl.readers.docx import read_docx  # noqa: PLC0415

        parts = read_docx(path, where)
    elif kind == "pdf":
        from etl.readers.pdf import read_pdf  # noqa: PLC0415

        parts = read_pdf(path, where)
    else:
        from etl.readers.pdf import read_image  # noqa: PLC0415

        parts = read_image(path, where)
    return to_report(parts, doc, _sha256(path), where)


def _text_report(path: Path, doc: str, where: str) -> Report:
    try:
        return parse_report(read_text(path), doc)
    except InputError as exc:
        raise InputError(exc.message, where=where) from None


def file_metadata(path: Path) -> dict[str, str]:
    """The file's own title, author and creation date (Word core properties, PDF metadata); {} for others."""
    kind = content_kind(path)
    if kind == "docx":
        from etl.readers.docx import docx_metadata  # noqa: PLC0415

        return docx_metadata(path)
    if kind == "pdf":
        from etl.readers.pdf import pdf_metadata  # noqa: PLC0415

        return pdf_metadata(path)
    return {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
