"""Validation across sources: conflicts found the same way for figures and for large tables."""
from __future__ import annotations

import random
from datetime import date

import pyarrow as pa

from etl.figure import Figure
from etl.validate import find_conflicts, find_conflicts_bulk


def figures(seed: int) -> list[Figure]:
    rng = random.Random(seed)
    out = []
    for _ in range(400):
        year = rng.choice([2022, 2023, None])
        out.append(Figure(doc=rng.choice(["a.txt", "b.txt", "t.csv#x"]), province="", district="",
                          indicator=rng.choice(["petitions", "dialogues"]), breakdown="total",
                          period_kind="year" if year else "event", period_start=date(year, 1, 1) if year else None,
                          period_end=date(year, 12, 31) if year else None, value=float(rng.choice([1, 2, 2, 3])),
                          locality_id=rng.choice(["gia-lai", "ha-noi", "ha-noi.soc-son"])))
    return out


def as_bulk(figs: list[Figure]) -> pa.Table:
    return pa.table({
        "locality_id": [f.locality_id for f in figs], "indicator": [f.indicator for f in figs],
        "breakdown": [f.breakdown for f in figs], "period_kind": [f.period_kind for f in figs],
        "period_start": pa.array([f.period_start for f in figs], pa.date32()),
        "period_end": pa.array([f.period_end for f in figs], pa.date32()),
        "source_id": [f.doc for f in figs], "value": [f.value for f in figs],
    })


def test_conflicts_of_large_tables_read_like_those_of_figures():
    for seed in range(5):
        figs = figures(seed)
        expected = find_conflicts(figs)
        assert expected
        assert find_conflicts_bulk(figs, []) == expected
        assert find_conflicts_bulk(figs[:100], [as_bulk(figs[100:250]), as_bulk(figs[250:])]) == expected
