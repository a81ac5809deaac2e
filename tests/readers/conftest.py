"""The reader tests' own files, made once per test session (the report, its PDF and scan: tests/conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.readers import read_document
from etl.report import Report
from tests.readers.document_fixtures import docx_to_pdf, write_docx


@pytest.fixture(scope="session")
def borderless_pdf(made: Path) -> Path:
    return docx_to_pdf(write_docx(made / "khong-ke.docx", borders=False, justify=True, font="DejaVu Sans"),
                       made / "pdf")


@pytest.fixture(scope="session")
def scan_png_report(scan: tuple[list[Path], Path]) -> Report:
    return read_document(scan[0][0])


@pytest.fixture(scope="session")
def scan_pdf_report(scan: tuple[list[Path], Path]) -> Report:
    return read_document(scan[1])
