"""The extractor's word lists, loaded from data/lexicon.yaml."""
from __future__ import annotations

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

    def has(self, key: str, folded_text: str) -> bool:
        return any(w in folded_text for w in self.context[key])


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
    return Lexicon(
        qualifiers={k: _words(v) for k, v in raw["qualifiers"].items()},
        label_words=_words(raw["label_words"]),
        non_units=_words(raw["non_units"]),
        multipliers={fold(k): int(v) for k, v in raw["multipliers"].items()},
        units=units,
        context={k: _words(v) for k, v in raw["context"].items()},
        breakdowns=breakdowns,
        total_cues=_words(raw.get("total_cues", [])),
        comparison={k: _words(v) for k, v in raw["comparison"].items()},
    )
