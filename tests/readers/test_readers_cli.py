"""`python -m etl extract` reads Word, PDF and scans as it reads text reports."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.readers.document_fixtures import EXPECTED_FIGURES, EXPECTED_TABLE_FIGURES

ROOT = Path(__file__).resolve().parents[2]


def test_cli_extract_documents(report_docx: Path, report_pdf: Path, scan, tmp_path: Path):
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    files = [report_docx, report_pdf, scan[0][0], empty]
    out = subprocess.run([sys.executable, "-m", "etl", "extract", *map(str, files), "--format", "csv"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 1  # one file failed, the others are still printed
    assert f"lỗi: {empty}: tệp rỗng (empty file)" in out.stderr
    rows = list(csv.DictReader(out.stdout.splitlines()))
    expected = [(str(v), "yes" if d else "no") for *_, v, d in EXPECTED_FIGURES + EXPECTED_TABLE_FIGURES]
    for f in files[:3]:
        assert [(r["value"], r["derived"]) for r in rows if r["doc"] == f.name] == expected
