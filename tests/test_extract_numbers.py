"""How counts are printed: in words ("hai đoàn", "mười bảy cuộc"), with a qualifier ("trên 600",
"ngót 300"), or as a threshold that counts nothing ("từ 2 cuộc trở lên"). Each positive has a trap
beside it: input text → the exact figures (report published 2019-12-20)."""
from __future__ import annotations

import pytest

from etl.extract import Extractor
from tests.extract_helpers import lines, test_report

LEAD = "Thị xã Sơn Tây (Hà Nội) tổng kết công tác dân vận năm 2019.\n\n"
Y = "2019-01-01..2019-12-31"
ST = "Sơn Tây, Hà Nội"

CASES = [
    # counts in words, read where a unit of the catalog follows
    ("Trong năm có hai đoàn đông người đến trụ sở tiếp công dân thị xã.",
     [f"{ST} | group_delegations/total | {Y} | 2"]),
    ("Lãnh đạo thị xã tổ chức năm cuộc đối thoại với Nhân dân; các phường, xã tổ chức thêm mười bảy cuộc.",
     [f"{ST} | dialogues/total | {Y} | 5", f"{ST} | dialogues/total | {Y} | 17"]),
    ("Thị ủy tặng Giấy khen cho mười tập thể và mười hai cá nhân trong phong trào “Dân vận khéo”.",
     [f"{ST} | commendations/collective | {Y} | 10", f"{ST} | commendations/individual | {Y} | 12"]),
    ("Năm 2019, thị xã tổ chức hai mươi ba cuộc đối thoại với Nhân dân.", [f"{ST} | dialogues/total | {Y} | 23"]),
    ("Ba cuộc đối thoại với Nhân dân đã được thị xã tổ chức trong năm 2019.", [f"{ST} | dialogues/total | {Y} | 3"]),
    # traps: number words that count nothing of ours, and "năm" that is the year
    ("Đầu năm đơn thư gửi đến thị xã tăng; trong năm công dân đến trụ sở đông hơn.", []),
    ("Chính quyền hai cấp vận hành tốt; một mô hình tiêu biểu là “Dân vận khéo” ở phường Lê Lợi.", []),
    ("Mỗi cuộc đối thoại có từ ba đến bốn trăm người dự.", []),
    ("Hai bên đường trồng hoa mười giờ dài 2 km.", []),
    ("Đoàn công tác của quận Hai Bà Trưng đến thăm thị xã.", []),
    # qualifiers
    ("Năm 2019, thị xã tiếp trên 600 lượt công dân và tiếp nhận ngót 300 đơn thư.",
     [f"{ST} | reception_turns/total | {Y} | 600 hơn", f"{ST} | petitions/total | {Y} | 300 khoảng"]),
    # a threshold counts nothing; the count beside it does
    ("Năm 2019, 8 xã, phường tổ chức từ 2 cuộc đối thoại trở lên.", []),
    ("Năm 2019, thị xã tổ chức 21 cuộc đối thoại với Nhân dân, nhiều nơi từ 2 cuộc trở lên.",
     [f"{ST} | dialogues/total | {Y} | 21"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_how_counts_are_printed(body, expected):
    assert lines(LEAD + body, published="2019-12-20") == expected


def test_a_count_in_words_is_shown_as_printed():
    outcomes = Extractor().read(test_report(LEAD + "Năm 2019, thị xã tổ chức Mười bảy cuộc đối thoại.",
                                            published="2019-12-20")).outcomes
    assert [(o.number_text, [f.value for f in o.figures]) for o in outcomes if o.figures] == [("Mười bảy", [17.0])]
