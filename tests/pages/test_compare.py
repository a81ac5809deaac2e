"""So sánh run headless (AppTest): places side by side, districts ranked, the filters, bad parameters."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts

COMPARE = "pages/compare.py"


def _bars(at: AppTest) -> list[tuple[str, float]]:
    (chart,) = charts(at)
    bar = chart["data"][0]
    return list(zip(bar["y"], bar["x"], strict=True))


def test_compare_default_provinces_side_by_side():
    at = ok(open_page(COMPARE))
    assert chart_spec(charts(at)[0])["period"] == "2025"
    assert _bars(at) == [("Hà Nội", 11935.0)]
    assert "Không có số liệu năm 2025: Gia Lai (từ 01/07/2025), Gia Lai." in texts(at)


@pytest.mark.parametrize(
    ("key", "value", "bars"),
    [
        ("compare.period", "2024", [("Gia Lai", 1556.0)]),
        ("compare.period", "partial:2024-01-01:2024-07-31", [("Hà Nội", 24254.0)]),
        ("compare.indicator", "reception_turns", [("Hà Nội", 31800.0)]),  # h014's year 1/8/2024–31/7/2025
        ("compare.breakdown", "collective", [("Hà Nội", 7369.0)]),
    ],
)
def test_compare_each_filter_changes_the_bars(key, value, bars):
    at = ok(open_page(COMPARE))
    at.selectbox(key=key).set_value(value).run()
    assert _bars(ok(at)) == bars


def test_compare_districts_ranked_with_the_count_of_districts_without_a_figure():
    params = {"scope": "districts", "province": "ha-noi", "indicator": "commendations", "breakdown": "collective",
              "period": "2024"}
    at = ok(open_page(COMPARE, params))
    assert _bars(at) == [("Hoàn Kiếm", 21.0)]
    assert "1 trên 30 quận, huyện của Hà Nội có số liệu năm 2024; 29 quận, huyện không có số liệu." in texts(at)
    at.selectbox(key="compare.period").set_value("2019").run()
    assert _bars(ok(at)) == [("Đông Anh", 12.0)]
    at.selectbox(key="compare.province").set_value("gia-lai").run()
    ok(at)
    assert [i.value for i in at.info] == [
        "Chưa có số liệu “Khen thưởng về công tác dân vận — Tập thể” ở cấp này để so sánh."]
    at.radio(key="compare.scope").set_value("provinces").run()
    # the newest provincial period for this breakdown: the merged Gia Lai's 2020–2025 total, named as the new unit
    assert _bars(ok(at)) == [("Gia Lai (từ 01/07/2025)", 35.0)]
    assert chart_spec(charts(at)[0])["period"] == "cumulative:2020-01-01:2025-12-31"


def test_compare_bad_params():
    at = ok(open_page(COMPARE, {"scope": "districts", "province": "atlantis", "period": "1999"}))
    assert sorted(w.value for w in at.warning) == sorted([
        "Tham số “province=atlantis” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
        "Tham số “period=1999” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
    ])


def test_compare_ranks_the_new_communes_of_a_province_and_counts_those_without_a_figure(reform):
    at = ok(open_page(COMPARE, {"scope": "communes", "province": "ha-noi", "indicator": "reception_turns"}))
    assert at.radio(key="compare.scope").options == [
        "Các tỉnh, thành phố", "Xã, phường trong một tỉnh (từ 01/07/2025)",
        "Quận, huyện trong một tỉnh (đến 30/06/2025)"]
    assert chart_spec(charts(at)[0])["period"] == "partial:2026-01-01:2026-09-30"
    assert _bars(at) == [("phường Ba Đình", 412.0), ("phường Hoàn Kiếm", 385.0), ("phường Cửa Nam", 207.0),
                         ("xã Sóc Sơn", 164.0), ("xã Đa Phúc", 131.0)]
    assert "5 trên 126 xã, phường của Hà Nội có số liệu 9 tháng 2026; 121 xã, phường không có số liệu." in texts(at)
    at.selectbox(key="compare.province").set_value("gia-lai-2025").run()
    assert _bars(ok(at)) == [("phường Pleiku", 71.0), ("phường Quy Nhơn", 64.0), ("phường Diên Hồng", 58.0)]
    assert ("3 trên 135 xã, phường của Gia Lai (từ 01/07/2025) có số liệu quý I/2026; 132 xã, phường không có số "
            "liệu.") in texts(at)
    # the old era's province for the same scope switch: old Gia Lai's districts
    at.radio(key="compare.scope").set_value("districts").run()
    assert ok(at).selectbox(key="compare.province").value == "gia-lai"
