"""Every page run headless (Streamlit AppTest) on the bundled data: no exceptions, each filter changes
what is plotted (read from the chart's JSON), a URL with parameters restores the view, bad
parameters give a visible notice, empty selections say so in words."""
from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts, traces, unescape


@pytest.fixture(autouse=True)
def _database(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))


# --- Tổng quan -------------------------------------------------------------------------------------

def test_overview_cards_sentences_and_small_charts():
    at = ok(open_page())
    assert at.title[0].value == "Tổng quan"
    metrics = {(m.value, m.delta) for m in at.metric}
    assert ("2.861", "+118 (+4,3%)") in metrics  # Gia Lai reception 2024 vs 2023
    assert ("171", "−25 (−12,8%)") in metrics  # Gia Lai KNTC petitions
    assert ("22.858", "−1.382 (−5,7%)") in metrics  # Hà Nội regular reception 2023 vs 2022
    shown = texts(at)
    assert "**Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023.**" in shown
    assert any(s.startswith("Nguồn: Báo Gia Lai (GLO), 05/12/2024") for s in shown)
    figures = charts(at)
    assert [chart_spec(c)["kind"] for c in figures] == ["overview-small"] * len(figures)
    assert len(figures) >= 4
    models = next(c for c in figures if chart_spec(c)["indicator"] == "models_registered")
    assert traces(models)["Hà Nội — một phần năm"]["y"] == [24254.0]


def test_overview_english_toggle_and_url():
    at = ok(open_page())
    at.toggle(key="app.lang_en").set_value(True).run()
    ok(at)
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] == "en"
    assert "**In 2024, Gia Lai received citizens 2,861 times, up 118 turns (4.3%) on 2023.**" in texts(at)
    assert traces(charts(at)[0])  # charts follow the language too
    assert any("part of a year" in name for c in charts(at) for name in traces(c))
    again = ok(open_page(params={"lang": "en"}))
    assert again.title[0].value == "Overview"


def test_overview_bad_language_param():
    at = ok(open_page(params={"lang": "fr"}))
    assert at.title[0].value == "Tổng quan"
    assert [w.value for w in at.warning] == [
        "Tham số “lang=fr” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."
    ]


# --- Xu hướng --------------------------------------------------------------------------------------

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


# --- So sánh ---------------------------------------------------------------------------------------

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
        ("compare.indicator", "reception_turns", [("Gia Lai", 2861.0)]),
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


# --- Quận/huyện ------------------------------------------------------------------------------------

DISTRICT = "pages/district.py"


def test_district_profile_soc_son():
    at = ok(open_page(DISTRICT))
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_recognized", "dialogues", "dialogue_opinions"]
    assert {tuple(chart_spec(c)["localities"]) for c in charts(at)} == {("ha-noi.soc-son",)}
    note = at.info[0].value
    assert "Sóc Sơn là huyện của Hà Nội đến hết ngày 30/06/2025" in note and "trực thuộc Hà Nội" in note
    dialogues = traces(charts(at)[1])
    assert dialogues["Đối thoại đột xuất — lũy kế"]["customdata"][0][2] == "hơn 40 cuộc"
    assert len(at.dataframe) == 3


def test_district_filters_change_the_profile():
    at = ok(open_page(DISTRICT))
    at.selectbox(key="district.district").set_value("ha-noi.tay-ho").run()
    assert [chart_spec(c)["indicator"] for c in charts(ok(at))] == ["models_registered"]
    at.selectbox(key="district.province").set_value("gia-lai").run()
    ok(at)
    assert at.selectbox(key="district.district").value == "gia-lai.an-khe"  # the first district with figures
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_registered"]
    assert "trực thuộc Gia Lai (từ 01/07/2025)" in at.info[0].value
    at.selectbox(key="district.district").set_value("gia-lai.pleiku").run()
    assert not charts(ok(at))
    assert "Chưa có số liệu nào của Pleiku." in texts(at)


def test_district_url_and_bad_params():
    at = ok(open_page(DISTRICT, {"province": "gia-lai", "district": "gia-lai.dak-po"}))
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["dialogue_opinions"]
    bad = ok(open_page(DISTRICT, {"province": "gia-lai", "district": "gia-lai.khong-co"}))
    assert [w.value for w in bad.warning] == [
        "Tham số “district=gia-lai.khong-co” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."]
    assert bad.selectbox(key="district.district").value == "gia-lai.an-khe"


# --- Dữ liệu & nguồn -------------------------------------------------------------------------------

DATA = "pages/data.py"


def test_data_page_tables_and_downloads():
    at = ok(open_page(DATA))
    observations, sources, glossary = (d.value for d in at.dataframe)
    assert len(observations) == 84 and len(sources) == 30 and len(glossary) == 10
    assert sources["Số số liệu"].sum() == 84
    assert {"Câu trích", "Đường dẫn", "Nơi đăng", "Ngày đăng", "Nguồn"} <= set(observations.columns)
    assert [b.proto.label for b in at.get("download_button")] == ["Tải CSV", "Tải Excel (XLSX)", "Tải Parquet"]
    assert glossary["Tên (tiếng Anh)"].iloc[0] == "Citizen reception turns"


@pytest.mark.parametrize(
    ("key", "value", "rows"),
    [
        ("data.province", "gia-lai", 27),
        ("data.district", "ha-noi.soc-son", 10),
        ("data.indicator", "petitions", 11),
        ("data.year", "2024", 27),
        ("data.kind", "cumulative", 23),
    ],
)
def test_data_each_filter_changes_the_rows(key, value, rows):
    at = ok(open_page(DATA))
    at.selectbox(key=key).set_value(value).run()
    assert len(ok(at).dataframe[0].value) == rows


def test_data_url_restores_and_empty_says_so():
    at = ok(open_page(DATA, {"province": "ha-noi", "district": "ha-noi.soc-son", "kind": "cumulative"}))
    assert len(at.dataframe[0].value) == 9
    empty = ok(open_page(DATA, {"indicator": "inspections", "year": "2015"}))
    assert [i.value for i in empty.info] == ["Không có số liệu nào phù hợp bộ lọc. Hãy bỏ bớt điều kiện."]
    assert not empty.get("download_button")
    bad = ok(open_page(DATA, {"year": "abc"}))
    assert [w.value for w in bad.warning] == [
        "Tham số “year=abc” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."]
    assert len(bad.dataframe[0].value) == 84


# --- Hostile links ---------------------------------------------------------------------------------

HOSTILE = ["<script>alert(1)</script>", "x'; DROP TABLE observations; --", "**đậm** [link](javascript:alert(1))",
           ":red[đỏ] :material/warning:"]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/trends.py", "pages/compare.py", "pages/district.py",
                                  "pages/data.py", "pages/deck.py"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_link_parameters_are_shown_as_text_and_change_nothing(page, value, built_db):
    before = duckdb.connect(str(built_db), read_only=True)
    n = before.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    before.close()
    params = {name: value for name in ("lang", "indicator", "breakdown", "loc", "years", "mode", "chart", "province",
                                       "district", "level", "period", "year", "kind")}
    # The overview is the default page: a link to the site itself carries its parameters (and ?lang).
    at = ok(open_page(None if page == "pages/overview.py" else page, params))
    for kind in ("warning", "markdown", "caption", "info"):
        for el in getattr(at, kind):
            # Markdown and HTML in the value are escaped: shown as characters, never as markup.
            assert "<script>" not in el.value and "**đậm**" not in el.value and ":red[" not in el.value
    shown = [unescape(w.value) for w in at.warning]
    if page != "pages/deck.py":  # the deck page reads no link parameters
        assert any(value in s for s in shown), shown
    after = duckdb.connect(str(built_db), read_only=True)
    assert after.execute("SELECT count(*) FROM observations").fetchall()[0][0] == n
    after.close()
