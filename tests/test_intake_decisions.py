"""Decisions on an inbox item's figures: accept, correct, reject, add; flagged rows first; decisions
that survive a new reading of the document, and the ones that lose their figure, listed."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.figure import Figure
from etl.intake.decisions import OCR, PLACE
from etl.intake.inbox import Source
from etl.report import Report, parse_report
from etl.review import COLUMNS
from tests.support.intake_desk import GIA_LAI_2022, HA_NOI_2019, make_desk, report_text

TEXT = report_text("Hà Nội: kết quả tiếp công dân năm 2019", HA_NOI_2019)


@pytest.fixture
def desk(tmp_path, extractor):
    return make_desk(tmp_path, extractor)


def by_value(sheet):
    return {line.figure.value: line for line in sheet.lines}


def test_a_new_item_lists_its_figures_undecided(desk):
    sha = desk.upload_text(TEXT)
    sheet = desk.reviewer.sheet(sha)
    assert [(ln.figure.indicator, ln.figure.value, ln.action, ln.flags) for ln in sheet.lines] == [
        ("reception_turns", 25310, "", ()), ("petitions", 41022, "", ()), ("models_registered", 120, "", ())]
    assert sheet.counts() == {"accepted": 0, "corrected": 0, "rejected": 0, "added": 0, "undecided": 3}
    assert (sheet.stale, sheet.warnings) == ([], [])


def test_accept_correct_reject_add(desk):
    sha = desk.upload_text(TEXT)
    lines = by_value(desk.reviewer.sheet(sha))
    desk.reviewer.accept(sha, lines[25310].figure)
    desk.reviewer.correct(sha, lines[41022].figure, {"breakdown": "complaint_denunciation"}, "đơn khiếu nại, tố cáo")
    desk.reviewer.reject(sha, lines[120].figure, "số của huyện, không phải mô hình mới")
    desk.reviewer.add(sha, HA_NOI_2019[1], {"province": "Hà Nội", "indicator": "petitions", "breakdown": "total",
                                            "period_kind": "year", "period_start": "2019-01-01",
                                            "period_end": "2019-12-31", "value": "45000", "qualifier": "approx"},
                      "tổng số gần đúng")
    sheet = desk.reviewer.sheet(sha)
    got = [(ln.action, ln.figure.value, ln.result and (ln.result.breakdown, ln.result.obtained)) for ln in sheet.lines]
    assert got == [("accept", 25310, ("total", "extracted")),
                   ("correct", 41022, ("complaint_denunciation", "corrected")),
                   ("reject", 120, None),
                   ("add", 45000, ("total", "added"))]
    assert sheet.counts() == {"accepted": 1, "corrected": 1, "rejected": 1, "added": 1, "undecided": 0}
    text = desk.inbox.decisions_text(desk.inbox.item(sha))
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == list(COLUMNS)  # a review file: the build applies it as it applies data/review.csv
    doc = desk.inbox.item(sha).doc
    assert [(r["doc"], r["number"], r["context"], r["match_indicator"], r["action"]) for r in reader] == [
        (doc, "25310", "Nội đã tiếp 25.310 lượt công dân", "reception_turns", "accept"),
        (doc, "41022", "phố tiếp nhận 41.022 đơn thư các", "petitions", "correct"),
        (doc, "120", 'năm 2019 có 120 mô hình "Dân', "models_registered", "reject"),
        (doc, "45000", "Cũng trong năm 2019, thành phố tiếp nhận", "", "add")]  # no 45000 printed: its start


def test_a_new_decision_replaces_the_old_one_and_can_be_withdrawn(desk):
    sha = desk.upload_text(TEXT)
    fig = by_value(desk.reviewer.sheet(sha))[120].figure
    desk.reviewer.reject(sha, fig, "lý do một")
    desk.reviewer.accept(sha, fig)
    line = by_value(desk.reviewer.sheet(sha))[120]
    assert line.action == "accept"
    desk.reviewer.withdraw(sha, line.decision)
    assert by_value(desk.reviewer.sheet(sha))[120].action == ""


@pytest.mark.parametrize(("call", "message"), [
    (lambda r, sha, f: r.reject(sha, f, "  "), "loại số liệu cần ghi lý do"),
    (lambda r, sha, f: r.correct(sha, f, {"indicator": "lượt_tiếp"}), "chỉ tiêu không có trong danh mục: 'lượt_tiếp'"),
    (lambda r, sha, f: r.correct(sha, f, {"breakdown": "leader"}), "phân tổ 'leader' không có cho petitions"),
    (lambda r, sha, f: r.correct(sha, f, {"period_end": "2019-13-01"}), "period_end: ngày không hợp lệ"),
    (lambda r, sha, f: r.correct(sha, f, {"district": "Quận Không Có"}), "không có trong danh mục"),
    (lambda r, sha, f: r.correct(sha, f, {"quote": "x"}), "không sửa được trường quote"),
    (lambda r, sha, f: r.add(sha, "câu", {"province": "Hà Nội", "value": "5"}), "dòng 'add' thiếu indicator"),
])
def test_a_decision_the_build_would_refuse_is_refused_and_nothing_is_written(desk, call, message):
    sha = desk.upload_text(TEXT)
    fig = by_value(desk.reviewer.sheet(sha))[41022].figure
    with pytest.raises(InputError, match=message):
        call(desk.reviewer, sha, fig)
    assert desk.inbox.decisions_text(desk.inbox.item(sha)) == ""


def scanned(confidence: dict[str, float]):
    """A reader as OCR reads a scan: the text with each word's confidence (97 unless `confidence` says)."""
    def read(path: Path) -> Report:
        report = parse_report(path.read_text(encoding="utf-8"), path.name)
        report.ocr_words = {i: [(w, confidence.get(w, 97.0)) for w in p.split()]
                            for i, p in enumerate(report.paragraphs)}
        return report
    return read


def test_low_confidence_numbers_then_doubtful_places_come_first(desk):
    text = report_text("Hai tỉnh", HA_NOI_2019 + GIA_LAI_2022)
    up = desk.inbox.add(text.encode(), "ban-quet.txt", analyst="An", reader=scanned({"41.022": 62.0, "120": 45.0}))
    sha = up.item.sha256
    desk.inbox.set_source(sha, Source(title="Hai tỉnh", province="Hà Nội"))
    sheet = desk.reviewer.sheet(sha)
    assert [(ln.figure.value, ln.flags, ln.figure.confidence, ln.figure.where) for ln in sheet.lines] == [
        # OCR'd under etl.document.LOW_CONFIDENCE, the least sure first (their words' confidence, kept in document.json)
        (120, (OCR,), 45.0, "đoạn 3"), (41022, (OCR,), 62.0, "đoạn 2"),
        (14, (PLACE,), 97.0, "đoạn 4"),  # An Khê, Gia Lai: not the report's province
        (2215, (PLACE,), 97.0, "đoạn 5"),  # Gia Lai, in a report said to be about Hà Nội
        (25310, (), 97.0, "đoạn 1"),
    ]


def test_decisions_survive_a_new_reading_that_changes_the_other_sentences(desk):
    sha = desk.upload_text(TEXT)
    lines = by_value(desk.reviewer.sheet(sha))
    desk.reviewer.correct(sha, lines[41022].figure, {"breakdown": "complaint_denunciation"})
    desk.reviewer.reject(sha, lines[120].figure, "không thuộc kỳ báo cáo")
    rewritten = ["Báo cáo được lập lại với phần mở đầu khác hẳn bản trước, viết cho bài kiểm thử.",
                 "Trong năm 2019, các cơ quan hành chính của thành phố Hà Nội đã tiếp 25.311 lượt công dân.",
                 HA_NOI_2019[1], HA_NOI_2019[2]]

    def better_reader(path: Path) -> Report:
        return parse_report(report_text("Hà Nội: kết quả tiếp công dân năm 2019", rewritten), path.name)

    desk.inbox.reread(sha, better_reader)
    sheet = desk.reviewer.sheet(sha)
    assert [(ln.figure.value, ln.action) for ln in sheet.lines] == [
        (25311, ""), (41022, "correct"), (120, "reject")]
    assert sheet.stale == []


def test_a_decision_whose_figure_is_gone_is_listed_not_dropped(desk):
    sha = desk.upload_text(TEXT)
    desk.reviewer.accept(sha, by_value(desk.reviewer.sheet(sha))[25310].figure)
    desk.inbox.reread(sha, lambda path: parse_report(report_text("Hà Nội", HA_NOI_2019[1:]), path.name))
    sheet = desk.reviewer.sheet(sha)
    assert [ln.figure.value for ln in sheet.lines] == [41022, 120]
    assert [(r.action, r.number, r.context) for r in sheet.stale] == [
        ("accept", 25310, "Nội đã tiếp 25.310 lượt công dân")]
    item = desk.inbox.item(sha)
    assert sheet.warnings == [(f"{item.doc}: quyết định dòng 2: không còn khớp số liệu nào "
                               f"({item.doc}, số 25310, “Nội đã tiếp 25.310 lượt công dân”)")]
    desk.reviewer.withdraw(sha, sheet.stale[0])  # kept until the analyst withdraws it
    assert desk.reviewer.sheet(sha).stale == []


def test_an_upload_with_no_figure_is_refused_and_nothing_is_kept(desk):
    no_figure = report_text("Hà Nội: hội nghị", [("Hội nghị bàn về cách làm công tác dân vận trong thời gian tới, "
                                                 "không nêu số liệu nào về kết quả đã đạt được.")])
    with pytest.raises(InputError, match="khong-so.txt: không tìm thấy số liệu nào thuộc danh mục"):
        desk.inbox.add(no_figure.encode(), "khong-so.txt", analyst="An", reader=desk.reviewer.read_upload)
    assert desk.inbox.items() == []
    up = desk.inbox.add(TEXT.encode(), "co-so.txt", analyst="An", reader=desk.reviewer.read_upload)
    assert [ln.figure.value for ln in desk.reviewer.sheet(up.item.sha256).lines] == [25310, 41022, 120]


def _figure(district: str, province: str, locality_id: str, year: int) -> Figure:
    return Figure(doc="d", province=province, district=district, indicator="dialogues", breakdown="total",
                  period_kind="year", period_start=date(year, 1, 1), period_end=date(year, 12, 31), value=3,
                  locality_id=locality_id)


@pytest.mark.parametrize(("fig", "why"), [
    # a district and the commune of its name after 1 July 2025 are never both there: nothing to doubt
    (_figure("Chư Prông", "Gia Lai", "gia-lai.chu-prong", 2024), ""),
    (_figure("An Khê", "Gia Lai", "gia-lai.an-khe", 2024), ""),
    (_figure("An Khê", "Gia Lai", "gia-lai-2025.phuong-an-khe", 2025),
     "tên “An Khê” có ở nhiều tỉnh: Gia Lai, Đà Nẵng"),
    (_figure("Quận Không Có", "Gia Lai", "", 2024), "không tìm thấy “Quận Không Có” trong danh mục địa phương"),
    (_figure("", "Hà Nội", "ha-noi", 2024), "tỉnh Hà Nội, khác tỉnh của báo cáo (Gia Lai)"),
])
def test_why_a_place_is_doubted(desk, fig, why):
    sha = desk.upload_text(report_text("Gia Lai", GIA_LAI_2022))
    desk.inbox.set_source(sha, Source(title="Gia Lai", province="Gia Lai"))
    item = desk.inbox.item(sha)
    assert desk.reviewer.place_doubt(item, fig) == why
    assert desk.reviewer._flags(item, fig) == ((PLACE,) if why else ())


def test_a_figure_derived_from_a_percentage_keeps_its_decision(desk):
    """Its number is read as "tăng 5 %" while the sentence prints "tăng 5%": the decision is keyed on the
    sentence itself, so it still finds its figure."""
    sha = desk.upload_text(report_text("Hà Nội 2018", [
        "Năm 2018, các cơ quan hành chính thành phố Hà Nội đã tiếp 23.870 lượt công dân, tăng 5% so với năm 2017."]))
    derived = next(ln.figure for ln in desk.reviewer.sheet(sha).lines if ln.figure.derived)
    assert (derived.number_text, derived.period_start) == ("công dân, tăng 5 % so với", date(2017, 1, 1))
    desk.reviewer.reject(sha, derived, "suy ra từ tỉ lệ, không chính xác")
    sheet = desk.reviewer.sheet(sha)
    assert [(ln.figure.derived, ln.action) for ln in sheet.lines] == [(False, ""), (True, "reject")]
    assert (sheet.stale, sheet.warnings) == ([], [])
