"""The rules of a figure's fields (etl/rules.py): each one value in, what it means or its one message
out; the group rules; and the lists the rules check against, which the schema's CHECKs repeat."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial

import pytest

from etl.catalog import load_catalog
from etl.gazetteer import default_gazetteer
from etl.load import SQL
from etl.periods import Period
from etl.placenames import Candidates, locality_candidates, resolve_locality, resolve_province
from etl.rules import (
    PERIOD_KINDS,
    QUALIFIERS,
    ask,
    breakdown_cell,
    count,
    derived_cell,
    filled,
    known_indicator,
    known_period_kind,
    latest_date,
    non_negative,
    parse_period,
    parts_over_total,
    period_kind_cell,
    place_on_period,
    plausible_value,
    published_cell,
    qualifier_cell,
    repeated_row,
    row_quote,
    row_rules,
    sane_span,
    source_id,
)

CATALOG = load_catalog()
GAZ = default_gazetteer()
PETITIONS = CATALOG.get("petitions")
DIALOGUES = CATALOG.get("dialogues")
PLAUSIBLE = plausible_value
BOUNDS = "(data/indicators.yaml, value_bounds) (implausible value)"
LATEST = latest_date()
AFTER_LATEST = LATEST + timedelta(days=1)
OUTSIDE = f"nằm ngoài khoảng 1945-01-01..{LATEST} (date out of range)"
Y2023 = Period("year", date(2023, 1, 1), date(2023, 12, 31))
Y2025 = Period("year", date(2025, 1, 1), date(2025, 12, 31))
D = date

INDICATOR = partial(known_indicator, CATALOG)
PLACE = partial(place_on_period, GAZ)
KINDS = "(chọn: year, partial, cumulative, event)"


def ok(meaning: object) -> tuple[object, None]:
    return meaning, None


def no(message: str) -> tuple[None, str]:
    return None, message


CELL_RULES = [  # rule, values → (what they mean, None) or (None, the rule's message)
    (partial(filled, "source"), ("Báo cáo",), ok("Báo cáo")),
    (partial(filled, "source"), ("",), no("ô source trống")),
    (INDICATOR, ("petitions",), ok(PETITIONS)),
    (INDICATOR, ("petition",), no("chỉ tiêu không có trong danh mục: 'petition'; gần nhất: petitions, inspections, "
                                  "group_delegations")),
    (INDICATOR, ("zzzzzz",), no("chỉ tiêu không có trong danh mục: 'zzzzzz'")),
    (breakdown_cell, (PETITIONS, ""), ok("total")),
    (breakdown_cell, (PETITIONS, "complaint"), ok("complaint")),
    (breakdown_cell, (PETITIONS, "weekly"), no("phân tổ 'weekly' không có cho petitions (có: total, "
                                               "complaint_denunciation, complaint, denunciation, recommendation)")),
    (period_kind_cell, ("",), ok("")),
    (period_kind_cell, ("event",), ok("event")),
    (period_kind_cell, ("monthly",), no(f"period_kind 'monthly' không hợp lệ {KINDS}")),
    (known_period_kind, ("",), no(f"period_kind '' không hợp lệ {KINDS}")),
    (parse_period, ("năm 2023", ""), ok(Y2023)),
    (parse_period, ("2023", "partial"), ok(Period("partial", D(2023, 1, 1), D(2023, 12, 31)))),
    (parse_period, ("2024-02-30", ""), no("kỳ '2024-02-30': ngày không hợp lệ (day is out of range for month)")),
    (parse_period, ("2024-07-31..2024-01-01", ""), no("kỳ '2024-07-31..2024-01-01': ngày cuối trước ngày đầu")),
    (parse_period, ("2025-2021", ""), no("kỳ '2025-2021': năm cuối trước năm đầu")),
    (parse_period, ("mùa thu", ""), no("không đọc được kỳ 'mùa thu' (ví dụ hợp lệ: 2023; 2021-2024; 7 tháng 2024; "
                                       "quý I/2023; 2024-01-01..2024-07-31)")),
    (count, ("13.663",), ok(13663.0)),
    (count, ("1 204",), ok(1204.0)),
    (count, ("1,5",), ok(1.5)),
    (count, ("- 5",), no("giá trị âm: '- 5'")),
    (count, ("-abc",), no("giá trị âm: '-abc'")),
    (count, ("năm",), no("giá trị không phải số: 'năm'")),
    (non_negative, (3.0,), ok(3.0)),
    (non_negative, (-2.5,), no("giá trị âm: -2.5")),
    (qualifier_cell, ("",), ok("exact")),
    (qualifier_cell, ("at_least",), ok("at_least")),
    (qualifier_cell, ("about",), no("qualifier 'about' không hợp lệ (chọn: exact, at_least, approx)")),
    (derived_cell, ("",), ok(False)),
    (derived_cell, ("Có",), ok(True)),
    (derived_cell, ("FALSE",), ok(False)),
    (derived_cell, ("maybe",), no("derived 'maybe' phải là yes hoặc no")),
    (PLACE, ("Sóc Sơn", "Hà Nội", Y2023), ok(GAZ.by_id["ha-noi.soc-son"])),
    (PLACE, ("ha-noi.soc-son", "", Y2023), ok(GAZ.by_id["ha-noi.soc-son"])),
    (PLACE, ("Sóc Sơn (Hà Nội)", "", Y2023), ok(GAZ.by_id["ha-noi.soc-son"])),
    (PLACE, ("Sóc Sonn", "", Y2023), no("địa phương không có trong danh mục: 'Sóc Sonn'; gần nhất: Sóc Sơn")),
    (PLACE, ("Sóc Sơn", "Gia Lai", Y2023), no("địa phương 'Sóc Sơn' không thuộc 'Gia Lai' (thuộc Hà Nội)")),
    (sane_span, ("year", D(2023, 1, 1), D(2023, 12, 31)), ok(None)),
    (sane_span, ("year", D(2023, 12, 31), D(2023, 1, 1)), no("kỳ ngược: 2023-12-31 > 2023-01-01")),
    (sane_span, ("year", None, None), no("số liệu năm nhưng không rõ năm nào")),
    (sane_span, ("event", D(2101, 1, 1), D(2101, 1, 1)), no(f"ngày 2101-01-01 {OUTSIDE}")),
    (sane_span, ("partial", D(1, 1, 1), D(1, 1, 1)), no(f"ngày 0001-01-01 {OUTSIDE}")),
    (sane_span, ("cumulative", D(1944, 12, 31), D(2020, 12, 31)), no(f"ngày 1944-12-31 {OUTSIDE}")),
    (sane_span, ("cumulative", D(1945, 1, 1), LATEST), ok(None)),
    (sane_span, ("event", AFTER_LATEST, AFTER_LATEST), no(f"ngày {AFTER_LATEST} {OUTSIDE}")),
    (parse_period, ("1001", ""), no(f"kỳ '1001': ngày 1001-01-01 {OUTSIDE}")),
    (parse_period, ("9999-12-31", ""), no(f"kỳ '9999-12-31': ngày 9999-12-31 {OUTSIDE}")),
    (parse_period, ("1945-1969", ""), ok(Period("cumulative", D(1945, 1, 1), D(1969, 12, 31)))),
    (parse_period, (f"{LATEST.year + 1}", ""), no(f"kỳ '{LATEST.year + 1}': ngày {LATEST.year + 1}-01-01 {OUTSIDE}")),
    (PLAUSIBLE, (PETITIONS, 31609.0), ok(31609.0)),
    (PLAUSIBLE, (PETITIONS, 1e8), ok(1e8)),
    (PLAUSIBLE, (PETITIONS, 1.5e8), no("giá trị 1.5e+08 lớn hơn giới hạn 100.000.000 đơn của chỉ tiêu petitions "
                                        f"{BOUNDS}")),
    (PLAUSIBLE, (PETITIONS, float("9" * 401)), no("giá trị vô hạn (quá nhiều chữ số) lớn hơn giới hạn 100.000.000 "
                                                  f"đơn của chỉ tiêu petitions {BOUNDS}")),
    (PLAUSIBLE, (DIALOGUES, 2e7), no("giá trị 2e+07 lớn hơn giới hạn 10.000.000 cuộc của chỉ tiêu dialogues "
                                     f"{BOUNDS}")),
    (PLAUSIBLE, (PETITIONS, float("nan")), no("giá trị không phải số hữu hạn (not a finite number)")),
    (count, ("9" * 401,), ok(float("inf"))),  # a number, but not a plausible one (the rule above)
    (published_cell, ("",), ok("")),
    (published_cell, ("unknown",), ok("")),
    (published_cell, ("2024-12-05",), ok("2024-12-05")),
    (published_cell, ("2024-2",), ok("2024-02")),
    (published_cell, ("1945",), ok("1945")),
    (published_cell, ("31/02/2024",), no("ngày đăng '31/02/2024' không hợp lệ (cần yyyy-mm-dd, yyyy-mm hoặc yyyy; "
                                         "invalid date)")),
    (published_cell, ("2024-02-30",), no("ngày đăng '2024-02-30' không hợp lệ (cần yyyy-mm-dd, yyyy-mm hoặc yyyy; "
                                         "invalid date)")),
    (published_cell, ("9999-12-31",), no(f"ngày đăng '9999-12-31': ngày 9999-12-31 {OUTSIDE}")),
    (published_cell, ("1944",), no(f"ngày đăng '1944': ngày 1944-01-01 {OUTSIDE}")),
    (INDICATOR, ("x" * 5000,), no(f"chỉ tiêu không có trong danh mục: {'x' * 40!r}… (5000 ký tự)")),
]


@pytest.mark.parametrize(("rule", "values", "expected"), CELL_RULES)
def test_cell_rule(rule, values, expected):
    assert ask(rule, *values) == expected


def test_old_and_new_gia_lai_by_the_end_of_the_period():
    assert place_on_period(GAZ, "Gia Lai", "", Y2023) != place_on_period(GAZ, "Gia Lai", "", Y2025)
    assert resolve_province(GAZ, "Gia Lai", date(2025, 9, 1)) == place_on_period(GAZ, "Gia Lai", "", Y2025)


def test_a_name_of_several_units_waits_for_the_date():
    found = locality_candidates(GAZ, "Gia Lai", "")
    assert isinstance(found, Candidates) and len(found.found) == 2
    assert resolve_locality(GAZ, "Gia Lai", "", date(2025, 9, 1)) in found.found


@pytest.mark.parametrize(("value", "first_line", "first_value", "message"), [
    (5.0, 3, 5.0, "trùng lặp dòng 3"),
    (6.0, 3, 5.0, "mâu thuẫn với dòng 3 (cùng địa phương, chỉ tiêu, phân tổ, kỳ, nguồn nhưng 6 ≠ 5)"),
])
def test_repeated_row(value, first_line, first_value, message):
    assert repeated_row(value, first_line, first_value) == message


@pytest.mark.parametrize(("total", "parts", "message"), [
    (100.0, [70.0, 30.0], None),
    (100.0, [70.0, 30.5], None),  # rounding
    (100.0, [70.0, 31.0], "phần (70 + 31) lớn hơn tổng total 100"),
    (1e6, [600_000.0, 400_099.0], None),  # within one in ten thousand
    (1e6, [600_000.0, 400_200.0], "phần (600000 + 400200) lớn hơn tổng total 1e+06"),
])
def test_parts_over_total(total, parts, message):
    assert parts_over_total("total", total, parts) == message


@pytest.mark.parametrize(("note", "quote"), [("", "t.csv, dòng 4"), ("ước tính", "t.csv, dòng 4: ước tính")])
def test_row_quote(note, quote):
    assert row_quote("t.csv", 4, note) == quote


@pytest.mark.parametrize(("title", "sid"), [("Báo cáo năm 2024", "t.csv#bao-cao-nam-2024"), ("…", "t.csv#nguon")])
def test_source_id(title, sid):
    assert source_id("t.csv", title) == sid


def test_a_row_is_checked_in_one_order_and_each_rule_has_its_own_name():
    names = [r.name for r in row_rules(GAZ, CATALOG)]
    assert names == ["filled locality", "filled indicator", "filled period", "filled value", "filled source",
                     "indicator", "breakdown", "period_kind", "period", "value", "plausible value", "qualifier",
                     "derived", "place", "published"]


@pytest.mark.parametrize(("today", "latest"), [
    (date(2026, 11, 28), date(2027, 11, 28)),
    (date(2028, 2, 29), date(2029, 2, 28)),
])
def test_the_latest_date_is_one_year_after_today(today, latest):
    assert latest_date(today) == latest


def test_every_unit_has_a_bound():
    assert {i.code: i.max_value for i in CATALOG.indicators}["reception_turns"] == 1e8
    assert all(0 < i.max_value < float("inf") for i in CATALOG.indicators)


@pytest.mark.parametrize(("column", "values"), [("period_kind", PERIOD_KINDS), ("qualifier", QUALIFIERS)])
def test_the_rules_lists_are_the_schemas(column, values):
    schema = (SQL / "schema.sql").read_text(encoding="utf-8")
    allowed = re.search(rf"{column}\s+VARCHAR NOT NULL CHECK \({column} IN \(([^)]*)\)\)", schema)[1]
    assert tuple(v.strip().strip("'") for v in allowed.split(",")) == values
