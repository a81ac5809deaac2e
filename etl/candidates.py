"""The printed numbers of a sentence as the extractor first reads them: value, unit, qualifier
("hơn", "gần"), and whether the number is a change ("tăng 118 lượt"); the numbers that cannot be
figures at all (labels, dates, document numbers) with the reason; and which numbers are the parts
of a total printed before them."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from etl.lexicon import Lexicon, Unit
from etl.periods import find_periods
from etl.textnorm import fold
from etl.vnnumbers import NUMBER_RE, WORD_NUMBER_RE, number_from_words, parse_vietnamese_number

# Window sizes, in characters of folded text.
AGAINST_WINDOW = 80  # "tăng 118 lượt … so với năm 2023": how far after a change its "so với" may be
PART_INTRO_MAX = 60  # parts in the sentence after their total must start near its beginning
UNIT_BEFORE_WINDOW = 120  # "số cuộc đối thoại mà … với nhân dân là 64": words between the unit and "là"

# Units that count meetings: a bare "62 cuộc" takes the indicator of the "cuộc" before it.
_EVENT_CLASS = {"dialogues", "inspections", "inherit"}
# After a number whose unit is printed before it ("tổng số đơn tiếp nhận là 1.020"): the end of the
# phrase, or a word that opens another; a word of its own there is its unit ("… là 350 triệu đồng").
_NOTHING_AFTER = re.compile(r"\s*(?:$|[^\wÀ-ỹ\s]|(?:và|trong|so|tăng|giảm|với|bằng|gồm|đạt|của|tại|ở|năm|"
                            r"tháng|quý)(?![\wÀ-ỹ]))")
# Between two numbers of one list that share the unit after the last ("38, 31 và 29 cuộc").
_LIST_SEPARATOR = re.compile(r"\s*(?:,|và|hoặc)\s*")
# Any run of digits, to account for the numbers NUMBER_RE leaves out (dates, "17/17", "05/CT-UBND").
_DIGITS_RE = re.compile(r"(?<![\wÀ-ỹ])\d+(?:[.,/:-]\d+)*")
# Before "năm": the word is the year, not five ("đầu năm đơn thư giảm", "trong năm công dân đến …").
_YEAR_WORD_BEFORE = re.compile(r"(?<![\wÀ-ỹ])(?:trong|cả|mỗi|hằng|hàng|suốt|cuối|đầu|giữa|của|các|những|nhiều|qua|"
                               r"sang|vào|từ|đến|tới|sau|trước|một|là|nửa|cùng|năm)\s*$")


@dataclass(frozen=True)
class Candidate:
    """A printed number that may be a figure. `sent` is its sentence's index in the passage."""

    id: int
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

    @property
    def unit_class(self) -> str:
        """What the unit counts, for telling parts and lists apart: turns, event, models, people…"""
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


@dataclass(frozen=True)
class Dropped:
    """A number that is no figure before any rule asks what it counts, and why."""

    sent: int
    start: int
    end: int
    number_text: str
    reason: str


class NumberReader:
    """Reads the numbers of sentences with the lexicon's qualifiers, units and change words."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._qualifier_res = [(q, ending_with(words)) for q, words in lex.qualifiers.items()]
        # "tăng 118 lượt", "tăng thêm 12", "tăng lần lượt 5% và 8%"
        after_change = "|".join(map(re.escape, ("thêm", "được", "khoảng", "gần", "hơn", *lex.context["respectively"])))
        self._delta_res = [(d, ending_with(lex.comparison[d], rf"(?: (?:{after_change}))?")) for d in ("up", "down")]
        units = "|".join(re.escape(u.phrase) for u in lex.units)
        self._unit_before_re = re.compile(
            rf"(?<![\wÀ-ỹ])(?:tổng )?số (?:lượng )?({units})(?![\wÀ-ỹ])[^;:.]{{0,{UNIT_BEFORE_WINDOW}}}?"
            r"(?:\s(?:là|đạt|lên tới|lên đến)|:)\s*$")
        results = "|".join(map(re.escape, sorted(lex.comparison["result"], key=len, reverse=True)))
        self._result_re = re.compile(rf"\s*,?\s*(?:{results})\s+(?:mức\s+)?[^\d;.,()]{{0,12}}\d")
        self._multiplier_re = re.compile(r"\s+(" + "|".join(map(re.escape, lex.multipliers)) + r")(?![\wÀ-ỹ])")

    def read(self, sent: int, sentence: str, first_id: int,
             only: tuple[int, int] | None = None) -> tuple[list[Candidate], list[Dropped]]:
        """The candidates of one sentence (ids from `first_id`) and the numbers dropped at once;
        with `only`, the numbers within that span alone (a table cell's own text)."""
        folded = fold(sentence)
        cands: list[Candidate] = []
        dropped: list[Dropped] = []
        spans = []
        lo, hi = only or (0, len(sentence))
        printed = [(m.start(), m.end(), m.group(0), _digits_value(m.group(1)))
                   for m in NUMBER_RE.finditer(sentence, lo, hi)]
        printed += self._in_words(sentence, folded, lo, hi)
        for start, end, text, value_of in sorted(printed, key=lambda p: p[0]):
            spans.append((start, end))
            found = self._candidate(first_id + len(cands), sent, sentence, folded, start, end, text, value_of)
            if isinstance(found, Candidate):
                cands.append(found)
            else:
                dropped.append(Dropped(sent, start, end, text, found))
        for m in _DIGITS_RE.finditer(sentence, lo, hi):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                dropped.append(Dropped(sent, m.start(), m.end(), m.group(0), _why_not_a_number(m.group(0))))
        return _shared_changes(_shared_units(cands)), dropped

    def _in_words(self, sentence: str, folded: str, lo: int,
                  hi: int) -> list[tuple[int, int, str, Callable[[bool], float]]]:
        """Counts written in words that a unit of the catalog follows ("hai đoàn đông người", "mười bảy
        cuộc", "Ba cuộc đối thoại"); "năm" after a word that makes it the year is no count."""
        out = []
        for m in WORD_NUMBER_RE.finditer(folded, lo, hi):
            after = folded[m.end():]
            mm = self._multiplier_re.match(after)
            if self._unit(after[mm.end():] if mm else after)[0] is None:
                continue
            if m.group(0) == "năm" and _YEAR_WORD_BEFORE.search(folded, 0, m.start()):
                continue
            value = float(number_from_words(m))
            out.append((m.start(), m.end(), sentence[m.start():m.end()], lambda _count, v=value: v))
        return out

    def _candidate(self, cid: int, si: int, sentence: str, folded: str, start: int, end: int, text: str,
                   value_of: Callable[[bool], float]) -> Candidate | str:
        """The candidate printed at start..end (`value_of(count)` reads its value), or why it is none."""
        before = folded[:start].rstrip()
        last_word = re.search(r"([\wÀ-ỹ.]+)$", before)
        if last_word and last_word.group(1) in self.lex.label_words and \
                not any(before.endswith(w) for w in self.lex.not_labels):
            return f"nhãn hoặc số thứ tự sau “{last_word.group(1)}” (a label or ordinal)"
        if re.search(r"\d\s*/$", before) and re.match(r"\s*(?:/|\))", folded[end:]) is None:
            return "phần sau dấu “/” (the second half of a ratio)"
        after = folded[end:]
        multiplier = 1
        mm = self._multiplier_re.match(after)
        if mm:
            multiplier = self.lex.multipliers[mm.group(1)]
            after = after[mm.end():]
        percent = bool(re.match(r"\s*(%|phần trăm)", after))
        unit, unit_len = self._unit(after)
        if unit is None and not percent and _NOTHING_AFTER.match(after):
            unit = self._unit_before(before)
        try:
            value = value_of(not percent) * multiplier
        except ValueError:
            return "không đọc được số (unreadable number)"
        qualifier = "exact"
        for q, pattern in self._qualifier_res:
            if pattern.search(before):
                qualifier = q
        delta = ""
        unit_end = end + (len(folded[end:]) - len(after)) + unit_len
        against = folded[end:end + AGAINST_WINDOW] + " " + _clause_before(folded, start)
        change_words = _without_compared(before)  # "nhiều hơn năm ngoái 37 lượt": the change word is before
        for direction, pattern in self._delta_res:
            change = pattern.search(change_words)
            if change and (change_words != before or any(a in against for a in self.lex.comparison["against"])
                           or _after_a_figure(change_words[:change.start()])
                           or self._result_re.match(folded, unit_end)):
                delta = direction
        return Candidate(cid, si, sentence, folded, start, end, unit_end, text, value, qualifier,
                         unit, percent=percent, delta=delta)

    def _unit_before(self, before: str) -> Unit | None:
        """'tổng số đơn tiếp nhận là 1.020', 'số cuộc đối thoại … đạt 36': the unit printed before."""
        m = self._unit_before_re.search(before + " ")
        return self.lex.by_phrase[m.group(1)] if m else None

    def _unit(self, after: str) -> tuple[Unit | None, int]:
        """The unit right after a number ("lượt công dân"), unless a longer non-unit ("đơn vị") is there."""
        m = self.lex.unit_re.match(after)
        if not m:
            return None, 0
        non = self.lex.non_unit_re.match(after)
        if non and len(non.group(1)) >= len(m.group(1)):
            return None, 0
        return self.lex.by_phrase[m.group(1)], m.end()


def _digits_value(printed: str) -> Callable[[bool], float]:
    """How a number printed in digits is read: a count is whole ("1,327" is 1327), a percentage not."""
    return lambda count: parse_vietnamese_number(printed, count=count)


def _without_compared(before: str) -> str:
    """The words before a number without the period it is compared with, when that period stands
    right before it: "nhiều hơn năm ngoái" → "nhiều hơn", "tăng so với năm 2023 là" → "tăng"."""
    text = re.sub(r"\s*(?:là|:)?\s*$", "", before)
    compared = [pm for pm in find_periods(text) if pm.compare and pm.end_pos >= len(text)]
    if not compared:
        return before
    return re.sub(r"(?:\s+so với)?\s*$", "", text[:compared[-1].start_pos])


def _after_a_figure(text: str) -> bool:
    """"… đạt 2.861, tăng 118 lượt", "… 2.861 lượt (tăng 118 lượt)": a change printed right after a
    figure of its clause is a change even when it names nothing it is compared with."""
    m = re.search(r"(\d[\d.,]*)(?:\s+[^\d;.,()]{1,30})?\s*[,(]\s*$", text)
    return bool(m) and not re.search(r"(?:năm|tháng|quý|ngày|/)\s*$", text[:m.start(1)])


def _shared_units(cands: list[Candidate]) -> list[Candidate]:
    """"lần lượt 38, 31 và 29 cuộc": numbers listed with one unit after the last share it."""
    out = list(cands)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if c.unit is None and not c.percent and nxt.unit is not None and not nxt.delta and \
                _LIST_SEPARATOR.fullmatch(c.folded[c.end:nxt.start]) and not _in_period(c):
            out[i] = replace(c, unit=nxt.unit, unit_end=c.end, qualifier=c.qualifier)
    return out


def _shared_changes(cands: list[Candidate]) -> list[Candidate]:
    """"tăng lần lượt 5% và 8%", "giảm 12 đơn và 3 đoàn": a number listed right after a change, of the
    same kind (both percentages, or both counts), is a change in the same direction."""
    out = list(cands)
    for i in range(1, len(out)):
        prev, c = out[i - 1], out[i]
        if prev.delta and not c.delta and prev.percent == c.percent and (c.percent or c.unit and prev.unit) \
                and _LIST_SEPARATOR.fullmatch(c.folded[prev.unit_end if prev.unit else prev.end:c.start].lstrip("%")):
            out[i] = replace(c, delta=prev.delta)
    return out


def _in_period(c: Candidate) -> bool:
    """The number is part of a period phrase ("Trong năm 2023, 22.858 lượt", "đến cuối tháng 11, 6 …")."""
    return any(pm.start_pos <= c.start and c.end <= pm.end_pos for pm in find_periods(c.folded))


def _clause_before(folded: str, start: int) -> str:
    """"So với cùng kỳ năm 2023, … tăng 8%": the clause before a change may hold its "so với"."""
    return folded[folded.rfind(";", 0, start) + 1:start]


def _why_not_a_number(token: str) -> str:
    if "/" in token and token.count("/") == 1 and len(token) <= 7:
        return "tỉ số hoặc số đơn vị (a ratio such as 17/17)"
    if re.fullmatch(r"\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?", token):
        return "ngày tháng (a date)"
    if ":" in token:
        return "giờ (a time of day)"
    return "số hiệu, ngày hoặc khoảng (a document number, date or range)"


def ending_with(words: tuple[str, ...], tail: str = "") -> re.Pattern[str]:
    """A pattern for text that ends with one of `words` (a whole word), then `tail`."""
    return re.compile(r"(?<![\wÀ-ỹ])(?:" + "|".join(map(re.escape, words)) + ")" + tail + "$")


def link_parts(cands: list[Candidate]) -> dict[int, int]:
    """'31.609 đơn, gồm 2.850 …, 1.168 … và 27.591 …': numbers after a total that add up to it.

    Returns {part id: total id}."""
    total_of: dict[int, int] = {}
    for i, total in enumerate(cands):
        if total.unit is None or total.delta or total.percent or total.id in total_of:
            continue
        followers = [c for c in cands[i + 1:]
                     if c.sent in (total.sent, total.sent + 1) and c.unit is not None
                     and not c.delta and not c.percent and _compatible(total, c)]
        run = _run_adding_up(total, followers, total_of)
        if run:
            total_of.update({p.id: total.id for p in run})
    return total_of


def _run_adding_up(total: Candidate, followers: list[Candidate], total_of: dict[int, int]) -> list[Candidate]:
    """The first run of two or more consecutive followers whose values add up to the total."""
    for j in range(len(followers)):
        acc = 0.0
        for k in range(j, len(followers)):
            acc += followers[k].value
            if k > j and abs(acc - total.value) < 1e-9:
                run = followers[j:k + 1]
                if all(p.id not in total_of for p in run) and \
                        (run[0].sent == total.sent or _opens_sentence(run[0])):
                    return run
                break
            if acc > total.value:
                break
    return []


def _compatible(total: Candidate, part: Candidate) -> bool:
    a, b = total.unit_class, part.unit_class
    if a == b:
        return True
    if a == "models" and b == "people":
        return True
    return a == "event" and b == "event"


def _opens_sentence(c: Candidate) -> bool:
    """The sentence of the parts starts by saying so ("Trong số này, …", "Khối tập thể đóng góp …")."""
    return len(c.folded[:c.start]) < PART_INTRO_MAX


def context_snippet(c: Candidate) -> str:
    """The number with the words around it: how the review file finds this figure again."""
    s = c.sentence
    left = s[:c.start].split()[-3:]
    right = s[c.end:].split()[:3]
    return " ".join([*left, c.number_text, *right])
