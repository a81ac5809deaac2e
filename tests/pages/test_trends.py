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


def test_trends_place_list_groups_new_units_under_their_province_and_marks_old_districts(reform):
    options = ok(open_page(TRENDS)).multiselect(key="trends.loc").options
    assert options[:10] == [
        "Hà Nội", "phường Ba Đình (Hà Nội)", "phường Hoàn Kiếm (Hà Nội)", "phường Cửa Nam (Hà Nội)",
        "xã Sóc Sơn (Hà Nội)", "xã Đa Phúc (Hà Nội)", "quận Hoàn Kiếm (Hà Nội) — đến 30/06/2025",
        "quận Tây Hồ (Hà Nội) — đến 30/06/2025", "quận Thanh Xuân (Hà Nội) — đến 30/06/2025",
        "huyện Sóc Sơn (Hà Nội) — đến 30/06/2025"]
    assert "Gia Lai (đến 30/06/2025)" in options and "phường Diên Hồng (Gia Lai)" in options


def test_trends_same_period_compares_parts_of_a_year_with_the_same_months_a_year_before(reform):
    params = {"indicator": "reception_turns", "loc": "ha-noi,ha-noi.phuong-ba-dinh,gia-lai-2025",
              "years": "2024-2026", "mode": "same_period"}
    at = ok(open_page(TRENDS, params))
    (chart,) = charts(at)
    points = {name: (t["x"], [round(y, 4) for y in t["y"]]) for name, t in traces(chart).items()}
    # 18.360 against the printed 17.150 (over the 17.000 another report implies), 412 against 400, 3.021 against 2.850
    assert points == {"Hà Nội — một phần năm": ([2026.22], [7.0554]),
                      "phường Ba Đình (Hà Nội) — một phần năm": ([2026.22], [3.0]),
                      "Gia Lai (từ 01/07/2025) — một phần năm": ([2026.22], [6.0])}
    assert traces(chart)["Hà Nội — một phần năm"]["customdata"][0][5] == (
        "<br>So với cùng kỳ (9 tháng 2025: 17.150): +7,1%")
    assert chart["layout"]["title"]["subtitle"]["text"] == "So với cùng kỳ năm trước (%)"
    # not drawn: the three nine months of 2025 (compared with, but without a 2024 of their own) and Hà Nội's
    # twelve months to 31/07/2025
    assert "4 số liệu không có số cùng kỳ năm trước (hoặc là số lũy kế, một sự kiện) nên không vẽ; chọn “Giá trị” " \
           "để xem." in texts(at)


def test_trends_same_period_never_compares_a_part_of_a_year_with_a_full_year(reform):
    # Hà Nội's models: nine months of 2026 and of 2025, the full years 2023 and 2025 (no 2024): only the nine months
    params = {"indicator": "models_registered", "loc": "ha-noi", "years": "2023-2026", "mode": "same_period"}
    (chart,) = charts(ok(open_page(TRENDS, params)))
    assert [(t["name"], t["x"], [round(y, 4) for y in t["y"]]) for t in chart["data"]] == [
        ("Hà Nội — một phần năm", [2026.22], [11.8182])]


def test_trends_same_period_without_a_pair_draws_nothing_and_says_why():
    # the bundled data: Hà Nội's models of 7 months of 2024 and the years 2023 and 2025, Gia Lai's 2024 alone
    at = ok(open_page(TRENDS, {"mode": "same_period"}))
    assert not charts(at)
    assert at.info[0].value.startswith("Không có cặp số liệu cùng kỳ để so sánh")
