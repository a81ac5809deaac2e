"""Report → figures, by rules over the lexicon (data/lexicon.yaml) and the gazetteer.

The report is read as passages of sentences (etl/reading.py). For every printed number the
extractor then asks, one pass after another:

1. is it a number that can be a figure, with what unit and qualifier (etl/candidates.py);
2. which numbers are the parts of a total printed before them (`link_parts`);
3. what it counts: an indicator of the catalog and its breakdown, or why not (etl/meaning.py);
4. which place (etl/figure_place.py) and which period (etl/figure_period.py) it is about;
5. whether a comparison beside it implies an earlier figure (etl/comparisons.py).

Each pass returns values; every number keeps what became of it (`Extraction.outcomes`, shown by
`python -m etl extract --why FILE`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from etl.candidates import Candidate, NumberReader, context_snippet, link_parts
from etl.comparisons import compared_figure, derived_figure, derived_in_next_sentence
from etl.doc_context import DocContext, document_context
from etl.figure import Figure
from etl.figure_period import period_of
from etl.figure_place import Place, PlaceState, carried_place, listed_together, place_of, respective_place
from etl.gazetteer import Gazetteer, default_gazetteer
from etl.lexicon import Lexicon, load_lexicon
from etl.meaning import Meaning, Skip, Verdict, classify_passage
from etl.periods import Period
from etl.reading import Passage, passages
from etl.report import Report, read_report
from etl.textnorm import fold

NO_PROVINCE = "không rõ tỉnh, thành phố (no province)"
SEVERAL_PLACES = "số chung của nhiều địa phương kể liền nhau (one figure for several places listed together)"
REPEATED = "trùng một số liệu đã có (the same figure again)"


@dataclass(frozen=True)
class Outcome:
    """What became of one printed number: the figures it gave, or the reason it gave none."""

    where: str
    number_text: str
    sentence: str
    start: int  # position of the number in `sentence`
    figures: tuple[Figure, ...] = ()
    reason: str = ""


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


class Extractor:
    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer or default_gazetteer()
        self.lex = lexicon or load_lexicon()
        self.numbers = NumberReader(self.lex)

    def extract(self, report: Report) -> list[Figure]:
        return self.read(report).figures

    def read(self, report: Report) -> Extraction:
        """Every figure of the report, and what became of each printed number."""
        doc = document_context(report, self.gaz, self.lex)
        out = Extraction()
        seen: set[tuple[object, ...]] = set()
        state = PlaceState(doc.subject)
        for passage in passages(report, self.lex):
            read, state = self._read_passage(passage, doc, state)
            for outcome in read:
                kept = tuple(f for f in outcome.figures if f.key() not in seen)
                seen.update(f.key() for f in kept)
                out.figures.extend(kept)
                if outcome.figures and not kept:
                    outcome = Outcome(outcome.where, outcome.number_text, outcome.sentence, outcome.start,
                                      outcome.figures, REPEATED)
                out.outcomes.append(outcome)
        return out

    def _read_passage(self, p: Passage, doc: DocContext, state: PlaceState) -> tuple[list[Outcome], PlaceState]:
        cands: list[Candidate] = []
        outcomes: list[tuple[tuple[int, int], Outcome]] = []
        for si, s in enumerate(p.sentences):
            if not s.read:
                continue
            found, dropped = self.numbers.read(si, s.text, len(cands), s.only)
            cands.extend(found)
            outcomes.extend(((si, d.start), Outcome(s.where_at(d.start).label(), d.number_text, s.text, d.start,
                                                    reason=d.reason)) for d in dropped)
        total_of = link_parts(cands)
        folded = [fold(s.text) for s in p.sentences]
        caption = " ".join(f for f, s in zip(folded, p.sentences, strict=True) if not s.read)
        verdicts = classify_passage(cands, total_of, folded, fold(p.before), doc, caption, p.kind == "table")
        by_id = {c.id: c for c in cands}
        figures, unplaced, state = _figures_of_passage(p, cands, verdicts, total_of, by_id, folded, doc, state)
        for c, verdict in zip(cands, verdicts, strict=True):
            where = p.sentences[c.sent].where_at(c.start).label()
            made = figures.get(c.id, ())
            reason = "" if made else (verdict.reason if isinstance(verdict, Skip) else unplaced.get(c.id, NO_PROVINCE))
            outcomes.append(((c.sent, c.start), Outcome(where, c.number_text, c.sentence, c.start, made, reason)))
        return [o for _, o in sorted(outcomes, key=lambda t: t[0])], state


def _figures_of_passage(p: Passage, cands: list[Candidate], verdicts: list[Verdict], total_of: dict[int, int],
                        by_id: dict[int, Candidate], folded: list[str], doc: DocContext,
                        state: PlaceState) -> tuple[dict[int, tuple[Figure, ...]], dict[int, str], PlaceState]:
    """{candidate id: its figures}, {candidate id: why it has no place}, and the places the passage
    leaves for the next one; a derived figure belongs to the change that implies it."""
    out: dict[int, tuple[Figure, ...]] = {}
    unplaced: dict[int, str] = {}
    meaning = {c.id: v for c, v in zip(cands, verdicts, strict=True) if isinstance(v, Meaning)}
    if p.kind == "heading":
        return out, unplaced, state.under_heading(p.sentences[0].text, doc)
    para_place = state.section
    heading = [fold(p.heading)] if p.heading else []
    previous: list[tuple[Candidate, Figure, Period]] = []  # the figures of the sentence before (no parts)
    for si, s in enumerate(p.sentences):
        last = compared_figure(folded[si], previous, doc.lex)
        if last is not None and not any(c.sent == si and c.id in meaning for c in cands):
            found = derived_in_next_sentence(*last, folded[si], [c for c in cands if c.sent == si])
            if found is not None:
                owner, earlier = found
                key = owner.id if owner is not None else last[0].id
                out[key] = (*out.get(key, ()), earlier)
        previous = []
        for c in (c for c in cands if c.sent == si and c.id in meaning):
            anchor = by_id[total_of[c.id]] if c.id in total_of and by_id[total_of[c.id]].sent != c.sent else c
            made = _figure(c, anchor, meaning[c.id], para_place, state.last_named, p, heading + folded, doc)
            if isinstance(made, str):
                unplaced[c.id] = made
                continue
            fig, period = made
            out[c.id] = (*out.get(c.id, ()), fig)
            if c.id not in total_of:  # the next sentence's comparison is of a total, not of its parts
                previous.append((c, fig, period))
            derived = derived_figure(c, cands, fig, period)
            if derived is not None:
                owner, earlier = derived
                out[owner.id] = (*out.get(owner.id, ()), earlier)
        for owner, earlier in _compared_in_later_clause(si, folded[si], cands, meaning, previous, doc):
            out[owner.id] = (*out.get(owner.id, ()), earlier)
        if not s.read:
            para_place = _caption_place(s.text, para_place, doc)
        elif p.kind != "table":  # a table's rows each name their own place, or none
            para_place = carried_place(s.text, para_place, doc.finder)
        state = state.after(s.text, para_place, doc)
    return out, unplaced, state


def _compared_in_later_clause(si: int, folded: str, cands: list[Candidate], meaning: dict[int, Meaning],
                              figures: list[tuple[Candidate, Figure, Period]],
                              doc: DocContext) -> list[tuple[Candidate, Figure]]:
    """'… tiếp nhận 41.880 đơn thư; so với năm ngoái, số đơn giảm 6,1%': a clause after ";" with a
    change and no figure of its own compares the figure of an earlier clause whose unit it names."""
    out = []
    bounds = [i for i, ch in enumerate(folded) if ch == ";"] + [len(folded)]
    for start, end in pairwise(bounds):
        own = [c for c in cands if c.sent == si and start < c.start < end]
        if not any(c.delta for c in own) or any(c.id in meaning for c in own):
            continue
        last = compared_figure(folded[start + 1:end], [f for f in figures if f[0].start < start], doc.lex,
                               named_only=True)
        found = derived_in_next_sentence(*last, folded, own) if last else None
        if found is not None and found[0] is not None:
            out.append(found)
    return out


def _caption_place(caption: str, current: Place, doc: DocContext) -> Place:
    """A table's caption names the place of its rows ("… của tỉnh Kon Tum"), whatever its level."""
    named = [p for _, p, _ in doc.finder.places(caption, current)]
    return max(named, key=lambda p: p.specific) if named else current


def _figure(c: Candidate, anchor: Candidate, meaning: Meaning, para_place: Place, last_named: Place | None,
            p: Passage, earlier: list[str], doc: DocContext) -> tuple[Figure, Period] | str:
    """The figure and its period, or why it has no place. `earlier`: the folded heading, then the
    passage's sentences (the lookback for a period)."""
    before = earlier[:len(earlier) - len(p.sentences) + anchor.sent]
    if p.kind == "table":  # a cell leans on the caption and the heading, not on the cells before it
        skip = {i + len(earlier) - len(p.sentences) for i, s in enumerate(p.sentences) if s.read}
        before = [t for i, t in enumerate(before) if i not in skip]
    period = period_of(anchor, before, meaning.indicator, doc)
    place = respective_place(anchor, para_place, doc)
    if place is None and listed_together(anchor, doc):
        return SEVERAL_PLACES
    place = place or place_of(anchor, para_place, last_named, doc, on=period.end)
    if place.province is None:
        return NO_PROVINCE
    return Figure(
        doc=doc.report.doc,
        province=place.province.name,
        district=place.district.name if place.district else place.district_name,
        indicator=meaning.indicator,
        breakdown=meaning.breakdown,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        value=c.value,
        qualifier=c.qualifier,
        quote=c.sentence,
        locality_id=(place.district.id if place.district else ("" if place.district_name else place.province.id)),
        number_text=context_snippet(c),
        paragraph=p.sentences[c.sent].paragraph_at(c.start, p.para),
        sentence=c.sent,
        where=p.sentences[c.sent].where_at(c.start).label(),
    ), period


def extract_figures(report: Report) -> list[Figure]:
    return Extractor().extract(report)


def extract_file(path: Path) -> list[Figure]:
    return extract_figures(read_report(path))
