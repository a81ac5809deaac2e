"""Order and reference: the number first, the period after the figure, month ranges, years relative
to the report's date (published 2024-12-05 unless said), Roman-numeral quarters. Each positive has
a trap beside it: input text → the exact figures."""
from __future__ import annotations

import pytest

from tests.extract_helpers import lines

Y2023 = "2023-01-01..2023-12-31"
Y2024 = "2024-01-01..2024-12-31"

CASES = [
    # the number first
    ("Hơn 1.200 lượt công dân đã được các cơ quan tỉnh Gia Lai tiếp trong năm 2023.",
     [f"Gia Lai | reception_turns/total | {Y2023} | 1200 hơn"]),
    ("Gần 300 đơn khiếu nại, tố cáo đã được các cơ quan huyện Kbang tiếp nhận trong năm 2022.",
     ["Kbang, Gia Lai | petitions/complaint_denunciation | 2022-01-01..2022-12-31 | 300 khoảng"]),
    ("64 đơn thư được tiếp nhận trong năm 2023 tại huyện Đức Cơ.",
     [f"Đức Cơ, Gia Lai | petitions/total | {Y2023} | 64"]),
    ("64 đơn thư đã được giải quyết dứt điểm trong năm 2023 tại huyện Đức Cơ.", []),  # resolved, not received
    ("1.450 lượt công dân đến kiến nghị, phản ánh được huyện Chư Sê tiếp đón trong 9 tháng năm 2024.",
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-09-30 | 1450"]),
    ("1.450 lượt công dân đã tham gia hội nghị của huyện Chư Sê trong năm 2024.", []),  # attending, not received
    # the period after the figure, or at the end of the sentence
    ("Huyện Chư Prông tổ chức 42 cuộc đối thoại với Nhân dân trong năm 2023.",
     [f"Chư Prông, Gia Lai | dialogues/total | {Y2023} | 42"]),
    ("Năm 2022, huyện Chư Prông tổ chức 38 cuộc đối thoại với Nhân dân; 45 cuộc đối thoại trong năm 2023.",
     ["Chư Prông, Gia Lai | dialogues/total | 2022-01-01..2022-12-31 | 38",
      f"Chư Prông, Gia Lai | dialogues/total | {Y2023} | 45"]),
    ("Gần 500 đơn thư đã được các cơ quan hành chính của huyện Chư Sê tiếp nhận trong năm 2023.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y2023} | 500 khoảng"]),  # the passive, with a long agent
    ("Gần 500 đơn thư đã được các cơ quan hành chính của huyện Chư Sê giải quyết trong năm 2023.", []),
    # the persons of the turns, with a bracket or a change between them
    ("Năm 2024, tỉnh Gia Lai tiếp 612 lượt công dân (giảm 8 lượt so với năm 2023) với 705 người.",
     [f"Gia Lai | reception_turns/total | {Y2024} | 612", f"Gia Lai | reception_turns/total | {Y2023} | 620 suy ra",
      f"Gia Lai | reception_persons/total | {Y2024} | 705"]),
    ("Năm 2024, tỉnh Gia Lai tiếp 612 lượt công dân, giảm 8 lượt so với năm 2023, với 705 người.",
     [f"Gia Lai | reception_turns/total | {Y2024} | 612", f"Gia Lai | reception_turns/total | {Y2023} | 620 suy ra",
      f"Gia Lai | reception_persons/total | {Y2024} | 705"]),
    ("Năm 2024, tỉnh Gia Lai tiếp 2.861 lượt/3.150 người tại 17/17 huyện, thị xã, thành phố.",
     [f"Gia Lai | reception_turns/total | {Y2024} | 2861", f"Gia Lai | reception_persons/total | {Y2024} | 3150"]),
    ("Năm 2024, tỉnh Gia Lai tiếp 1.200 lượt/1.400 người. Tiếp thường xuyên 800 lượt/900 người; "
     "còn 400 lượt/500 người do lãnh đạo tiếp định kỳ.",  # a pair shares the words before and after it
     [f"Gia Lai | reception_turns/total | {Y2024} | 1200", f"Gia Lai | reception_persons/total | {Y2024} | 1400",
      f"Gia Lai | reception_turns/regular | {Y2024} | 800", f"Gia Lai | reception_persons/regular | {Y2024} | 900",
      f"Gia Lai | reception_turns/leader | {Y2024} | 400", f"Gia Lai | reception_persons/leader | {Y2024} | 500"]),
    ("Năm 2024, tỉnh Gia Lai tiếp 1.045 lượt công dân, 1.230 người, 12 đoàn đông người.",
     [f"Gia Lai | reception_turns/total | {Y2024} | 1045", f"Gia Lai | reception_persons/total | {Y2024} | 1230",
      f"Gia Lai | group_delegations/total | {Y2024} | 12"]),
    ("Năm 2024, tỉnh Gia Lai tiếp 612 lượt công dân (tại 15 điểm) và 705 người dự hội nghị.",
     [f"Gia Lai | reception_turns/total | {Y2024} | 612"]),  # people at a meeting, not those received
    # month and day ranges
    ("Từ ngày 16/11/2023 đến ngày 15/11/2024, các cơ quan thành phố Hà Nội đã tiếp 25.430 lượt công dân.",
     ["Hà Nội | reception_turns/total | 2023-11-16..2024-11-15 | 25430"]),
    ("Các cơ quan thành phố Hà Nội tiếp nhận 48.120 đơn các loại (từ 01/12/2023 - 30/11/2024).",
     ["Hà Nội | petitions/total | 2023-12-01..2024-11-30 | 48120"]),
    ("Từ ngày 01/10 đến ngày 31/10/2024, quận Cầu Giấy tiếp 140 lượt công dân.",
     ["Cầu Giấy, Hà Nội | reception_turns/total | 2024-10-01..2024-10-31 | 140"]),
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 16/11/2023, năm 2024 huyện Chư Sê tiếp 300 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y2024} | 300"]),  # a document's date is no period
    ("Tính đến cuối tháng 11/2024, huyện Chư Sê có 131 mô hình “Dân vận khéo” được đăng ký.",
     ["Chư Sê, Gia Lai | models_registered/total | 2024-01-01..2024-11-30 | 131"]),  # up to a month's end
    ("Trong tháng 11/2024, huyện Chư Sê tiếp 31 lượt công dân.",  # that month alone
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-11-01..2024-11-30 | 31"]),
    # "cùng kỳ năm 2023", "cùng kỳ năm trước": the span of the clause before, in that year
    ("Trong 9 tháng năm 2024, huyện Chư Sê tiếp 1.800 lượt công dân; cùng kỳ năm 2023 tiếp 1.650 lượt.",
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-09-30 | 1800",
      "Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-09-30 | 1650"]),
    ("Trong 9 tháng năm 2024, huyện Chư Sê tiếp 1.800 lượt công dân, cùng kỳ năm trước là 1.650 lượt.",
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-09-30 | 1800",
      "Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-09-30 | 1650"]),
    # years relative to the report's date
    ("Năm nay, huyện Chư Sê đã tiếp 320 lượt công dân; năm ngoái, huyện tiếp 290 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y2024} | 320",
      f"Chư Sê, Gia Lai | reception_turns/total | {Y2023} | 290"]),
    ("Năm trước, huyện Chư Sê tiếp nhận 75 đơn kiến nghị, phản ánh.",
     [f"Chư Sê, Gia Lai | petitions/recommendation | {Y2023} | 75"]),
    ("Những năm trước, huyện Chư Sê thường tiếp hơn 500 lượt công dân mỗi năm.", []),  # an average
    ("Quý III năm nay, quận Cầu Giấy tiếp 140 lượt công dân.",
     ["Cầu Giấy, Hà Nội | reception_turns/total | 2024-07-01..2024-09-30 | 140"]),
    ("Trong 6 tháng đầu năm ngoái, quận Cầu Giấy tiếp 260 lượt công dân.",
     ["Cầu Giấy, Hà Nội | reception_turns/total | 2023-01-01..2023-06-30 | 260"]),
    # Roman-numeral quarters
    ("Trong quý III/2023, quận Cầu Giấy tiếp 140 lượt công dân.",
     ["Cầu Giấy, Hà Nội | reception_turns/total | 2023-07-01..2023-09-30 | 140"]),
    ("Quý IV năm 2022, quận Cầu Giấy tiếp nhận 36 đơn khiếu nại.",
     ["Cầu Giấy, Hà Nội | petitions/complaint | 2022-10-01..2022-12-31 | 36"]),
    ("Đại hội lần thứ III của quận Cầu Giấy có 300 đại biểu dự.", []),  # a Roman numeral that is no quarter
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_order_and_reference(body, expected):
    assert lines(body) == expected


def test_this_year_is_the_report_date_s_year_and_last_year_the_one_before():
    body = "Năm nay, huyện Chư Sê tiếp 410 lượt công dân, năm ngoái con số này là 380 lượt."
    assert lines(body, published="2023-06-30") == [
        "Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 410",
        "Chư Sê, Gia Lai | reception_turns/total | 2022-01-01..2022-12-31 | 380"]


@pytest.mark.parametrize(("body", "published", "expected"), [
    # a dialogue held on the day the lead gives: its opinions are that day's
    ("Sáng 14/3, Bí thư Huyện ủy Krông Pa (Gia Lai) đối thoại trực tiếp với người dân xã Ia Rsươm.\n\n"
     "Tại buổi đối thoại, bà con nêu 23 ý kiến về đường giao thông và nước sinh hoạt.", "2022-03-15",
     ["Krông Pa, Gia Lai | dialogue_opinions/total | 2022-03-14..2022-03-14 | 23"]),
    # a conference held on a day reports the dialogues of its period
    ("Sáng 24/12, Huyện ủy Krông Pa (Gia Lai) tổ chức hội nghị sơ kết công tác dân vận 6 tháng cuối năm 2024.\n\n"
     "Huyện đã tổ chức 5 cuộc đối thoại với nhân dân theo chuyên đề, tiếp thu 76 ý kiến.", "2024-12-26",
     ["Krông Pa, Gia Lai | dialogues/total | 2024-07-01..2024-12-31 | 5",
      "Krông Pa, Gia Lai | dialogue_opinions/total | 2024-07-01..2024-12-31 | 76"]),
])
def test_opinions_take_the_day_of_a_dialogue_not_of_a_conference(body, published, expected):
    assert lines(body, published=published) == expected


@pytest.mark.parametrize(("body", "published", "expected"), [
    # "năm trước" is the year before the one talked about, "năm ngoái" the year before the report's date
    ("Năm qua, các cơ quan thành phố Hà Nội tiếp nhận 44.105 đơn thư, trong khi năm trước là 47.390 đơn.",
     "2026-01-08", ["Hà Nội | petitions/total | 2025-01-01..2025-12-31 | 44105",
                    "Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 47390"]),
    ("Năm 2025, phường Pleiku (Gia Lai) tiếp 520 lượt công dân, năm trước là 480 lượt.", "2026-01-09",
     ["Pleiku, Gia Lai | reception_turns/total | 2025-01-01..2025-12-31 | 520",
      "Pleiku, Gia Lai | reception_turns/total | 2024-01-01..2024-12-31 | 480"]),
    ("Năm ngoái, huyện Chư Sê tiếp nhận 75 đơn kiến nghị, phản ánh.", "2024-01-09",
     ["Chư Sê, Gia Lai | petitions/recommendation | 2023-01-01..2023-12-31 | 75"]),
    # a period after a ratio or an equal is compared with: it is carried to no figure after it
    ("6 tháng đầu năm 2024, các xã của huyện Đức Cơ tổ chức 8 cuộc đối thoại, bằng số cuộc của cả năm 2023. "
     "Huyện có thêm 34 mô hình “Dân vận khéo” đăng ký mới.", "2024-07-10",
     ["Đức Cơ, Gia Lai | dialogues/total | 2024-01-01..2024-06-30 | 8",
      "Đức Cơ, Gia Lai | models_registered/total | 2024-01-01..2024-06-30 | 34"]),
    ("Từ ngày 16/11/2020 đến ngày 15/11/2021, huyện Hoài Đức tiếp 1.476 lượt công dân, gấp 1,2 lần kỳ trước; "
     "có 14 đoàn đông người.", "2021-11-25",
     ["Hoài Đức, Hà Nội | reception_turns/total | 2020-11-16..2021-11-15 | 1476",
      "Hoài Đức, Hà Nội | reception_turns/total | 2019-11-16..2020-11-15 | 1230 khoảng suy ra",
      "Hoài Đức, Hà Nội | group_delegations/total | 2020-11-16..2021-11-15 | 14"]),
    # a bracket with a figure of its own is an aside: its period is not the period of the figures outside it
    ("9 tháng năm 2023, quận Hai Bà Trưng tiếp 9 đoàn đông người (năm 2022: 12 đoàn) và 315 lượt công dân "
     "(cùng kỳ: 290 lượt).", "2023-10-12",
     ["Hai Bà Trưng, Hà Nội | group_delegations/total | 2023-01-01..2023-09-30 | 9",
      "Hai Bà Trưng, Hà Nội | group_delegations/total | 2022-01-01..2022-12-31 | 12",
      "Hai Bà Trưng, Hà Nội | reception_turns/total | 2023-01-01..2023-09-30 | 315",
      "Hai Bà Trưng, Hà Nội | reception_turns/total | 2022-01-01..2022-09-30 | 290"]),
    ("Kỳ báo cáo (từ ngày 15/12/2021 đến ngày 14/12/2022), quận Hai Bà Trưng tiếp 286 lượt công dân.",
     "2022-12-28", ["Hai Bà Trưng, Hà Nội | reception_turns/total | 2021-12-15..2022-12-14 | 286"]),
    # a period right before a number heads it, and is not the period of the number before
    ("Năm 2024, quận Hai Bà Trưng tiếp nhận 412 đơn, năm 2023 là 380 đơn.", "2024-12-20",
     ["Hai Bà Trưng, Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 412",
      "Hai Bà Trưng, Hà Nội | petitions/total | 2023-01-01..2023-12-31 | 380"]),
    ("Quận Hai Bà Trưng tiếp nhận 412 đơn trong năm 2024 và 380 đơn trong năm 2023.", "2024-12-20",
     ["Hai Bà Trưng, Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 412",
      "Hai Bà Trưng, Hà Nội | petitions/total | 2023-01-01..2023-12-31 | 380"]),
    # ... but a count after it that was handled, not received, is not its sibling, in the passive too
    ("Năm 2024, quận Hai Bà Trưng tiếp nhận 412 đơn; 380 đơn đã được giải quyết.", "2024-12-20",
     ["Hai Bà Trưng, Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 412"]),
    ("Năm 2024, quận Hai Bà Trưng tiếp nhận 412 đơn, 380 đơn được xử lý dứt điểm.", "2024-12-20",
     ["Hai Bà Trưng, Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 412"]),
    ("Năm 2024, quận Hai Bà Trưng tiếp nhận 412 đơn; đã giải quyết 380 đơn.", "2024-12-20",
     ["Hai Bà Trưng, Hà Nội | petitions/total | 2024-01-01..2024-12-31 | 412"]),
    # a period without its year that cannot have happened yet is the year before ("năm qua" on 10 January)
    ("Năm qua, huyện Chư Sê tiếp 412 lượt công dân.", "2024-01-10",
     ["Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 412"]),
    ("Trong năm, huyện Chư Sê tiếp 412 lượt công dân.", "2024-01-10",
     ["Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 412"]),
    ("Trong năm, huyện Chư Sê tiếp 412 lượt công dân.", "2024-10-30",
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-12-31 | 412"]),
    ("Năm nay, huyện Chư Sê tiếp 412 lượt công dân.", "2024-01-10",  # said outright: this year
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-12-31 | 412"]),
])
def test_a_period_without_its_year_takes_the_year_that_has_happened(body, published, expected):
    assert lines(body, published=published) == expected


REVIEW_2025 = "Sáng 8/1, Huyện ủy Chư Sê (Gia Lai) tổng kết công tác dân vận năm 2025.\n\n"


@pytest.mark.parametrize(("body", "published", "expected"), [
    # "năm nay" at a conference in January that sums up the year just ended: that year
    (REVIEW_2025 + "Năm nay, huyện tổ chức 48 cuộc đối thoại với Nhân dân.", "2026-01-09",
     ["Chư Sê, Gia Lai | dialogues/total | 2025-01-01..2025-12-31 | 48"]),
    (REVIEW_2025 + "Số cuộc đối thoại năm nay chỉ là 48 cuộc.", "2026-01-09",
     ["Chư Sê, Gia Lai | dialogues/total | 2025-01-01..2025-12-31 | 48"]),
    (REVIEW_2025 + "Trong 6 tháng cuối năm nay, huyện tiếp 230 lượt công dân.", "2026-01-09",
     ["Chư Sê, Gia Lai | reception_turns/total | 2025-07-01..2025-12-31 | 230"]),
    # traps: a report about no earlier year, or one at the end of the year it reviews
    ("Sáng 8/1, Huyện ủy Chư Sê (Gia Lai) triển khai nhiệm vụ công tác dân vận.\n\n"
     "Năm nay, huyện tổ chức 48 cuộc đối thoại với Nhân dân.", "2026-01-09",
     ["Chư Sê, Gia Lai | dialogues/total | 2026-01-01..2026-12-31 | 48"]),
    ("Chiều 26/12, Huyện ủy Chư Sê (Gia Lai) tổng kết công tác dân vận năm 2025.\n\n"
     "Năm nay, huyện tổ chức 48 cuộc đối thoại với Nhân dân.", "2025-12-27",
     ["Chư Sê, Gia Lai | dialogues/total | 2025-01-01..2025-12-31 | 48"]),
    # the same span a year before, in the sentence of a comparison, reaches no sentence after it
    ("Huyện Chư Sê (Gia Lai) sơ kết 6 tháng đầu năm 2024. Các xã tổ chức 9 cuộc đối thoại; cùng kỳ năm ngoái "
     "chỉ có 5 cuộc. Phong trào “Dân vận khéo” có thêm 27 mô hình được đăng ký.", "2024-07-11",
     ["Chư Sê, Gia Lai | dialogues/total | 2024-01-01..2024-06-30 | 9",
      "Chư Sê, Gia Lai | dialogues/total | 2023-01-01..2023-06-30 | 5",
      "Chư Sê, Gia Lai | models_registered/total | 2024-01-01..2024-06-30 | 27"]),
    ("Huyện Chư Sê (Gia Lai) sơ kết 6 tháng đầu năm 2024. Huyện tiếp 151 lượt công dân, cùng kỳ năm trước là "
     "130 lượt. Đơn thư tiếp nhận là 63 đơn.", "2024-07-11",
     ["Chư Sê, Gia Lai | reception_turns/total | 2024-01-01..2024-06-30 | 151",
      "Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-06-30 | 130",
      "Chư Sê, Gia Lai | petitions/total | 2024-01-01..2024-06-30 | 63"]),
    ("Huyện Chư Sê (Gia Lai) sơ kết 6 tháng đầu năm 2024. Cùng kỳ năm ngoái, huyện tiếp 130 lượt công dân.",
     "2024-07-11",  # trap: a sentence of its own about the same span a year before
     ["Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-06-30 | 130"]),
])
def test_this_year_and_the_span_a_year_before(body, published, expected):
    assert lines(body, published=published) == expected
