"""What the pages compute from query results: the full-year / other-period split, a trend's rows over
chosen years, year-on-year change, the change from the same period a year before ("so với cùng kỳ"),
index, start–end change, ranking and the overview cards. Pure pandas, no I/O."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from core.data.missing import is_missing
from core.data.period import Period, as_date

SAME_PERIOD = "same_period"  # the change (%) from the same days a year before: a year from the year before,
# a part of a year from the same part of the year before, never one from the other
MODES = ("absolute", "change_abs", "change_pct", "index", SAME_PERIOD)


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
    else:  # change_pct, and same_period: the same period of a full year is the year before
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


CHANGES = ("change_abs", "change_pct", SAME_PERIOD)  # the measures that start from the year before


def _year_back(day: dt.date) -> dt.date:
    """The same day a year before; the last day of a month stays the last day (29/02/2024 → 28/02/2023,
    28/02/2025 → 29/02/2024), so whole months stay whole months."""
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(day.year - 1, day.month, calendar.monthrange(day.year - 1, day.month)[1])
    return day.replace(year=day.year - 1)


def same_period_before(period: Period) -> Period | None:
    """The period a figure is compared with "so với cùng kỳ": the same days a year before, of the same kind.

    A full year gives the year before; a part of a year ("quý I/2026", "9 tháng 2026", "từ đầu năm đến
    15/10/2026") the same days of the year before. Cumulative and one-event figures, periods with an unknown
    day and periods of more than a year have none: a part of a year is never compared with a full year.
    """
    if period.kind not in ("year", "partial") or period.start is None or period.end is None:
        return None
    if _year_back(period.end) >= period.start:  # longer than a year: it overlaps its own "year before"
        return None
    return Period(period.kind, _year_back(period.start), _year_back(period.end))


SAME_PERIOD_COLUMNS = ("previous_kind", "previous_start", "previous_end", "previous_value", "previous_qualifier",
                       "previous_derived", "change_abs", "change_pct")


def same_period_change(points: pd.DataFrame, keys: Sequence[str] = ("locality_id",)) -> pd.DataFrame:
    """The rows of `points` whose same period a year before (`same_period_before`) is in `points` too, with the same
    `keys`: each with that figure (previous_*), the change and the change in % (NaN from 0), and `plotted` = the
    change in %. Rows keep the order of `points`; one without such a figure is left out."""
    index: dict[tuple, dict] = {}
    records = points.to_dict("records")
    for row in records:
        period = Period(row["period_kind"], as_date(row["period_start"]), as_date(row["period_end"]))
        index[(*(row[k] for k in keys), period.kind, period.start, period.end)] = row
    kept, extra = [], []
    for position, row in enumerate(records):
        before = same_period_before(Period(row["period_kind"], as_date(row["period_start"]),
                                           as_date(row["period_end"])))
        prev = index.get((*(row[k] for k in keys), before.kind, before.start, before.end)) if before else None
        if prev is None or is_missing(prev["value"]) or is_missing(row["value"]):
            continue
        change = float(row["value"]) - float(prev["value"])
        pct = change / float(prev["value"]) * 100 if float(prev["value"]) > 0 else np.nan
        kept.append(position)
        extra.append((prev["period_kind"], prev["period_start"], prev["period_end"], float(prev["value"]),
                      prev.get("qualifier"), _true(prev.get("derived")), change, pct))
    frame = points.iloc[kept].reset_index(drop=True)
    for n, name in enumerate(SAME_PERIOD_COLUMNS):
        frame[name] = [e[n] for e in extra]
    frame["plotted"] = frame["change_pct"].astype(float)
    return frame


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
        """One row per series × chosen year with something to plot (`plotted_in_years` of the full years); for
        SAME_PERIOD one row per full year or part of a year ending in a chosen year whose same period a year
        before was fetched (`same_period_change`)."""
        if self.mode == SAME_PERIOD:
            compared = same_period_change(self.fetched[self._ends.notna().to_numpy()])
            ends = pd.to_datetime(compared["period_end"])
            return compared[ends.dt.year.isin(self.years).to_numpy()].reset_index(drop=True)
        return plotted_in_years(self.full, self.mode, self.years)

    @property
    def behind_plotted(self) -> pd.DataFrame:
        """The rows the plotted values come from: every drawn row for values as given, the full years a
        change (with the year before) or an index is computed from, the figures compared "so với cùng kỳ"."""
        if self.mode == "absolute":
            return self.drawable
        if self.mode == SAME_PERIOD:
            compared = self.plotted.to_dict("records")
            used = {period_key(r) for r in compared} | {period_key(r, "previous_") for r in compared}
            return self.fetched[[period_key(r) in used for r in self.fetched.to_dict("records")]]
        return self.full if self.mode in CHANGES else self.full_in_years

    @property
    def drawn(self) -> pd.DataFrame:
        """What a trend chart is handed: a change also needs the year before; other measures the chosen years."""
        return self.fetched[self._ends.notna().to_numpy()] if self.mode in CHANGES else self.drawable


def period_key(row: dict, prefix: str = "period_") -> tuple:
    """A row's place and period; with prefix "previous_" the period it is compared with."""
    return (row["locality_id"], row[f"{prefix}kind"], as_date(row[f"{prefix}start"]), as_date(row[f"{prefix}end"]))


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
    "source_published", "source_url", "compared", "previous_kind", "previous_start", "previous_end",
    "previous_year", "previous_value", "previous_qualifier", "previous_derived", "change_abs", "change_pct",
    "later_kind", "later_start", "later_end", "later_value",
]
PREVIOUS_YEAR = "previous_year"  # a card's full year compared with the year before


@dataclass(frozen=True)
class _Card:
    """One breakdown's card: its figure, the figure it is compared with, how, and whether it is a full year or
    comparable (a breakdown with such a card goes before one that has only a part-year figure alone)."""

    row: dict
    previous: dict | None
    compared: str | None
    later: dict | None

    @property
    def strong(self) -> bool:
        return self.compared is not None


def _period_of(row: dict) -> Period:
    return Period(row["period_kind"], as_date(row["period_start"]), as_date(row["period_end"]))


def _card_of(rows: list[dict]) -> _Card:
    """The card of one breakdown's rows (query order): the newest part of a year after the last full year whose
    same period a year before is known; else the last full year (and the year before, when known); else the
    latest figure alone."""
    by_period = {_period_of(r): r for r in rows}

    def before(row: dict) -> dict | None:
        period = same_period_before(_period_of(row))
        return by_period.get(period) if period else None

    full = sorted((r for r in rows if _true(r["is_full_year"])), key=lambda r: r["period_end"])
    last_full = full[-1] if full else None
    newer = [r for r in rows if not _true(r["is_full_year"])
             and (last_full is None or r["period_end"] > last_full["period_end"])]
    comparable = [r for r in newer if before(r) is not None]
    if comparable:  # the latest end; of two ending the same day, the longer period
        card = sorted(comparable, key=lambda r: (r["period_end"], -as_date(r["period_start"]).toordinal()))[-1]
        return _Card(card, before(card), SAME_PERIOD, None)
    if last_full is not None:
        later = sorted(newer, key=lambda r: r["period_end"])[-1] if newer else None
        return _Card(last_full, before(last_full), PREVIOUS_YEAR, later)
    return _Card(sorted(rows, key=lambda r: r["period_end"])[-1], None, None, None)


def _card_breakdown(cards: dict[object, _Card]) -> object:
    """The total when it has a full year or a comparable figure; else the breakdown whose such card is the latest
    (then catalog order); else, when none has one, the total or the breakdown with the latest figure."""
    strong = {b: c for b, c in cards.items() if c.strong}
    pool = strong or cards
    if "total" in pool:
        return "total"
    by_order = sorted(pool, key=lambda b: _order(pool[b].row["breakdown_order"]))
    return sorted(by_order, key=lambda b: pool[b].row["period_end"], reverse=True)[0]


def headline_cards(points: pd.DataFrame, localities: Sequence[str], indicators: Sequence[str]) -> pd.DataFrame:
    """One row per locality × headline indicator that has a figure: the newest figure that can be compared, and
    what with.

    `compared` says how: SAME_PERIOD for a part of a year newer than the last full year whose same period a
    year before is known ("9 tháng 2026" with "9 tháng 2025"); PREVIOUS_YEAR for the latest full year (the
    previous calendar year's value may be missing); None for a part-year figure alone. A part of a year is
    never compared with a full year. A part-year figure newer than a full-year card is kept in `later_*` so the
    page can mention it. The breakdown: see `_card_breakdown`.
    """
    # Plain rows grouped once: boolean masks over the frame per card took 30 ms for ten cards.
    by_card: dict[tuple[object, object], dict[object, list[dict]]] = {}
    for record in points.to_dict("records"):
        mine = by_card.setdefault((record["locality_id"], record["indicator"]), {})
        mine.setdefault(record["breakdown"], []).append(record)
    rows = []
    for locality in localities:
        for indicator in indicators:
            breakdowns = by_card.get((locality, indicator))
            if not breakdowns:
                continue
            cards = {b: _card_of(r) for b, r in breakdowns.items()}
            card = cards[_card_breakdown(cards)]
            rows.append(_card_row(card))
    return pd.DataFrame(rows, columns=CARD_COLUMNS)


def _card_row(card: _Card) -> dict[str, object]:
    latest, prev = card.row, card.previous
    row = {col: latest.get(col) for col in CARD_COLUMNS if col in latest}
    row.update(compared=card.compared, previous_kind=None, previous_start=None, previous_end=None,
               previous_year=None, previous_value=np.nan, previous_qualifier=None, previous_derived=None,
               change_abs=np.nan,
               change_pct=np.nan, later_kind=None, later_start=None, later_end=None, later_value=np.nan)
    if card.compared == PREVIOUS_YEAR:
        row["previous_year"] = int(latest["year"]) - 1
    if prev is not None:
        row.update(previous_kind=prev["period_kind"], previous_start=prev["period_start"],
                   previous_end=prev["period_end"], previous_year=int(as_date(prev["period_end"]).year),
                   previous_value=float(prev["value"]), previous_qualifier=prev.get("qualifier"),
                   previous_derived=bool(prev["derived"]),
                   change_abs=float(latest["value"]) - float(prev["value"]))
        if prev["value"] > 0:
            row["change_pct"] = row["change_abs"] / float(prev["value"]) * 100
    if card.later is not None:
        later = card.later
        row.update(later_kind=later["period_kind"], later_start=later["period_start"], later_end=later["period_end"],
                   later_value=float(later["value"]))
    return row


def _true(value: object) -> bool:
    return not is_missing(value) and bool(value)


def _order(value: object) -> float:
    return 999.0 if is_missing(value) else float(value)  # type: ignore[arg-type]
