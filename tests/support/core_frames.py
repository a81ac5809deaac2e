"""Small hand-written frames shaped like core.data.queries results, for the core unit tests."""
from __future__ import annotations

import datetime as dt

import pandas as pd


def point(locality: str, value: float, kind: str = "year", start: str | None = None, end: str | None = None,
          year: int | None = None, *, breakdown: str = "total", indicator: str = "reception_turns",
          derived: bool = False, qualifier: str = "exact", breakdown_order: int = 1) -> dict:
    """One chosen value; a full calendar year when only `year` is given."""
    if year is not None and start is None:
        start, end = f"{year}-01-01", f"{year}-12-31"
    s = dt.date.fromisoformat(start) if start else None
    e = dt.date.fromisoformat(end) if end else None
    return {
        "locality_id": locality, "indicator": indicator, "breakdown": breakdown, "breakdown_order": breakdown_order,
        "period_kind": kind, "period_start": pd.Timestamp(s) if s else pd.NaT,
        "period_end": pd.Timestamp(e) if e else pd.NaT,
        "year": e.year if e else None,
        "is_full_year": (kind == "year" and s == dt.date(e.year, 1, 1) and e == dt.date(e.year, 12, 31)
                         if e and s else False),
        "value": float(value), "qualifier": qualifier, "derived": derived,
        "derived_how": "suy ra từ mức tăng" if derived else None,
        "source_id": "s1", "source_title": "Báo cáo tổng kết", "source_publisher": "Báo Gia Lai",
        "source_published": "2024-12-05", "source_url": "https://example.org/a", "quote": "…",
    }


def frame(*points: dict) -> pd.DataFrame:
    data = pd.DataFrame(list(points))
    data["year"] = data["year"].astype("Int64")
    return data
