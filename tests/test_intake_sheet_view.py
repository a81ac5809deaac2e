"""etl.intake.sheet_view: an item's rows, its document in pieces with the numbers its figures came from
marked (in paragraphs and table cells), the numbers passed over, the choices of a correction, and a
correction as the fields it changes."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from etl.intake.sheet_view import Named, Row, added_fields, choices, field_changes, item_view, place_of
from tests.support.intake_desk import ANALYST, make_desk
from tests.support.intake_report import MISSED, write_report


@pytest.fixture
def viewed(tmp_path, extractor):
    desk = make_desk(tmp_path, extractor)
    up = desk.upload(write_report(tmp_path / "gia-lai-2022.docx").read_bytes(), "gia-lai-2022.docx", ANALYST)
    sheet = desk.reviewer.sheet(up.item.sha256)
    return desk, up.item, sheet, item_view(desk.reviewer, up.item, sheet)


def marks(pieces) -> str:
    return "".join(f"[{p.text}{list(p.rows)}]" if p.rows else p.text for p in pieces)


def test_rows_and_the_document_with_each_figure_number_marked(viewed):
    _desk, _item, _sheet, view = viewed
    assert [(r.n, r.number, r.where, r.value, r.action, r.why) for r in view.rows] == [
        (1, "2.104", "đoạn 7", 2104, "", ""), (2, "1.410", "đoạn 8", 1410, "", ""),
        (3, "1.980", "bảng 1, hàng 2, cột 2", 1980, "", ""), (4, "15", "bảng 1, hàng 3, cột 2", 15, "", ""),
        (5, "11", "bảng 1, hàng 3, cột 3", 11, "", "")]
    paragraphs = {b.where: marks(b.pieces) for b in view.blocks if not b.is_table}
    assert paragraphs["đoạn 7"] == "Năm 2022, tỉnh Gia Lai đã tiếp [2.104[1]] lượt công dân đến kiến nghị, phản ánh."
    assert paragraphs["đoạn 10"].startswith("Ghi chú của người soạn: <script>")  # as typed; the page escapes it
    (table,) = [b for b in view.blocks if b.is_table]
    # the 2022 cell repeats paragraph 7's figure: it is marked with that figure's row
    assert [[marks(c) for c in row] for row in table.cells] == [
        ["Chỉ tiêu", "2021", "2022"], ["Lượt tiếp công dân", "[1.980[3]]", "[2.104[1]]"],
        ["Đoàn đông người", "[15[4]]", "[11[5]]"]]
    assert [b.where for b in view.blocks][10:13] == ["đoạn 11", "bảng 1", "đoạn 12"]  # the table after its caption


def test_the_numbers_passed_over_and_why(viewed):
    _desk, _item, _sheet, view = viewed
    assert [(p.where, p.number, p.value, p.year) for p in view.passed if p.value == 23] == [("đoạn 9", "23", 23, 2022)]
    (meetings,) = [p for p in view.passed if p.value == 23]
    assert meetings.reason.startswith("buổi, cuộc, hội nghị không rõ là gì")


def test_a_decision_shows_in_its_row_and_an_added_figure_marks_its_number(viewed):
    desk, item, sheet, _view = viewed
    desk.reviewer.correct(item.sha256, sheet.lines[2].figure, {"value": "1986"})
    desk.reviewer.add(item.sha256, MISSED, {"province": "Gia Lai", "indicator": "dialogues", "breakdown": "total",
                                            "period_kind": "year", "period_start": "2022-01-01",
                                            "period_end": "2022-12-31", "value": "23"})
    view = item_view(desk.reviewer, item, desk.reviewer.sheet(item.sha256))
    assert [(r.n, r.action, r.value, r.corrected) for r in view.rows if r.action] == [
        (3, "correct", 1986, ("value",)), (6, "add", 23, ())]
    paragraphs = {b.where: marks(b.pieces) for b in view.blocks if not b.is_table}
    assert "tổ chức [23[6]] buổi gặp gỡ" in paragraphs["đoạn 9"]


ROW = Row(n=1, flags=(), action="", province="Gia Lai", district="Chư Prông", indicator="reception_turns",
          breakdown="total", period_kind="year", period_start=date(2022, 1, 1), period_end=date(2022, 12, 31),
          value=2104.0, qualifier="exact", derived=False, where="đoạn 7", quote="", number="2.104", why="", reason="",
          corrected=())
SAME = {"province": "Gia Lai", "district": "huyện Chư Prông", "indicator": "reception_turns", "breakdown": "total",
        "period_kind": "year", "period_start": date(2022, 1, 1), "period_end": date(2022, 12, 31), "value": 2104,
        "qualifier": "exact", "derived": False}


@pytest.mark.parametrize(("changed", "fields"), [
    ({}, {}),
    ({"province": "gia lai"}, {}),  # the same name, as the gazetteer compares names
    ({"value": 2014}, {"value": "2014"}),
    ({"value": 42.5}, {"value": "42.5"}),
    ({"district": ""}, {"district": "-"}),  # the whole province: the district emptied
    ({"district": "xã Chư Prông"}, {"district": "xã Chư Prông"}),
    ({"period_kind": "partial", "period_start": None, "period_end": date(2022, 6, 30)},
     {"period_kind": "partial", "period_start": "-", "period_end": "2022-06-30"}),
    ({"qualifier": "at_least", "derived": True}, {"qualifier": "at_least", "derived": "yes"}),
])
def test_a_correction_is_the_fields_it_changes(changed, fields):
    assert field_changes(ROW, "huyện Chư Prông", SAME | changed) == fields


def test_an_added_figure_writes_its_fields_as_a_decision():
    assert added_fields(SAME | {"district": "", "value": 23.0}) == {
        "province": "Gia Lai", "indicator": "reception_turns", "breakdown": "total", "period_kind": "year",
        "period_start": "2022-01-01", "period_end": "2022-12-31", "value": "23", "qualifier": "exact",
        "derived": "no"}


def test_choices_offer_the_catalog_and_every_place_of_a_province(extractor):
    from etl.catalog import load_catalog  # noqa: PLC0415

    got = choices(load_catalog(), extractor.gaz)
    assert got.indicators[0] == Named("reception_turns", "Lượt tiếp công dân", got.indicators[0].en)
    assert [b.code for b in got.breakdowns["reception_turns"]][:1] == ["total"]
    assert got.provinces.count("Gia Lai") == 1 and len(got.provinces) == len(set(got.provinces))
    gia_lai = {n.code: n.vi for n in got.places["Gia Lai"]}
    assert (gia_lai["huyện Chư Prông"], gia_lai["xã Chư Prông"]) == (
        "huyện Chư Prông (đến 30/06/2025)", "xã Chư Prông (từ 01/07/2025)")
    assert list(gia_lai).index("huyện Chư Prông") + 1 == list(gia_lai).index("xã Chư Prông")  # by name, then kind


def test_the_place_a_correction_starts_at(viewed):
    desk, _item, sheet, _view = viewed
    fig = sheet.lines[0].figure
    gaz = desk.reviewer.extractor.gaz
    district = replace(fig, district="Chư Prông", locality_id="gia-lai.chu-prong")
    assert place_of(gaz, ROW, district) == "huyện Chư Prông"  # the gazetteer's unit, with its kind
    assert place_of(gaz, ROW, fig) == "Chư Prông"  # a district the figure does not have (corrected): as written
    assert place_of(gaz, replace(ROW, district=""), fig) == ""  # the whole province
