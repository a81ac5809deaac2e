"""PDF files (pdfplumber) and page images: text and tables with page numbers, scans through OCR.

pdfplumber was chosen over pypdf by measuring (tests/readers/measure_pdf_readers.py): both give NFC text
for ordinary Vietnamese PDFs, but pypdf breaks letter-spaced numbers ("2 . 8 6 1") and has no
word positions or table finder. Ruled tables come from pdfplumber's line finder, tables without
borders from word positions (etl.readers.layout). A page without text but with an image is a scan:
it is rendered at 300 dpi and read by OCR (etl.readers.ocr).
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from etl.document import Cell, Table, Where
from etl.errors import InputError
from etl.readers.layout import Block, Word, join_split_tables, page_layout
from etl.readers.ocr import check_image_size, ocr_words, require_ocr
from etl.readers.parts import Parts
from etl.textnorm import nfc

SCAN_DPI = 300
_PAGE_NUMBER = re.compile(r"(?:trang\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*/\s*\d{1,3})?", re.IGNORECASE)
_ENDS_SENTENCE = tuple(".:;!?…)”\"")


def pdf_metadata(path: Path) -> dict[str, str]:
    """Title, Author and CreationDate (as an ISO date) of a PDF; {} when it has none or cannot be read."""
    import pdfplumber  # noqa: PLC0415

    try:
        with pdfplumber.open(path) as pdf:
            return _metadata(pdf.metadata)
    except Exception:  # noqa: BLE001  (a broken PDF has no usable metadata; reading it says why)
        return {}


def _metadata(meta: dict) -> dict[str, str]:
    def text(key: str) -> str:
        value = meta.get(key, "")
        return nfc(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)).strip()

    created = re.match(r"D:(\d{4})(\d{2})(\d{2})", text("CreationDate"))
    return {"title": text("Title"), "author": text("Author"),
            "created": f"{created.group(1)}-{created.group(2)}-{created.group(3)}" if created else ""}


def read_pdf(path: Path, where: str) -> Parts:
    import pdfplumber  # noqa: PLC0415  (only PDFs need it)

    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001  (pdfminer raises many kinds for a broken or locked file)
        raise _open_error(exc, where) from None
    with pdf:
        parts = Parts(metadata=_metadata(pdf.metadata))
        scanned = {n for n, p in enumerate(pages, start=1) if len(p.chars) < 10 and p.images}
        if scanned:
            require_ocr(where, "tệp PDF chỉ có ảnh quét", "an image-only PDF")
        laid_out = []
        for number, page in enumerate(pages, start=1):
            try:
                laid_out.append(_scanned_page(page, where) if number in scanned else _text_page(page))
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise InputError(f"trang {number} của tệp PDF bị hỏng, không đọc được ({type(exc).__name__}: {exc}) "
                                 f"(corrupt page)", where=where) from None
    for blocks in laid_out:
        _drop_page_numbers(blocks)
    join_split_tables(laid_out)
    for number, blocks in enumerate(laid_out, start=1):
        add_page(parts, blocks, page=number)
    return parts


def read_image(path: Path, where: str) -> Parts:
    """A page image (PNG, JPEG) through OCR."""
    from PIL import Image  # noqa: PLC0415

    try:
        with Image.open(path) as img:
            width, height = img.size
    except Exception as exc:  # noqa: BLE001  (Pillow raises many kinds for a broken image)
        raise InputError(f"ảnh bị hỏng, không mở được ({type(exc).__name__}) (corrupt image)", where=where) from None
    check_image_size(width, height, where)
    parts = Parts()
    add_page(parts, page_layout(ocr_words(path, where)), page=None)
    return parts


def _open_error(exc: Exception, where: str) -> InputError:
    from pdfminer.pdfdocument import PDFPasswordIncorrect  # noqa: PLC0415

    chain = [exc, *[a for a in getattr(exc, "args", ()) if isinstance(a, Exception)], exc.__cause__, exc.__context__]
    if any(isinstance(e, PDFPasswordIncorrect) for e in chain if e is not None):
        return InputError("tệp PDF có mật khẩu: mở bằng trình đọc PDF, in hoặc lưu lại thành bản không mật khẩu "
                          "rồi gửi lại (password-protected PDF)", where=where)
    return InputError("tệp PDF bị hỏng hoặc bị cắt cụt, không đọc được: mở thử bằng trình đọc PDF, lưu lại rồi gửi lại "
                      "(corrupt or truncated PDF)", where=where)


def _text_page(page) -> list[Block]:  # noqa: ANN001  (a pdfplumber Page)
    words = [Word(nfc(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"]) for w in page.extract_words()]
    ruled = []
    for found in page.find_tables():
        rows = [[Cell(" ".join(nfc(c or "").split())) for c in row] for row in found.extract()]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            ruled.append((found.bbox, rows))
    return page_layout(words, ruled)


def _scanned_page(page, where: str) -> list[Block]:  # noqa: ANN001  (a pdfplumber Page)
    check_image_size(int(page.width * SCAN_DPI / 72), int(page.height * SCAN_DPI / 72), where)
    with tempfile.TemporaryDirectory(prefix="danvan-ocr-") as tmp:
        image = Path(tmp) / "page.png"
        page.to_image(resolution=SCAN_DPI).original.save(image)
        return page_layout(ocr_words(image, where, dpi=SCAN_DPI))


def _drop_page_numbers(blocks: list[Block]) -> None:
    """A lone number ("2", "- 2 -", "Trang 2") first or last on a page is its page number."""
    for i in (-1, 0):
        if blocks and blocks[i].rows is None and _PAGE_NUMBER.fullmatch(blocks[i].text.strip()):
            blocks.pop(i)


def add_page(parts: Parts, blocks: list[Block], *, page: int | None) -> None:
    """A page's blocks into the report; a paragraph cut by the page break is joined to its start."""
    paragraph = 0
    for i, block in enumerate(blocks):
        if block.rows is not None:
            width = max(len(r) for r in block.rows)
            rows = [r + [Cell("")] * (width - len(r)) for r in block.rows]
            parts.add_table(Table(rows, where=Where(page=page, table=len(parts.tables) + 1)))
            continue
        text = " ".join(block.text.split())
        ocr = [(w.text, w.conf) for w in block.words if w.conf is not None]
        if i == 0 and page and page > 1 and _continues(parts, text):
            parts.extend_last(text, ocr)
            continue
        paragraph += 1
        parts.add(text, Where(page=page, paragraph=paragraph), ocr)


def _continues(parts: Parts, text: str) -> bool:
    """The page's first paragraph goes on with the last one of the page before."""
    if not parts.paragraphs or (parts.tables and parts.tables[-1].after_paragraph == len(parts.paragraphs) - 1):
        return False
    return not parts.paragraphs[-1].endswith(_ENDS_SENTENCE) and text[:1].islower()
