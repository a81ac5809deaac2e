from datetime import date

import pytest

from etl.periods import PartialDate, find_dateline, find_periods
from etl.textnorm import fold


def first(text):
    found = [p for p in find_periods(fold(text)) if not p.compare]
    return found[0] if found else None


@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    ("năm 2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
    ("7 tháng năm 2024", "partial", date(2024, 1, 1), date(2024, 7, 31)),
    ("trong 9 tháng năm 2024", "partial", date(2024, 1, 1), date(2024, 9, 30)),
    ("6 tháng đầu năm 2020", "partial", date(2020, 1, 1), date(2020, 6, 30)),
    ("6 tháng cuối năm 2021", "partial", date(2021, 7, 1), date(2021, 12, 31)),
    ("quý I/2023", "partial", date(2023, 1, 1), date(2023, 3, 31)),
    ("quý III năm 2022", "partial", date(2022, 7, 1), date(2022, 9, 30)),
    ("giai đoạn 2020-2025", "cumulative", date(2020, 1, 1), date(2025, 12, 31)),
    ("nhiệm kỳ 2015 - 2020", "cumulative", date(2015, 1, 1), date(2020, 12, 31)),
    ("10 năm (2009–2019)", "cumulative", date(2009, 1, 1), date(2019, 12, 31)),
    ("từ năm 2021 đến năm 2024", "cumulative", date(2021, 1, 1), date(2024, 12, 31)),
    ("tính đến ngày 16/11/2015", "partial", date(2015, 1, 1), date(2015, 11, 16)),
    ("tháng 10/2024", "partial", date(2024, 10, 1), date(2024, 10, 31)),
])
def test_periods_with_dates(text, kind, start, end):
    pm = first(text)
    assert (pm.period.kind, pm.period.start, pm.period.end) == (kind, start, end)


@pytest.mark.parametrize(("text", "needs_now", "needs_year", "ref"), [
    ("từ năm 2021 đến nay", True, False, ""),
    ("kể từ năm 2009 đến nay", True, False, ""),
    ("6 tháng đầu năm", False, True, ""),
    ("trong quý I", False, True, ""),
    ("trong kỳ báo cáo", False, False, "doc"),
    ("cũng trong thời gian này", False, False, "prev"),
    ("trong 10 năm", False, False, "duration"),
    ("trong 10 năm qua", True, False, ""),
])
def test_periods_that_need_context(text, needs_now, needs_year, ref):
    pm = first(text)
    assert (pm.needs_now, pm.needs_year, pm.ref) == (needs_now, needs_year, ref)


@pytest.mark.parametrize(("text", "year"), [
    ("tăng 118 lượt so với năm 2023", 2023),
    ("giảm 5,7% so với cùng kỳ năm 2022", 2022),
])
def test_comparisons_are_not_the_figures_period(text, year):
    found = find_periods(fold(text))
    assert [p.compare for p in found] == [True]
    assert found[0].period.year == year


@pytest.mark.parametrize(("text", "compared"), [
    ("tăng 12 lượt so với quý II", [True]),
    ("tăng 20% so với 6 tháng đầu năm 2023", [True]),
    ("nhiều hơn năm ngoái 37 lượt", [True]),
    ("ít hơn cùng kỳ năm trước 15 đơn", [True]),
    ("quý III năm 2024 tiếp 236 lượt, quý II tiếp 224 lượt", [False, False]),
    ("trong hơn 10 năm qua", [False]),  # "hơn" is "more than" here, not a comparison
    ("năm ngoái tiếp 400 lượt", [False]),
    # after a ratio or an equal: "gấp 1,2 lần kỳ trước", "bằng số cuộc của cả năm 2023"
    ("tiếp 1.476 lượt, gấp 1,2 lần kỳ trước", [True]),
    ("8 cuộc, bằng số cuộc của cả năm 2023", [True]),
    ("đối thoại bằng hình thức trực tuyến trong năm 2023", [False]),  # "bằng" is "by" here
])
def test_a_period_right_after_so_voi_or_a_comparative_is_compared_with(text, compared):
    assert [p.compare for p in find_periods(fold(text))] == compared


def test_anniversary_dates_and_document_numbers_are_not_periods():
    assert find_periods(fold("kỷ niệm (10/10/1954-10/10/2024), Chỉ thị số 05/CT-UBND")) == ()


@pytest.mark.parametrize(("lines", "expected"), [
    (["Tiêu đề", "08:14 05/12/2024"], date(2024, 12, 5)),
    (["Thứ tư, 27/12/2023 16:28"], date(2023, 12, 27)),
    (["Tập trung thực hiện nhiệm vụ (13:10 14/11/2020)"], date(2020, 11, 14)),
    (["Không có ngày"], None),
])
def test_dateline(lines, expected):
    assert find_dateline(lines) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-12-05", (2024, 12, 5)), ("2025-12", (2025, 12, None)), ("2015", (2015, None, None)),
])
def test_partial_date(text, expected):
    p = PartialDate.parse(text)
    assert (p.year, p.month, p.day) == expected


@pytest.mark.parametrize("text", ["unknown", "", "2024-13", "hôm qua"])
def test_partial_date_unknown(text):
    assert PartialDate.parse(text) is None


# --- month and day ranges: twelve months of reporting are a year, one month is partial ----------------
@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    ("từ ngày 16/11/2020 đến ngày 15/11/2021", "year", date(2020, 11, 16), date(2021, 11, 15)),
    ("kể từ 01/8/2024 đến 31/7/2025", "year", date(2024, 8, 1), date(2025, 7, 31)),
    ("(từ 15/12/2023 - 14/12/2024)", "year", date(2023, 12, 15), date(2024, 12, 14)),
    ("số liệu (15/12/2023 - 14/12/2024) cho thấy", "year", date(2023, 12, 15), date(2024, 12, 14)),
    ("từ ngày 01/10 đến ngày 31/10/2024", "partial", date(2024, 10, 1), date(2024, 10, 31)),
    ("từ ngày 1/12/2023 đến hết ngày 31/5/2024", "partial", date(2023, 12, 1), date(2024, 5, 31)),
    ("từ tháng 1 đến tháng 9 năm 2024", "partial", date(2024, 1, 1), date(2024, 9, 30)),
    ("từ tháng 10/2023 đến tháng 9/2024", "year", date(2023, 10, 1), date(2024, 9, 30)),
    ("từ tháng 6/2021 đến tháng 5/2024", "cumulative", date(2021, 6, 1), date(2024, 5, 31)),
    ("từ đầu năm đến ngày 15/11/2024", "partial", date(2024, 1, 1), date(2024, 11, 15)),
    ("tính đến hết năm 2024", "cumulative", None, date(2024, 12, 31)),
])
def test_ranges(text, kind, start, end):
    pm = first(text)
    assert (pm.period.kind, pm.period.start, pm.period.end) == (kind, start, end)


@pytest.mark.parametrize("text", [
    "kỷ niệm 70 năm (10/10/1954 - 10/10/2024)",  # an anniversary, not a span of reporting
    "Quyết định ngày 16/11/2020, sửa đổi ngày 15/11/2021",  # two dates, no range
    "từ ngày 31/12/2024 đến ngày 1/1/2024",  # ends before it starts
])
def test_dates_that_are_not_ranges(text):
    assert [p for p in find_periods(fold(text)) if p.period and p.period.start and p.period.end
            and p.period.start.year != p.period.end.year] == []


# --- years said relative to the report's date ------------------------------------------------------------
@pytest.mark.parametrize(("text", "relative_year", "months"), [
    ("năm nay", 0, (1, 12)),
    ("Năm ngoái, huyện", -1, (1, 12)),
    ("so với con số năm trước là", -1, (1, 12)),
    ("quý II năm nay", 0, (4, 6)),
    ("quý III năm ngoái", -1, (7, 9)),
    ("6 tháng đầu năm nay", 0, (1, 6)),
    ("9 tháng năm nay", 0, (1, 9)),
    ("tháng 10 năm ngoái", -1, (10, 10)),
    ("từ đầu năm nay đến nay", 0, (1, 0)),
])
def test_relative_years(text, relative_year, months):
    pm = first(text)
    assert (pm.relative_year, pm.needs_year, pm.months) == (relative_year, True, months)


@pytest.mark.parametrize("text", [
    "những năm trước đây",  # vague: several earlier years
    "các năm trước",
    "năm trước đó",  # the year before another year, not before the report
    "trong năm",  # the report's own year, not the calendar year of its date
])
def test_vague_years_are_not_relative(text):
    assert [p.relative_year for p in find_periods(fold(text)) if p.relative_year is not None] == []


# --- comparisons by ratio name the year compared with ------------------------------------------------------
@pytest.mark.parametrize(("text", "year", "relative_year"), [
    ("gấp đôi năm 2022", 2022, None),
    ("gấp 3 lần so với năm 2021", 2021, None),
    ("bằng một nửa năm ngoái", None, -1),
    ("bằng 80% so với cùng kỳ năm 2023", 2023, None),
    ("gấp rưỡi cùng kỳ", None, -1),
])
def test_ratio_comparisons(text, year, relative_year):
    found = find_periods(fold(text))
    assert [p.compare for p in found] == [True]
    assert (found[0].period.year if found[0].period else None, found[0].relative_year) == (year, relative_year)


def test_a_ratio_word_without_a_year_compares_nothing():
    assert [p.compare for p in find_periods(fold("khẩn trương, gấp rút hoàn thành trong năm 2024"))] == [False]


def test_same_months_of_last_year_point_at_the_reports_span():
    pm = first("cùng kỳ năm trước là 400 lượt")
    assert (pm.ref, pm.relative_year) == ("same_span", -1)


@pytest.mark.parametrize(("text", "ref"), [
    ("(cùng kỳ: 290 lượt)", "same_span"),  # a figure printed for the same span a year before
    ("cùng kỳ là 1.650 lượt", "same_span"),
    ("cùng kỳ, huyện tiếp 290 lượt", "doc"),  # "in the same period": the report's own
    ("năm trước là 47.390 đơn", "year_before"),  # the year before the one talked about
    ("năm ngoái là 47.390 đơn", ""),  # the year before the report's date
])
def test_what_a_period_refers_to(text, ref):
    assert first(text).ref == ref
