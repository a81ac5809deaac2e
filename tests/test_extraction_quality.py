"""The quality bar: precision and recall of the extractor against hand annotations, set by set.

Matches on province, district, indicator, year of the period's end and value (±0.5 %). Precision
counts every figure extracted (a match is any gold row); recall counts the rows marked required.
The sets: the five seed articles, the bundled reports (restated seeds and rNNN), the h-reports
(written later, phrased more freely), our own unseen-style reports (tests/fixtures/unseen, written
and annotated for the phenomena of issue 9) and three more sets of ours (tests/fixtures/unseen2,
unseen3, unseen4: 16, 5 and 4 reports in other styles, each committed with its annotations before
the extractor first read it), and unseen5 to unseen9 (14, 6, 13, 7 and 11 reports, the same way).
Each run prints every set's figures.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.evaluation import Score, read_annotations, score
from etl.extract import Extractor
from etl.report import read_report

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
UNSEEN2 = Path(__file__).parent / "fixtures" / "unseen2"
UNSEEN3 = Path(__file__).parent / "fixtures" / "unseen3"
UNSEEN4 = Path(__file__).parent / "fixtures" / "unseen4"
UNSEEN5 = Path(__file__).parent / "fixtures" / "unseen5"
UNSEEN6 = Path(__file__).parent / "fixtures" / "unseen6"
UNSEEN7 = Path(__file__).parent / "fixtures" / "unseen7"
UNSEEN8 = Path(__file__).parent / "fixtures" / "unseen8"
UNSEEN9 = Path(__file__).parent / "fixtures" / "unseen9"
# (precision, recall of required) each set must keep; the seeds and reports together at the bar they
# had before issue 9; the others a little under what the rules reach on them (README, "Extraction
# quality": when the extractor first read them, unseen2 scored 0.90 / 0.92, unseen3 0.94 / 0.77,
# unseen4 0.96 / 0.89, unseen5 0.94 / 0.86, unseen6 0.98 / 0.94 with the rules before unseen5's and
# 1.00 / 1.00 with them, unseen7 0.88 / 0.87, unseen8 0.93 / 0.97 with round 4's rules, unseen9 0.97 / 0.94
# with round 4's rules and its fixes).
BARS = {
    "seeds + reports": (0.90, 0.95),
    "h-reports": (0.95, 0.95),
    "unseen fixtures": (0.95, 0.95),
    "unseen2 fixtures": (0.95, 0.95),
    "unseen3 fixtures": (0.95, 0.95),
    "unseen4 fixtures": (0.95, 0.90),
    "unseen5 fixtures": (0.95, 0.95),
    "unseen6 fixtures": (0.95, 0.95),
    "unseen7 fixtures": (0.95, 0.95),
    "unseen8 fixtures": (0.95, 0.95),
    "unseen9 fixtures": (0.95, 0.95),
}


def _sets(corpus: Path) -> dict[str, tuple[list[Path], list[Path]]]:
    return {
        "seeds": (sorted((corpus / "seeds").glob("*.txt")), [corpus / "seed_annotations.csv"]),
        "reports": (sorted((corpus / "reports").glob("*.txt")),
                    [corpus / "annotations.csv", corpus / "restated_seed_annotations.csv"]),
        "h-reports": (sorted((corpus / "reports-h").glob("*.txt")), [corpus / "annotations_h.csv"]),
        "unseen fixtures": (sorted(UNSEEN.glob("*.txt")), [UNSEEN / "annotations.csv"]),
        "unseen2 fixtures": (sorted(UNSEEN2.glob("*.txt")), [UNSEEN2 / "annotations.csv"]),
        "unseen3 fixtures": (sorted(UNSEEN3.glob("*.txt")), [UNSEEN3 / "annotations.csv"]),
        "unseen4 fixtures": (sorted(UNSEEN4.glob("*.txt")), [UNSEEN4 / "annotations.csv"]),
        "unseen5 fixtures": (sorted(UNSEEN5.glob("*.txt")), [UNSEEN5 / "annotations.csv"]),
        "unseen6 fixtures": (sorted(UNSEEN6.glob("*.txt")), [UNSEEN6 / "annotations.csv"]),
        "unseen7 fixtures": (sorted(UNSEEN7.glob("*.txt")), [UNSEEN7 / "annotations.csv"]),
        "unseen8 fixtures": (sorted(UNSEEN8.glob("*.txt")), [UNSEEN8 / "annotations.csv"]),
        "unseen9 fixtures": (sorted(UNSEEN9.glob("*.txt")), [UNSEEN9 / "annotations.csv"]),
    }


@pytest.fixture(scope="module")
def scores(corpus: Path) -> dict[str, Score]:
    ex = Extractor()
    out = {}
    for name, (paths, annotation_files) in _sets(corpus).items():
        out[name] = score({p.name: ex.extract(read_report(p)) for p in paths}, read_annotations(*annotation_files))
    seeds_and_reports = _sets(corpus)["seeds"][0] + _sets(corpus)["reports"][0]
    out["seeds + reports"] = score({p.name: ex.extract(read_report(p)) for p in seeds_and_reports},
                                   read_annotations(*_sets(corpus)["seeds"][1], *_sets(corpus)["reports"][1]))
    return out


def test_every_set_is_printed(scores, capsys):
    with capsys.disabled():
        print("\nextraction quality (precision over all figures, recall of required ones):")
        for name, s in scores.items():
            print("  " + s.line(name))


@pytest.mark.parametrize("name", list(BARS))
def test_quality_bar(scores, name):
    s = scores[name]
    precision_bar, recall_bar = BARS[name]
    shown = "\n".join([s.line(name)]
                      + [f"  not annotated: {f['doc']} {f['indicator']} {f['value']} {f['quote'][:80]}"
                         for f in s.false_positives]
                      + [f"  missed: {m['doc']} {m['indicator']} {m['value']} {m['note'][:60]}" for m in s.missed])
    assert s.precision >= precision_bar, shown
    assert s.recall >= recall_bar, shown


def test_every_report_with_annotations_was_read(scores, corpus: Path):
    for name, (paths, annotation_files) in _sets(corpus).items():
        required = sum(1 for a in read_annotations(*annotation_files) if a["required"] == "yes")
        assert scores[name].required == required, name
        assert {a["doc"] for a in read_annotations(*annotation_files)} <= {p.name for p in paths}, name
