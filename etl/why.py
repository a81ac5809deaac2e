"""What became of every number of a report, as lines of text (`python -m etl extract --why FILE`).

Works on a `Report`, whatever format it was read from: each printed number with the words around
it, where it is, and the figures it gave or the rule that dropped it.
"""
from __future__ import annotations

from etl.extract import Extraction, Extractor, Outcome
from etl.figure import Figure
from etl.report import Report
from etl.vnnumbers import as_number

SNIPPET_WORDS = 4


def why_lines(report: Report, extractor: Extractor | None = None) -> list[str]:
    """One line per printed number of the report, in reading order, under a line naming the report."""
    extraction: Extraction = (extractor or Extractor()).read(report)
    found = sum(1 for o in extraction.outcomes if o.figures and not o.reason)
    out = [f"{report.doc}: {len(extraction.outcomes)} số, {found} thành số liệu "
           f"({len(extraction.outcomes)} numbers, {found} gave figures)"]
    out.extend(outcome_line(o) for o in extraction.outcomes)
    return out


def outcome_line(o: Outcome) -> str:
    where = o.where or "?"
    head = f"  [{where}] «{_snippet(o)}»"
    if o.figures and not o.reason:
        return head + " → " + "; ".join(figure_words(f) for f in o.figures)
    if o.figures:
        return head + f" ✗ {o.reason}: " + "; ".join(figure_words(f) for f in o.figures)
    return head + f" ✗ {o.reason}"


def figure_words(f: Figure) -> str:
    place = f"{f.district}, {f.province}" if f.district else f.province
    span = f"{f.period_start or '?'}..{f.period_end or '?'}"
    qualifier = {"at_least": " (hơn)", "approx": " (khoảng)"}.get(f.qualifier, "")
    derived = f" suy ra: {f.derived_how}" if f.derived else ""
    return f"{place} · {f.indicator}/{f.breakdown} · {f.period_kind} {span} · {as_number(f.value)}{qualifier}{derived}"


def _snippet(o: Outcome) -> str:
    left = o.sentence[:o.start].split()[-SNIPPET_WORDS:]
    right = o.sentence[o.start + len(o.number_text):].split()[:SNIPPET_WORDS]
    return " ".join([*left, f"[{o.number_text}]", *right])
