"""The quality bar: precision and recall of the extractor against the corpus annotations.

Matches on province, district, indicator, year of the period's end and value. Prints the
figures so a run shows them: `pytest tests/test_extraction_quality.py -s`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.evaluation import read_annotations, score
from etl.extract import Extractor
from etl.report import read_report

RECALL_BAR = 0.95
PRECISION_BAR = 0.90


@pytest.fixture(scope="module")
def result(corpus: Path):
    ex = Extractor()
    paths = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "reports").glob("*.txt"))
    figures = {p.name: ex.extract(read_report(p)) for p in paths}
    annotations = read_annotations(corpus / "seed_annotations.csv", corpus / "annotations.csv",
                                   corpus / "restated_seed_annotations.csv")
    return score(figures, annotations)


def test_quality_bar(result):
    print(f"\nextraction over seeds + reports: precision {result.precision:.3f} "
          f"({result.matched_extracted}/{result.extracted}), recall of required {result.recall:.3f} "
          f"({result.required_found}/{result.required})")
    for fp in result.false_positives:
        print("  not annotated:", fp["doc"], fp["indicator"], fp["value"], fp["quote"][:80])
    for m in result.missed:
        print("  missed:", m["doc"], m["indicator"], m["value"], m["note"][:60])
    assert result.recall >= RECALL_BAR
    assert result.precision >= PRECISION_BAR


def test_every_report_with_annotations_was_read(result, corpus: Path):
    assert result.required == sum(1 for a in read_annotations(corpus / "seed_annotations.csv", corpus / "annotations.csv",
                                                               corpus / "restated_seed_annotations.csv")
                                  if a["required"] == "yes")
