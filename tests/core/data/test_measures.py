"""core.data.measures: period split, year-on-year change, the same period a year before, index, start–end
change, ranking, overview cards."""
import datetime as dt
import math

import pandas as pd
import pytest

from core.data import measures
from core.data.period import Period
from tests.support.core_frames import frame, point

HN_GL = frame(
    point("ha-noi", 13663, year=2023),
    point("ha-noi", 24254, "partial", "2024-01-01", "2024-07-31"),
    point("ha-noi", 11935, year=2025),
    point("ha-noi", 160013, "cumulative", "2009-01-01", None),
    point("gia-lai", 2743, year=2023, derived=True),
    point("gia-lai", 2861, year=2024),
    point("gia-lai", 3000, year=2025),
)


def _rows(df: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(None if (isinstance(v, float) and math.isnan(v)) else (round(v, 4) if isinstance(v, float) else v)
                  for v in row) for row in df[list(cols)].itertuples(index=False)]


def test_split_periods_keeps_partial_and_cumulative_apart():
    full, other = measures.split_periods(HN_GL)
    assert _rows(full, "locality_id", "year", "value") == [
        ("ha-noi", 2023, 13663.0), ("ha-noi", 2025, 11935.0),
        ("gia-lai", 2023, 2743.0), ("gia-lai", 2024, 2861.0), ("gia-lai", 2025, 3000.0),
    ]
    assert _rows(other, "locality_id", "period_kind", "value") == [
        ("ha-noi", "partial", 24254.0), ("ha-noi", "cumulative", 160013.0),
    ]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("absolute", [("gia-lai", 2023, 2743.0), ("gia-lai", 2024, 2861.0), ("gia-lai", 2025, 3000.0),
                      ("ha-noi", 2023, 13663.0), ("ha-noi", 2025, 11935.0)]),
        # 2024 is missing for Hà Nội: its 2025 change has no previous year, so it is NaN, never a 2-year jump.
        ("change_abs", [("gia-lai", 2023, None), ("gia-lai", 2024, 118.0), ("gia-lai", 2025, 139.0),
                        ("ha-noi", 2023, None), ("ha-noi", 2025, None)]),
        ("change_pct", [("gia-lai", 2023, None), ("gia-lai", 2024, 4.3019), ("gia-lai", 2025, 4.8584),
                        ("ha-noi", 2023, None), ("ha-noi", 2025, None)]),
        ("index", [("gia-lai", 2023, 100.0), ("gia-lai", 2024, 104.3019), ("gia-lai", 2025, 109.3693),
                   ("ha-noi", 2023, 100.0), ("ha-noi", 2025, 87.3527)]),
    ],
)
def test_apply_mode(mode, expected):
    full, _ = measures.split_periods(HN_GL)
    assert _rows(measures.apply_mode(full, mode), "locality_id", "year", "plotted") == expected


def test_apply_mode_rejects_unknown_mode():
    with pytest.raises(ValueError):
        measures.apply_mode(HN_GL, "log")


def test_change_from_zero_is_not_a_percentage():
    full = frame(point("x", 0, year=2023), point("x", 5, year=2024))
    assert _rows(measures.apply_mode(full, "change_pct"), "year", "plotted") == [(2023, None), (2024, None)]
    assert _rows(measures.apply_mode(full, "index"), "year", "plotted") == [(2023, None), (2024, None)]


def test_start_end_change():
    full, _ = measures.split_periods(HN_GL)
    assert _rows(measures.start_end_change(full), "locality_id", "first_year", "first_value", "last_year",
                 "last_value", "change_abs", "change_pct") == [
        ("gia-lai", 2023, 2743.0, 2025, 3000.0, 257.0, 9.3693),
        ("ha-noi", 2023, 13663.0, 2025, 11935.0, -1728.0, -12.6473),
    ]


def test_start_end_change_of_a_single_year_has_no_change():
    result = measures.start_end_change(frame(point("gia-lai", 1556, year=2024)))
    assert _rows(result, "locality_id", "first_year", "last_year", "change_abs", "change_pct") == [
        ("gia-lai", 2024, 2024, None, None)
    ]


def test_rank_values_ties_and_missing():
    values = pd.DataFrame({"locality_id": ["a", "b", "c", "d", "e"], "value": [5.0, None, 9.0, 5.0, 1.0]})
    ranked = measures.rank_values(values)
    assert [(r.locality_id, None if pd.isna(r.rank) else int(r.rank)) for r in ranked.itertuples()] == [
        ("c", 1), ("a", 2), ("d", 2), ("e", 4), ("b", None)
    ]


def test_headline_cards_latest_full_year_with_change_and_fallbacks():
    points = frame(
        point("gia-lai", 2743, year=2023, derived=True),
        point("gia-lai", 2861, year=2024),
        # no total for Hà Nội: the breakdown with the latest full year, then catalog order
        point("ha-noi", 24240, year=2022, breakdown="regular", breakdown_order=2, derived=True, qualifier="approx"),
        point("ha-noi", 22858, year=2023, breakdown="regular", breakdown_order=2),
        point("ha-noi", 11751, year=2023, breakdown="leader", breakdown_order=3),
        # models: the newest partial year is kept beside the full year it follows
        point("ha-noi", 13663, year=2023, indicator="models_registered"),
        point("ha-noi", 24254, "partial", "2024-01-01", "2024-07-31", indicator="models_registered"),
        # only a part-year figure: the card shows it, without a change
        point("ha-noi", 31609, "partial", "2015-01-01", "2015-11-16", indicator="petitions"),
    )
    cards = measures.headline_cards(points, ["ha-noi", "gia-lai"],
                                    ["reception_turns", "petitions", "models_registered"])
    assert _rows(cards, "locality_id", "indicator", "breakdown", "period_kind", "value", "previous_year",
                 "previous_value", "change_abs", "change_pct", "later_value") == [
        ("ha-noi", "reception_turns", "regular", "year", 22858.0, 2022, 24240.0, -1382.0, -5.7013, None),
        ("ha-noi", "petitions", "total", "partial", 31609.0, None, None, None, None, None),
        ("ha-noi", "models_registered", "total", "year", 13663.0, 2022, None, None, None, 24254.0),
        ("gia-lai", "reception_turns", "total", "year", 2861.0, 2023, 2743.0, 118.0, 4.3019, None),
    ]
    assert cards.loc[cards["locality_id"] == "gia-lai", "previous_derived"].tolist() == [True]


YEARLY = pd.DataFrame({
    "locality_id": ["a", "a", "a", "b", "b"],
    "year": [2020, 2021, 2023, 2021, 2022],
    "value": [100.0, 110.0, 121.0, 0.0, 50.0],
})


@pytest.mark.parametrize(("mode", "expected"), [
    ("absolute", [("a", 2021, 110.0), ("a", 2023, 121.0), ("b", 2021, 0.0), ("b", 2022, 50.0)]),
    # from the year before, which may lie before the chosen years; no year just before, no change
    ("change_abs", [("a", 2021, 10.0), ("b", 2022, 50.0)]),
    # a change from 0 has no percentage
    ("change_pct", [("a", 2021, 10.0)]),
    # the series' first chosen year is 100; a base of 0 gives no index
    ("index", [("a", 2021, 100.0), ("a", 2023, 110.0)]),
])
def test_plotted_in_years(mode, expected):
    points = measures.plotted_in_years(YEARLY, mode, (2021, 2022, 2023))
    assert [(r.locality_id, r.year, round(r.plotted, 6)) for r in points.itertuples()] == expected


# --- a trend's rows over chosen years (the trends page and the deck's charts) --------------------------

TREND = frame(
    point("a", 10, year=2020), point("a", 12, year=2021), point("a", 15, year=2022),
    point("a", 7, "partial", "2021-01-01", "2021-06-30"), point("a", 3, "partial", "2020-01-01", "2020-03-31"),
    point("a", 99, "cumulative", "2009-01-01", None),
    point("b", 5, year=2022),
)


def test_fetch_years_starts_the_year_before():
    assert measures.fetch_years([2021, 2022]) == (2020, 2022)
    assert measures.fetch_years(range(2015, 2026)) == (2014, 2025)


def _values(rows) -> list[tuple]:
    return list(zip(rows["locality_id"], rows["period_kind"], rows["value"], strict=True))


@pytest.mark.parametrize(("mode", "drawn", "behind", "plotted"), [
    ("absolute",
     [("a", "year", 12.0), ("a", "year", 15.0), ("a", "partial", 7.0), ("b", "year", 5.0)],
     [("a", "year", 12.0), ("a", "year", 15.0), ("a", "partial", 7.0), ("b", "year", 5.0)],
     [("a", 2021, 12.0), ("a", 2022, 15.0), ("b", 2022, 5.0)]),
    # a change starts from 2020: the chart and the rows behind it hold it, the plotted values do not
    ("change_abs",
     [("a", "year", 10.0), ("a", "year", 12.0), ("a", "year", 15.0), ("a", "partial", 7.0), ("a", "partial", 3.0),
      ("b", "year", 5.0)],
     [("a", "year", 10.0), ("a", "year", 12.0), ("a", "year", 15.0), ("b", "year", 5.0)],
     [("a", 2021, 2.0), ("a", 2022, 3.0)]),
    # an index is 100 at the first chosen year: 2020 is not part of it
    ("index",
     [("a", "year", 12.0), ("a", "year", 15.0), ("a", "partial", 7.0), ("b", "year", 5.0)],
     [("a", "year", 12.0), ("a", "year", 15.0), ("b", "year", 5.0)],
     [("a", 2021, 100.0), ("a", 2022, 125.0), ("b", 2022, 100.0)]),
])
def test_trend_rows(mode, drawn, behind, plotted):
    points = TREND.sort_values(["locality_id", "period_end"], na_position="last").reset_index(drop=True)
    rows = measures.TrendRows.of(points, [2022, 2021], mode)
    assert rows.years == (2021, 2022)
    assert sorted(_values(rows.drawn)) == sorted(drawn)
    assert sorted(_values(rows.behind_plotted)) == sorted(behind)
    assert list(zip(rows.plotted["locality_id"], rows.plotted["year"], rows.plotted["plotted"], strict=True)) == plotted
    assert _values(rows.undated) == [("a", "cumulative", 99.0)]
    assert _values(rows.other_in_years) == [("a", "partial", 7.0)]
    assert _values(rows.full_in_years) == [("a", "year", 12.0), ("a", "year", 15.0), ("b", "year", 5.0)]


# --- "so với cùng kỳ": the same period a year before ------------------------------------------------------

def _p(kind: str, start: str | None, end: str | None) -> Period:
    return Period(kind, dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)


@pytest.mark.parametrize(("period", "before"), [
    # a full year: the year before
    (_p("year", "2026-01-01", "2026-12-31"), _p("year", "2025-01-01", "2025-12-31")),
    # a quarter, a half, nine months: the same months of the year before
    (_p("partial", "2026-01-01", "2026-03-31"), _p("partial", "2025-01-01", "2025-03-31")),
    (_p("partial", "2026-01-01", "2026-06-30"), _p("partial", "2025-01-01", "2025-06-30")),
    (_p("partial", "2026-01-01", "2026-09-30"), _p("partial", "2025-01-01", "2025-09-30")),
    (_p("partial", "2026-07-01", "2026-09-30"), _p("partial", "2025-07-01", "2025-09-30")),
    # "từ đầu năm đến nay" in a report of 15/10/2026: the same days
    (_p("partial", "2026-01-01", "2026-10-15"), _p("partial", "2025-01-01", "2025-10-15")),
    # whole months stay whole months across a leap day
    (_p("partial", "2024-01-01", "2024-02-29"), _p("partial", "2023-01-01", "2023-02-28")),
    (_p("partial", "2025-01-01", "2025-02-28"), _p("partial", "2024-01-01", "2024-02-29")),
    # over the new year: the same months a year earlier
    (_p("partial", "2025-10-01", "2026-03-31"), _p("partial", "2024-10-01", "2025-03-31")),
    # cumulative, one event, unknown days, longer than a year: nothing to compare with
    (_p("cumulative", "2021-01-01", "2025-12-31"), None),
    (_p("event", "2026-07-23", "2026-07-23"), None),
    (_p("partial", None, "2026-06-30"), None),
    (_p("partial", "2026-01-01", None), None),
    (_p("partial", "2024-06-01", "2026-05-31"), None),
])
def test_same_period_before(period, before):
    assert measures.same_period_before(period) == before


SAME = frame(
    point("a", 1200, "partial", "2026-01-01", "2026-09-30"),
    point("a", 1000, "partial", "2025-01-01", "2025-09-30", derived=True, qualifier="approx"),
    point("a", 500, "partial", "2026-01-01", "2026-06-30"),  # no first half of 2025
    point("a", 1500, year=2025),  # a full year: never the same period of nine months
    point("a", 1250, year=2024),
    point("a", 90, "partial", "2026-01-01", "2026-03-31"),
    point("a", 0, "partial", "2025-01-01", "2025-03-31"),  # a change from 0 has no percentage
    point("b", 800, "partial", "2025-01-01", "2025-09-30"),  # b's nine months of 2026 are unknown
    point("b", 40, "cumulative", "2021-01-01", "2025-12-31"),
    point("b", 30, "cumulative", "2020-01-01", "2024-12-31"),
)


def test_same_period_change():
    compared = measures.same_period_change(SAME)
    assert _rows(compared, "locality_id", "period_kind", "period_end", "value", "previous_value", "previous_derived",
                 "change_abs", "change_pct", "plotted") == [
        ("a", "partial", pd.Timestamp("2026-09-30"), 1200.0, 1000.0, True, 200.0, 20.0, 20.0),
        ("a", "year", pd.Timestamp("2025-12-31"), 1500.0, 1250.0, False, 250.0, 20.0, 20.0),
        ("a", "partial", pd.Timestamp("2026-03-31"), 90.0, 0.0, False, 90.0, None, None),
    ]
    assert _rows(compared, "previous_kind", "previous_start", "previous_end")[0] == (
        "partial", pd.Timestamp("2025-01-01"), pd.Timestamp("2025-09-30"))
    # another place's figure is never the same period: keys choose what is compared with what
    assert measures.same_period_change(SAME.assign(locality_id=["a", "b"] * 5)).empty


def test_trend_rows_same_period():
    rows = measures.TrendRows.of(SAME[SAME["locality_id"] == "a"], [2026], measures.SAME_PERIOD)
    assert list(zip(rows.plotted["period_end"], rows.plotted["plotted"], strict=True))[0] == (
        pd.Timestamp("2026-09-30"), 20.0)
    assert len(rows.plotted) == 2  # nine months and the first quarter of 2026 (the quarter has no percentage)
    assert sorted(_values(rows.behind_plotted)) == [("a", "partial", 0.0), ("a", "partial", 90.0),
                                                    ("a", "partial", 1000.0), ("a", "partial", 1200.0)]
    assert measures.fetch_years(rows.years) == (2025, 2026)


def test_headline_cards_compare_the_newest_part_of_a_year_with_the_same_period():
    points = frame(
        # nine months of 2026 and of 2025 after the full year 2025: the card is the nine months, "so với cùng kỳ"
        point("ha-noi", 11935, year=2025),
        point("ha-noi", 11200, year=2024),
        point("ha-noi", 9800, "partial", "2026-01-01", "2026-09-30"),
        point("ha-noi", 9000, "partial", "2025-01-01", "2025-09-30", derived=True),
        point("ha-noi", 3100, "partial", "2026-07-01", "2026-09-30"),  # the third quarter ends the same day
        # a part of 2026 with only the full year 2025 before it: the full year, with the part-year mentioned
        point("gia-lai-2025", 410, year=2025),
        point("gia-lai-2025", 380, year=2024),
        point("gia-lai-2025", 230, "partial", "2026-01-01", "2026-06-30"),
        # no total with a full year or a pair: the breakdown that has the pair
        point("ha-noi.phuong-ba-dinh", 12, "partial", "2026-01-01", "2026-03-31"),
        point("ha-noi.phuong-ba-dinh", 7, "partial", "2026-01-01", "2026-03-31", breakdown="collective",
              breakdown_order=2),
        point("ha-noi.phuong-ba-dinh", 5, "partial", "2025-01-01", "2025-03-31", breakdown="collective",
              breakdown_order=2),
    )
    cards = measures.headline_cards(points, ["ha-noi", "gia-lai-2025", "ha-noi.phuong-ba-dinh"], ["reception_turns"])
    assert _rows(cards, "locality_id", "breakdown", "compared", "period_end", "value", "previous_end",
                 "previous_year", "previous_value", "change_abs", "change_pct", "later_value") == [
        ("ha-noi", "total", "same_period", pd.Timestamp("2026-09-30"), 9800.0, pd.Timestamp("2025-09-30"), 2025,
         9000.0, 800.0, 8.8889, None),
        ("gia-lai-2025", "total", "previous_year", pd.Timestamp("2025-12-31"), 410.0, pd.Timestamp("2024-12-31"), 2024,
         380.0, 30.0, 7.8947, 230.0),
        ("ha-noi.phuong-ba-dinh", "collective", "same_period", pd.Timestamp("2026-03-31"), 7.0,
         pd.Timestamp("2025-03-31"), 2025, 5.0, 2.0, 40.0, None),
    ]
    assert cards["previous_derived"].tolist() == [True, False, False]
