"""The reader tests' files, made once per test session in a temporary folder (LibreOffice and OCR are slow)."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.readers import read_document
from etl.report import Report
from tests.readers.document_fixtures import docx_to_pdf, pdf_to_scan, write_docx


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(scope="session")
def report_docx(made: Path) -> Path:
    return write_docx(made / "bao-cao.docx", core_title="Bản nháp", core_author="Nguyễn Văn A")


@pytest.fixture(scope="session")
def report_pdf(made: Path, report_docx: Path) -> Path:
    return docx_to_pdf(report_docx, made / "pdf")


@pytest.fixture(scope="session")
def borderless_pdf(made: Path) -> Path:
    return docx_to_pdf(write_docx(made / "khong-ke.docx", borders=False, justify=True, font="DejaVu Sans"),
                       made / "pdf")


@pytest.fixture(scope="session")
def scan(made: Path, report_pdf: Path) -> tuple[list[Path], Path]:
    """The PDF printed and scanned: PNG pages and an image-only PDF (300 dpi, blurred, noisy)."""
    return pdf_to_scan(report_pdf, made / "scan")


@pytest.fixture(scope="session")
def scan_png_report(scan: tuple[list[Path], Path]) -> Report:
    return read_document(scan[0][0])


@pytest.fixture(scope="session")
def scan_pdf_report(scan: tuple[list[Path], Path]) -> Report:
    return read_document(scan[1])
