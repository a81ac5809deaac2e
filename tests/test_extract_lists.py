"""Lists: bulleted and numbered items whose place, period or topic is in the lead-in line. Each
positive has a trap beside it: input text → the exact figures (report published 2024-12-20)."""
from __future__ import annotations

import pytest

from etl.extract import Extractor
from tests.extract_helpers import lines, test_report

LEAD = ("Ban Dân vận Tỉnh ủy Gia Lai vừa tổng kết công tác dân vận năm 2024 trên địa bàn toàn tỉnh "
        "với nhiều kết quả nổi bật.\n\n")
Y = "2024-01-01..2024-12-31"

CASES = [
    # place and period in the lead-in
    (LEAD + "Kết quả công tác tiếp công dân năm 2024 của huyện Chư Sê như sau:\n"
            "- Tiếp 420 lượt công dân;\n- Tiếp nhận 150 đơn khiếu nại, tố cáo;\n"
            "- Tổ chức 36 cuộc đối thoại với Nhân dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 420",
      f"Chư Sê, Gia Lai | petitions/complaint_denunciation | {Y} | 150",
      f"Chư Sê, Gia Lai | dialogues/total | {Y} | 36"]),
    # the topic in the lead-in, a place in each item
    (LEAD + "Trong 9 tháng năm 2024, các địa phương đăng ký xây dựng mô hình “Dân vận khéo” như sau:\n"
            "1. Huyện Chư Sê: 120 mô hình.\n2. Huyện Kbang: 85 mô hình.\n3. Thị xã An Khê: 60 mô hình.",
     ["Chư Sê, Gia Lai | models_registered/total | 2024-01-01..2024-09-30 | 120",
      "Kbang, Gia Lai | models_registered/total | 2024-01-01..2024-09-30 | 85",
      "An Khê, Gia Lai | models_registered/total | 2024-01-01..2024-09-30 | 60"]),
    # numbers first in the items
    (LEAD + "Huyện Kbang đạt nhiều kết quả trong 6 tháng đầu năm 2024:\n"
            "+ 215 lượt công dân được tiếp;\n+ 64 đơn thư được tiếp nhận, xử lý;\n"
            "+ 18 mô hình “Dân vận khéo” được công nhận.",
     ["Kbang, Gia Lai | reception_turns/total | 2024-01-01..2024-06-30 | 215",
      "Kbang, Gia Lai | petitions/total | 2024-01-01..2024-06-30 | 64",
      "Kbang, Gia Lai | models_recognized/total | 2024-01-01..2024-06-30 | 18"]),
    # a total in the lead-in and its parts in the items
    (LEAD + "Năm 2024, toàn tỉnh tiếp 1.200 lượt công dân, gồm:\n"
            "- Tiếp thường xuyên: 800 lượt;\n- Lãnh đạo tiếp định kỳ, đột xuất: 400 lượt.",
     [f"Gia Lai | reception_turns/total | {Y} | 1200", f"Gia Lai | reception_turns/regular | {Y} | 800",
      f"Gia Lai | reception_turns/leader | {Y} | 400"]),
    # the parts after their total, each type or level printed before its number or in brackets
    (LEAD + "Tổng số đơn tiếp nhận năm 2024: 1.020 đơn; trong đó: khiếu nại 120 đơn, tố cáo 35 đơn, "
            "kiến nghị, phản ánh 865 đơn.",
     [f"Gia Lai | petitions/total | {Y} | 1020", f"Gia Lai | petitions/complaint | {Y} | 120",
      f"Gia Lai | petitions/denunciation | {Y} | 35", f"Gia Lai | petitions/recommendation | {Y} | 865"]),
    (LEAD + "Năm 2024, tỉnh tiếp nhận 1.020 đơn, thư khiếu nại, tố cáo.",  # the type after "đơn, thư"
     [f"Gia Lai | petitions/complaint_denunciation | {Y} | 1020"]),
    (LEAD + "Năm 2024, các cấp tổ chức 210 cuộc đối thoại (cấp tỉnh 2 cuộc, cấp huyện 28 cuộc, cấp xã 180 cuộc).",
     [f"Gia Lai | dialogues/total | {Y} | 210", f"Gia Lai | dialogues/province_level | {Y} | 2",
      f"Gia Lai | dialogues/district_level | {Y} | 28", f"Gia Lai | dialogues/commune_level | {Y} | 180"]),
    (LEAD + "Kết quả năm 2024: tiếp công dân thường xuyên 845 lượt; định kỳ 102 lượt; đột xuất 15 lượt.",
     [f"Gia Lai | reception_turns/regular | {Y} | 845", f"Gia Lai | reception_turns/leader | {Y} | 102",
      f"Gia Lai | reception_turns/leader | {Y} | 15"]),  # "định kỳ 102": no label like "kỳ 3"
    (LEAD + "Năm 2024, tỉnh tiếp 120 lượt công dân trong đợt 2, kỳ 3 lượt tiếp.",
     [f"Gia Lai | reception_turns/total | {Y} | 120"]),
    # the label before the number, lettered items
    (LEAD + "Kết quả tiếp công dân năm 2024 của tỉnh:\n"
            "a) Tiếp thường xuyên: 1.840 lượt;\nb) Đoàn đông người: 14 đoàn;\nc) Đoàn kiểm tra: 6 đoàn.",
     [f"Gia Lai | reception_turns/regular | {Y} | 1840", f"Gia Lai | group_delegations/total | {Y} | 14"]),
    # a list written as short sentences
    (LEAD + "Năm 2024, huyện Chư Păh có 45 mô hình “Dân vận khéo” được công nhận. Huyện Ia Grai: 38 mô hình. "
            "Thị xã Ayun Pa: 20 mô hình. Huyện Kbang: 12 mô hình kinh tế.",
     [f"Chư Păh, Gia Lai | models_recognized/total | {Y} | 45",
      f"Ia Grai, Gia Lai | models_recognized/total | {Y} | 38",
      f"Ayun Pa, Gia Lai | models_recognized/total | {Y} | 20"]),
    # a lead-in in bold ("**…:**") is a lead-in; labels in bold in the items; a single "*" is a bullet
    (LEAD + "Năm 2023, huyện Chư Sê đạt **các kết quả nổi bật sau:**\n- **Tiếp công dân:** 1.204 lượt;\n"
            "- **Đối thoại với Nhân dân:** 31 cuộc, tiếp thu 240 ý kiến.",
     ["Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 1204",
      "Chư Sê, Gia Lai | dialogues/total | 2023-01-01..2023-12-31 | 31",
      "Chư Sê, Gia Lai | dialogue_opinions/total | 2023-01-01..2023-12-31 | 240"]),
    (LEAD + "Kết quả năm 2023 của huyện Kbang:\n* Tiếp 420 lượt công dân;\n* Tiếp nhận 150 đơn thư.",
     ["Kbang, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 420",
      "Kbang, Gia Lai | petitions/total | 2023-01-01..2023-12-31 | 150"]),
    # an item of several sentences: each is a clause of its own (the quota of one reaches no count of the next)
    (LEAD + "Kết quả phong trào “Dân vận khéo” năm 2024 của huyện Chư Sê:\n"
            "- Mỗi chi bộ phải có ít nhất 1 mô hình. Toàn huyện đăng ký 212 mô hình, 40 mô hình được công nhận.\n"
            "- Mỗi xã đăng ký ít nhất 5 mô hình mới cho năm 2025.",
     [f"Chư Sê, Gia Lai | models_registered/total | {Y} | 212",
      f"Chư Sê, Gia Lai | models_recognized/total | {Y} | 40"]),
    # trap: a list of targets, not results
    (LEAD + "Năm 2025, huyện Chư Sê phấn đấu đạt các chỉ tiêu sau:\n"
            "- Mỗi xã đăng ký ít nhất 2 mô hình “Dân vận khéo”;\n- Tổ chức tối thiểu 12 cuộc đối thoại.", []),
    # trap: a list under a voter meeting's lead-in
    (LEAD + "Tại buổi tiếp xúc cử tri của đại biểu HĐND huyện Chư Sê năm 2024, cử tri nêu:\n"
            "- 12 ý kiến về đất đai;\n- 8 ý kiến về giao thông.", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_lists(body, expected):
    assert lines(body, published="2024-12-20") == expected


INTERVIEW_LEAD = ("Nhân dịp tổng kết năm 2024, phóng viên trao đổi với đồng chí Trưởng ban Dân vận Huyện ủy "
                  "Chư Sê (Gia Lai).\n\n")


@pytest.mark.parametrize(("body", "expected"), [
    # an interview: speakers named in bold or after a dash are no list, and one answer's quota reaches no
    # figure of another answer
    (INTERVIEW_LEAD + "**Phóng viên:** Mục tiêu của phong trào “Dân vận khéo” năm nay là gì?\n\n"
                      "**Đồng chí Trưởng ban:** Chúng tôi yêu cầu mỗi chi bộ phải có ít nhất 1 mô hình.\n\n"
                      "**Phóng viên:** Kết quả cụ thể ra sao?\n\n"
                      "**Đồng chí Trưởng ban:** Năm nay toàn huyện đăng ký 212 mô hình “Dân vận khéo”.",
     [f"Chư Sê, Gia Lai | models_registered/total | {Y} | 212"]),
    (INTERVIEW_LEAD + "- Thưa đồng chí, phong trào “Dân vận khéo” năm nay có gì mới?\n"
                      "- Chúng tôi yêu cầu mỗi chi bộ phải có ít nhất 1 mô hình. Năm nay toàn huyện đăng ký 212 "
                      "mô hình, 40 mô hình được công nhận.\n- Còn đối thoại với Nhân dân?\n"
                      "- Các xã tổ chức 31 cuộc đối thoại, tiếp thu 240 ý kiến.",
     [f"Chư Sê, Gia Lai | models_registered/total | {Y} | 212",
      f"Chư Sê, Gia Lai | models_recognized/total | {Y} | 40", f"Chư Sê, Gia Lai | dialogues/total | {Y} | 31",
      f"Chư Sê, Gia Lai | dialogue_opinions/total | {Y} | 240"]),
    # trap: a quota in the answer's own sentence still holds
    (INTERVIEW_LEAD + "**Phóng viên:** Năm tới huyện đặt mục tiêu gì?\n\n"
                      "**Đồng chí Trưởng ban:** Mỗi xã phải đăng ký ít nhất 5 mô hình “Dân vận khéo”.", []),
])
def test_interviews(body, expected):
    assert lines(body, published="2024-12-28") == expected


def test_each_item_keeps_where_it_is():
    body = CASES[1][0]
    figs = Extractor().extract(test_report(body, published="2024-12-20"))
    assert [f.where for f in figs] == ["đoạn 3", "đoạn 4", "đoạn 5"]
