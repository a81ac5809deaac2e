"""Comparisons that imply an earlier figure: a change in number or percent ("tăng 12 % so với cùng
kỳ"), a ratio ("gấp đôi", "bằng một nửa"), before or after the figure, or in the next sentence.
Each positive has a trap beside it (report published 2024-12-05)."""
from __future__ import annotations

import pytest

from tests.extract_helpers import lines

P = "Chư Sê, Gia Lai | reception_turns/total"
Y23, Y24 = "2023-01-01..2023-12-31", "2024-01-01..2024-12-31"

CASES = [
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tăng 12% so với cùng kỳ.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tăng 12 phần trăm so với năm 2023.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Trong 9 tháng năm 2024, huyện Chư Sê tiếp 280 lượt công dân, giảm gần 30% so với cùng kỳ năm trước.",
     [f"{P} | 2024-01-01..2024-09-30 | 280", f"{P} | 2023-01-01..2023-09-30 | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, đạt 112% kế hoạch.",  # a plan, not an earlier year
     [f"{P} | {Y24} | 448"]),
    # the change first, the figure after it
    ("Tăng 12% so với năm 2023, số lượt công dân được huyện Chư Sê tiếp trong năm 2024 là 448 lượt.",
     [f"{P} | {Y23} | 400 khoảng suy ra", f"{P} | {Y24} | 448"]),  # in reading order: the change first
    ("So với cùng kỳ năm 2023, số lượt công dân huyện Chư Sê tiếp năm 2024 tăng 12%, đạt 448 lượt.",
     [f"{P} | {Y23} | 400 khoảng suy ra", f"{P} | {Y24} | 448"]),
    ("So với kế hoạch, số lượt công dân huyện Chư Sê tiếp năm 2024 tăng 12%, đạt 448 lượt.",  # a plan
     [f"{P} | {Y24} | 448"]),
    # the period compared with stands between the change word and its amount
    ("Năm nay, huyện Chư Sê tiếp 448 lượt công dân, nhiều hơn năm ngoái 48 lượt.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, ít hơn năm 2023 là 52 lượt.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 500 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, cao hơn cùng kỳ năm trước 48 lượt.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tăng so với năm 2023 là 48 lượt.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 suy ra"]),
    # the period compared with is no period of a figure, in its sentence or the next
    ("Năm nay, huyện Chư Sê tiếp 448 lượt công dân, nhiều hơn năm ngoái 48 lượt. "
     "Số đơn huyện tiếp nhận là 158 đơn, giảm 12% so với cùng kỳ.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400 suy ra", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 158",
      f"Chư Sê, Gia Lai | petitions/total | {Y23} | 180 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân; năm 2023 tiếp 400 lượt.",  # no comparison: printed
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400"]),
    # a quarter, half-year or month compared with: that span, of the figure's year or the one before
    ("Trong quý III năm 2024, huyện Chư Sê tiếp 236 lượt công dân, tăng 12 lượt so với quý II.",
     [f"{P} | 2024-07-01..2024-09-30 | 236", f"{P} | 2024-04-01..2024-06-30 | 224 suy ra"]),
    ("Quý I/2024, huyện Chư Sê tiếp 236 lượt công dân, giảm 14 lượt so với quý IV/2023.",
     [f"{P} | 2024-01-01..2024-03-31 | 236", f"{P} | 2023-10-01..2023-12-31 | 250 suy ra"]),
    ("Quý I/2024, huyện Chư Sê tiếp 236 lượt công dân, giảm 14 lượt so với quý IV.",
     [f"{P} | 2024-01-01..2024-03-31 | 236", f"{P} | 2023-10-01..2023-12-31 | 250 suy ra"]),
    ("6 tháng đầu năm 2024, huyện Chư Sê tiếp 300 lượt công dân, tăng 20% so với 6 tháng đầu năm 2023.",
     [f"{P} | 2024-01-01..2024-06-30 | 300", f"{P} | 2023-01-01..2023-06-30 | 250 khoảng suy ra"]),
    ("Trong quý III năm 2024, huyện Chư Sê tiếp 236 lượt công dân; quý II tiếp 224 lượt.",  # each its own
     [f"{P} | 2024-07-01..2024-09-30 | 236", f"{P} | 2024-04-01..2024-06-30 | 224"]),
    # a change right after its figure that names nothing compared with is still a change, not a figure
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp đạt 448, tăng 48 lượt.", [f"{P} | {Y24} | 448"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân (tăng 48 lượt).", [f"{P} | {Y24} | 448"]),
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng lên 448 lượt.", [f"{P} | {Y24} | 448"]),  # rose to
    ("Số đơn thư huyện Chư Sê tiếp nhận giảm 12% so với năm 2023, còn 880 đơn trong năm 2024.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y23} | 1000 khoảng suy ra",
      f"Chư Sê, Gia Lai | petitions/total | {Y24} | 880"]),
    # a change in "lượt" is the turns', with their persons between; a comparison in the next sentence is
    # of the total, not of its last part
    ("Năm 2024, huyện Chư Sê tiếp 564 lượt/621 người (giảm 38 lượt so với năm 2023).",
     [f"{P} | {Y24} | 564", f"Chư Sê, Gia Lai | reception_persons/total | {Y24} | 621", f"{P} | {Y23} | 602 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 178 lượt công dân (tiếp thường xuyên 126 lượt, lãnh đạo tiếp định kỳ 52 lượt). "
     "So với năm 2023, số lượt công dân giảm 21 lượt.",
     [f"{P} | {Y24} | 178", f"Chư Sê, Gia Lai | reception_turns/regular | {Y24} | 126",
      f"Chư Sê, Gia Lai | reception_turns/leader | {Y24} | 52", f"{P} | {Y23} | 199 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân; 12 đoàn đông người. So với năm 2023, số lượt tiếp tăng 12%.",
     [f"{P} | {Y24} | 448", f"Chư Sê, Gia Lai | group_delegations/total | {Y24} | 12",
      f"{P} | {Y23} | 400 khoảng suy ra"]),  # the comparison names what it compares
    # changes listed after as many figures go with them in order ("tăng lần lượt 5% và 8%")
    ("Năm 2024, huyện Chư Sê tiếp 400 lượt công dân và tiếp nhận 216 đơn, tăng lần lượt 25% và 8% so với năm 2023.",
     [f"{P} | {Y24} | 400", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 216", f"{P} | {Y23} | 320 khoảng suy ra",
      f"Chư Sê, Gia Lai | petitions/total | {Y23} | 200 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 400 lượt công dân và 12 đoàn đông người, giảm 20 lượt và 3 đoàn so với năm 2023.",
     [f"{P} | {Y24} | 400", f"Chư Sê, Gia Lai | group_delegations/total | {Y24} | 12", f"{P} | {Y23} | 420 suy ra",
      f"Chư Sê, Gia Lai | group_delegations/total | {Y23} | 15 suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 400 lượt công dân và tiếp nhận 216 đơn, tăng 8% so với năm 2023.",
     [f"{P} | {Y24} | 400", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 216",
      f"Chư Sê, Gia Lai | petitions/total | {Y23} | 200 khoảng suy ra"]),  # one change: of the figure it follows
    # ratios
    ("Năm 2024, huyện Chư Sê tiếp 800 lượt công dân, gấp đôi năm 2023.",
     [f"{P} | {Y24} | 800", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 1.200 lượt công dân, gấp 3 lần so với năm 2023.",
     [f"{P} | {Y24} | 1200", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 200 lượt công dân, chỉ bằng một nửa năm 2023.",
     [f"{P} | {Y24} | 200", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Số lượt công dân huyện Chư Sê tiếp năm 2024 gấp đôi năm 2023, đạt 800 lượt.",
     [f"{P} | {Y24} | 800", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 800 lượt công dân. Con số này gấp đôi năm 2023.",  # in the next sentence
     [f"{P} | {Y24} | 800", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 800 lượt công dân, tăng 2 lần so với năm 2023.",  # "tăng 2 lần" is ambiguous
     [f"{P} | {Y24} | 800"]),
    ("Năm 2024, huyện Chư Sê khẩn trương, gấp rút tiếp 800 lượt công dân.",  # "gấp rút" is no ratio
     [f"{P} | {Y24} | 800"]),
]


CASES += [
    # a small estimate keeps one decimal: rounding it would move it past the ±0.5 % of a match
    ("Năm 2024, huyện Chư Sê tiếp 58 lượt công dân, tăng 25% so với năm 2023.",
     [f"{P} | {Y24} | 58", f"{P} | {Y23} | 46.4 khoảng suy ra"]),
    # a ratio with a qualifier ("bằng khoảng một nửa"): its period is compared, and reaches no clause after it
    ("Năm 2024, huyện Chư Sê tổ chức 24 cuộc đối thoại với Nhân dân, bằng khoảng một nửa năm trước; tại các "
     "cuộc đối thoại, 310 ý kiến được nêu.",
     [f"Chư Sê, Gia Lai | dialogues/total | {Y24} | 24",
      f"Chư Sê, Gia Lai | dialogues/total | {Y23} | 48 khoảng suy ra",
      f"Chư Sê, Gia Lai | dialogue_opinions/total | {Y24} | 310"]),
    ("Năm 2024, huyện Chư Sê tiếp 800 lượt công dân, gấp gần 2 lần năm 2023.",
     [f"{P} | {Y24} | 800", f"{P} | {Y23} | 400 khoảng suy ra"]),
    # a later clause of the sentence with a change and no figure compares the figure whose unit it names
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tiếp nhận 210 đơn thư; so với năm 2023, số đơn giảm 16%.",
     [f"{P} | {Y24} | 448", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210",
      f"Chư Sê, Gia Lai | petitions/total | {Y23} | 250 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tiếp nhận 210 đơn thư; số lượt tiếp tăng 12% so với năm 2023.",
     [f"{P} | {Y24} | 448", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210", f"{P} | {Y23} | 400 khoảng suy ra"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, tiếp nhận 210 đơn thư; so với năm 2023, tỷ lệ giải quyết "
     "tăng 5%.",  # a rate's change names no figure of the sentence
     [f"{P} | {Y24} | 448", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210"]),
]


CASES += [
    # round 5: a change followed by the figure it came to ("tăng thêm 48 lượt, lên 448 lượt") is a change
    # with nothing compared; "còn" after a figure that is no change ("…, còn năm 2023 là …") is "while"
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng thêm 48 lượt, lên 448 lượt.", [f"{P} | {Y24} | 448"]),
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp giảm 52 lượt, còn 448 lượt.", [f"{P} | {Y24} | 448"]),
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng 48 lượt, lên mức gần 450 lượt.",
     [f"{P} | {Y24} | 450 khoảng"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, còn năm 2023 là 400 lượt.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400"]),
    # the value a figure came from, printed after it ("còn 210 đơn, từ 250 đơn của năm 2023"): the same
    # indicator in its own period, which reaches no sentence after it; "từ 15 xã" is where from, no value
    ("Năm 2024, số đơn thư huyện Chư Sê tiếp nhận giảm còn 210 đơn, từ 250 đơn của năm 2023.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210", f"Chư Sê, Gia Lai | petitions/total | {Y23} | 250"]),
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng lên 448 lượt, từ 400 lượt trong năm 2023.",
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400"]),
    ("Năm 2024, số đơn thư huyện Chư Sê tiếp nhận giảm còn 210 đơn, từ 250 đơn của năm 2023. "
     "Huyện cũng tổ chức 24 cuộc đối thoại với Nhân dân.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210", f"Chư Sê, Gia Lai | petitions/total | {Y23} | 250",
      f"Chư Sê, Gia Lai | dialogues/total | {Y24} | 24"]),
    ("Năm 2024, huyện Chư Sê tiếp nhận 210 đơn, từ 15 xã của năm 2023 chuyển lên.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, từ 12 đơn thư của năm 2023 còn tồn.",  # another unit
     [f"{P} | {Y24} | 448"]),
    # the value it came from first ("tăng từ 400 lượt năm 2023 lên 448 lượt"): its period is its own alone
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng từ 400 lượt năm 2023 lên 448 lượt.",
     [f"{P} | {Y23} | 400", f"{P} | {Y24} | 448"]),
    ("Năm 2024, số đơn thư huyện Chư Sê tiếp nhận giảm từ 250 đơn (năm 2023) xuống còn 210 đơn.",
     [f"Chư Sê, Gia Lai | petitions/total | {Y23} | 250", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210"]),
    ("Năm 2024, số lượt công dân huyện Chư Sê tiếp tăng từ 400 lượt năm 2023 lên 448 lượt; huyện tiếp nhận 210 đơn.",
     [f"{P} | {Y23} | 400", f"{P} | {Y24} | 448", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 210"]),
    ("Năm 2024, huyện Chư Sê tiếp 448 lượt công dân, trong năm 2023 là 400 lượt.",  # each printed in its own
     [f"{P} | {Y24} | 448", f"{P} | {Y23} | 400"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_comparisons(body, expected):
    assert lines(body) == expected
