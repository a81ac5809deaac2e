"""Scoring extracted figures against hand annotations (the corpus's *annotations.csv)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl.figure import Figure
from etl.textnorm import fold


def match_key(province: str, district: str, indicator: str, period_end: str, value: float) -> tuple:
    """What the quality bar matches on: place, indicator, year of the period's end, value."""
    year = period_end[:4] if period_end else ""
    return (fold(province), fold(district), indicator, year, round(float(value), 6))


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


def read_annotations(*paths: Path) -> list[dict]:
    rows: list[dict] = []
    for p in paths:
        with p.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    return rows


def score(figures_by_doc: dict[str, list[Figure]], annotations: list[dict]) -> Score:
    gold: dict[str, set] = {}
    required: dict[str, list[dict]] = {}
    for a in annotations:
        k = match_key(a["province"], a["district"], a["indicator"], a["period_end"], float(a["value"]))
        gold.setdefault(a["doc"], set()).add(k)
        if a["required"] == "yes":
            required.setdefault(a["doc"], []).append(a)
    extracted = matched = 0
    fps: list[dict] = []
    for doc, figs in figures_by_doc.items():
        for f in figs:
            rec = f.record()
            extracted += 1
            k = match_key(rec["province"], rec["district"], rec["indicator"], rec["period_end"], rec["value"])
            if k in gold.get(doc, set()):
                matched += 1
            else:
                fps.append(rec)
    n_req = found = 0
    missed: list[dict] = []
    for doc, rows in required.items():
        if doc not in figures_by_doc:
            continue
        keys = {match_key(r["province"], r["district"], r["indicator"], r["period_end"], r["value"])
                for r in (f.record() for f in figures_by_doc[doc])}
        for a in rows:
            n_req += 1
            k = match_key(a["province"], a["district"], a["indicator"], a["period_end"], float(a["value"]))
            if k in keys:
                found += 1
            else:
                missed.append(a)
    return Score(extracted, matched, n_req, found, fps, missed)
