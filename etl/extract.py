"""Vietnamese report text → figures, by rules over the lexicon (data/lexicon.yaml) and the gazetteer.

For every printed number the extractor asks: is it a count of something in the indicator
catalog (the unit after it, the words around it), which part of that indicator (breakdown),
which period (the sentence, the paragraph, the report's lead, the report's date), which place
(the sentence, the paragraph, the report's subject), and is it compared with an earlier year
(a derived figure). Numbers that are labels, money, dates or out of the catalog are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.figure import Figure
from etl.gazetteer import Gazetteer, Locality, Mention, default_gazetteer
from etl.lexicon import Lexicon, Unit, load_lexicon
from etl.periods import Period, PeriodMention, find_periods
from etl.report import Report, read_report, split_sentences
from etl.textnorm import fold
from etl.vnnumbers import NUMBER_RE, parse_vietnamese_number

# Units that count meetings: a bare "62 cuộc" takes the indicator of the "cuộc" before it.
_EVENT_CLASS = {"dialogues", "inspections", "inherit"}
_RECEPTION_WORD = re.compile(r"(?<![\wÀ-ỹ])(?:được |đón |đã )?tiếp(?! (?:tục|theo|cận|thu|xúc|nối|sức|tế|giáp|quản))(?![\wÀ-ỹ])")
REFORM_DATE = date(2025, 7, 1)  # district level abolished, provinces merged


@dataclass
class Place:
    province: Locality | None
    district: Locality | None = None
    district_name: str = ""

    @property
    def specific(self) -> int:
        return 2 if (self.district or self.district_name) else (1 if self.province else 0)


@dataclass
class Candidate:
    para: int
    sent: int
    sentence: str
    folded: str
    start: int
    end: int
    unit_end: int
    number_text: str
    value: float
    qualifier: str
    unit: Unit | None
    percent: bool = False
    delta: str = ""  # "up" / "down" when the number is a change ("tăng 118 lượt")
    indicator: str = ""
    breakdown: str = ""
    total: "Candidate | None" = None
    parts: list["Candidate"] = field(default_factory=list)
    skip: str = ""

    @property
    def unit_class(self) -> str:
        if self.unit is None:
            return ""
        if self.unit.indicator in _EVENT_CLASS:
            return "event"
        if self.unit.indicator == "models":
            return "models"
        if self.unit.indicator == "commendations":
            return "people"
        if self.unit.indicator in ("reception_turns", "group_delegations"):
            return "turns"
        return self.unit.indicator


class Extractor:
    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer or default_gazetteer()
        self.lex = lexicon or load_lexicon()

    def extract(self, report: Report) -> list[Figure]:
        return _DocExtraction(report, self.gaz, self.lex).run()


def extract_figures(report: Report) -> list[Figure]:
    return Extractor().extract(report)


def extract_file(path: Path) -> list[Figure]:
    return extract_figures(read_report(path))


class _DocExtraction:
    def __init__(self, report: Report, gaz: Gazetteer, lex: Lexicon) -> None:
        self.r = report
        self.gaz = gaz
        self.lex = lex
        self.ref_date = report.reference_date
        self.title_f = fold(report.title)
        self.lead_f = fold(report.lead)
        self.subject = self._subject()
        self.doc_period = self._doc_period()
        self._qualifier_res = [(q, _ending_with(words)) for q, words in lex.qualifiers.items()]
        self._delta_res = [(d, _ending_with(lex.comparison[d], r"(?: (?:thêm|được|khoảng|gần|hơn))?"))
                           for d in ("up", "down")]
        self._units_by_phrase = {u.phrase: u for u in lex.units}
        self._joiners = re.compile(r"\b(?:" + "|".join(map(re.escape, lex.context["list_joiners"])) + r")\b")
        self._wide = lex.context["province_wide"]
        self.is_voter_doc = ("cử tri" in self.title_f or "tiếp xúc cử tri" in self.lead_f) and \
            "đối thoại" not in self.title_f + self.lead_f

    # --- the report as a whole -----------------------------------------------------
    def _resolve(self, m: Mention, context: Place | None) -> Place | None:
        ctx_prov = context.province if context else None
        if m.unknown_name:
            prov = self._pick_version(m.province_hint) if m.province_hint else ctx_prov
            if prov is None:
                return None
            if m.level == "commune":
                # Communes count on their own only after July 2025, when they sit under the province.
                after = self.ref_date is not None and self.ref_date >= REFORM_DATE
                return Place(prov, None, m.unknown_name) if after else None
            return None if self.gaz.knows_all_districts(prov) else Place(prov, None, m.unknown_name)
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
            return Place(self._pick_version(tuple(cands)))
        district = next((c for c in cands if c.level == "district"), None)
        if district is None:
            commune = cands[0]
            return Place(self.gaz.province_of(commune), None, commune.name)
        return Place(self.gaz.province_of(district), district)

    def _pick_version(self, cands: tuple[Locality, ...]) -> Locality:
        """Old Gia Lai before 1 July 2025, the merged one after; when the date is unknown, the old."""
        if self.ref_date:
            valid = [c for c in cands if c.valid_on(self.ref_date)]
            if valid:
                return valid[0]
        older = [c for c in cands if c.valid_from is None]
        return (older or list(cands))[0]

    def _places(self, text: str, context: Place | None, *, strong_only: bool = False) -> list[tuple[int, Place, bool]]:
        mentions = self.gaz.mentions(text)
        hint_spans = set()
        for m in mentions:
            if m.province_hint:
                hint_spans.update((o.start, o.end) for o in mentions if o.level == "province" and o.start >= m.end)
        out = []
        for m in mentions:
            if m.level == "province" and (m.start, m.end) in hint_spans and any(
                o.province_hint and o.end <= m.start for o in mentions
            ):
                continue
            if strong_only and not m.strong:
                continue
            place = self._resolve(m, context)
            if place:
                out.append((m.start, place, m.strong))
        return out

    def _subject(self) -> Place:
        lead = self.r.lead
        best: Place | None = None
        first_prov: Place | None = None
        for text in (lead, self.r.title):
            for _, place, _strong in self._places(text, first_prov):
                if first_prov is None and place.province:
                    first_prov = Place(place.province)
                if best is None or place.specific > best.specific:
                    best = place
        return best or Place(None)

    def _doc_period(self) -> PeriodMention | None:
        texts = [self.lead_f, self.title_f]
        for t in texts:
            for pm in find_periods(t):
                if pm.compare or pm.ref == "duration":
                    continue
                return pm
        return None

    # --- main loop ---------------------------------------------------------------------
    def run(self) -> list[Figure]:
        figures: list[Figure] = []
        seen: set[tuple[object, ...]] = set()
        for pi, para in enumerate(self.r.paragraphs):
            sentences = split_sentences(para)
            cands = self._candidates(pi, sentences)
            self._link_parts(cands)
            for c in cands:
                self._classify(c, cands, sentences, pi)
            para_place = self.subject
            for si, sentence in enumerate(sentences):
                sentence_cands = [c for c in cands if c.sent == si]
                strong_here = self._places(sentence, para_place, strong_only=True)
                for c in sentence_cands:
                    if not c.indicator or c.skip:
                        continue
                    for fig in self._figures(c, cands, para_place, sentences):
                        if fig.key() in seen:
                            continue
                        seen.add(fig.key())
                        figures.append(fig)
                # A place named outright ("Ở huyện Chư Prông") holds for the rest of the paragraph.
                districts = [p for _, p, _ in strong_here if p.specific == 2]
                if districts:
                    para_place = districts[0]
        return figures

    # --- numbers and their units -------------------------------------------------------
    def _candidates(self, pi: int, sentences: list[str]) -> list[Candidate]:
        out: list[Candidate] = []
        for si, sentence in enumerate(sentences):
            folded = fold(sentence)
            for m in NUMBER_RE.finditer(sentence):
                c = self._candidate(pi, si, sentence, folded, m)
                if c:
                    out.append(c)
        return out

    def _candidate(self, pi: int, si: int, sentence: str, folded: str, m: re.Match[str]) -> Candidate | None:
        start, end = m.span()
        before = folded[:start].rstrip()
        last_word = re.search(r"([\wÀ-ỹ.]+)$", before)
        if last_word and last_word.group(1) in self.lex.label_words and not before.endswith("tổng số"):
            return None
        if before.endswith(("(", "/")) and re.match(r"\s*(?:/|\))", folded[end:]) is None and before.endswith("/"):
            return None
        after = folded[end:]
        multiplier = 1
        mm = re.match(r"\s+(" + "|".join(map(re.escape, self.lex.multipliers)) + r")(?![\wÀ-ỹ])", after)
        if mm:
            multiplier = self.lex.multipliers[mm.group(1)]
            after = after[mm.end():]
        percent = bool(re.match(r"\s*(%|phần trăm)", after))
        unit, unit_len = self._unit(after)
        try:
            value = parse_vietnamese_number(m.group(1), count=not percent) * multiplier
        except ValueError:
            return None
        qualifier = "exact"
        for q, pattern in self._qualifier_res:
            if pattern.search(before):
                qualifier = q
        delta = ""
        for direction, pattern in self._delta_res:
            if pattern.search(before) and any(a in folded[end:end + 80] for a in self.lex.comparison["against"]):
                delta = direction
        unit_end = end + (len(folded[end:]) - len(after)) + unit_len
        return Candidate(pi, si, sentence, folded, start, end, unit_end, m.group(0), value, qualifier,
                         unit, percent=percent, delta=delta)

    def _unit(self, after: str) -> tuple[Unit | None, int]:
        """The unit right after a number ("lượt công dân"), unless a longer non-unit ("đơn vị") is there."""
        m = self.lex.unit_re.match(after)
        if not m:
            return None, 0
        non = self.lex.non_unit_re.match(after)
        if non and len(non.group(1)) >= len(m.group(1)):
            return None, 0
        return self._units_by_phrase[m.group(1)], m.end()

    # --- parts and totals -------------------------------------------------------------
    def _link_parts(self, cands: list[Candidate]) -> None:
        """'31.609 đơn, gồm 2.850 …, 1.168 … và 27.591 …': numbers after a total that add up to it."""
        for i, total in enumerate(cands):
            if total.unit is None or total.delta or total.percent or total.total is not None:
                continue
            followers = [c for c in cands[i + 1:]
                         if c.sent in (total.sent, total.sent + 1) and c.unit is not None
                         and not c.delta and not c.percent and _compatible(total, c)]
            for j in range(len(followers)):
                acc = 0.0
                for k in range(j, len(followers)):
                    acc += followers[k].value
                    if k > j and abs(acc - total.value) < 1e-9:
                        run = followers[j:k + 1]
                        if all(p.total is None for p in run) and (run[0].sent == total.sent or _intro(run[0])):
                            for p in run:
                                p.total = total
                            total.parts = run
                        break
                    if acc > total.value:
                        break
                if total.parts:
                    break

    # --- what each number counts -------------------------------------------------------
    def _classify(self, c: Candidate, cands: list[Candidate], sentences: list[str], pi: int) -> None:
        if c.unit is None or c.percent:
            return
        if c.delta:
            return  # read together with the figure it changes
        if c.total is not None:
            if not c.total.indicator:
                self._classify(c.total, cands, sentences, pi)
            if not c.total.indicator:
                return
            c.indicator = c.total.indicator
            left, right = _windows(c, cands)
            c.breakdown = self._breakdown(c, c.indicator, part=True, left=left, right=right)
            if c.breakdown == "total":
                c.breakdown = ""
            if not c.breakdown:
                c.skip = "phần của tổng nhưng không rõ là phần nào"
            return
        u = c.unit
        ind = u.indicator
        left, right = _windows(c, cands)
        sent = c.folded
        para = _folded_join(sentences[:c.sent + 1])
        ok = True
        if u.needs == "dialogue":
            ok = ("đối thoại" in para or "đối thoại" in self.title_f + self.lead_f) and \
                not self.lex.has("voter_meeting", sent) and not self.is_voter_doc
        elif u.needs == "dialogue_speakers":
            ok = ("đối thoại" in para or "đối thoại" in self.title_f + self.lead_f) and \
                any(w in right for w in self.lex.context["opinion_speaker"]) and \
                not self.lex.has("voter_meeting", sent) and not self.is_voter_doc
        elif u.needs == "reception":
            ok = bool(_RECEPTION_WORD.search(sent)) and "tiếp xúc cử tri" not in sent
        elif u.needs == "persons_after_turns":
            prev = [x for x in cands if x.sent == c.sent and x.end <= c.start and x.indicator == "reception_turns"]
            ok = bool(prev) and bool(re.fullmatch(r"\s*(?:,\s*)?(?:với|của|gồm)\s*", c.folded[prev[-1].unit_end:c.start]))
        elif u.needs == "petition":
            ok = self._is_received_petition(c, left, right)
        elif u.needs == "dvk":
            here = _folded_join(sentences[max(0, c.sent - 1):c.sent + 1])
            ok = self.lex.has("dvk", here) and not any(right.lstrip().startswith(w)
                                                         for w in self.lex.context["models_not_dvk"])
        elif u.needs == "not_voter":
            ok = "cử tri" not in sent
        elif u.needs == "commendation":
            ok = self._is_commendation(c, sentences, pi)
        if not ok:
            c.skip = f"ngoài danh mục ({u.phrase})"
            return
        if ind == "inherit":
            prev = [x for x in cands if x.sent == c.sent and x.end <= c.start and x.indicator
                    and x.unit_class == "event" and not x.delta]
            if prev:
                ind = prev[-1].indicator
            elif "đối thoại" in left[-40:] and not self.lex.has("voter_meeting", sent):
                ind = "dialogues"  # "đã đối thoại trực tiếp 120 cuộc"
            elif re.search(r"thanh tra\s*$", left) or "thanh tra" in right[:15]:
                ind = "inspections"
            else:
                c.skip = "cuộc/hội nghị không rõ là gì"
                return
        if ind == "models":
            verb = self._model_verb(right.split(",")[0], left)
            if verb:
                ind = verb
            else:
                sibling = self._joined_sibling(c, cands)
                if sibling is not None:
                    ind = sibling.indicator
                elif self.lex.has("dvk", sent) and not self.lex.has("models_other", right):
                    ind = "models_registered"  # "phong trào … với 600 mô hình": models carried out
                else:
                    c.skip = "mô hình nhưng không rõ đăng ký hay công nhận"
                    return
            if any(w in left[-30:] for w in self.lex.context["average"]):
                c.skip = "số bình quân, không phải số của một kỳ"
                return
        c.indicator = ind
        c.breakdown = u.breakdown or self._breakdown(c, ind, part=False, left=left, right=right)
        if ind == "reception_persons":
            # "tiếp thường xuyên 156.254 lượt với 160.043 công dân": the persons of those turns.
            prev = [x for x in cands if x.sent == c.sent and x.end <= c.start and x.indicator == "reception_turns"]
            if prev and re.fullmatch(r"\s*(?:,\s*)?(?:với|của|gồm)\s*", c.folded[prev[-1].unit_end:c.start]):
                c.breakdown = prev[-1].breakdown
        if u.breakdown == "exemplar" or (ind.startswith("models") and u.phrase == "mô hình"):
            siblings = [x for x in cands if x.sent == c.sent and x is not c and x.unit and x.unit.phrase in ("mô hình", "điển hình")
                        and x.unit.phrase != u.phrase and x.total is None]
            if siblings and c.breakdown in ("", "total"):
                c.breakdown = "model" if u.phrase == "mô hình" else "exemplar"
            elif not siblings and u.breakdown == "exemplar" and c.breakdown == "exemplar":
                c.breakdown = "exemplar"
        if not c.breakdown:
            c.breakdown = "total"

    def _model_verb(self, right: str, left: str) -> str:
        """Registered or recognised: a verb right after the unit decides ("được công nhận"),
        else the verb nearest before the number ("đã đăng ký 1.556 mô hình")."""
        positions = self.lex.word_ends
        if positions("recognized", right):
            return "models_recognized"
        if positions("registered", right):
            return "models_registered"
        rec, reg = positions("recognized", left), positions("registered", left)
        if not rec and not reg:
            return ""
        return "models_recognized" if max(rec, default=-1) > max(reg, default=-1) else "models_registered"

    def _joined_sibling(self, c: Candidate, cands: list[Candidate]) -> Candidate | None:
        """'1.821 mô hình cùng 1.416 điển hình', '…; trong đó, thành phố Pleiku 210 mô hình': the second
        shares the first one's verb (a list by part or by place)."""
        prev = [x for x in cands if x.sent == c.sent and x.end <= c.start and x.indicator and not x.delta]
        if not prev or prev[-1].unit_class != c.unit_class:
            return None
        start = prev[-1].unit_end
        clause = c.folded.rfind(";", start, c.start)
        start = clause + 1 if clause >= 0 else start
        gap = c.folded[start:c.start]
        for m in self.gaz.mentions(c.sentence[start:c.start]):
            gap = gap[:m.start] + " " * (m.end - m.start) + gap[m.end:]
        gap = self._joiners.sub(" ", gap)
        return prev[-1] if not gap.strip(" ,;:()-") else None

    def _is_received_petition(self, c: Candidate, left: str, right: str) -> bool:
        near_right = right[:40]
        if any(w in near_right for w in self.lex.context["petition_reject"]):
            return False
        if "vụ" in left[-12:] or any(w in left[-30:] for w in self.lex.context["petition_subset"]):
            return False
        receipt = bool(self.lex.word_ends("petition_receipt", left))
        typed = bool(re.match(r"\s*(?:đơn\s+)?(?:thư\s+)?(?:khiếu nại|tố cáo|kiến nghị|phản ánh|các loại|kntc)", c.folded[c.end:]))
        return receipt or typed

    def _is_commendation(self, c: Candidate, sentences: list[str], pi: int) -> bool:
        """Praise for dân vận work: said in the sentence, or the paragraph, the one before, or the title
        is about it; general emulation and Fatherland Front awards are not."""
        sent = c.folded
        if not self.lex.has("commendation", sent):
            return False
        if self.lex.has("dan_van", sent):
            return True
        if self.lex.has("not_dan_van_award", sent):
            return False
        around = _folded_join([*sentences, self.r.paragraphs[pi - 1] if pi > 0 else ""])
        return self.lex.has("dan_van", around) or self.lex.has("dan_van", self.title_f)

    def _breakdown(self, c: Candidate, indicator: str, *, part: bool, left: str = "", right: str = "") -> str:
        key = "models" if indicator.startswith("models") else indicator
        rules = self.lex.breakdowns.get(key, ())
        if c.unit and c.unit.breakdown and c.unit.indicator != "models":
            return c.unit.breakdown
        if c.unit and c.unit.indicator == "commendations" and key == "models":
            return c.unit.breakdown
        if not left and not right:
            left, right = _windows(c, None)
        anchored = key == "petitions"
        if not anchored:
            right = right.split(",")[0]
            for sep in (",", " và "):
                tail = left.split(sep)[-1]
                if sep in left and tail.strip():
                    left = tail
        has_levels = any(b.endswith("_level") for b, _ in rules)
        for window, is_right in ((right, True), (left, False)):
            if has_levels and any(cue in window for cue in self.lex.total_cues):
                return "total"
            hits = []
            for breakdown, words in rules:
                if key == "models" and not part and not is_right and breakdown in ("collective", "individual"):
                    continue  # "các cơ quan, đơn vị và cá nhân đã đăng ký 90 mô hình" is not a split
                for w in words:
                    pos = window.find(w)
                    if pos < 0:
                        continue
                    if anchored and is_right and pos > 8:
                        continue
                    hits.append((pos if is_right else -pos - len(w), -len(w), breakdown))
                    break
            if hits:
                levels = {b for *_, b in hits if b.endswith("_level")}
                if len(levels) > 1:
                    return "total"
                hits.sort()
                return hits[0][2]
        if c.unit and c.unit.phrase == "điển hình":
            return "exemplar"
        return ""

    # --- one candidate → figures (with a derived one for a comparison) ------------------
    def _figures(self, c: Candidate, cands: list[Candidate], para_place: Place,
                 sentences: list[str]) -> list[Figure]:
        period = self._period(c, cands, sentences)
        place = self._place(c, para_place)
        if place.province is None:
            return []
        fig = Figure(
            doc=self.r.doc,
            province=place.province.name,
            district=place.district.name if place.district else place.district_name,
            indicator=c.indicator,
            breakdown=c.breakdown,
            period_kind=period.kind,
            period_start=period.start,
            period_end=period.end,
            value=c.value,
            qualifier=c.qualifier,
            quote=c.sentence,
            locality_id=(place.district.id if place.district else ("" if place.district_name else place.province.id)),
            number_text=_context_snippet(c),
            paragraph=c.para,
            sentence=c.sent,
        )
        out = [fig]
        derived = self._derived(c, cands, fig, period)
        if derived:
            out.append(derived)
        return out

    def _derived(self, base: Candidate, cands: list[Candidate], fig: Figure, period: Period) -> Figure | None:
        """'2.861 lượt …, tăng 118 lượt so với năm 2023' → 2.743 for 2023, marked derived."""
        nxt = [x for x in cands if x.sent == base.sent and x.start > base.end and x.delta]
        if not nxt:
            return None
        d = nxt[0]
        if not d.percent and d.unit is None:
            return None  # "tăng 2 lần": a ratio, not a difference
        between = base.folded[base.unit_end:d.start]
        if any(x.sent == base.sent and base.end < x.start < d.start and x.unit and not x.delta for x in cands):
            return None
        if ";" in between:
            return None
        if not d.percent and d.unit is not None and d.unit.indicator not in ("inherit",) and \
                d.unit_class not in (base.unit_class, "turns") and d.unit.phrase != base.unit.phrase:
            return None
        tail = base.folded[d.end:]
        target = None
        for pm in find_periods(tail[:80]):
            if pm.compare:
                target = pm.period.year if pm.period else None
                if target is None and period.year:
                    target = period.year - 1
                break
        if target is None or period.year is None or target >= period.year:
            return None
        if d.percent:
            factor = 1 + d.value / 100 if d.delta == "up" else 1 - d.value / 100
            if factor <= 0:
                return None
            value = round(base.value / factor)
            qualifier = "approx"
            how = f"{_fmt(base.value)} / {_fmt(factor)} (“{_phrase(base.folded, d)}”)"
        else:
            value = base.value - d.value if d.delta == "up" else base.value + d.value
            qualifier = base.qualifier if d.qualifier == "exact" else "approx"
            sign = "−" if d.delta == "up" else "+"
            how = f"{_fmt(base.value)} {sign} {_fmt(d.value)} (“{_phrase(base.folded, d)}”)"
        if value < 0:
            return None
        earlier = period.shifted_to_year(target)
        return Figure(
            doc=fig.doc, province=fig.province, district=fig.district, indicator=fig.indicator,
            breakdown=fig.breakdown, period_kind=earlier.kind, period_start=earlier.start,
            period_end=earlier.end, value=float(value), qualifier=qualifier, derived=True,
            derived_how=how, quote=fig.quote, locality_id=fig.locality_id,
            number_text=_context_snippet(d), paragraph=fig.paragraph, sentence=fig.sentence,
        )

    # --- when ----------------------------------------------------------------------------
    def _period(self, c: Candidate, cands: list[Candidate], sentences: list[str]) -> Period:
        if c.total is not None and c.total.sent != c.sent:
            return self._period(c.total, cands, sentences)
        mentions = [pm for pm in find_periods(c.folded) if not pm.compare]
        chosen = _nearest(mentions, c)
        level = "sentence"
        if chosen is None:
            for prev in reversed(sentences[:c.sent]):
                pms = [pm for pm in find_periods(fold(prev)) if not pm.compare and pm.ref != "duration"]
                if pms:
                    chosen = pms[-1] if not any(p.ref == "" for p in pms) else [p for p in pms if p.ref == ""][-1]
                    level = "paragraph"
                    break
        if chosen is None:
            level = "doc"
        if c.indicator == "dialogue_opinions" and level == "doc":
            event = self._event_period()
            if event:
                return event
        if chosen is not None and chosen.ref == "prev":
            for prev in reversed(sentences[:c.sent]):
                pms = [pm for pm in find_periods(fold(prev)) if not pm.compare and not pm.ref]
                if pms:
                    return self._complete(pms[-1])
            chosen = PeriodMention(chosen.start_pos, chosen.end_pos, None, ref="doc")
        if chosen is not None and chosen.ref:
            if chosen.ref == "duration" and chosen.period is None:
                doc = self._resolved_doc_period()
                return doc if doc and doc.kind == "cumulative" else Period("cumulative", None, None, chosen.ref)
            doc = self._resolved_doc_period(skip_ref=True)
            return doc or Period("partial", None, None, "kỳ báo cáo")
        if chosen is None:
            return self._resolved_doc_period() or self._fallback_period()
        return self._complete(chosen)

    def _complete(self, pm: PeriodMention) -> Period:
        """Fill in what the phrase leaves to the report: the year, or the end of "đến nay"."""
        now = self.r.now
        if pm.needs_year:
            year = self._context_year()
            m1, m2 = pm.months or (1, 12)
            if year is None:
                return Period("partial", None, None, "")
            start = date(year, m1, 1)
            if m2 == 0:
                return Period("partial", start, now if now and now.year == year else None, "")
            from etl.periods import _month_end  # noqa: PLC0415
            kind = "year" if (m1, m2) == (1, 12) else "partial"
            return Period(kind, start, _month_end(year, m2), "")
        p = pm.period
        if p is None:
            return Period("partial", None, None, "")
        if pm.needs_now:
            end = now if now and (p.start is None or now >= p.start) else None
            return Period(p.kind, p.start, end, p.text)
        return p

    def _context_year(self) -> int | None:
        dp = self.doc_period
        if dp and dp.period and dp.period.end:
            return dp.period.end.year
        return self.r.now.year if self.r.now else (self.r.published.year if self.r.published else None)

    def _resolved_doc_period(self, skip_ref: bool = False) -> Period | None:
        dp = self.doc_period
        if dp is None:
            return None
        if dp.ref:
            return None if skip_ref else Period("partial", None, None, "kỳ báo cáo")
        return self._complete(dp)

    def _event_period(self) -> Period | None:
        if self.r.event_date:
            return Period("event", self.r.event_date, self.r.event_date, "")
        if self.r.published:
            return Period("event", self.r.published.first, self.r.published.last, "")
        return None

    def _fallback_period(self) -> Period:
        """No period anywhere: the report's own date says the year; the span is up to that date."""
        now = self.r.now
        if now is None:
            return Period("partial", None, None, "")
        return Period("partial", date(now.year, 1, 1), now, "")

    # --- where ---------------------------------------------------------------------------
    def _place(self, c: Candidate, para_place: Place) -> Place:
        if c.total is not None and c.total.sent != c.sent:
            return self._place(c.total, para_place)
        places = self._places(c.sentence, para_place)
        wide = [c.folded.rfind(w, 0, c.start) for w in self._wide]
        wide_pos = max(wide)
        before = [p for p in places if p[0] < c.start]
        if wide_pos >= 0 and all(p[0] < wide_pos for p in before) or \
                any(w in c.folded for w in self._wide) and not places:
            ctx = para_place if para_place.province else self.subject
            return Place(ctx.province)
        if not before:
            clause_end = min([x for x in (c.folded.find(";", c.end), len(c.folded)) if x >= 0])
            before = [p for p in places if p[0] < clause_end]
        if not before:
            return para_place
        best = max(before, key=lambda t: (t[1].specific, t[2], -abs(t[0] - c.start)))
        _pos, place, strong = best
        ctx = para_place
        if place.specific < ctx.specific and ctx.province and place.province and \
                fold(place.province.name) == fold(ctx.province.name) and \
                not any(w in c.folded for w in self._wide):
            return ctx
        if place.specific == 1 and not strong and ctx.specific == 2:
            return ctx
        return place


def _ending_with(words: tuple[str, ...], tail: str = "") -> re.Pattern[str]:
    """A pattern for text that ends with one of `words` (a whole word), then `tail`."""
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + "|".join(map(re.escape, words)) + ")" + tail + "$")


def _folded_join(texts: list[str]) -> str:
    """fold(" ".join(texts)), from the cached folds of each piece (folding works syllable by syllable)."""
    return " ".join(fold(t) for t in texts)


def _compatible(total: Candidate, part: Candidate) -> bool:
    a, b = total.unit_class, part.unit_class
    if a == b:
        return True
    if a == "models" and b == "people":
        return True
    return a == "event" and b == "event"


def _intro(c: Candidate) -> bool:
    """The sentence of the parts starts by saying so ("Trong số này, …", "Khối tập thể đóng góp …")."""
    head = c.folded[:c.start]
    return len(head) < 60


def _windows(c: Candidate, cands: list[Candidate] | None) -> tuple[str, str]:
    """Words before the number back to the previous figure, and after its unit up to the next one."""
    f = c.folded
    prev_end = 0
    next_start = len(f)
    for x in cands or []:
        if x.sent != c.sent or x is c:
            continue
        if x.end <= c.start:
            prev_end = max(prev_end, x.unit_end if x.unit else x.end)
        elif x.start >= c.end:
            next_start = min(next_start, x.start)
    left = f[prev_end:c.start]
    if ";" in left:
        left = left[left.rindex(";") + 1:]
    right = f[c.unit_end:next_start]
    if ";" in right:
        right = right[:right.index(";")]
    return left, right


def _nearest(mentions: list[PeriodMention], c: Candidate) -> PeriodMention | None:
    if not mentions:
        return None
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    before = [pm for pm in mentions if pm.end_pos <= c.start and pm.start_pos >= clause_start]
    if before:
        return before[-1]
    clause_end = c.folded.find(";", c.end)
    clause_end = len(c.folded) if clause_end < 0 else clause_end
    after = [pm for pm in mentions if pm.start_pos >= c.end and pm.start_pos < clause_end]
    if after:
        return after[0]
    earlier = [pm for pm in mentions if pm.end_pos <= c.start]
    return earlier[-1] if earlier else mentions[0]


def _context_snippet(c: Candidate) -> str:
    """The number with the words around it: how the review file finds this figure again."""
    s = c.sentence
    left = s[:c.start].split()[-3:]
    right = s[c.end:].split()[:3]
    return " ".join([*left, c.number_text, *right])


def _phrase(folded: str, d: Candidate) -> str:
    """'tăng 118 lượt so với năm 2023', cut from the sentence."""
    start = max(0, folded.rfind(" ", 0, max(0, d.start - 6)))
    m = re.search(r"so với[^,.;)]*", folded[d.end:])
    end = d.end + m.end() if m else d.unit_end
    return folded[start:end].strip(" ,.;()")


def _fmt(x: float) -> str:
    return f"{x:g}"
