"""What the extractor knows about a report as a whole before reading its numbers: its place
(the subject), its period, its title and lead, and whether it is about a voter meeting."""
from __future__ import annotations

from dataclasses import dataclass

from etl.figure_place import Place, PlaceFinder, subject_of
from etl.gazetteer import Gazetteer
from etl.lexicon import Lexicon
from etl.periods import PeriodMention, find_periods
from etl.report import Report
from etl.textnorm import fold


@dataclass(frozen=True)
class DocContext:
    report: Report
    gaz: Gazetteer
    lex: Lexicon
    finder: PlaceFinder
    subject: Place
    doc_period: PeriodMention | None
    title_f: str
    lead_f: str
    voter_doc: bool  # the report is about a voter meeting, not a dialogue

    @property
    def head_f(self) -> str:
        """Title and lead, folded: what the whole report is about."""
        return self.title_f + self.lead_f


def document_context(report: Report, gaz: Gazetteer, lex: Lexicon) -> DocContext:
    title_f, lead_f = fold(report.title), fold(report.lead)
    finder = PlaceFinder(gaz, report.reference_date)
    voter_doc = ("cử tri" in title_f or "tiếp xúc cử tri" in lead_f) and "đối thoại" not in title_f + lead_f
    return DocContext(report, gaz, lex, finder, subject_of(report.lead, report.title, finder),
                      _doc_period(lead_f, title_f), title_f, lead_f, voter_doc)


def _doc_period(lead_f: str, title_f: str) -> PeriodMention | None:
    """The first period of the lead, else of the title, that is not a comparison or a duration."""
    for text in (lead_f, title_f):
        for pm in find_periods(text):
            if pm.compare or pm.ref == "duration":
                continue
            return pm
    return None
