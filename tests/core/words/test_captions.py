"""core.words.captions: the speaker notes of a chart's values (numbers, dates and periods come from core.words.fmt)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from core.words import captions

D = dt.date


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


def test_value_notes_name_each_row_by_its_series():
    rows = pd.DataFrame([NOTE_ROW, {**NOTE_ROW, "quote": None, "value": 2861.0, "period_start": D(2024, 1, 1),
                                    "period_end": D(2024, 12, 31)}]).assign(locality_id=["gia-lai", "x"])
    assert captions.value_notes(rows, {"gia-lai": "Gia Lai"}, "lượt") == [
        "Số liệu trên biểu đồ (kỳ, mức độ chính xác, nguồn và câu gốc):",
        "Gia Lai, năm 2023: 2.743 lượt — Báo Gia Lai (GLO), 05/12/2024: "
        "“Năm 2024 tiếp 2.861 lượt, tăng 118 lượt so với năm 2023.”",
        "x, năm 2024: 2.861 lượt — Báo Gia Lai (GLO), 05/12/2024",
    ]
