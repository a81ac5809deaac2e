"""A report as the extractor reads it: passages of sentences, each sentence knowing where it sits
in the file."""
from __future__ import annotations

from dataclasses import dataclass

from etl.document import Where
from etl.report import Report, split_sentences


@dataclass(frozen=True)
class Sentence:
    """What is read as one sentence. `pieces` are (offset, where) of the parts it was made of."""

    text: str
    pieces: tuple[tuple[int, Where], ...]
    read: bool = True  # False: context only (its numbers are not figures)

    def where_at(self, offset: int) -> Where:
        found = self.pieces[0][1]
        for start, where in self.pieces:
            if start <= offset:
                found = where
        return found


@dataclass(frozen=True)
class Passage:
    """Sentences read together: a later one may lean on an earlier one for its place, period or topic."""

    sentences: tuple[Sentence, ...]
    para: int  # index in Report.paragraphs of its (first) paragraph
    before: str = ""  # the paragraph before it


def passages(report: Report) -> list[Passage]:
    """The report's passages in reading order: one per paragraph."""
    out = []
    for pi, para in enumerate(report.paragraphs):
        where = report.where(pi)
        sentences = tuple(Sentence(s, ((0, where),)) for s in split_sentences(para))
        out.append(Passage(sentences, pi, report.paragraphs[pi - 1] if pi > 0 else ""))
    return out
