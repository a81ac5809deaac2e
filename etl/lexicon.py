"""The extractor's word lists, loaded from data/lexicon.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from etl.paths import LEXICON
from etl.textnorm import fold


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

    def has(self, key: str, folded_text: str) -> bool:
        return any(w in folded_text for w in self.context[key])

    def word_ends(self, key: str, folded_text: str) -> list[int]:
        """Where the whole words of context list `key` end in the text."""
        return [m.end() for m in self.words_re[key].finditer(folded_text)]


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _words(items: list[str]) -> tuple[str, ...]:
    return tuple(fold(str(w)) for w in items)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
        non_units=non_units,
        multipliers={fold(k): int(v) for k, v in raw["multipliers"].items()},
        units=units,
        context=context,
        breakdowns=breakdowns,
        total_cues=_words(raw.get("total_cues", [])),
        comparison={k: _words(v) for k, v in raw["comparison"].items()},
    )
