"""Xu hướng run headless (AppTest): each filter changes what is plotted, a link restores the view, bad
parameters give a notice, empty selections say so in words."""
from __future__ import annotations

import pytest

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts, traces

TRENDS = "pages/trends.py"


def test_trends_default_view_joins_full_years_and_marks_the_partial_year():
    at = ok(open_page(TRENDS))
    (chart,) = charts(at)
    spec = chart_spec(chart)
    assert (spec["indicator"], spec["breakdown"], spec["localities"], spec["years"], spec["mode"]) == (
        "models_registered", "total", ["ha-noi", "gia-lai"], list(range(2015, 2026)), "absolute")
    lines = traces(chart)
    assert list(lines) == ["Hà Nội", "Hà Nội — một phần năm", "Gia Lai"]
    assert lines["Hà Nội"]["x"] == list(range(2015, 2026))
    assert lines["Hà Nội"]["y"] == [None] * 8 + [13663.0, None, 11935.0]
    assert lines["Hà Nội — một phần năm"]["y"] == [24254.0]
    assert lines["Gia Lai"]["y"] == [None] * 9 + [1556.0, None]
    assert any(s["type"] == "line" for s in chart["layout"]["shapes"])  # 2015–2025 spans the reform
    assert at.dataframe[0].value.shape[0] == 4
    # the source line under the chart, the same words its PNG carries (core.words.sources)
    assert ("Nguồn: Báo Nhân Dân, 12/2025; Báo Gia Lai (GLO), 05/12/2024; Hà Nội Mới, 2024; và 1 nguồn khác"
            in texts(at))
    assert "1 số liệu không rõ kỳ nên không vẽ được; xem trang Dữ liệu & nguồn." in texts(at)


@pytest.mark.parametrize(
    ("widget", "key", "value", "check"),
    [
        ("selectbox", "trends.indicator", "reception_turns",
         lambda c: chart_spec(c)["indicator"] == "reception_turns"
         and traces(c)["Gia Lai"]["y"][-3:-1] == [2743.0, 2861.0]),
        ("selectbox", "trends.breakdown", "collective",
         lambda c: traces(c)["Hà Nội"]["y"][-1] == 7369.0 and "Gia Lai" not in traces(c)),
        ("multiselect", "trends.loc", ["gia-lai", "ha-noi.thanh-xuan"],
         lambda c: list(traces(c)) == ["Gia Lai", "Thanh Xuân (Hà Nội)"]
         and traces(c)["Thanh Xuân (Hà Nội)"]["y"][3] == 90.0),
        ("slider", "trends.years", (2022, 2024),
         lambda c: traces(c)["Hà Nội"]["x"] == [2022, 2023, 2024]
         and traces(c)["Hà Nội"]["y"] == [None, 13663.0, None]),
        ("radio", "trends.chart", "bar", lambda c: {t["type"] for t in c["data"]} == {"bar", "scatter"}),
        ("radio", "trends.mode", "index",
         lambda c: [round(v, 2) for v in traces(c)["Hà Nội"]["y"] if v is not None] == [100.0, 87.35]),
    ],
)
def test_trends_each_filter_changes_the_chart(widget, key, value, check):
    at = ok(open_page(TRENDS))
    before = charts(at)[0]["data"]
    element = getattr(at, widget)(key=key)
    (element.set_range(*value) if widget == "slider" else element.set_value(value)).run()
    ok(at)
    (after,) = charts(at)
    assert after["data"] != before
    assert check(after)


def test_trends_url_restores_the_view():
    params = {"indicator": "reception_turns", "breakdown": "total", "loc": "gia-lai", "years": "2023-2024",
              "mode": "change_abs", "chart": "bar"}
    at = ok(open_page(TRENDS, params))
    (chart,) = charts(at)
    spec = chart_spec(chart)
    assert (spec["indicator"], spec["localities"], spec["years"], spec["mode"], spec["kind"]) == (
        "reception_turns", ["gia-lai"], [2023, 2024], "change_abs", "trend-bar")
    assert traces(chart)["Gia Lai"]["y"] == [None, 118.0]
    assert {k: at.query_params[k] for k in params} == params  # the link is kept for sharing
    changes = at.dataframe[1].value
    assert changes.iloc[0].tolist() == ["Gia Lai", "2023", "2.743 lượt", "2024", "2.861 lượt", "+118", "+4,3%"]


def test_trends_change_in_the_first_chosen_year_starts_from_the_year_before():
    # Hà Nội regular reception: 24.240 (2022, derived) → 22.858 (2023). Choosing 2023–2024 still shows 2023's change.
    params = {"indicator": "reception_turns", "breakdown": "regular", "loc": "ha-noi", "years": "2023-2024",
              "mode": "change_abs"}
    (chart,) = charts(ok(open_page(TRENDS, params)))
    line = traces(chart)["Hà Nội"]
    assert list(zip(line["x"], line["y"], strict=True)) == [(2023, -1382.0), (2024, None)]


def test_trends_bad_params_fall_back_with_a_notice():
    at = ok(open_page(TRENDS, {"loc": "ha-noi,ha-noi.khong-co", "years": "1990-2100", "mode": "garbage",
                               "indicator": "x' OR 1=1"}))
    assert sorted(w.value for w in at.warning) == sorted([
        "Tham số “loc=ha-noi.khong-co” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
        "Tham số “years=1990-2100” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
        "Tham số “mode=garbage” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
        "Tham số “indicator=x' OR 1=1” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
    ])
    spec = chart_spec(charts(at)[0])
    assert (spec["indicator"], spec["localities"], spec["years"], spec["mode"]) == (
        "models_registered", ["ha-noi"], list(range(2015, 2026)), "absolute")


def test_trends_empty_selections_say_so():
    at = ok(open_page(TRENDS))
    at.multiselect(key="trends.loc").set_value([]).run()
    assert not charts(at)
    assert [i.value for i in at.info] == [
        "Chưa chọn địa phương nào. Hãy chọn ít nhất một tỉnh, thành phố hay quận, huyện."]
    at = ok(open_page(TRENDS, {"indicator": "inspections", "loc": "gia-lai", "breakdown": "planned"}))
    assert not charts(at)
    assert at.info[0].value.startswith("Không có số liệu “Cuộc thanh tra — Theo kế hoạch” của Gia Lai trong 2015–2025")
    at = ok(open_page(TRENDS, {"mode": "change_pct", "loc": "gia-lai"}))
    assert not charts(at)
    assert at.info[0].value.startswith("Cách tính này cần số liệu của ít nhất hai năm liền nhau")


def test_trends_merged_gia_lai_is_not_joined_to_old_gia_lai():
    at = ok(open_page(TRENDS, {"indicator": "commendations", "breakdown": "collective", "loc": "gia-lai,gia-lai-2025"}))
    lines = traces(charts(at)[0])
    assert set(lines) == {"Gia Lai", "Gia Lai (từ 01/07/2025) — lũy kế"}
    assert lines["Gia Lai"]["line"]["color"] != lines["Gia Lai (từ 01/07/2025) — lũy kế"]["marker"]["color"]
