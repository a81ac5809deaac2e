from datetime import date

import pytest

from etl.errors import InputError
from etl.periods import PartialDate
from etl.report import parse_report, split_sentences
from etl.rules import latest_date

FRONT = ("---\ntitle: Tiêu đề\nsource_url: https://example.org/x\npublisher: Báo Thử\npublished: {p}\nnote: n\n---\n\n"
         "{body}\n")


def test_front_matter_fields():
    r = parse_report(FRONT.format(p="2024-12", body="Sáng 4-12, hội nghị tổng kết công tác dân vận của tỉnh "
                                                    "diễn ra tại Pleiku."), "a.txt")
    assert (r.title, r.source_url, r.publisher, r.published) == ("Tiêu đề", "https://example.org/x", "Báo Thử",
                                                                  PartialDate(2024, 12))
    assert r.event_date == date(2024, 12, 4)
    assert r.now == date(2024, 12, 4)


def test_unknown_published_date_means_no_now():
    r = parse_report(FRONT.format(p="unknown", body="Một đoạn văn không có ngày tháng nào cả "
                                                    "nhưng đủ dài để là đoạn mở đầu."), "a.txt")
    assert r.published is None and r.now is None


@pytest.mark.parametrize(("text", "message"), [
    ("---\ntitle: x\n", "không đóng"),
    ("---\ntitle x\n---\n\nThân bài.", "dòng 2"),
    (FRONT.format(p="2024", body=""), "không có nội dung"),
])
def test_malformed_reports(text, message):
    with pytest.raises(InputError, match=message):
        parse_report(text, "bad.txt")


BODY = "Năm 2024, tỉnh Gia Lai tiếp 2.861 lượt công dân đến kiến nghị, phản ánh tại trụ sở."
RANGE = f"1945-01-01..{latest_date()} (date out of range)"


@pytest.mark.parametrize(("published", "message"), [
    ("31/02/2024", "bad.txt: dòng 5 của phần đầu: ngày đăng '31/02/2024' không hợp lệ (cần yyyy-mm-dd, yyyy-mm "
                   "hoặc yyyy; invalid date)"),
    ("2023-02-29", "bad.txt: dòng 5 của phần đầu: ngày đăng '2023-02-29' không hợp lệ (cần yyyy-mm-dd, yyyy-mm "
                   "hoặc yyyy; invalid date)"),
    ("9999-12-31", f"bad.txt: dòng 5 của phần đầu: ngày đăng '9999-12-31': ngày 9999-12-31 nằm ngoài khoảng {RANGE}"),
    ("0001-01-01", f"bad.txt: dòng 5 của phần đầu: ngày đăng '0001-01-01': ngày 0001-01-01 nằm ngoài khoảng {RANGE}"),
    ("hôm qua " + "x" * 300, "bad.txt: dòng 5 của phần đầu: ngày đăng 'hôm qua xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… "
                             "(308 ký tự) không hợp lệ (cần yyyy-mm-dd, yyyy-mm hoặc yyyy; invalid date)"),
])
def test_a_published_date_that_cannot_be_is_refused_with_its_line(published, message):
    with pytest.raises(InputError) as refused:
        parse_report(FRONT.format(p=published, body=BODY), "bad.txt")
    assert str(refused.value) == message


def test_year_of_an_undated_event_comes_from_cited_documents():
    body = ("Trang chủ\nTiêu đề bài về huyện Sóc Sơn và công tác dân vận\n"
            "Sáng 6-3, Ban Dân vận Thành ủy làm việc với Huyện ủy Sóc Sơn về công tác dân vận chính quyền năm nay.\n"
            "Huyện thực hiện Chỉ thị số 30-CT/TU ngày 19-2-2024, hướng tới kỷ niệm (10/10/1954 - 10/10/2024).\n")
    assert parse_report(body, "x.txt").event_date == date(2024, 3, 6)


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Năm 2023 có 13.663 mô hình. Tại TP. Hà Nội có 5 cuộc.",
     ["Năm 2023 có 13.663 mô hình.", "Tại TP. Hà Nội có 5 cuộc."]),
    ("Ông nói: “Tốt.” Bà nói thêm.", ["Ông nói: “Tốt.”", "Bà nói thêm."]),
    ("Một câu duy nhất", ["Một câu duy nhất"]),
])
def test_split_sentences(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_the_start_of_a_span_is_no_event_date():
    body = ("Ban Tiếp công dân tỉnh Gia Lai cho biết, tính từ ngày 01/01/2024 đến nay đã tiếp 940 lượt công dân "
            "đến kiến nghị, phản ánh.")
    assert parse_report(FRONT.format(p="2024-12-20", body=body), "a.txt").event_date is None
