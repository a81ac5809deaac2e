"""etl/validity.py: a figure outside the days its unit existed is refused with what the unit became
or came from; one that runs over the first or last day is kept."""
from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import default_gazetteer
from etl.validity import check_validity, refuse_outside_validity, validity_problem

SOC_SON_AFTER = ("huyện Sóc Sơn (Hà Nội) chỉ có đến 30/06/2025, kỳ số liệu bắt đầu 01/01/2026; địa bàn nay thuộc: "
                 "xã Đa Phúc, xã Kim Anh, xã Nội Bài, xã Sóc Sơn, xã Trung Giã "
                 "(the unit ended before the period began)")


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize(("locality", "start", "end", "problem"), [
    ("ha-noi.soc-son", date(2026, 1, 1), date(2026, 9, 30), SOC_SON_AFTER),
    ("ha-noi.soc-son", date(2025, 7, 1), date(2025, 12, 31),
     ("huyện Sóc Sơn (Hà Nội) chỉ có đến 30/06/2025, kỳ số liệu bắt đầu 01/07/2025; địa bàn nay thuộc: xã Đa Phúc, "
     "xã Kim Anh, xã Nội Bài, xã Sóc Sơn, xã Trung Giã (the unit ended before the period began)")),
    ("ha-noi.soc-son", date(2025, 1, 1), date(2025, 12, 31), None),  # runs over 30/06/2025: kept, marked
    ("ha-noi.soc-son", date(2024, 1, 1), date(2024, 12, 31), None),
    ("ha-noi.soc-son", None, date(2026, 3, 1), None),  # start unknown: it may lie within
    ("ha-noi.phuong-ba-dinh", date(2024, 1, 1), date(2024, 12, 31),
     ("phường Ba Đình (Hà Nội) chỉ có từ 01/07/2025, kỳ số liệu kết thúc 31/12/2024; địa bàn trước đó thuộc: "
     "quận Ba Đình, quận Hoàn Kiếm, quận Tây Hồ (the unit began after the period ended)")),
    ("ha-noi.phuong-ba-dinh", date(2025, 1, 1), date(2025, 9, 30), None),
    ("ha-noi.phuong-ba-dinh", date(2026, 1, 1), date(2026, 3, 31), None),
    ("gia-lai", date(2026, 1, 1), date(2026, 12, 31),
     ("tỉnh Gia Lai chỉ có đến 30/06/2025, kỳ số liệu bắt đầu 01/01/2026; địa bàn nay thuộc: tỉnh Gia Lai "
     "(từ 01/07/2025) (the unit ended before the period began)")),
    ("gia-lai-2025", date(2024, 1, 1), date(2024, 12, 31),
     ("tỉnh Gia Lai chỉ có từ 01/07/2025, kỳ số liệu kết thúc 31/12/2024; địa bàn trước đó thuộc: tỉnh Bình Định "
     "(đến 30/06/2025), tỉnh Gia Lai (đến 30/06/2025) (the unit began after the period ended)")),
    ("gia-lai-2025", date(2020, 1, 1), date(2025, 12, 31), None),
    ("ha-noi", date(2026, 1, 1), date(2026, 12, 31), None),
])
def test_validity_problem(gaz, locality, start, end, problem):
    assert validity_problem(gaz, gaz.by_id[locality], start, end) == problem


def figure(locality_id: str, start: date, end: date) -> Figure:
    return Figure(doc="r.txt", province="", district="", indicator="dialogues", breakdown="total",
                  period_kind="partial", period_start=start, period_end=end, value=12, locality_id=locality_id)


def test_check_validity_raises_with_the_message(gaz):
    with pytest.raises(InputError) as err:
        check_validity(figure("ha-noi.soc-son", date(2026, 1, 1), date(2026, 9, 30)), gaz)
    assert err.value.message == SOC_SON_AFTER
    check_validity(figure("ha-noi.xa-soc-son", date(2026, 1, 1), date(2026, 9, 30)), gaz)


def test_large_tables_refuse_the_same_rows(gaz):
    rows = [("ha-noi.soc-son", date(2026, 1, 1), date(2026, 9, 30), "12 cuộc"),
            ("ha-noi.soc-son", date(2025, 1, 1), date(2025, 12, 31), "40 cuộc"),
            ("ha-noi.xa-soc-son", date(2026, 1, 1), date(2026, 9, 30), "3 cuộc"),
            ("ha-noi", None, None, "7 cuộc"),
            ("ha-noi.soc-son", date(2026, 1, 1), date(2026, 9, 30), "13 cuộc")]
    table = pa.table({"locality_id": [r[0] for r in rows], "period_start": pa.array([r[1] for r in rows], pa.date32()),
                      "period_end": pa.array([r[2] for r in rows], pa.date32()), "source_id": ["t.csv#a"] * 5,
                      "figure_ref": [r[3] for r in rows]})
    kept, why = refuse_outside_validity(table, gaz)
    assert kept["figure_ref"].to_pylist() == ["40 cuộc", "3 cuộc", "7 cuộc"]
    assert why == [("t.csv#a", "12 cuộc", SOC_SON_AFTER), ("t.csv#a", "13 cuộc", SOC_SON_AFTER)]
    # the same answer, row by row
    for locality_id, start, end, ref in rows:
        problem = validity_problem(gaz, gaz.by_id[locality_id], start, end)
        assert (ref in kept["figure_ref"].to_pylist()) == (problem is None)
