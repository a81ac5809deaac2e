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
