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


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_comparisons(body, expected):
    assert lines(body) == expected
