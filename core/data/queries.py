"""One typed function per question the pages ask; each runs one core/data/sql/*.sql file and returns a DataFrame.

No Streamlit here: core/ui/cached.py wraps these functions with a cache keyed on the database file.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
import pyarrow as pa

from core.data.db import batches, query
from core.data.period import Period, as_date


def indicators() -> pd.DataFrame:
    """One row per indicator in catalog order: names, units, definitions, headline flag, n_observations."""
    return query("indicators")


def breakdowns(indicator: str | None = None) -> pd.DataFrame:
    """One row per breakdown (of one indicator, or all) in catalog order, with n_observations."""
    frame = query("breakdowns")
    if indicator is not None:
        frame = frame[frame["indicator"] == indicator].reset_index(drop=True)
    return frame


def localities() -> pd.DataFrame:
    """One row per province, district (until 30/06/2025) or commune-level unit under a province (from
    01/07/2025): names, parent, validity, successor, n_observations."""
    return query("localities")


def locality_catalog() -> pd.DataFrame:
    """One row per locality of every level, with parent name, validity, successor and aliases (to resolve names)."""
    return query("locality_catalog")


def year_bounds() -> tuple[int, int]:
    """The first and last year any figure ends in."""
    row = query("year_bounds").iloc[0]
    return int(row["first_year"]), int(row["last_year"])


def build_info() -> dict[str, Any]:
    """What the database was built from: inputs_hash, n_sources, n_observations, synthetic."""
    return query("build_info").iloc[0].to_dict()


def series_points(
    indicator: str, breakdown: str, localities: Sequence[str], year_from: int, year_to: int
) -> pd.DataFrame:
    """One row per locality × period: chosen values of one indicator × breakdown, full years and other periods.

    `is_full_year` tells the two apart (see core.data.measures.split_periods); figures whose period
    end is unknown are included so a page can say how many it cannot draw.
    """
    return query(
        "series_points",
        {
            "indicator": indicator,
            "breakdown": breakdown,
            "localities": list(localities),
            "year_from": int(year_from),
            "year_to": int(year_to),
        },
    )


def headline_points(localities: Sequence[str]) -> pd.DataFrame:
    """One row per locality × headline indicator × breakdown × year or part-year period (chosen values)."""
    return query("headline_points", {"localities": list(localities)})


def compare_periods(indicator: str, breakdown: str, level: str, parent: str | None = None) -> pd.DataFrame:
    """One row per period that units of `level` (within `parent`) have a value for; newest first."""
    frame = query(
        "compare_periods", {"indicator": indicator, "breakdown": breakdown, "level": level, "parent": parent}
    )
    frame["key"] = [
        Period(k, as_date(s), as_date(e)).key
        for k, s, e in zip(frame["period_kind"], frame["period_start"], frame["period_end"], strict=True)
    ]
    return frame


def compare_values(
    indicator: str,
    breakdown: str,
    period: Period,
    level: str,
    parent: str | None = None,
    always: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per unit of `level` (within `parent`) with its value for the period, NULL when it has none."""
    return query(
        "compare_values",
        {
            "indicator": indicator,
            "breakdown": breakdown,
            "period_kind": period.kind,
            "period_start": period.start,
            "period_end": period.end,
            "level": level,
            "parent": parent,
            "always": list(always),
        },
    )


def profile_points(locality: str) -> pd.DataFrame:
    """One row per indicator × breakdown × period known for one locality (chosen values), each saying whether its
    period runs over the unit's first or last day (crosses_validity)."""
    return query("profile_points", {"localities": [locality]})


def predecessor_points(unit: str) -> pd.DataFrame:
    """The profile points of the districts a new unit was formed from (context for its profile, never its series),
    district by district."""
    links = unit_links(unit)
    districts = links.loc[(links["direction"] == "formed_from") & (links["level"] == "district"), "id"].tolist()
    return query("profile_points", {"localities": districts})


def unit_links(unit: str) -> pd.DataFrame:
    """One row per unit linked to `unit` by the reform: what it became (direction 'became') or was formed from
    ('formed_from'), whole or part, with is_locality and n_observations."""
    return query("unit_links", {"unit": unit})


SEARCH_LIMIT = 12


def search_units(text: str, limit: int = SEARCH_LIMIT) -> pd.DataFrame:
    """Units of any era whose name or alias contains `text` (no case, no tone marks), closest first, at most
    `limit`, with what each became or came from (lists of dicts) and n_found, how many matched in all."""
    return query("unit_search", {"text": " ".join(text.split()), "limit": int(limit)})


def observations(
    province: str | None = None,
    district: str | None = None,
    indicator: str | None = None,
    year: int | None = None,
    period_kind: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Every observation as its source states it, filtered by whichever arguments are given (at most `limit`)."""
    params = _observation_filters(province, district, indicator, year, period_kind)
    return query("observations", {**params, "limit": limit})


@contextmanager
def observation_batches(
    province: str | None = None,
    district: str | None = None,
    indicator: str | None = None,
    year: int | None = None,
    period_kind: str | None = None,
) -> Iterator[pa.RecordBatchReader]:
    """The rows of `observations` (every matching one) as Arrow record batches, read within the block."""
    params = _observation_filters(province, district, indicator, year, period_kind)
    with batches("observations", {**params, "limit": None}) as reader:
        yield reader


def count_observations(
    province: str | None = None,
    district: str | None = None,
    indicator: str | None = None,
    year: int | None = None,
    period_kind: str | None = None,
) -> int:
    """How many observations match the filters of `observations`."""
    params = _observation_filters(province, district, indicator, year, period_kind)
    return int(query("observations_count", params).iloc[0]["n"])


def _observation_filters(
    province: str | None, district: str | None, indicator: str | None, year: int | None, period_kind: str | None
) -> dict[str, Any]:
    return {
        "province": province,
        "district": district,
        "indicator": indicator,
        "year": None if year is None else int(year),
        "period_kind": period_kind,
    }


def sources() -> pd.DataFrame:
    """One row per source with how many figures it gave and the years they cover; newest first."""
    return query("sources")

