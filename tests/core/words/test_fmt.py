"""core.words.fmt: numbers, percentages, dates, periods and labels written the Vietnamese way."""
import datetime as dt

import pandas as pd
import pytest

from core.words import fmt

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (13663, "vi", "13.663"),
        (13663.0, "vi", "13.663"),
        (81.5, "vi", "81,5"),
        (1234567, "vi", "1.234.567"),
        (-118, "vi", "−118"),
        (0, "vi", "0"),
        (None, "vi", "–"),
        (float("nan"), "vi", "–"),
        (13663, "en", "13,663"),
        (81.5, "en", "81.5"),
    ],
)
def test_number(value, lang, expected):
    assert fmt.number(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(118, "+118"), (-25, "−25"), (0, "0"), (1382.0, "+1.382"), (None, "–")]
)
def test_signed(value, expected):
    assert fmt.signed(value) == expected


@pytest.mark.parametrize(
    ("value", "signed", "lang", "expected"),
    [
        (4.301859, False, "vi", "4,3%"),
        (12.755, False, "vi", "12,8%"),
        (4.301859, True, "vi", "+4,3%"),
        (-12.755, True, "vi", "−12,8%"),
        (100.0, False, "vi", "100,0%"),
        (150.0, False, "vi", "150,0%"),
        (-12.76, False, "vi", "−12,8%"),
        (4.301859, False, "en", "4.3%"),
        (float("nan"), False, "vi", "–"),
    ],
)
def test_percent(value, signed, lang, expected):
    assert fmt.percent(value, lang, signed_=signed) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("2024-12-05"), "05/12/2024"),
        (pd.Timestamp("2024-03-06"), "06/03/2024"),
        (dt.datetime(2025, 7, 1, 0, 0), "01/07/2025"),
        (pd.NaT, ""),
        (None, ""),
    ],
)
def test_date(value, expected):
    assert fmt.date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-12-05", "05/12/2024"), ("2024-12", "12/2024"), ("2024", "2024"), (None, ""), ("", ""), (float("nan"), "")],
)
def test_published(value, expected):
    assert fmt.published(value) == expected


@pytest.mark.parametrize(
    ("kind", "start", "end", "lang", "expected"),
    [
        ("year", "2024-01-01", "2024-12-31", "vi", "năm 2024"),
        ("year", "2024-01-01", "2024-12-31", "en", "2024"),
        ("partial", "2024-01-01", "2024-07-31", "vi", "7 tháng 2024"),
        ("partial", "2024-01-01", "2024-07-31", "en", "first 7 months of 2024"),
        ("partial", "2024-01-01", "2024-06-30", "vi", "6 tháng đầu năm 2024"),
        ("partial", "2024-01-01", "2024-03-31", "vi", "quý I/2024"),
        ("partial", "2023-07-01", "2023-09-30", "vi", "quý III/2023"),
        ("partial", "2023-07-01", "2023-09-30", "en", "QIII 2023"),
        ("partial", "2023-07-01", "2023-10-31", "vi", "01/07/2023 – 31/10/2023"),
        ("partial", "2015-01-01", "2015-11-16", "vi", "01/01/2015 – 16/11/2015"),
        ("partial", None, None, "vi", "kỳ không rõ"),
        ("cumulative", "2021-01-01", "2024-03-06", "vi", "lũy kế 2021 – 06/03/2024"),
        ("cumulative", "2009-01-01", "2024-12-31", "vi", "lũy kế 2009 – 2024"),
        ("cumulative", "2009-01-01", None, "vi", "lũy kế từ 2009 đến nay"),
        ("cumulative", None, None, "vi", "lũy kế (không rõ kỳ)"),
        ("event", "2024-07-23", "2024-07-23", "vi", "ngày 23/07/2024"),
        ("event", "2023-04-01", "2023-04-30", "vi", "tháng 04/2023"),
        # A "year" that is not a calendar year is never called a year.
        ("year", "2023-07-01", "2024-06-30", "vi", "01/07/2023 – 30/06/2024"),
    ],
)
def test_period_label(kind, start, end, lang, expected):
    assert fmt.period_label(kind, start and D(start), end and D(end), lang) == expected


@pytest.mark.parametrize(
    ("kind", "start", "end", "expected"),
    [
        ("year", pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"), "năm 2023"),
        ("partial", pd.NaT, pd.NaT, "kỳ không rõ"),
        ("cumulative", pd.Timestamp("2009-01-01"), pd.NaT, "lũy kế từ 2009 đến nay"),
    ],
)
def test_period_label_reads_what_queries_return(kind, start, end, expected):
    assert fmt.period_label(kind, start, end) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([2024], "2024"), ([2019, 2020, 2021], "2019–2021"), ([2024, 2019, 2022, 2024], "2019, 2022, 2024"), ([], "")],
)
def test_years(values, expected):
    assert fmt.years(values) == expected


@pytest.mark.parametrize(
    ("value", "qualifier", "lang", "expected"),
    [
        (40, "at_least", "vi", "hơn 40"),
        (24240, "approx", "vi", "khoảng 24.240"),
        (2861, "exact", "vi", "2.861"),
        (100, "approx", "vi", "khoảng 100"),
        (4.25, "exact", "vi", "4,25"),
        (-118, "exact", "vi", "−118"),
        (40, "at_least", "en", "more than 40"),
    ],
)
def test_qualified(value, qualifier, lang, expected):
    assert fmt.qualified(value, qualifier, lang) == expected


@pytest.mark.parametrize(
    ("name", "level", "parent", "valid_from", "lang", "expected"),
    [
        ("Sóc Sơn", "district", "Hà Nội", None, "vi", "Sóc Sơn (Hà Nội)"),
        ("Gia Lai", "province", None, D("2025-07-01"), "vi", "Gia Lai (từ 01/07/2025)"),
        ("Gia Lai", "province", None, D("2025-07-01"), "en", "Gia Lai (from 01/07/2025)"),
        ("Gia Lai", "province", None, pd.NaT, "vi", "Gia Lai"),
        ("Hà Nội", "province", float("nan"), None, "vi", "Hà Nội"),
    ],
)
def test_locality_label(name, level, parent, valid_from, lang, expected):
    assert fmt.locality_label(name, level, parent, valid_from, lang) == expected


@pytest.mark.parametrize(
    ("name", "level", "kind", "district_kind", "lang", "expected"),
    [
        # a commune-level unit names its kind: xã Sóc Sơn is not huyện Sóc Sơn
        ("Sóc Sơn", "commune", "xã", False, "vi", "xã Sóc Sơn (Hà Nội)"),
        ("Ba Đình", "commune", "phường", False, "en", "phường Ba Đình (Hà Nội)"),
        ("Xã BD-03-07", "commune", "xã", False, "vi", "Xã BD-03-07 (Hà Nội)"),  # the kind already in the name
        ("Sóc Sơn", "commune", None, False, "vi", "Sóc Sơn (Hà Nội)"),
        ("Sóc Sơn", "district", "huyện", False, "vi", "Sóc Sơn (Hà Nội)"),
        ("Sóc Sơn", "district", "huyện", True, "vi", "huyện Sóc Sơn (Hà Nội)"),
    ],
)
def test_locality_label_with_kind(name, level, kind, district_kind, lang, expected):
    assert fmt.locality_label(name, level, "Hà Nội", None, lang, kind=kind, district_kind=district_kind) == expected


@pytest.mark.parametrize(("valid_to", "lang", "expected"), [
    (D("2025-06-30"), "vi", "Sóc Sơn (Hà Nội) — đến 30/06/2025"),
    (D("2025-06-30"), "en", "Sóc Sơn (Hà Nội) — until 30/06/2025"),
    (None, "vi", "Sóc Sơn (Hà Nội)"),
    (pd.NaT, "vi", "Sóc Sơn (Hà Nội)"),
])
def test_until_label(valid_to, lang, expected):
    assert fmt.until_label("Sóc Sơn (Hà Nội)", valid_to, lang) == expected
