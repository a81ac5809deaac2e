"""core.words.sources: one writer of a source's name, label and line, the same on a page, in an image and on a slide."""
from __future__ import annotations

import pandas as pd
import pytest

from core.words.sources import (
    SourceRef,
    chart_source_line,
    known_publisher,
    source_label,
    source_line,
    sources_of,
)
from tests.support.core_frames import frame, point


@pytest.mark.parametrize(("value", "expected"), [
    ("Báo Gia Lai (GLO)", "Báo Gia Lai (GLO)"), (" Báo Mới ", "Báo Mới"), ("unknown", None), ("Unknown", None),
    ("không rõ", None), ("", None), ("  ", None), (None, None), (float("nan"), None), (pd.NA, None),
])
def test_known_publisher(value, expected):
    assert known_publisher(value) == expected


@pytest.mark.parametrize(("ref", "lang", "plain", "titled"), [
    (SourceRef("Báo Gia Lai (GLO)", "2024-12-05", "Gia Lai tổng kết"), "vi",
     "Báo Gia Lai (GLO), 05/12/2024", "Báo Gia Lai (GLO), 05/12/2024: Gia Lai tổng kết"),
    (SourceRef("Báo Mới", "2015"), "vi", "Báo Mới, 2015", "Báo Mới, 2015"),
    (SourceRef("Báo Gia Lai", "2024-11"), "vi", "Báo Gia Lai, 11/2024", "Báo Gia Lai, 11/2024"),
    # a report whose front matter says `publisher: unknown` is named by its title, never "unknown"
    (SourceRef("unknown", "2024-03-06", "Sóc Sơn đối thoại"), "vi",
     "Sóc Sơn đối thoại, 06/03/2024", "Sóc Sơn đối thoại, 06/03/2024"),
    (SourceRef(None, None, "Tiêu đề"), "vi", "Tiêu đề", "Tiêu đề"),
    (SourceRef(None), "vi", "không rõ nguồn", "không rõ nguồn"),
    (SourceRef("unknown"), "en", "unknown source", "unknown source"),
])
def test_source_label(ref, lang, plain, titled):
    assert source_label(ref, lang) == plain
    assert source_label(ref, lang, with_title=True) == titled


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
    ([], ""),
])
def test_source_line(refs, expected):
    assert source_line(refs) == expected


@pytest.mark.parametrize(("on_slide", "expected"), [
    (False, "Nguồn: Báo 0, 2024; Báo 1, 2024; và 3 nguồn khác"),
    (True, "Nguồn: Báo 0, 2024; Báo 1, 2024; và 3 nguồn khác (xem trang nguồn cuối)"),
])
def test_source_line_caps_the_list(on_slide, expected):
    refs = [SourceRef(f"Báo {i}", "2024") for i in range(5)]
    assert source_line(refs, max_sources=2, on_slide=on_slide) == expected


def test_source_ref_from_row_reads_nulls():
    row = {"source_publisher": "Báo Gia Lai", "source_published": float("nan"),
           "source_title": "T", "source_url": pd.NA}
    assert SourceRef.from_row(row) == SourceRef("Báo Gia Lai", None, "T", None)


def test_sources_of_rows_each_once_newest_first():
    rows = frame(point("a", 1, year=2023), point("b", 2, year=2024), point("c", 3, year=2024), point("d", 4, year=2022))
    rows.loc[1, ["source_publisher", "source_published", "source_title"]] = ["Báo Nhân Dân", "2025-12", "Tin mới"]
    rows.loc[3, ["source_publisher", "source_published"]] = ["Hà Nội portal", None]
    assert sources_of(rows) == (
        SourceRef("Báo Nhân Dân", "2025-12", "Tin mới", "https://example.org/a"),
        SourceRef("Báo Gia Lai", "2024-12-05", "Báo cáo tổng kết", "https://example.org/a"),
        SourceRef("Hà Nội portal", None, "Báo cáo tổng kết", "https://example.org/a"),
    )


def test_chart_source_line_names_three_then_says_how_many_more():
    rows = frame(*(point(f"p{i}", i, year=2024) for i in range(5)))
    rows["source_publisher"] = [f"Báo {i}" for i in range(5)]
    rows["source_published"] = [f"202{i}" for i in range(5)]
    assert chart_source_line(rows) == "Nguồn: Báo 4, 2024; Báo 3, 2023; Báo 2, 2022; và 2 nguồn khác"
    assert chart_source_line(rows, "en") == "Sources: Báo 4, 2024; Báo 3, 2023; Báo 2, 2022; and 2 more"
    assert chart_source_line(rows.iloc[0:0]) == ""
