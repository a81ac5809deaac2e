"""OCR confidence of extracted figures: the lowest confidence of the words printing the number, flagged
under LOW_CONFIDENCE; table figures take their cell's confidence."""
from __future__ import annotations

import pytest

from etl.document import LOW_CONFIDENCE, Cell, Table, Where
from etl.extract import Extractor
from etl.figure import Figure
from etl.readers import mark_confidence
from etl.report import parse_report

SENTENCE = "Năm 2024, tỉnh Gia Lai đã tiếp 2.861 lượt công dân, giảm 120 lượt so với năm 2023."


def ocr_report(confidences: dict[str, float]):
    """A report whose one body paragraph was OCR'd: every word 95 unless `confidences` says otherwise."""
    report = parse_report(f"---\ntitle: Thử\npublished: 2024-12-05\n---\n\n{SENTENCE}\n", "scan.png")
    report.ocr_words = {0: [(w, confidences.get(w, 95.0)) for w in SENTENCE.split()]}
    report.paragraph_where = [Where(page=1, paragraph=4)]
    return report


@pytest.mark.parametrize(("confidences", "printed", "derived", "flagged"), [
    pytest.param({}, 95.0, 95.0, [], id="all-sure"),
    pytest.param({"2.861": 41.5}, 41.5, 41.5, [2861, 2981], id="printed-number-unsure"),
    pytest.param({"120": 62.0}, 95.0, 62.0, [2981], id="change-unsure-only-derived"),
    pytest.param({"Lai": 10.0, "lượt": 20.0}, 95.0, 95.0, [], id="other-words-do-not-count"),
    pytest.param({"2.861": LOW_CONFIDENCE}, LOW_CONFIDENCE, LOW_CONFIDENCE, [], id="at-threshold-not-flagged"),
])
def test_confidence_of_number_words(confidences, printed, derived, flagged):
    report = ocr_report(confidences)
    figures = Extractor().extract(report)
    assert [(f.value, f.derived) for f in figures] == [(2861, False), (2981, True)]
    out = mark_confidence(report, figures)
    assert [f.confidence for f in figures] == [printed, derived]
    assert [f.value for f in out] == flagged
    assert {f.where for f in figures} == {"trang 1, đoạn 4"}


def test_text_layer_figures_have_no_confidence():
    report = parse_report(f"---\ntitle: Thử\npublished: 2024-12-05\n---\n\n{SENTENCE}\n", "a.txt")
    figures = Extractor().extract(report)
    assert mark_confidence(report, figures) == []
    assert [f.confidence for f in figures] == [None, None]
    assert [f.where for f in figures] == ["đoạn 1", "đoạn 1"]


def test_table_figure_takes_its_cells_confidence():
    report = ocr_report({})
    report.tables = [Table([[Cell("Chỉ tiêu", 96.0), Cell("2024", 96.0)],
                            [Cell("Lượt tiếp công dân", 93.0), Cell("2.104", 55.0)]], where=Where(page=1, table=1))]
    fig = Figure(doc="scan.png", province="Gia Lai", district="", indicator="reception_turns", breakdown="total",
                 period_kind="year", period_start=None, period_end=None, value=2104, obtained="table",
                 where=report.tables[0].cell_where(1, 1).label())
    assert mark_confidence(report, [fig]) == [fig]
    assert (fig.confidence, fig.where) == (55.0, "trang 1, bảng 1, hàng 2, cột 2")
