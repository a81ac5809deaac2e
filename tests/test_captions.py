"""core/captions.py: source lines, periods and numbers written the Vietnamese way."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core import captions
from core.captions import SourceRef

D = dt.date


@pytest.mark.parametrize(("published", "expected"), [
    ("2024-12-05", "05/12/2024"),
    ("2024-12", "12/2024"),
    ("2024", "2024"),
    (None, ""),
    ("", ""),
])
def test_published_text(published, expected):
    assert captions.published_text(published) == expected


@pytest.mark.parametrize(("refs", "expected"), [
    ([SourceRef("Báo Gia Lai (GLO)", "2024-12-05")], "Nguồn: Báo Gia Lai (GLO), 05/12/2024"),
    ([SourceRef("Báo Gia Lai", "2024-11"), SourceRef("Hà Nội portal", "2023-12-27")],
     "Nguồn: Báo Gia Lai, 11/2024; Hà Nội portal, 27/12/2023"),
    ([SourceRef("Báo Thanh tra", None)], "Nguồn: Báo Thanh tra"),
    ([SourceRef("unknown", "2024-03-06", "Sóc Sơn đối thoại")], "Nguồn: Sóc Sơn đối thoại, 06/03/2024"),
    ([SourceRef(None, None, None)], "Nguồn: không rõ nguồn"),
    # the same publisher and date from two articles is said once
    ([SourceRef("Báo Gia Lai", "2024-11", "a"), SourceRef("Báo Gia Lai", "2024-11", "b")],
     "Nguồn: Báo Gia Lai, 11/2024"),
])
def test_source_line(refs, expected):
    assert captions.source_line(refs) == expected


def test_source_line_caps_the_list():
    refs = [SourceRef(f"Báo {i}", "2024") for i in range(5)]
    assert captions.source_line(refs, max_sources=2) == (
        "Nguồn: Báo 0, 2024; Báo 1, 2024; và 3 nguồn khác (xem trang nguồn cuối)")


def test_source_ref_from_row_reads_nulls():
    row = {"source_publisher": "Báo Gia Lai", "source_published": float("nan"),
           "source_title": "T", "source_url": pd.NA}
    assert SourceRef.from_row(row) == SourceRef("Báo Gia Lai", None, "T", None)


@pytest.mark.parametrize(("kind", "start", "end", "expected"), [
    ("year", D(2024, 1, 1), D(2024, 12, 31), "năm 2024"),
    ("partial", D(2024, 1, 1), D(2024, 7, 31), "7 tháng 2024"),
    ("partial", D(2024, 1, 1), D(2024, 6, 30), "6 tháng đầu năm 2024"),
    ("partial", D(2024, 1, 1), D(2024, 3, 31), "quý I/2024"),
    ("partial", D(2023, 7, 1), D(2023, 9, 30), "quý III/2023"),
    ("partial", D(2015, 1, 1), D(2015, 11, 16), "2015–16/11/2015"),
    ("cumulative", D(2021, 1, 1), D(2024, 3, 6), "2021–06/03/2024"),
    ("cumulative", D(2009, 1, 1), D(2024, 12, 31), "2009–2024"),
    ("cumulative", D(2009, 1, 1), None, "từ 2009 đến nay"),
    ("event", D(2024, 3, 6), D(2024, 3, 6), "ngày 06/03/2024"),
    ("partial", None, None, "không rõ thời gian"),
    ("year", pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"), "năm 2023"),
    ("partial", pd.NaT, pd.NaT, "không rõ thời gian"),
])
def test_period_text(kind, start, end, expected):
    assert captions.period_text(kind, start, end) == expected


@pytest.mark.parametrize(("value", "qualifier", "expected"), [
    (13663, "exact", "13.663"),
    (40, "at_least", "hơn 40"),
    (100, "approx", "gần 100"),
    (4.25, "exact", "4,25"),
    (-118, "exact", "-118"),
])
def test_qualified_number(value, qualifier, expected):
    assert captions.qualified_number(value, qualifier) == expected


@pytest.mark.parametrize(("ratio", "expected"), [(0.043, "4,3%"), (-0.1276, "-12,8%"), (1.5, "150,0%")])
def test_format_share(ratio, expected):
    assert captions.format_share(ratio) == expected


@pytest.mark.parametrize(("years", "expected"), [
    ([2024], "2024"),
    ([2019, 2020, 2021], "2019–2021"),
    ([2024, 2019, 2022], "2019, 2022, 2024"),
    ([], ""),
])
def test_years_text(years, expected):
    assert captions.years_text(years) == expected


NOTE_ROW = {
    "period_kind": "year", "period_start": D(2023, 1, 1), "period_end": D(2023, 12, 31), "value": 2743.0,
    "qualifier": "exact", "derived": False, "derived_how": None, "n_distinct_values": 1,
    "quote": " Năm 2024 tiếp 2.861 lượt, tăng 118 lượt so với năm 2023. ",
    "source_publisher": "Báo Gia Lai (GLO)", "source_published": "2024-12-05", "source_title": "T", "source_url": None,
}


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, "Gia Lai, năm 2023: 2.743 lượt — Báo Gia Lai (GLO), 05/12/2024: "
         "“Năm 2024 tiếp 2.861 lượt, tăng 118 lượt so với năm 2023.”"),
    ({"derived": True, "derived_how": "2861 − 118", "quote": None},
     "Gia Lai, năm 2023: 2.743 lượt (suy ra: 2861 − 118) — Báo Gia Lai (GLO), 05/12/2024"),
    ({"qualifier": "at_least", "value": 40.0, "n_distinct_values": 2, "quote": float("nan"),
      "period_kind": "partial", "period_end": D(2023, 6, 30)},
     "Gia Lai, 6 tháng đầu năm 2023: hơn 40 lượt (các nguồn cho 2 giá trị khác nhau; giữ giá trị theo quy tắc chọn)"
     " — Báo Gia Lai (GLO), 05/12/2024"),
])
def test_value_note(changes, expected):
    assert captions.value_note({**NOTE_ROW, **changes}, "Gia Lai", "lượt") == expected


def test_sources_of_rows():
    rows = pd.DataFrame([NOTE_ROW, {**NOTE_ROW, "value": 1.0}, {**NOTE_ROW, "source_publisher": "Hà Nội portal"}])
    assert captions.sources_of(rows) == (SourceRef("Báo Gia Lai (GLO)", "2024-12-05", "T"),
                                         SourceRef("Hà Nội portal", "2024-12-05", "T"))
