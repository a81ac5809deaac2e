"""core/deck/spec.py: reading a deck spec, resolving names, and the message for each mistake."""
from __future__ import annotations

import datetime as dt

import pytest

from core.charts.spec import ChartSpec
from core.data.catalog import load_catalog
from core.deck.spec import SpecError, chart_label, parse_spec, parse_years
from domain.places import resolve_locality


@pytest.fixture(scope="module")
def catalog(built_db):
    return load_catalog(built_db)


@pytest.mark.parametrize(("value", "expected"), [
    (2024, (2024,)),
    ("2024", (2024,)),
    ("2022-2025", (2022, 2023, 2024, 2025)),
    ("2022 – 2024", (2022, 2023, 2024)),
    ([2024, 2022, 2024], (2022, 2024)),
])
def test_parse_years(value, expected):
    assert parse_years(value) == expected


@pytest.mark.parametrize("value", ["2025-2019", "hai nghìn", [], [2024, "x"], None, True, 12, "20245", [1800]])
def test_parse_years_rejects(value):
    with pytest.raises(ValueError):
        parse_years(value)


@pytest.mark.parametrize(("name", "years", "ids", "problem"), [
    ("ha-noi", [2024], ["ha-noi"], None),
    ("Hà Nội", [2024], ["ha-noi"], None),
    ("thủ đô hà nội", [2024], ["ha-noi"], None),  # an alias, any case
    ("Gia Lai", [2024], ["gia-lai"], None),
    ("Gia Lai", [2026], ["gia-lai-2025"], None),
    # before and after the reform: two units, two series
    ("Gia Lai", list(range(2022, 2026)), ["gia-lai", "gia-lai-2025"], None),
    ("Sóc Sơn", [2024], ["ha-noi.soc-son"], None),
    ("An Khê", [2022], ["gia-lai.an-khe"], None),
    ("An Khê", [2025], [], ("tên 'An Khê' chỉ nhiều địa phương: da-nang-2025.an-khe, gia-lai-2025.phuong-an-khe, "
                           "gia-lai.an-khe; hãy ghi mã")),
    ("Sóc Sơn", [2026], ["ha-noi.xa-soc-son"], None),  # since 1 July 2025 the name is a commune's (xã Sóc Sơn)
    ("Ba Vì", [2026], [], "tên 'Ba Vì' chỉ nhiều địa phương: ha-noi.xa-ba-vi, quang-ngai-2025.xa-ba-vi; hãy ghi mã"),
    ("Pleiku", [2023], ["gia-lai.pleiku"], None),
    ("Quy Nhơn", [2030], ["gia-lai-2025.phuong-quy-nhon"], None),
    ("Hà Nôi", [2024], [], "không có địa phương 'Hà Nôi' (dùng tên hoặc mã như ha-noi, gia-lai.pleiku)"),
    ("", [2024], [], "địa phương '' không hợp lệ"),
])
def test_resolve_locality(catalog, name, years, ids, problem):
    first_day, last_day = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
    assert resolve_locality(name, catalog.places(), first_day, last_day) == (ids, problem)


GOOD_CHART = {"kind": "trend", "indicator": "reception_turns", "localities": ["Gia Lai"], "years": 2024}


def test_parse_spec_resolves_names_and_defaults(catalog):
    spec = parse_spec({
        "title": " Hội nghị ", "date": "2024-12-05",
        "charts": [GOOD_CHART, {"kind": "compare", "indicator": "Đơn thư tiếp nhận",
                                "breakdown": "Khiếu nại, tố cáo", "localities": "ha-noi", "years": "2023-2024",
                                "mode": "change_pct", "title": "Đơn thư"}],
    }, catalog)
    assert (spec.title, spec.subtitle, spec.day) == ("Hội nghị", "", dt.date(2024, 12, 5))
    assert spec.charts == (
        ChartSpec("trend-line", "reception_turns", "total", ("gia-lai",), (2024,), chart_id="deck.1"),
        ChartSpec("compare", "petitions", "complaint_denunciation", ("ha-noi",), (2023, 2024), mode="change_pct",
                  title="Đơn thư", chart_id="deck.2"),
    )
    assert [chart_label(c) for c in spec.charts] == ["biểu đồ 1", "biểu đồ 2"]


def _chart(**changes):
    return {**GOOD_CHART, **changes}


@pytest.mark.parametrize(("spec", "problems"), [
    ({"title": "T", "charts": [_chart(indicator="luot_tiep")]},
     ["biểu đồ 1: không có chỉ tiêu 'luot_tiep' (có: reception_turns, reception_persons, group_delegations, "
      "petitions, models_registered, models_recognized, dialogues, dialogue_opinions, commendations, inspections)"]),
    ({"title": "T", "charts": [_chart(breakdown="tong")]},
     ["biểu đồ 1: chỉ tiêu reception_turns không có phân tổ 'tong' (có: total, regular, leader, deputy)"]),
    ({"title": "T", "charts": [_chart(localities=["Hà Nôi", "Gia Lai"])]},
     ["biểu đồ 1: không có địa phương 'Hà Nôi' (dùng tên hoặc mã như ha-noi, gia-lai.pleiku)"]),
    ({"title": "T", "charts": [_chart(localities=[])]}, ["biểu đồ 1: chưa chọn địa phương nào (localities)"]),
    ({"title": "T", "charts": []}, ["chưa có biểu đồ nào (charts)"]),
    ({"title": "T"}, ["chưa có biểu đồ nào (charts)"]),
    ({"charts": [GOOD_CHART]}, ["thiếu title của bộ slide"]),
    ({"title": "T", "charts": [_chart(kind="pie")]}, ["biểu đồ 1: kind 'pie' không hợp lệ (trend hoặc compare)"]),
    ({"title": "T", "charts": [_chart(mode="share")]},
     ["biểu đồ 1: mode 'share' không hợp lệ (absolute, change_abs, change_pct, index, same_period)"]),
    ({"title": "T", "charts": [_chart(kind="compare", mode="index")]},
     ["biểu đồ 1: mode 'index' chỉ dùng cho kind trend"]),
    ({"title": "T", "charts": [_chart(years="2025-2019")]},
     ["biểu đồ 1: years '2025-2019' không hợp lệ (2024, 2019-2025 hoặc [2022, 2024])"]),
    ({"title": "T", "charts": [_chart(colour="red")]},
     ["biểu đồ 1: khóa không biết colour (dùng breakdown, indicator, kind, localities, mode, title, years)"]),
    ({"title": "T", "date": "05/12/2024", "charts": [GOOD_CHART]}, ["date '05/12/2024' không hợp lệ (YYYY-MM-DD)"]),
    ({"title": "T", "charts": ["reception_turns"]},
     ["biểu đồ 1: phải là một mục có kind, indicator, localities, years"]),
    # every problem at once, each naming its chart
    ({"title": "T", "charts": [GOOD_CHART, _chart(indicator="x"), _chart(localities=["Atlantis"])]},
     ["biểu đồ 2: không có chỉ tiêu 'x' (có: reception_turns, reception_persons, group_delegations, petitions, "
      "models_registered, models_recognized, dialogues, dialogue_opinions, commendations, inspections)",
      "biểu đồ 3: không có địa phương 'Atlantis' (dùng tên hoặc mã như ha-noi, gia-lai.pleiku)"]),
    ("just text", ["tệp mô tả phải có title và charts"]),
])
def test_parse_spec_problems(catalog, spec, problems):
    with pytest.raises(SpecError) as error:
        parse_spec(spec, catalog, "spec.yaml")
    assert error.value.problems == problems
    for problem in problems:
        assert problem in str(error.value)
    assert str(error.value).startswith("spec.yaml: ")
