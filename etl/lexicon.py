"""The extractor's word lists, loaded from data/lexicon.yaml and checked as they load.

Every entry is checked against what the code can use: a unit's `indicator` and `breakdown` must be
in the indicator catalog, its `needs` must name one of the context tests below, and each word list
the rules read must be there (an unknown or missing key is an error, never silently ignored).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from etl.catalog import load_catalog
from etl.errors import InputError
from etl.paths import INDICATORS, LEXICON
from etl.textnorm import fold

# The context tests a unit may name in `needs:`; etl/meaning.py holds one function for each.
CONTEXT_TESTS: dict[str, str] = {
    "dialogue": "said at a leaders' dialogue (đối thoại), not at a voter meeting",
    "dialogue_speakers": "people who spoke at a dialogue (… đại biểu phát biểu ý kiến)",
    "reception": "a citizen reception (tiếp công dân) is named in the sentence",
    "persons_after_turns": "persons right after the turns they came in (… lượt với 1.120 người)",
    "petition": "petitions received, not a subset (resolved, under jurisdiction) or cases (vụ việc)",
    "dvk": "the “Dân vận khéo” movement is named in the sentence or the one before",
    "not_voter": "not a voter meeting (cử tri)",
    "crowd": "delegations of many people (đông người) named in the clause before the number",
    "commendation": "praise for dân vận work, not a general emulation or Fatherland Front award",
}

# Unit indicators that are not catalog codes: "models" is registered or recognised, decided by the
# verb; "inherit" takes the indicator of the meeting counted before it ("… 62 cuộc").
UNIT_READINGS = ("models", "inherit")

# The word lists the rules read (key → what it is for).
CONTEXT_LISTS: dict[str, str] = {
    "dvk": "names of the “Dân vận khéo” movement",
    "dan_van": "dân vận work in general",
    "reception": "citizen reception",
    "dialogue": "a leaders' dialogue",
    "voter_meeting": "a People's Council or National Assembly voter meeting",
    "turns_of_others": "right after a bare “lượt”: turns of others than citizens (doanh nghiệp, khách)",
    "commendation": "praise and awards",
    "not_dan_van_award": "awards that are not for dân vận work",
    "petition_receipt": "petitions received (before the number)",
    "petition_reject": "petitions that are not what was received (after the number)",
    "petition_subset": "a subset of the petitions received (before the number)",
    "petition_received": "petitions received, said after the unit in the passive (… được tiếp nhận)",
    "petition_handled": "in a table's caption or labels: petitions handled (giải quyết), not received",
    "opinion_speaker": "what dialogue speakers said",
    "opinion_outcome": "what became of opinions (resolved, referred), beside the number: not those raised",
    "recognized": "models recognised or honoured",
    "models_other": "models counted for something else (a book, a visit)",
    "models_not_dvk": "models of another kind (economic, farming)",
    "registered": "models registered or carried out",
    "weak_registered": "registered words that only say models exist (có): they keep the sentence's earlier reading",
    "average": "an average, not the figure of a period (before the number)",
    "other_meetings": "right after a bare cuộc, buổi, hội nghị: a meeting of another kind (kiểm tra, họp)",
    "average_after": "an average, said after the unit (… mỗi năm)",
    "threshold": "after “từ N …”: a threshold, not a count (từ 2 cuộc trở lên)",
    "contest": "a contest in the sentence: its prizes and teams are no figures",
    "proposal": "before an award word before the number in its clause: an award proposed, not given",
    "discipline": "discipline before the number in its clause (kiểm điểm, kỷ luật)",
    "quota": "a quota per unit or a plan, before the number in its clause (mỗi xã ít nhất, sẽ)",
    "target": "a target, before the number in its clause or in a lead-in before \":\" (phấn đấu, chỉ tiêu)",
    "part_intro": "words that open a list of parts",
    "list_joiners": "words that may stand between two figures of one list",
    "respectively": "before a list of numbers: the i-th goes with the i-th place or verb named before (lần lượt)",
    "province_wide": "a figure for the whole province",
    "province_bodies": "a province's or city's own body, whose figure is the province's (Thanh tra thành phố)",
}

_SECTIONS = ("qualifiers", "label_words", "not_labels", "non_units", "multipliers", "units", "context", "breakdowns",
             "total_cues", "comparison")
_UNIT_KEYS = ("phrase", "indicator", "breakdown", "needs")
_COMPARISON_KEYS = ("up", "down", "against", "result")


@dataclass(frozen=True)
class Unit:
    phrase: str
    indicator: str  # an indicator code, "models" (registered or recognised) or "inherit"
    breakdown: str = ""
    needs: str = ""


@dataclass(frozen=True)
class Lexicon:
    qualifiers: dict[str, tuple[str, ...]]
    label_words: tuple[str, ...]
    not_labels: tuple[str, ...]  # words ending with a label word that are no label ("định kỳ")
    non_units: tuple[str, ...]
    multipliers: dict[str, int]
    units: tuple[Unit, ...]
    context: dict[str, tuple[str, ...]]
    breakdowns: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]
    total_cues: tuple[str, ...]
    comparison: dict[str, tuple[str, ...]]
    words_re: dict[str, re.Pattern[str]]  # one whole-word pattern per context list
    unit_re: re.Pattern[str]  # a unit phrase at the start of text, longest first
    non_unit_re: re.Pattern[str]
    by_phrase: dict[str, Unit]

    def has(self, key: str, folded_text: str) -> bool:
        return any(w in folded_text for w in self.context[key])

    def word_ends(self, key: str, folded_text: str) -> list[int]:
        """Where the whole words of context list `key` end in the text."""
        return [m.end() for m in self.words_re[key].finditer(folded_text)]


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _words(items: list[str]) -> tuple[str, ...]:
    return tuple(fold(str(w)) for w in items)


class _Checker:
    """Collects what is wrong with a lexicon file, each with where it is."""

    def __init__(self, path: Path, indicators: Path) -> None:
        self.name = path.name
        self.problems: list[str] = []
        catalog = load_catalog(indicators)
        self.breakdowns = {i.code: {b.code for b in i.breakdowns} for i in catalog.indicators}
        self.breakdowns["models"] = self.breakdowns.get("models_registered", set())

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, where: str, found: dict, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        for key in found:
            if key not in allowed:
                self.fail(where, f"khóa lạ {key!r} (unknown key; known: {', '.join(allowed)})")
        for key in required:
            if key not in found:
                self.fail(where, f"thiếu khóa {key!r} (missing key)")

    def unit(self, i: int, entry: object) -> None:
        where = f"units[{i}]"
        if not isinstance(entry, dict):
            self.fail(where, "phải là một bảng {phrase: …, indicator: …} (must be a mapping)")
            return
        self.keys(where, entry, _UNIT_KEYS, ("phrase", "indicator"))
        indicator = entry.get("indicator", "")
        if indicator not in self.breakdowns and indicator not in UNIT_READINGS:
            self.fail(where, f"chỉ tiêu lạ {indicator!r} (unknown indicator)")
        needs = entry.get("needs", "")
        if needs and needs not in CONTEXT_TESTS:
            self.fail(where, f"needs {needs!r} không có trong các phép thử ngữ cảnh (unknown context test; "
                             f"known: {', '.join(CONTEXT_TESTS)})")
        breakdown = entry.get("breakdown", "")
        if breakdown and indicator in self.breakdowns and breakdown not in self.breakdowns[indicator]:
            self.fail(where, f"phân tổ {breakdown!r} không thuộc chỉ tiêu {indicator!r} (unknown breakdown)")

    def breakdown_rules(self, raw: dict) -> None:
        for indicator, rules in raw.items():
            where = f"breakdowns.{indicator}"
            if indicator not in self.breakdowns:
                self.fail(where, f"chỉ tiêu lạ {indicator!r} (unknown indicator)")
                continue
            for j, rule in enumerate(rules or []):
                code = rule.get("breakdown", "") if isinstance(rule, dict) else ""
                if code not in self.breakdowns[indicator]:
                    self.fail(f"{where}[{j}]", f"phân tổ lạ {code!r} (unknown breakdown)")
                if not isinstance(rule, dict) or not rule.get("words"):
                    self.fail(f"{where}[{j}]", "thiếu danh sách words (no words)")

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError("từ điển trích xuất không hợp lệ (invalid lexicon): " + "; ".join(self.problems),
                             where=self.name)


def _check(raw: object, path: Path, indicators: Path) -> dict:
    check = _Checker(path, indicators)
    if not isinstance(raw, dict):
        check.fail("(tệp)", "phải là một bảng các mục (must be a mapping of sections)")
        check.raise_if_any()
    check.keys("(tệp)", raw, _SECTIONS, _SECTIONS)
    for i, entry in enumerate(raw.get("units") or []):
        check.unit(i, entry)
    context = raw.get("context") or {}
    check.keys("context", context, tuple(CONTEXT_LISTS), tuple(CONTEXT_LISTS))
    check.keys("comparison", raw.get("comparison") or {}, _COMPARISON_KEYS, _COMPARISON_KEYS)
    check.breakdown_rules(raw.get("breakdowns") or {})
    check.raise_if_any()
    return raw


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON, indicators: Path = INDICATORS) -> Lexicon:
    """Read and check the lexicon; a wrong entry raises InputError naming each problem."""
    raw = _check(yaml.safe_load(path.read_text(encoding="utf-8")), path, indicators)
    units = tuple(
        Unit(fold(u["phrase"]), u["indicator"], u.get("breakdown", ""), u.get("needs", ""))
        for u in sorted(raw["units"], key=lambda u: -len(u["phrase"]))
    )
    breakdowns = {
        ind: tuple((b["breakdown"], _words(b["words"])) for b in (rules or []))
        for ind, rules in raw["breakdowns"].items()
    }
    context = {k: _words(v) for k, v in raw["context"].items()}
    edge = r"(?![\wÀ-ỹ])"
    non_units = _words(raw["non_units"])
    return Lexicon(
        words_re={k: re.compile(r"(?<![\wÀ-ỹ])(?:" + _alternation(v) + ")" + edge) for k, v in context.items()},
        unit_re=re.compile(r"\s{0,2}(" + _alternation(tuple(u.phrase for u in units)) + ")" + edge),
        non_unit_re=re.compile(r"\s{0,2}(" + _alternation(non_units) + ")" + edge),
        qualifiers={k: _words(v) for k, v in raw["qualifiers"].items()},
        label_words=_words(raw["label_words"]),
        not_labels=_words(raw["not_labels"]),
        non_units=non_units,
        multipliers={fold(k): int(v) for k, v in raw["multipliers"].items()},
        units=units,
        by_phrase={u.phrase: u for u in units},
        context=context,
        breakdowns=breakdowns,
        total_cues=_words(raw.get("total_cues", [])),
        comparison={k: _words(v) for k, v in raw["comparison"].items()},
    )
