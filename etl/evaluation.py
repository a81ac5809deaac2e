"""Scoring extracted figures against hand annotations (the corpus's *annotations.csv)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl.figure import Figure
from etl.textnorm import fold

VALUE_TOLERANCE = 0.005  # a value matches a gold value within ±0.5 % (a derived value is approximate)


def match_key(province: str, district: str, indicator: str, period_end: str, value: float) -> tuple:
    """What the quality bar matches on: place, indicator, year of the period's end, value."""
    year = period_end[:4] if period_end else ""
    return (fold(province), fold(district), indicator, year, round(float(value), 6))


def _close(value: float, gold: float) -> bool:
    return abs(value - gold) <= VALUE_TOLERANCE * abs(gold) + 1e-9


def _matches(key: tuple, gold: dict[tuple, list[float]]) -> bool:
    return any(_close(key[-1], g) for g in gold.get(key[:-1], ()))


@dataclass
class Score:
    extracted: int
    matched_extracted: int
    required: int
    required_found: int
    false_positives: list[dict]
    missed: list[dict]

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.required_found / self.required if self.required else 1.0

    def line(self, name: str) -> str:
        return (f"{name}: precision {self.precision:.2f} ({self.matched_extracted}/{self.extracted}), "
                f"recall of required {self.recall:.2f} ({self.required_found}/{self.required})")


def read_annotations(*paths: Path) -> list[dict]:
    rows: list[dict] = []
    for p in paths:
        with p.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def _key(row: dict) -> tuple:
    return match_key(row["province"], row["district"], row["indicator"], row["period_end"], float(row["value"]))


def score(figures_by_doc: dict[str, list[Figure]], annotations: list[dict]) -> Score:
    """Precision over every figure extracted (a match is any gold row, required or not) and recall
    over the gold rows marked required, of the documents that were read."""
    gold: dict[str, dict[tuple, list[float]]] = {}
    required: dict[str, list[dict]] = {}
    for a in annotations:
        k = _key(a)
        gold.setdefault(a["doc"], {}).setdefault(k[:-1], []).append(k[-1])
        if a["required"] == "yes":
            required.setdefault(a["doc"], []).append(a)
    extracted = matched = 0
    fps: list[dict] = []
    for doc, figs in figures_by_doc.items():
        for f in figs:
            rec = f.record()
            extracted += 1
            if _matches(_key(rec), gold.get(doc, {})):
                matched += 1
            else:
                fps.append(rec)
    n_req = found = 0
    missed: list[dict] = []
    for doc, rows in required.items():
        if doc not in figures_by_doc:
            continue
        got: dict[tuple, list[float]] = {}
        for f in figures_by_doc[doc]:
            k = _key(f.record())
            got.setdefault(k[:-1], []).append(k[-1])
        for a in rows:
            n_req += 1
            k = _key(a)
            if any(_close(v, k[-1]) for v in got.get(k[:-1], ())):
                found += 1
            else:
                missed.append(a)
    return Score(extracted, matched, n_req, found, fps, missed)
