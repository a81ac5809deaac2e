"""Which place a figure is about: the places a sentence names, the report's subject, the place a
paragraph or a heading carries, and the rules that choose among them."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from domain.reform import REFORM_DATE
from etl.gazetteer import Gazetteer, Locality, Mention
from etl.textnorm import fold
from etl.vnnumbers import NUMBER_RE

if TYPE_CHECKING:
    from etl.candidates import Candidate
    from etl.doc_context import DocContext



@dataclass(frozen=True)
class Place:
    province: Locality | None
    district: Locality | None = None
    district_name: str = ""

    @property
    def specific(self) -> int:
        return 2 if (self.district or self.district_name) else (1 if self.province else 0)

    @property
    def label(self) -> str:
        if self.province is None:
            return ""
        district = self.district.name if self.district else self.district_name
        return f"{district}, {self.province.name}" if district else self.province.name


NOWHERE = Place(None)
_FORMER = re.compile(r"\s*\(?\s*cũ(?![\wÀ-ỹ])")  # "tỉnh Bình Định (cũ)", "huyện Chư Sê cũ"


class PlaceFinder:
    """Places named in text, resolved against the gazetteer as of the report's date."""

    def __init__(self, gaz: Gazetteer, ref_date: date | None) -> None:
        self.gaz = gaz
        self.ref_date = ref_date

    def pick_version(self, cands: tuple[Locality, ...]) -> Locality:
        """Old Gia Lai before 1 July 2025, the merged one after; when the date is unknown, the old."""
        if self.ref_date:
            valid = [c for c in cands if c.valid_on(self.ref_date)]
            if valid:
                return valid[0]
        older = [c for c in cands if c.valid_from is None]
        return (older or list(cands))[0]

    def resolve(self, m: Mention, context: Place | None) -> Place | None:
        ctx_prov = context.province if context else None
        if m.unknown_name:
            return self._unknown(m, ctx_prov)
        cands = list(m.candidates)
        dated = [c for c in cands if c.valid_on(self.ref_date)] if self.ref_date else []
        cands = dated or cands
        if m.province_hint:
            names = {fold(h.name) for h in m.province_hint}
            hinted = [c for c in cands if fold(self.gaz.province_of(c).name) in names]
            cands = hinted or cands
        elif ctx_prov is not None:
            same = [c for c in cands if fold(self.gaz.province_of(c).name) == fold(ctx_prov.name)]
            cands = same or cands
        if m.level == "province":
            return Place(self.pick_version(tuple(cands)))
        district = next((c for c in cands if c.level == "district"), None)
        if district is None:
            commune = self.gaz.commune_on(cands, self.ref_date)
            return Place(self.gaz.province_of(commune), commune) if commune else None
        return Place(self.gaz.province_of(district), district)

    def _unknown(self, m: Mention, ctx_prov: Locality | None) -> Place | None:
        """A district or commune the gazetteer does not hold ("huyện Xuyên Mộc"); a name is written with
        a capital ("Ban Dân vận Huyện ủy" names no district "ủy")."""
        if not m.unknown_name[:1].isupper():
            return None
        prov = self.pick_version(m.province_hint) if m.province_hint else ctx_prov
        if prov is None:
            return None
        if m.level == "commune":
            # Communes count on their own only after July 2025, when they sit under the province.
            after = self.ref_date is not None and self.ref_date >= REFORM_DATE
            return Place(prov, None, m.unknown_name) if after else None
        return None if self.gaz.knows_all_districts(prov) else Place(prov, None, m.unknown_name)

    def _now_part_of(self, place: Place, on: date | None) -> Place:
        """"Tỉnh Bình Định (cũ)" for a figure after the reform: an area of the province it merged into."""
        successor = self.gaz.by_id.get(place.province.successor_id) if place.province else None
        return Place(successor) if successor and on is not None and on >= REFORM_DATE else place

    def places(self, text: str, context: Place | None, *, strong_only: bool = False,
               on: date | None = None) -> list[tuple[int, Place, bool]]:
        """(position, place, named outright) for each place named in `text`; a province named only
        as the hint of a district before it ("huyện Đak Pơ (tỉnh Gia Lai)") is not a place of its own.
        `on`: the day the places are about (a figure's last day), else the report's date."""
        mentions = self.gaz.mentions(text)
        hint_spans = set()
        for m in mentions:
            if m.province_hint:  # the province right after it, not every later one ("…; tỉnh Kon Tum …")
                hint = next((o for o in mentions if o.start >= m.end), None)
                if hint is not None and hint.level == "province":
                    hint_spans.add((hint.start, hint.end))
        out = []
        folded = fold(text)
        for m in mentions:
            if m.level == "province" and (m.start, m.end) in hint_spans and any(
                o.province_hint and o.end <= m.start for o in mentions
            ):
                continue
            if strong_only and not m.strong:
                continue
            place = self.resolve(m, context)
            if place and m.level == "province" and _FORMER.match(folded, m.end):
                place = self._now_part_of(place, on or self.ref_date)
            if place:
                out.append((m.start, place, m.strong))
        return out


def subject_of(lead: str, title: str, finder: PlaceFinder) -> Place:
    """The report's own place: the most specific place of its lead paragraph, else of its title."""
    best: Place | None = None
    first_prov: Place | None = None
    for text in (lead, title):
        for _, place, _strong in finder.places(text, first_prov):
            if first_prov is None and place.province:
                first_prov = Place(place.province)
            if best is None or place.specific > best.specific:
                best = place
    return best or NOWHERE


def carried_place(sentence: str, current: Place, finder: PlaceFinder) -> Place:
    """A district named outright ("Ở huyện Chư Prông") holds for the rest of the paragraph; a list of
    districts ("gồm Đak Pơ, Ia Grai, …") holds none of them."""
    districts = [p for _, p, _ in finder.places(sentence, current, strong_only=True) if p.specific == 2]
    return districts[0] if districts and not _lists_places(sentence, finder.gaz) else current


@dataclass(frozen=True)
class PlaceState:
    """The places one passage leaves to the next: the place of the section (the last heading that
    named one, else the report's subject) and the district named last, in any sentence."""

    section: Place
    last_named: Place | None = None

    def under_heading(self, heading: str, doc: DocContext) -> PlaceState:
        """A heading that names a place makes it the section's; one that names none keeps the last."""
        places = [p for _, p, _ in doc.finder.places(heading, self.section)]
        if not places:
            return self
        best = max(places, key=lambda p: p.specific)
        return PlaceState(best, best if best.specific == 2 else None)

    def after(self, sentence: str, para_place: Place, doc: DocContext) -> PlaceState:
        named = [p for _, p, _ in doc.finder.places(sentence, para_place) if p.specific == 2]
        if _lists_places(sentence, doc.gaz):
            return replace(self, last_named=None)  # a list of districts: none is "the district" after it
        return replace(self, last_named=named[-1]) if named else self


# Between two places of one list: commas, "và", level words ("các huyện Chư Sê, Chư Prông và thị xã An Khê").
_LIST_GAP = re.compile(r"\s*(?:(?:,|và|cùng|các|huyện|quận|thị xã|thành phố|tp\.|xã|phường|thị trấn)\s*)*")


def respective_place(c: Candidate, para_place: Place, doc: DocContext) -> Place | None:
    """'Quận Cầu Giấy, huyện Thanh Trì và huyện Phú Xuyên … lần lượt 38, 31 và 29 cuộc': the i-th number
    after "lần lượt" is of the i-th place named before it, when there are as many places as numbers."""
    f = c.folded
    said = [m for m in doc.lex.words_re["respectively"].finditer(f, 0, c.start) if ";" not in f[m.end():c.start]]
    if not said:
        return None
    at = said[-1]
    end = min(i for i in (f.find(";", at.end()), f.find(". ", at.end()), len(f)) if i >= 0)
    numbers = [m.start() for m in NUMBER_RE.finditer(c.sentence, at.end(), end)]
    named = [p for _, p, _ in doc.finder.places(c.sentence[:at.start()], para_place) if p.specific == 2]
    named = [p for i, p in enumerate(named) if p not in named[:i]]
    if c.start not in numbers or len(named) != len(numbers):
        return None
    return named[numbers.index(c.start)]


def listed_together(c: Candidate, doc: DocContext) -> bool:
    """'Tại các huyện Chư Sê, Chư Prông, Đức Cơ, … 1.200 mô hình': two or more districts (or communes)
    listed one after the other before the number in its clause give it no single place."""
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    return _lists_places(c.sentence, doc.gaz, clause_start, c.start)


def _lists_places(sentence: str, gaz: Gazetteer, start: int = 0, end: int | None = None) -> bool:
    """Two or more districts (or communes) named one after the other, with no number after them up to
    `end`, in `sentence[start:end]`."""
    end = len(sentence) if end is None else end
    folded = fold(sentence)
    named = [m for m in gaz.mentions(sentence[:end]) if m.start >= start and m.level != "province" and m.candidates]
    for a, b in pairwise(named):
        if fold(a.text) != fold(b.text) and a.level == b.level and _LIST_GAP.fullmatch(folded[a.end:b.start]) \
                and not re.search(r"\d", folded[b.end:end]):
            return True
    return False


# A bare level word that refers back to a place named earlier ("Trong năm, toàn huyện tiếp …").
_BACK_REFERENCE = re.compile(r"(?<![\wÀ-ỹ])(huyện|quận|thị xã|thành phố|xã|phường)(?![\wÀ-ỹ])(?! ủy)")
_NOT_A_REFERENCE_BEFORE = ("cấp", "các", "những", "mỗi", "nhiều", "giữa", "mọi")


def referred_back(c: Candidate, last_named: Place | None) -> Place | None:
    """The district named last, when the number's clause calls it by its level alone ("huyện",
    "thị xã") and names no place of its own."""
    if last_named is None:
        return None
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    for m in _BACK_REFERENCE.finditer(c.folded, clause_start, c.start):
        prev_word = c.folded[:m.start()].split()[-1:] or [""]
        if prev_word[0] in _NOT_A_REFERENCE_BEFORE or re.search(r"\d/\d+\s*$", c.folded[:m.start()]):
            continue
        nxt = c.sentence[m.end():m.end() + 2].strip()
        if nxt[:1].isupper():
            continue  # "huyện Chư Sê": a name, not a reference
        if _level_fits(m.group(1), last_named):
            return last_named
    return None


def _level_fits(word: str, place: Place) -> bool:
    """"huyện" refers back to a huyện; a place the gazetteer does not hold has no known kind."""
    if place.district is not None:
        return place.district.kind == word
    return bool(place.district_name)


def place_of(c: Candidate, para_place: Place, last_named: Place | None, doc: DocContext,
             on: date | None = None) -> Place:
    """The place of one number: the most specific place named before it in its clause, unless a
    word says the whole province ("toàn tỉnh"), a province's own body speaks ("Thanh tra thành
    phố"), or the paragraph's district is more specific; with none named, the district the clause
    refers back to ("toàn huyện"), else the paragraph's place."""
    finder, subject = doc.finder, doc.subject
    places = finder.places(c.sentence, para_place, on=on)
    before = [p for p in places if p[0] < c.start]
    ctx_province = (para_place if para_place.province else subject).province
    wide_words = _said_of(ctx_province, doc.lex.context["province_wide"])
    wide_pos = max((c.folded.rfind(w, 0, c.start) for w in wide_words), default=-1)
    if wide_pos >= 0 and all(p[0] < wide_pos or p[1].specific == 1 for p in before) or \
            any(w in c.folded for w in wide_words) and not places:
        named = [p for pos, p, _ in before if pos >= wide_pos >= 0]  # "toàn tỉnh Gia Lai": that province
        return named[-1] if named else Place(ctx_province)
    body = _province_body(c, places, _said_of(ctx_province, doc.lex.context["province_bodies"]))
    if body is not None:
        clause_start = c.folded.rfind(";", 0, c.start) + 1
        named = [p for pos, p, _ in places if clause_start <= pos < c.start and p.specific == 1]
        return named[-1] if named else Place(ctx_province)
    if not before:  # a place after the number, before the next number of its clause (which it would be of)
        clause_end = min([x for x in (c.folded.find(";", c.end), len(c.folded)) if x >= 0])
        nxt = re.search(r"\d", c.folded[c.unit_end:clause_end])
        clause_end = c.unit_end + nxt.start() if nxt else clause_end
        before = [p for p in places if p[0] < clause_end]
    if not before:
        back = referred_back(c, last_named) if para_place.specific < 2 else None
        return back if back and back.province == para_place.province else para_place
    _pos, place, strong = max(before, key=lambda t: (t[1].specific, t[2], -abs(t[0] - c.start)))
    place = _own_clause_province(c, before, place)
    ctx = para_place
    if place.specific < ctx.specific and ctx.province and place.province and \
            fold(place.province.name) == fold(ctx.province.name) and \
            not any(w in c.folded for w in wide_words):
        return ctx
    if place.specific == 1 and not strong and ctx.specific == 2:
        return ctx
    return place


def _own_clause_province(c: Candidate, before: list[tuple[int, Place, bool]], chosen: Place) -> Place:
    """'huyện Ba Vì (Hà Nội) tiếp 1.126 lượt; tỉnh Kon Tum tiếp 2.040 lượt': a place of another
    province named in the number's own clause wins over a district of an earlier clause."""
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    own = [(pos, p) for pos, p, _ in before if pos >= clause_start and p.province]
    if not own or chosen.province is None or any(p.province == chosen.province for _, p in own):
        return chosen
    return max(own, key=lambda t: (t[1].specific, t[0]))[1]


def _said_of(province: Locality | None, words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that may mean `province`: "toàn thành phố", "Thanh tra thành phố" mean a province
    that is a city (Hà Nội); in a province (Gia Lai) they mean its city (Pleiku), not the province."""
    if province is None or province.kind == "thành phố":
        return words
    return tuple(w for w in words if "thành phố" not in w and "thủ đô" not in w)


def _province_body(c: Candidate, places: list[tuple[int, Place, bool]], bodies: tuple[str, ...]) -> int | None:
    """Where a province's own body ("Thanh tra thành phố", "Đoàn ĐBQH tỉnh") is named before the
    number in its clause, with no district named after it; None when there is none."""
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    found = [m.start() for w in bodies for m in re.finditer(r"(?<![\wÀ-ỹ])" + re.escape(w) + r"(?![\wÀ-ỹ])",
                                                            c.folded[:c.start]) if m.start() >= clause_start]
    if not found:
        return None
    at = max(found)
    if any(at <= pos < c.start and p.specific == 2 for pos, p, _ in places):
        return None
    return at
