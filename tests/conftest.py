"""Shared fixtures: the project root, the shared corpus, one database built per test session, and the Word
report of tests/readers/document_fixtures.py with its PDF, password-protected PDF and scan (made when asked)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.charts import export
from etl.build import build
from etl.extract import Extractor
from etl.paths import REPORTS
from tests.readers.document_fixtures import docx_to_pdf, pdf_to_scan, write_docx

ROOT = Path(__file__).resolve().parent.parent


def _find_corpus() -> Path:
    """The shared corpus beside the checkout (../shared/corpus), or where $DANVAN_CORPUS says."""
    if os.environ.get("DANVAN_CORPUS"):
        return Path(os.environ["DANVAN_CORPUS"])
    for base in (ROOT.parent, Path("/work")):
        if (base / "shared" / "corpus").exists():
            return base / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


CORPUS = _find_corpus()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.fail(f"the shared corpus is missing at {CORPUS}: tests that compare against annotations need it")
    return CORPUS


@pytest.fixture(scope="session", autouse=True)
def _no_local_intake(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read the checkout's own inbox or analysts (etl/intake): builds see only bundled data."""
    own = tmp_path_factory.mktemp("intake")
    patch = pytest.MonkeyPatch()
    patch.setenv("DANVAN_INBOX", str(own / "inbox"))
    patch.setenv("DANVAN_ANALYSTS", str(own / "analysts.json"))
    yield
    patch.undo()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor per test module: setting one up reads the lexicon and the gazetteer."""
    return Extractor()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data, built once into a temporary database."""
    db = tmp_path_factory.mktemp("db") / "danvan.duckdb"
    build(db, progress=lambda _msg: None)
    return db


REFORM_REPORTS = ROOT / "tests" / "fixtures" / "reform"


@pytest.fixture(scope="session")
def reform_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled reports and, beside them, reports of our own from after 1 July 2025 naming the new communes and
    wards (tests/fixtures/reform; their figures are made up), built once: the pages' post-reform figures."""
    root = tmp_path_factory.mktemp("reform_db")
    reports = root / "reports"
    reports.mkdir()
    for path in [*sorted(REPORTS.glob("*.txt")), *sorted(REFORM_REPORTS.glob("*.txt"))]:
        (reports / path.name).write_bytes(path.read_bytes())
    db = root / "danvan.duckdb"
    build(db, reports_dir=reports, progress=lambda _msg: None)
    return db


# --- chart export (issue 4): one warm Chromium for the whole test session -------------------------
@pytest.fixture(scope="session")
def warm_browser():
    """kaleido's Chromium, started once and closed at the end (core.charts.export.start_browser/stop_browser)."""
    export.start_browser()
    yield
    export.stop_browser()


# --- documents (issue 8): made once per session, when a test asks (LibreOffice and OCR are slow) ---------
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
def locked_pdf(made: Path, report_docx: Path) -> Path:
    return docx_to_pdf(report_docx, made / "locked", password="mat-khau")


@pytest.fixture(scope="session")
def scan(made: Path, report_pdf: Path) -> tuple[list[Path], Path]:
    """The PDF printed and scanned: PNG pages and an image-only PDF (300 dpi, blurred, noisy)."""
    return pdf_to_scan(report_pdf, made / "scan")
