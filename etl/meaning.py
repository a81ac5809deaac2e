"""What each number counts: an indicator of the catalog and its breakdown, or the reason it is none.

A number's unit ("lượt công dân", "đơn", "mô hình") proposes an indicator (data/lexicon.yaml); the
unit's context test (`needs:`) must pass; then the rules below decide what the lexicon leaves open
(registered or recognised models, the meeting a bare "cuộc" counts) and which part of the indicator
the number is (breakdown). Each rule returns a reason when it turns a number down, and the reason is
kept (`python -m etl extract --why`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.candidates import Candidate
from etl.doc_context import DocContext
from etl.lexicon import CONTEXT_TESTS, Lexicon
from etl.periods import find_periods

# Window sizes, in characters of folded text.
AVERAGE_WINDOW = 30  # "bình quân mỗi năm 120 mô hình": an average word this close before the number
DIALOGUE_VERB_WINDOW = 40  # "đã đối thoại trực tiếp 120 cuộc"
INSPECTION_AFTER_WINDOW = 15  # "8 cuộc thanh tra"
PETITION_REJECT_WINDOW = 40  # "… 9 đơn thuộc thẩm quyền": words after the unit that make it no receipt
PETITION_SUBSET_WINDOW = 30  # "đơn đủ điều kiện xử lý 300 đơn": words before that make it a subset
RECEIPT_AFTER_WINDOW = 50  # "… (thư) được các cơ quan huyện tiếp nhận"
PASSIVE_VERB_WINDOW = 40  # "… đã được Đảng ủy phường công nhận": from "được" to the verb of a head count
CASES_WINDOW = 12  # "vụ" just before the number: cases, not petitions
OUTCOME_BEFORE_WINDOW = 20  # "đã giải quyết 27 kiến nghị": what became of the opinions, said before them
PRIOR_PERIOD_WINDOW = 25  # "từ 250 đơn (năm 2023) xuống còn 210 đơn": the prior value's period between
ANCHORED_BREAKDOWN_MAX = 8  # a petition's type must follow its unit this closely ("đơn khiếu nại")

_RECEPTION_WORD = re.compile(
    r"(?<![\wÀ-ỹ])(?:được |đón |đã )?tiếp(?! (?:tục|theo|cận|thu|xúc|nối|sức|tế|giáp|quản))(?![\wÀ-ỹ])")
# Between turns and their persons: "612 lượt với 705 người", "2.861 lượt/3.150 người", "1.045 lượt, 1.230 người".
_WITH_PERSONS = re.compile(r"\s*(?:/|,|(?:,\s*)?(?:với|của|gồm))\s*")
_BRACKETED = re.compile(r"\([^()]*\)")
_QUALIFIER_WORDS = "gần|hơn|khoảng|trên"
_FROM_PRIOR = re.compile(rf"\s*,?\s*từ\s+(?:(?:{_QUALIFIER_WORDS})\s+)?")  # "còn 286 đơn, từ 590 đơn"
# Persons said to be received, with no turns before them: "Số người được tiếp: 152 người", "số công dân
# được tiếp là 152", "152 người được tiếp"; not "152 người dự".
_PERSONS_RECEIVED_BEFORE = re.compile(r"(?<![\wÀ-ỹ])số (?:người|công dân|lượt người) (?:đã )?được tiếp"
                                      r"(?: công dân)?(?: là| đạt)?\s*:?\s*(?:hơn|trên|gần|khoảng)?\s*$")
_PERSONS_RECEIVED_AFTER = re.compile(r"\s*(?:dân\s+)?(?:đã |đều )?được (?:[^,;.\d]{0,40}?\s)?tiếp(?![\wÀ-ỹ])")
_TYPED_PETITION = re.compile(r"\s*(?:đơn\s+)?(?:thư\s+)?(?:khiếu nại|tố cáo|kiến nghị|phản ánh|các loại|kntc)")


@dataclass(frozen=True)
class Meaning:
    indicator: str
    breakdown: str


@dataclass(frozen=True)
class Skip:
    reason: str


Verdict = Meaning | Skip


@dataclass(frozen=True)
class Around:
    """What the rules may look at for one number."""

    left: str  # folded words before the number, back to the previous number of its clause
    clause: str  # folded words before the number, back to the start of its clause (";")
    right: str  # folded words after its unit, up to the next number of its clause
    sentence: str  # the folded sentence (a table cell's: after its caption)
    so_far: str  # the folded passage up to and including this sentence
    nearby: str  # the folded sentence and the one before it
    passage: str  # the whole folded passage and the paragraph before it
    earlier: tuple[tuple[Candidate, Verdict], ...]  # the numbers before it in its sentence, as read
    later: tuple[Candidate, ...]  # the numbers after it in its sentence
    previous: tuple[tuple[Candidate, Verdict], ...]  # the numbers of the sentence before, as read
    doc: DocContext
    caption: str = ""  # a table cell's: the folded caption, which plays the sentence with the cell's labels
    table: bool = False  # the number is a table cell, its sentence made of the row's and column's labels

    @property
    def lex(self) -> Lexicon:
        return self.doc.lex

    def earlier_counts(self, indicator: str = "") -> list[tuple[Candidate, Meaning]]:
        """The earlier numbers of the sentence that are figures (of `indicator`, when given), not changes."""
        return [(x, v) for x, v in self.earlier
                if isinstance(v, Meaning) and not x.delta and (not indicator or v.indicator == indicator)]


# --- the context tests a unit may need (data/lexicon.yaml `needs:`) ---------------------------------
def _at_dialogue(c: Candidate, a: Around) -> str:
    if "đối thoại" not in a.so_far and "đối thoại" not in a.doc.head_f:
        return "không nói đến đối thoại (no dialogue named)"
    if a.lex.has("voter_meeting", a.sentence) or a.doc.voter_doc:
        return "ý kiến cử tri, không phải đối thoại (a voter meeting)"
    if a.lex.word_ends("opinion_outcome", a.right.split(",")[0]) or \
            a.lex.word_ends("opinion_outcome", a.left[-OUTCOME_BEFORE_WINDOW:]):
        return "ý kiến đã giải quyết hoặc chuyển đi, không phải ý kiến được nêu (opinions resolved or referred)"
    return ""


def _dialogue_speakers(c: Candidate, a: Around) -> str:
    if not any(w in a.right for w in a.lex.context["opinion_speaker"]):
        return "đại biểu không phát biểu ý kiến (delegates, not speakers)"
    return _at_dialogue(c, a)


def _reception(c: Candidate, a: Around) -> str:
    if not _RECEPTION_WORD.search(a.sentence) or "tiếp xúc cử tri" in a.sentence:
        return "câu không nói đến tiếp công dân (no citizen reception named)"
    if c.unit.phrase == "lượt" and a.lex.words_re["turns_of_others"].match(a.right.lstrip()):
        return "lượt của người khác, không phải công dân (turns of others: doanh nghiệp, khách)"
    return ""


def _persons_after_turns(c: Candidate, a: Around) -> str:
    turns = a.earlier_counts("reception_turns")
    if turns and _persons_of(turns[-1][0], c, a.lex) or a.table and _after_turns_cell(a):
        return ""
    if _PERSONS_RECEIVED_BEFORE.search(a.clause) or _PERSONS_RECEIVED_AFTER.match(c.folded, c.unit_end):
        return ""
    return "người không đi kèm số lượt tiếp (persons not after reception turns)"
    return ""


def _after_turns_cell(a: Around) -> bool:
    """"Số lượt | Số người": in a table, a persons cell right after the cell of the turns received."""
    return any(isinstance(v, Meaning) and v.indicator == "reception_turns" and not x.delta for x, v in a.previous)


def _persons_of(turns: Candidate, c: Candidate, lex: Lexicon) -> bool:
    """"612 lượt công dân với 705 người": the persons of those turns, with a bracket or a change
    between them left aside ("612 lượt (giảm 8 lượt so với cùng kỳ) với 705 người")."""
    gap = _BRACKETED.sub(" ", c.folded[turns.unit_end:c.start])
    changes = "|".join(re.escape(w) for w in (*lex.comparison["up"], *lex.comparison["down"]))
    gap = re.sub(rf",\s*(?:{changes})\s[^,]*(?=,)", " ", gap)
    return bool(_WITH_PERSONS.fullmatch(gap))


def _received_petition(c: Candidate, a: Around) -> str:
    window = a.right[:PETITION_REJECT_WINDOW]
    rejects = [window.find(w) for w in a.lex.context["petition_reject"] if w in window
               and not _next_counts_verb(c, a, window.find(w))]
    if rejects and not _received_after(window[:min(rejects)], a.lex):  # not "được tiếp nhận và chuyển đến …"
        return "đơn đã giải quyết, thuộc thẩm quyền, chuyển hoặc vụ việc, không phải đơn tiếp nhận (not received)"
    if "vụ" in a.left[-CASES_WINDOW:]:
        return "vụ việc, không phải đơn (cases, not petitions)"
    if any(w in a.left[-PETITION_SUBSET_WINDOW:] for w in a.lex.context["petition_subset"]):
        return "một phần của số đơn tiếp nhận (a subset of the petitions received)"
    receipt = bool(a.lex.word_ends("petition_receipt", a.left))
    if receipt or _TYPED_PETITION.match(c.folded[c.end:]) or _received_after(a.right, a.lex) \
            or _received_at_head(c, a) \
            or a.lex.word_ends("petition_received", a.caption):  # "Kết quả … tiếp nhận đơn" over a column
        return ""
    sibling = joined_sibling(c, a)  # "tiếp nhận 412 đơn trong năm 2024 và 380 đơn trong năm 2023"
    if sibling is not None and sibling.indicator == "petitions":
        return ""
    if a.table and not a.lex.has("petition_handled", a.sentence):
        return ""  # "Năm | Tiếp công dân (lượt) | Đơn thư (đơn)": a table's count of petitions, of those received
    return "không rõ là đơn tiếp nhận (petitions not said to be received)"


def _next_counts_verb(c: Candidate, a: Around, at: int) -> bool:
    """'tiếp nhận 64 đơn và chuyển 12 đơn': a verb after "và" or a comma, with the next number of the
    clause after it, is that number's, not this one's."""
    nxt = next((x for x in a.later if ";" not in c.folded[c.end:x.start]), None)
    return nxt is not None and c.unit_end + len(a.right) >= nxt.start - 1 and \
        bool(re.search(r"(?:(?<![\wÀ-ỹ])và|,)\s*(?:đã\s+|cũng\s+)?$", a.right[:at]))


def _received_at_head(c: Candidate, a: Around) -> bool:
    """"Số đơn thư tiếp nhận giảm 12% so với năm 2023, còn 880 đơn": the receipt named at the head of
    the clause, with no other count of petitions between it and the number."""
    ends = a.lex.word_ends("petition_received", a.clause)
    if not ends:
        return False
    said_at = c.start - len(a.clause) + max(ends)
    return not any(x.start >= said_at for x, _ in a.earlier_counts("petitions"))


def _received_after(right: str, lex: Lexicon) -> bool:
    """"64 đơn thư được (các cơ quan) tiếp nhận", "150 đơn thư tiếp nhận": said after the unit (in
    `right`, the words after it); in the passive ("đã được các cơ quan của quận … tiếp nhận") anywhere
    in its clause."""
    clause = re.split(r"[,;]", right, maxsplit=1)[0]
    if not re.match(r"\s*(?:thư\s+)?(?:đã |đều |cũng )?được ", clause):
        clause = clause[:RECEIPT_AFTER_WINDOW]
    return bool(lex.word_ends("petition_received", clause))


def _dvk(c: Candidate, a: Around) -> str:
    if not a.lex.has("dvk", a.nearby) and not a.lex.has("dvk", a.doc.title_f) and _listed_after(c, a) is None:
        return "không nói đến “Dân vận khéo” (not the Dân vận khéo movement)"
    if any(a.right.lstrip().startswith(w) for w in a.lex.context["models_not_dvk"]):
        return "mô hình kinh tế, sản xuất (models of another kind)"
    return ""


def _crowd(c: Candidate, a: Around) -> str:
    """"Đoàn đông người: 14 đoàn": a bare "đoàn" counts delegations only where they are named."""
    return "" if "đông người" in a.clause else "đoàn không phải đoàn đông người (not a delegation of many)"


def _not_voter(c: Candidate, a: Around) -> str:
    return "buổi tiếp xúc cử tri (a voter meeting)" if "cử tri" in a.sentence else ""


def _commendation(c: Candidate, a: Around) -> str:
    """Praise for dân vận work: said in the sentence, or its passage, the paragraph before, or the
    title is about it; general emulation and Fatherland Front awards are not."""
    lex = a.lex
    if not lex.has("commendation", a.sentence):
        return "không phải khen thưởng (no commendation)"
    if lex.has("dan_van", a.sentence):
        return ""
    if lex.has("not_dan_van_award", a.sentence):
        return "khen thưởng thi đua chung hoặc của Mặt trận (a general or Fatherland Front award)"
    if lex.has("dan_van", a.passage) or lex.has("dan_van", a.doc.title_f):
        return ""
    return "khen thưởng không phải về dân vận (an award not for dân vận work)"


_TESTS: dict[str, Callable[[Candidate, Around], str]] = {
    "dialogue": _at_dialogue,
    "dialogue_speakers": _dialogue_speakers,
    "reception": _reception,
    "persons_after_turns": _persons_after_turns,
    "petition": _received_petition,
    "dvk": _dvk,
    "not_voter": _not_voter,
    "crowd": _crowd,
    "commendation": _commendation,
}
if set(_TESTS) != set(CONTEXT_TESTS):  # the lexicon's loader checks `needs:` against CONTEXT_TESTS
    raise ImportError(f"etl.meaning: context tests {sorted(_TESTS)} differ from the lexicon's {sorted(CONTEXT_TESTS)}")


def context_test(name: str) -> Callable[[Candidate, Around], str]:
    return _TESTS[name]


# --- the indicator -----------------------------------------------------------------------------------
def _proposed_award(a: Around) -> bool:
    """'đề nghị Thành ủy tặng Bằng khen cho 1 tập thể': a proposal word, then an award word, before
    the number in its clause: the award is asked for, not given ("theo đề nghị của …, UBND huyện
    tặng …" is given)."""
    proposed = [m.end() for m in a.lex.words_re["proposal"].finditer(a.clause)
                if not re.search(r"(?:^|\s)theo\s+$", a.clause[:m.start()])
                and not a.clause.startswith(" của", m.end())]
    return bool(proposed) and any(e > min(proposed) for e in a.lex.word_ends("commendation", a.clause))


def _is_average(a: Around) -> bool:
    """"bình quân mỗi năm 120 mô hình", "hơn 500 lượt công dân mỗi năm"; an aside in brackets after
    the number is about something else ("36 cuộc (bình quân 2 cuộc/phường)": the 2 is the average), and
    so is a clause after a comma ("gần 1,2 nghìn lượt, trung bình mỗi tháng khoảng 100 lượt": the 100)."""
    after = re.split(r"[(,]", a.right)[0]
    return any(w in a.left[-AVERAGE_WINDOW:] for w in a.lex.context["average"]) or \
        any(w in after[:AVERAGE_WINDOW] for w in a.lex.context["average_after"])


def _is_threshold(a: Around) -> bool:
    """"8 xã tổ chức từ 2 cuộc đối thoại trở lên": "từ" right before the number, "trở lên" after it."""
    return bool(re.search(r"(?<![\wÀ-ỹ])từ\s*$", a.left)) and a.lex.has("threshold", re.split(r"[,;]", a.right)[0])


def _inherited(c: Candidate, a: Around) -> str | Skip:
    """A bare "62 cuộc" counts what the meeting counted before it, or the meeting its verb names; a
    session of citizen reception ("tiếp công dân định kỳ 12 buổi") counts no meeting of ours."""
    session = Skip("buổi, cuộc, hội nghị không rõ là gì; buổi tiếp không phải lượt tiếp "
                   "(a session or meeting of no known kind)")
    if _RECEPTION_WORD.search(a.clause) and "đối thoại" not in a.clause:
        return session
    if a.lex.words_re["other_meetings"].match(a.right.lstrip()):
        return Skip("cuộc, buổi, hội nghị của việc khác (kiểm tra, họp…), không phải số liệu "
                    "(a meeting of another kind)")
    before = [(x, v) for x, v in a.earlier_counts() if x.unit_class == "event"]
    if before:
        return before[-1][1].indicator
    if "đối thoại" in a.left[-DIALOGUE_VERB_WINDOW:] and not a.lex.has("voter_meeting", a.sentence):
        return "dialogues"  # "đã đối thoại trực tiếp 120 cuộc"
    nearby_before = a.nearby[:len(a.nearby) - (len(c.folded) - c.start)]
    if "đối thoại" in nearby_before and not a.lex.has("voter_meeting", a.nearby) and \
            not re.search(r"thanh tra|kiểm tra", a.sentence):
        return "dialogues"  # "… 64 cuộc đối thoại. Cấp tỉnh tổ chức 2 cuộc."
    if re.search(r"thanh tra\s*$", a.left) or "thanh tra" in a.right[:INSPECTION_AFTER_WINDOW]:
        return "inspections"
    return session


def _models_indicator(c: Candidate, a: Around) -> str | Skip:
    """Registered or recognised: the verb decides; a model listed after another takes its reading."""
    unit_before = c.unit_end == c.end  # "Số mô hình … được công nhận năm 2024 là 312": the verb is there too
    left = a.clause if unit_before else a.left
    own = model_verb("", left, a.lex) if not _only_weak_verb(left, a.lex) else ""
    verb = _respective_verb(c, a) or model_verb(a.right.split(",")[0], "", a.lex) or (own if not unit_before else "") \
        or _verb_after_pair(c, a) or model_verb("", left, a.lex) or _verb_later_in_clause(c, a)
    earlier = [v.indicator for x, v in a.earlier_counts() if v.indicator.startswith("models")]
    if verb == "models_registered" and earlier and _only_weak_verb(left, a.lex):
        verb = earlier[-1]  # "cấp xã công nhận 1.063 điển hình …; riêng cấp TP có 11 điển hình"
    if not verb:
        sibling = joined_sibling(c, a) or _listed_after(c, a)
        if sibling is not None:
            verb = sibling.indicator
        elif a.caption and model_verb(a.caption, "", a.lex):
            verb = model_verb(a.caption, "", a.lex)  # "Mô hình … được công nhận năm 2024" over a column
        elif a.lex.has("dvk", a.sentence) and not a.lex.has("models_other", a.right):
            verb = "models_registered"  # "phong trào … với 600 mô hình": models carried out
        else:
            return Skip("mô hình nhưng không rõ đăng ký hay công nhận (models, neither registered nor recognised)")
    return verb


def _verb_later_in_clause(c: Candidate, a: Around) -> str:
    """'Chín mô hình “Dân vận khéo” của các khu phố, chi hội đã được Đảng ủy phường công nhận': a
    count with no verb before it (the rules before this one found none) takes the verb of the passive after it
    in the clause, past commas; not when the models are counted for something else (a book)."""
    right = a.right.split(";")[0]
    passive = re.search(r"(?<![\wÀ-ỹ])được ", right)
    if passive is None or a.lex.has("models_other", right):
        return ""
    return model_verb(right[passive.end():passive.end() + PASSIVE_VERB_WINDOW], "", a.lex)


def _respective_verb(c: Candidate, a: Around) -> str:
    """'Số mô hình được đăng ký và được công nhận … lần lượt là 1.204 và 215': the i-th number after
    "lần lượt" takes the i-th verb before it, when there are as many verbs as numbers."""
    said = [m for m in a.lex.words_re["respectively"].finditer(c.folded, 0, c.start)
            if ";" not in c.folded[m.end():c.start]]
    if not said:
        return ""
    at = said[-1]
    clause_start = c.folded.rfind(";", 0, at.start()) + 1
    before = c.folded[clause_start:at.start()]
    verbs = sorted([(e, "models_recognized") for e in a.lex.word_ends("recognized", before)]
                   + [(e, "models_registered") for e in a.lex.word_ends("registered", before)
                      if e not in a.lex.word_ends("weak_registered", before)])
    kinds = [k for i, (_, k) in enumerate(verbs) if i == 0 or verbs[i - 1][1] != k]  # "xây dựng, đăng ký": one
    listed = [x for x, _ in a.earlier if x.start > at.end()] + [c] + \
        [x for x in a.later if ";" not in c.folded[c.end:x.start]]
    listed = [x for x in listed if x.unit_class == c.unit_class and not x.delta]
    return kinds[listed.index(c)] if len(kinds) == len(listed) > 1 else ""


def _only_weak_verb(left: str, lex: Lexicon) -> bool:
    """The nearest registered word before the number only says the models exist ("có")."""
    ends = lex.word_ends("registered", left)
    return bool(ends) and max(ends) in lex.word_ends("weak_registered", left)


def _verb_after_pair(c: Candidate, a: Around) -> str:
    """'21 mô hình và 16 điển hình … đã được biểu dương': the verb after the last model of a pair in
    the clause reads for the first too."""
    if re.search(r"trong số\s*$", a.left):
        return ""  # "Trong số 223 mô hình nói trên, 40 mô hình được công nhận": the set the subset is drawn from
    for x in a.later:
        if x.unit_class != c.unit_class or x.delta:
            return ""
        between = c.folded[c.end:x.start]
        if ";" in between or a.lex.word_ends("part_intro", between):
            return ""  # "xây dựng 22 mô hình, trong đó 7 mô hình được công nhận": a subset has its own verb
        after = c.folded[x.unit_end:]
        nxt = [y.start for y in a.later if y.start > x.end and y.unit]
        after = after[:(min(nxt) - x.unit_end) if nxt else len(after)].split(";")[0].split(",")[0]
        verb = model_verb(after, "", a.lex)
        if verb:
            return verb
    return ""


def model_verb(right: str, left: str, lex: Lexicon) -> str:
    """Registered or recognised: a verb right after the unit decides ("được công nhận"),
    else the verb nearest before the number ("đã đăng ký 1.556 mô hình")."""
    if lex.word_ends("recognized", right):
        return "models_recognized"
    if lex.word_ends("registered", right):
        return "models_registered"
    rec, reg = lex.word_ends("recognized", left), lex.word_ends("registered", left)
    if not rec and not reg:
        return ""
    return "models_recognized" if max(rec, default=-1) > max(reg, default=-1) else "models_registered"


def joined_sibling(c: Candidate, a: Around) -> Meaning | None:
    """'1.821 mô hình cùng 1.416 điển hình', '…; trong đó, thành phố Pleiku 210 mô hình': the second
    shares the first one's verb (a list by part or by place)."""
    before = a.earlier_counts()
    if not before or before[-1][0].unit_class != c.unit_class:
        return None
    prev, meaning = before[-1]
    start = prev.unit_end
    clause = c.folded.rfind(";", start, c.start)
    start = clause + 1 if clause >= 0 else start
    gap = c.folded[start:c.start]
    for m in a.doc.gaz.mentions(c.sentence[start:c.start]):
        gap = gap[:m.start] + " " * (m.end - m.start) + gap[m.end:]
    gap = re.sub(r'"[^"]*"', " ", gap)  # the movement's name in quotes: "… 156 mô hình “Dân vận khéo”, trong đó 58 …"
    for pm in find_periods(gap):  # "… 412 đơn trong năm 2024 và 380 đơn …": each with its period
        start = pm.start_pos
        before = re.search(r"(?:trong|vào|của|suốt)\s+$", gap[:start])
        start = before.start() if before else start
        gap = gap[:start] + " " * (pm.end_pos - start) + gap[pm.end_pos:]
    gap = _joiners(a.lex).sub(" ", gap)
    return meaning if not gap.strip(" ,;:()-") else None


def _listed_after(c: Candidate, a: Around) -> Meaning | None:
    """'Huyện Chư Păh: 45 mô hình “Dân vận khéo” được công nhận. Huyện Ia Grai: 38 mô hình.': a
    sentence that is only a place and a number goes on the list of the sentence before."""
    before = [(x, v) for x, v in a.previous if isinstance(v, Meaning) and x.unit_class == c.unit_class]
    if not before or c.folded[c.unit_end:].strip(" .;") or any(x for x, _ in a.earlier):
        return None
    gap = c.folded[:c.start]
    for m in a.doc.gaz.mentions(c.sentence[:c.start]):
        gap = gap[:m.start] + " " * (m.end - m.start) + gap[m.end:]
    return before[-1][1] if not _joiners(a.lex).sub(" ", gap).strip(" ,;:()-") else None


_JOINERS: dict[int, re.Pattern[str]] = {}


def _joiners(lex: Lexicon) -> re.Pattern[str]:
    key = id(lex.context["list_joiners"])
    if key not in _JOINERS:
        _JOINERS[key] = re.compile(r"\b(?:" + "|".join(map(re.escape, lex.context["list_joiners"])) + r")\b")
    return _JOINERS[key]


# --- the breakdown -----------------------------------------------------------------------------------
def breakdown_of(c: Candidate, indicator: str, lex: Lexicon, *, part: bool, left: str, right: str) -> str:
    """Which part of the indicator the words next to the number name: the words right after the unit
    first, then the words before the number in its clause; "total" when they span every level."""
    key = "models" if indicator.startswith("models") else indicator
    rules = lex.breakdowns.get(key, ())
    if c.unit and c.unit.breakdown and c.unit.indicator != "models":
        return c.unit.breakdown
    if c.unit and c.unit.indicator == "commendations" and key == "models":
        return c.unit.breakdown
    if not left and not right:
        left, right = windows(c, [])
    right = re.split(r"\(|" + "|".join(map(re.escape, lex.context["part_intro"])), right)[0]  # the parts' words
    anchored = key == "petitions"
    if anchored:
        left = left.split(" và ")[-1]  # "… 45 vụ việc khiếu nại và tiếp nhận 130 đơn"
        right = re.sub(r"^\s*,?\s*thư(?![\wÀ-ỹ])", "", right)  # "1.020 đơn, thư khiếu nại"
        if right.lstrip().startswith((",", ";")):
            right = ""  # "khiếu nại 120 đơn, tố cáo 35 đơn": the type after the comma is the next one's
    else:
        right = right.split(",")[0]
        for sep in (",", " và "):
            tail = left.split(sep)[-1]
            if sep in left and tail.strip():
                left = tail
    has_levels = any(b.endswith("_level") for b, _ in rules)
    for window, is_right in ((right, True), (left, False)):
        if has_levels and any(cue in window for cue in lex.total_cues):
            return "total"
        found = _breakdown_in(window, rules, key, is_right=is_right, part=part, anchored=anchored)
        if found:
            return found
    if c.unit and c.unit.phrase == "điển hình":
        return "exemplar"
    return ""


def _breakdown_in(window: str, rules: tuple[tuple[str, tuple[str, ...]], ...], key: str, *, is_right: bool,
                  part: bool, anchored: bool) -> str:
    """The breakdown whose word stands nearest the number in one window; "total" when two levels do."""
    hits = []
    for breakdown, words in rules:
        if key == "models" and not part and not is_right and breakdown in ("collective", "individual"):
            continue  # "các cơ quan, đơn vị và cá nhân đã đăng ký 90 mô hình" is not a split
        for w in words:
            pos = window.find(w)
            if pos < 0 or anchored and is_right and pos > ANCHORED_BREAKDOWN_MAX:
                continue
            hits.append((pos if is_right else -pos - len(w), -len(w), breakdown))
            break
    if not hits:
        return ""
    if len({b for *_, b in hits if b.endswith("_level")}) > 1:
        return "total"
    return min(hits)[2]


def windows(c: Candidate, cands: list[Candidate]) -> tuple[str, str]:
    """Words before the number back to the previous figure, and after its unit up to the next one; a
    pair written "10.319 lượt/13.320 người do lãnh đạo tiếp" shares the words after its second number."""
    f = c.folded
    same = sorted((x for x in cands if x.sent == c.sent and x is not c), key=lambda x: x.start)
    before = [x for x in same if x.end <= c.start]
    after = [x for x in same if x.start >= c.end]
    if before and before[-1].unit and f[before[-1].unit_end:c.start].strip() == "/":
        before = before[:-1]  # the second of a pair shares the words before the first
    prev_end = max((x.unit_end if x.unit else x.end for x in before), default=0)
    right_from = c.unit_end
    if after and after[0].unit and f[c.unit_end:after[0].start].strip() == "/":
        right_from = after[0].unit_end
        after = after[1:]
    next_start = after[0].start if after else len(f)
    left = f[prev_end:c.start]
    if ";" in left:
        left = left[left.rindex(";") + 1:]
    right = f[right_from:next_start]
    if ";" in right:
        right = right[:right.index(";")]
    return left, right


# --- one number, then a passage ---------------------------------------------------------------------
def classify(c: Candidate, a: Around, cands: list[Candidate], total_of: dict[int, int]) -> Verdict:
    """The meaning of a number that is not the part of a total."""
    u = c.unit
    if c.delta:
        return Skip("mức tăng, giảm: đọc cùng số liệu được so sánh (a change, read with its figure)")
    if c.percent:
        return Skip("tỉ lệ phần trăm (a percentage)")
    if u is None:
        within = [pm for pm in find_periods(c.folded) if pm.start_pos <= c.start and c.end <= pm.end_pos]
        if within:
            phrase = c.folded[within[0].start_pos:within[0].end_pos]
            return Skip(f"thuộc cụm chỉ thời gian “{phrase}” (part of a period)")
        word = " ".join(c.folded[c.end:].split()[:2]).strip(" ,.;:()")
        return Skip(f"không có đơn vị đếm của danh mục: “{word}” (no unit of the catalog)")
    if a.lex.word_ends("contest", a.sentence):
        return Skip("hội thi, cuộc thi: giải và đội thi không phải số liệu (a contest)")
    if a.lex.word_ends("discipline", a.clause):
        return Skip("kỷ luật, kiểm điểm, không phải khen thưởng (discipline)")
    if _proposed_award(a):
        return Skip("đề nghị khen thưởng, chưa phải kết quả (an award proposed, not given)")
    prior = _prior_value(c, a)
    if prior is not None:
        return prior
    if u.needs:
        why = _TESTS[u.needs](c, a)
        if why:
            return Skip(f"ngoài danh mục: {why}")
    if _is_average(a):
        return Skip("số bình quân, không phải số của một kỳ (an average)")
    if _is_threshold(a):
        return Skip("ngưỡng “từ … trở lên”, không phải số đếm (a threshold)")
    head = c.folded[:c.folded.rfind(":", 0, c.start) + 1]  # "Chỉ tiêu được giao: …; …": a lead-in of targets
    if a.lex.word_ends("quota", a.clause) or a.lex.word_ends("target", a.clause) or a.lex.word_ends("target", head):
        return Skip("chỉ tiêu, mục tiêu, kế hoạch hoặc số cho mỗi đơn vị, không phải kết quả (a target, plan or quota)")
    ind = u.indicator
    if ind == "inherit":
        found = _inherited(c, a)
        if isinstance(found, Skip):
            return found
        ind = found
    if ind == "models":
        found = _models_indicator(c, a)
        if isinstance(found, Skip):
            return found
        ind = found
    breakdown = u.breakdown or breakdown_of(c, ind, a.lex, part=False, left=a.left, right=a.right)
    if ind == "reception_persons":
        # "tiếp thường xuyên 156.254 lượt với 160.043 công dân": the persons of those turns.
        turns = a.earlier_counts("reception_turns")
        if turns and _persons_of(turns[-1][0], c, a.lex):
            breakdown = turns[-1][1].breakdown
    breakdown = _model_or_exemplar(c, ind, breakdown, cands, total_of)
    return Meaning(ind, breakdown or "total")


def _prior_value(c: Candidate, a: Around) -> Meaning | None:
    """A figure and the value it came from, side by side in one unit ("giảm còn 286 đơn, từ 590 đơn của
    năm 2022", "tăng từ 400 lượt năm 2023 lên 448 lượt"): the second counts what the first counts (each
    in its own period, figure_period.py)."""
    counted = [(x, v) for x, v in a.earlier if x.unit is not None]  # not the year of a period between
    if not counted:
        return None
    x, v = counted[-1]
    if not isinstance(v, Meaning) or x.delta or x.unit != c.unit:
        return None
    between = c.folded[x.unit_end:c.start]
    results = "|".join(re.escape(w) for w in sorted(a.lex.comparison["result"], key=len, reverse=True))
    result = rf"(?<![\wÀ-ỹ])(?:{results})\s+(?:mức\s+)?(?:{_QUALIFIER_WORDS}\s+)?"
    came_to = _FROM_PRIOR.fullmatch(between) and re.search(result + "$", c.folded[:x.start])
    went_to = re.search(rf"(?<![\wÀ-ỹ])từ\s+(?:{_QUALIFIER_WORDS}\s+)?$", c.folded[:x.start]) and \
        re.fullmatch(rf"[^;]{{0,{PRIOR_PERIOD_WINDOW}}}?{result}", between)
    return v if came_to or went_to else None


def _model_or_exemplar(c: Candidate, ind: str, breakdown: str, cands: list[Candidate],
                       total_of: dict[int, int]) -> str:
    """'224 mô hình và 184 điển hình': with both printed, each is its own part."""
    u = c.unit
    if not (u.breakdown == "exemplar" or (ind.startswith("models") and u.phrase == "mô hình")):
        return breakdown
    siblings = [x for x in cands if x.sent == c.sent and x is not c and x.unit
                and x.unit.phrase in ("mô hình", "điển hình") and x.unit.phrase != u.phrase
                and x.id not in total_of]
    if siblings and breakdown in ("", "total"):
        return "model" if u.phrase == "mô hình" else "exemplar"
    return breakdown


def classify_part(c: Candidate, total: Verdict, a: Around) -> Verdict:
    """A part of a printed total counts what the total counts; the words beside it say which part."""
    if isinstance(total, Skip):
        return Skip("phần của một tổng không phải số liệu (part of a total that is no figure)")
    breakdown = breakdown_of(c, total.indicator, a.lex, part=True, left=a.left, right=a.right)
    if breakdown in ("", "total"):
        return Skip("phần của tổng nhưng không rõ là phần nào (a part of no known breakdown)")
    return Meaning(total.indicator, breakdown)


def classify_passage(cands: list[Candidate], total_of: dict[int, int], folded: list[str],
                     before: str, doc: DocContext, caption: str = "", table: bool = False) -> list[Verdict]:
    """The verdict on every candidate of a passage, in order (a later number may lean on an earlier
    one: the part on its total, "62 cuộc" on the meeting before it). `folded` are the passage's
    folded sentences; `before` is the folded paragraph before the passage; `caption` (a table's,
    folded) is read with every sentence of the passage, as the sentence before it is."""
    verdicts: dict[int, Verdict] = {}
    passage = " ".join([*folded, before])
    for c in cands:
        left, right = windows(c, cands)
        earlier = tuple((x, verdicts[x.id]) for x in cands if x.sent == c.sent and x.end <= c.start)
        later = tuple(x for x in cands if x.sent == c.sent and x.start >= c.end)
        previous = tuple((x, verdicts[x.id]) for x in cands if x.sent == c.sent - 1)
        clause = c.folded[c.folded.rfind(";", 0, c.start) + 1:c.start]
        sentence = f"{caption} {c.folded}" if caption else c.folded  # a cell's sentence is read with its caption
        a = Around(left, clause, right, sentence, " ".join(folded[:c.sent + 1]),
                   " ".join([caption, *folded[max(0, c.sent - 1):c.sent + 1]]).strip(), passage, earlier, later,
                   previous, doc, caption, table)
        if c.id in total_of:
            verdicts[c.id] = classify_part(c, verdicts[total_of[c.id]], a)
        else:
            verdicts[c.id] = classify(c, a, cands, total_of)
    return [verdicts[c.id] for c in cands]

