"""Which PDF library reads Vietnamese report PDFs best: pdfplumber or pypdf (issue 8), measured.

Run: .venv/bin/python tests/readers/measure_pdf_readers.py  (needs LibreOffice Writer and Chromium; ~30 s)

The report of document_fixtures.py is made into four PDFs the way analysts' PDFs are made:
  A  LibreOffice from Word, Noto Serif, first table bordered
  B  LibreOffice from Word, DejaVu Sans, justified, no table borders
  C  Chromium (print to PDF) from HTML, DejaVu Serif, justified, letter-spaced, bold numbers
  D  LibreOffice from Word typed decomposed ("Unicode tổ hợp": tone marks as combining characters)
and read back by each library. Per PDF and library it counts:
  nfc      the raw text is NFC (before any normalisation of ours)
  lines    heading lines and sentences found whole in the text, lines joined with a space (after NFC)
  numbers  printed numbers found unbroken as a word ("2.861", not "2. 861" or "2.86 1")
  rows     table rows found as rows of cells (each cell's lines joined): what each library offers
           for tables (pdfplumber: its ruled-line finder; pypdf has no table finder), and the reader
           this project ships (etl.readers.read_document) on top of pdfplumber
  ms       milliseconds to read the whole PDF
"""
from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from document_fixtures import (  # noqa: E402
    NUMBERS,
    PARAGRAPHS,
    TABLE_1,
    TABLE_2,
    TABLES,
    docx_to_pdf,
    write_docx,
)

EXPECTED_LINES = list(PARAGRAPHS)
EXPECTED_ROWS = [tuple(r) for r in TABLE_1 + TABLE_2]


def html_report(path: Path) -> Path:
    """The same report as an HTML page for Chromium: justified, letter-spaced, numbers in bold."""
    def cell(text: str) -> str:
        text = html.escape(text)
        return f"<b>{text}</b>" if re.fullmatch(r"[\d.]+", text) else text

    style = ("body{font-family:'DejaVu Serif';font-size:11pt;text-align:justify;letter-spacing:1.2pt}"
             "td{padding:0 1px} table.b{border-collapse:collapse} table.b td{border:1px solid #000}")
    parts = [f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>"]
    for i, text in enumerate(PARAGRAPHS):
        body = re.sub(r"\d[\d.]*\d|\d", lambda m: f"<b>{m.group(0)}</b>", html.escape(text))
        parts.append(f"<p>{body}</p>")
        for rows, after in TABLES:
            if after == i:
                cls = "b" if rows is TABLE_1 else ""
                parts.append(f"<table class='{cls}'>" + "".join(
                    "<tr>" + "".join(f"<td>{cell(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
    path.write_text("".join(parts) + "</body></html>", encoding="utf-8")
    return path


def chromium_pdf(page: Path, pdf: Path) -> Path:
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    return pdf


def make_pdfs(work: Path) -> dict[str, Path]:
    pdfs = {}
    pdfs["A LibreOffice, bordered"] = docx_to_pdf(write_docx(work / "a.docx"), work)
    pdfs["B LibreOffice, justified, no borders"] = docx_to_pdf(
        write_docx(work / "b.docx", borders=False, font="DejaVu Sans", justify=True), work)
    pdfs["C Chromium, letter-spaced, bold"] = chromium_pdf(html_report(work / "c.html"), work / "c.pdf")
    pdfs["D LibreOffice, typed decomposed"] = docx_to_pdf(write_docx(work / "d.docx", nfd=True), work)
    return pdfs


def read_pdfplumber(pdf: Path) -> tuple[str, list[list[list[str]]]]:
    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
        tables = [t for page in doc.pages for t in page.extract_tables()]
    return text, [[[c or "" for c in row] for row in t] for t in tables]


def read_pypdf(pdf: Path) -> tuple[str, list[list[list[str]]]]:
    import pypdf  # noqa: PLC0415

    reader = pypdf.PdfReader(pdf)
    return "\n".join(page.extract_text() for page in reader.pages), []


def read_ours(pdf: Path) -> tuple[str, list[list[list[str]]]]:
    from etl.readers import read_document  # noqa: PLC0415

    report = read_document(pdf)
    tables = [[[c.text for c in row] for row in t.rows] for t in report.tables]
    return "\n".join([*report.paragraphs, *(" ".join(row) for t in tables for row in t)]), tables


def score(text: str, tables: list[list[list[str]]]) -> dict[str, object]:
    nfc = unicodedata.is_normalized("NFC", text)
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    words = set(flat.split())
    lines = sum(1 for p in EXPECTED_LINES if p in flat)
    numbers = sum(1 for n in NUMBERS if n in words or f"{n}." in words or f"{n}," in words)
    found_rows = {tuple(" ".join(unicodedata.normalize("NFC", c).split()) for c in row) for t in tables for row in t}
    rows = sum(1 for r in EXPECTED_ROWS if r in found_rows)
    return {"nfc": "yes" if nfc else "NO", "lines": f"{lines}/{len(EXPECTED_LINES)}",
            "numbers": f"{numbers}/{len(NUMBERS)}", "rows": f"{rows}/{len(EXPECTED_ROWS)}"}


def main() -> int:
    readers = {"pdfplumber": read_pdfplumber, "pypdf": read_pypdf}
    if "--raw" not in sys.argv:
        readers["etl.readers"] = read_ours
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = make_pdfs(Path(tmp))
        print(f"| PDF | library | nfc | lines | numbers | table rows | ms |\n|{'---|' * 7}")
        for name, pdf in pdfs.items():
            for lib, read in readers.items():
                start = time.perf_counter()
                text, tables = read(pdf)
                ms = (time.perf_counter() - start) * 1000
                s = score(text, tables)
                print(f"| {name} | {lib} | {s['nfc']} | {s['lines']} | {s['numbers']} | {s['rows']} | {ms:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
