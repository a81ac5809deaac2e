"""What the pages compute from query results: the full-year / other-period split, a trend's rows over
chosen years, year-on-year change, index, start–end change, ranking and the overview cards. Pure pandas,
no I/O."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from core.data.missing import is_missing

MODES = ("absolute", "change_abs", "change_pct", "index")


def split_periods(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Full calendar years (joined into lines) apart from every other period (drawn as separate points)."""
    full = points["is_full_year"].fillna(False).astype(bool)
    return points[full].reset_index(drop=True), points[~full].reset_index(drop=True)


def apply_mode(full_years: pd.DataFrame, mode: str, series: str = "locality_id") -> pd.DataFrame:
    """Add `plotted`: the value, its change from the previous year (absolute or %), or an index.

    A change needs the figure of the year just before; the index divides by the first year
    that series has in the frame (= 100). Missing inputs give NaN, never 0.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    frame = full_years.sort_values([series, "year"]).reset_index(drop=True)
    values = frame["value"].astype(float)
    if mode == "absolute":
        frame["plotted"] = values
        return frame
    if mode == "index":
        first = frame.groupby(series)["value"].transform("first").astype(float)
        frame["plotted"] = np.where(first > 0, values / first * 100, np.nan)
        return frame
    previous = frame.groupby(series)["value"].shift(1).astype(float)
    previous_year = frame.groupby(series)["year"].shift(1)
    consecutive = (frame["year"] - previous_year) == 1
    previous = previous.where(consecutive)
    if mode == "change_abs":
        frame["plotted"] = values - previous
    else:
        frame["plotted"] = np.where(previous > 0, (values - previous) / previous * 100, np.nan)
    return frame


def plotted_in_years(
    full_years: pd.DataFrame, mode: str, years: Collection[int], series: str = "locality_id"
) -> pd.DataFrame:
    """`apply_mode` for chosen years: one row per series × chosen year with something to plot.

    A change may start from the year just before a chosen year (when `full_years` has it); the
    index is 100 at each series' first chosen year with a figure.
    """
    chosen = [int(y) for y in years]
    base = full_years if mode in CHANGES else full_years[full_years["year"].isin(chosen)]
    frame = apply_mode(base, mode, series=series)
    return frame[frame["year"].isin(chosen) & frame["plotted"].notna()].reset_index(drop=True)


CHANGES = ("change_abs", "change_pct")  # the measures that start from the year before


def fetch_years(years: Collection[int]) -> tuple[int, int]:
    """The years a trend asks series_points for: from the year before the first chosen one (a change from
    the previous year starts there) to the last chosen one."""
    return min(years) - 1, max(years)


@dataclass(frozen=True)
class TrendRows:
    """The rows of a trend over chosen years, fetched with `fetch_years` and split once, for the trends
    page and a deck's trend and compare charts alike. Every part keeps the order of the query's rows."""

    fetched: pd.DataFrame
    years: tuple[int, ...]
    mode: str = "absolute"

    @classmethod
    def of(cls, fetched: pd.DataFrame, years: Collection[int], mode: str = "absolute") -> TrendRows:
        return cls(fetched, tuple(sorted({int(y) for y in years})), mode)

    @cached_property
    def _ends(self) -> pd.Series:
        return pd.to_datetime(self.fetched["period_end"])

    @cached_property
    def _split(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return split_periods(self.fetched)

    @property
    def full(self) -> pd.DataFrame:
        """Every full calendar year fetched, the year before the first chosen one included."""
        return self._split[0]

    @property
    def other(self) -> pd.DataFrame:
        """Every other period fetched (part-year, cumulative, event; with or without a known end)."""
        return self._split[1]

    @cached_property
    def drawable(self) -> pd.DataFrame:
        """The rows whose period ends in a chosen year."""
        return self.fetched[(self._ends.notna() & self._ends.dt.year.isin(self.years)).to_numpy()]

    @cached_property
    def undated(self) -> pd.DataFrame:
        """The rows whose period end is unknown: no place on a chart by year."""
        return self.fetched[self._ends.isna().to_numpy()]

    @cached_property
    def full_in_years(self) -> pd.DataFrame:
        """The full years among the chosen ones."""
        return self.full[self.full["year"].isin(self.years)]

    @cached_property
    def other_in_years(self) -> pd.DataFrame:
        """The other periods that end in a chosen year (drawn as separate points)."""
        ends = pd.to_datetime(self.other["period_end"])
        return self.other[(ends.notna() & ends.dt.year.isin(self.years)).to_numpy()]

    @cached_property
    def plotted(self) -> pd.DataFrame:
        """`plotted_in_years` of the full years: one row per series × chosen year with something to plot."""
        return plotted_in_years(self.full, self.mode, self.years)

    @property
    def behind_plotted(self) -> pd.DataFrame:
        """The rows the plotted values come from: every drawn row for values as given, the full years a
        change (with the year before) or an index is computed from."""
        if self.mode == "absolute":
            return self.drawable
        return self.full if self.mode in CHANGES else self.full_in_years

    @property
    def drawn(self) -> pd.DataFrame:
        """What a trend chart is handed: a change also needs the year before; other measures the chosen years."""
        return self.fetched[self._ends.notna().to_numpy()] if self.mode in CHANGES else self.drawable


def start_end_change(full_years: pd.DataFrame, series: str = "locality_id") -> pd.DataFrame:
    """One row per series: first and last year with a value, both values, and the change between them."""
    rows = []
    for key, group in full_years.dropna(subset=["value"]).sort_values([series, "year"]).groupby(series, sort=True):
        first, last = group.iloc[0], group.iloc[-1]
        several = len(group) > 1
        change = float(last["value"] - first["value"]) if several else np.nan
        pct = change / float(first["value"]) * 100 if several and first["value"] > 0 else np.nan
        rows.append(
            {
                series: key,
                "first_year": int(first["year"]),
                "first_value": float(first["value"]),
                "last_year": int(last["year"]),
                "last_value": float(last["value"]),
                "change_abs": change,
                "change_pct": pct,
            }
        )
    columns = [series, "first_year", "first_value", "last_year", "last_value", "change_abs", "change_pct"]
    return pd.DataFrame(rows, columns=columns)


def rank_values(values: pd.DataFrame) -> pd.DataFrame:
    """Rows with a value first, largest first, ranked 1, 2, 2, 4 …; rows without a value last, unranked."""
    frame = values.copy()
    frame["rank"] = frame["value"].rank(method="min", ascending=False).astype("Int64")
    has = frame["value"].notna()
    ranked = frame[has].sort_values(["value", "locality_id"], ascending=[False, True])
    return pd.concat([ranked, frame[~has]], ignore_index=True)


CARD_COLUMNS = [
    "locality_id", "indicator", "breakdown", "period_kind", "period_start", "period_end", "year",
    "is_full_year", "value", "qualifier", "derived", "derived_how", "source_title", "source_publisher",
    "source_published", "source_url", "previous_year", "previous_value", "previous_derived",
    "change_abs", "change_pct", "later_kind", "later_start", "later_end", "later_value",
]


def headline_cards(points: pd.DataFrame, localities: Sequence[str], indicators: Sequence[str]) -> pd.DataFrame:
    """One row per locality × headline indicator that has a figure: its latest full-year value
    (else its latest part-year value), the previous calendar year's value and the change.

    The breakdown is the total when it has a full year; otherwise the breakdown with the latest
    full year (then catalog order). A part-year figure newer than the card's year is kept in
    `later_*` so the page can mention it.
    """
    # Plain rows grouped once: boolean masks over the frame per card took 30 ms for ten cards.
    by_card: dict[tuple[object, object], list[dict]] = {}
    for record in points.to_dict("records"):
        by_card.setdefault((record["locality_id"], record["indicator"]), []).append(record)
    rows = []
    for locality in localities:
        for indicator in indicators:
            mine = by_card.get((locality, indicator))
            if not mine:
                continue
            full = [r for r in mine if _true(r["is_full_year"])]
            pool = full or mine
            chosen = [r for r in pool if r["breakdown"] == "total"]
            if not chosen:
                # the latest period first, then catalog order (stable: query order breaks ties)
                first = sorted(pool, key=lambda r: _order(r["breakdown_order"]))
                first = sorted(first, key=lambda r: r["period_end"], reverse=True)[0]
                chosen = [r for r in pool if r["breakdown"] == first["breakdown"]]
            latest = sorted(chosen, key=lambda r: r["period_end"])[-1]
            row = {col: latest.get(col) for col in CARD_COLUMNS if col in latest}
            row.update(previous_year=None, previous_value=np.nan, previous_derived=None,
                       change_abs=np.nan, change_pct=np.nan,
                       later_kind=None, later_start=None, later_end=None, later_value=np.nan)
            if _true(latest["is_full_year"]):
                year = int(latest["year"])
                before = [r for r in chosen if _true(r["is_full_year"]) and r["year"] == year - 1]
                row["previous_year"] = year - 1
                if before:
                    prev = before[0]
                    row["previous_value"] = float(prev["value"])
                    row["previous_derived"] = bool(prev["derived"])
                    row["change_abs"] = float(latest["value"]) - float(prev["value"])
                    if prev["value"] > 0:
                        row["change_pct"] = row["change_abs"] / float(prev["value"]) * 100
                newer = [r for r in mine if r["breakdown"] == latest["breakdown"] and not _true(r["is_full_year"])
                         and r["period_end"] > latest["period_end"]]
                if newer:
                    later = sorted(newer, key=lambda r: r["period_end"])[-1]
                    row.update(later_kind=later["period_kind"], later_start=later["period_start"],
                               later_end=later["period_end"], later_value=float(later["value"]))
            rows.append(row)
    return pd.DataFrame(rows, columns=CARD_COLUMNS)


def _true(value: object) -> bool:
    return not is_missing(value) and bool(value)


def _order(value: object) -> float:
    return 999.0 if is_missing(value) else float(value)  # type: ignore[arg-type]
