"""Words one figure shares with another: the unit printed before the number ("số đơn tiếp nhận là
1.020"), the meeting of an earlier sentence ("… 64 cuộc đối thoại. Cấp tỉnh tổ chức 2 cuộc."), the
verb after the last of a pair ("21 mô hình và 16 điển hình … được biểu dương"), a target named at
the head of the sentence. Each positive has a trap beside it (report published 2024-12-05)."""
from __future__ import annotations

import pytest

from tests.extract_helpers import lines

LEAD = ("Huyện ủy Chư Sê (Gia Lai) tổng kết công tác dân vận và phong trào thi đua “Dân vận khéo” "
        "năm 2024 với nhiều kết quả.\n\n")
Y = "2024-01-01..2024-12-31"
CS = "Chư Sê, Gia Lai"

CASES = [
    # the unit before the number
    ("Năm 2024, tổng số đơn tiếp nhận là 1.020, đã xử lý 960 đơn.", [f"{CS} | petitions/total | {Y} | 1020"]),
    ("Năm 2024, số lượt công dân được tiếp là 450.", [f"{CS} | reception_turns/total | {Y} | 450"]),
    ("Năm 2024, số cuộc đối thoại của người đứng đầu cấp ủy trên toàn huyện đạt 36.",
     [f"{CS} | dialogues/total | {Y} | 36"]),
    ("Năm 2024, số cuộc đối thoại trực tiếp mà Bí thư, Chủ tịch UBND các xã, thị trấn của huyện đã tổ chức "
     "với bà con nhân dân là 52.", [f"{CS} | dialogues/total | {Y} | 52"]),
    ("Năm 2024, số xã đạt chuẩn là 14.", []),  # a count of communes
    ("Năm 2024, số đơn đã giải quyết là 960.", []),  # resolved, not received
    ("Năm 2024, tổng số đơn tiếp nhận là 1.020 đơn, giảm so với năm trước.", [f"{CS} | petitions/total | {Y} | 1020"]),
    ("Năm 2024, số mô hình “Dân vận khéo” được hỗ trợ là 350 triệu đồng.", []),  # the number has its own unit
    ("Năm 2024, số đơn tiếp nhận là 64 vụ việc.", []),
    # the unit and the verb printed before the number
    ("Số mô hình “Dân vận khéo” được công nhận năm 2024 là 312.", [f"{CS} | models_recognized/total | {Y} | 312"]),
    ("Số mô hình “Dân vận khéo” đăng ký trong năm 2024 là 312.", [f"{CS} | models_registered/total | {Y} | 312"]),
    # the meeting of the sentence before
    ("Năm 2024, toàn huyện tổ chức 36 cuộc đối thoại. Cấp huyện tổ chức 4 cuộc.",
     [f"{CS} | dialogues/total | {Y} | 36", f"{CS} | dialogues/district_level | {Y} | 4"]),
    ("Năm 2024, đại biểu HĐND huyện tiếp xúc cử tri. Cấp huyện tổ chức 4 cuộc.", []),
    # the verb after the last of a pair
    ("Tại hội nghị, 21 mô hình và 16 điển hình “Dân vận khéo” của năm 2024 đã được biểu dương.",
     [f"{CS} | models_recognized/model | {Y} | 21", f"{CS} | models_recognized/exemplar | {Y} | 16"]),
    ("Năm 2024, đã có 130 mô hình của tập thể và 95 mô hình của cá nhân được công nhận “Dân vận khéo”.",
     [f"{CS} | models_recognized/collective | {Y} | 130", f"{CS} | models_recognized/individual | {Y} | 95"]),
    ("Năm 2024, huyện xây dựng 130 mô hình “Dân vận khéo”, trong đó 45 mô hình được công nhận.",  # a subset
     [f"{CS} | models_registered/total | {Y} | 130", f"{CS} | models_recognized/total | {Y} | 45"]),
    ("Năm 2024, huyện có 130 mô hình “Dân vận khéo” được đăng ký, 45 mô hình được công nhận.",
     [f"{CS} | models_registered/total | {Y} | 130", f"{CS} | models_recognized/total | {Y} | 45"]),
    # "có" only says the models exist: after recognised ones in the sentence, more recognised ones
    ("Năm 2024, cấp xã công nhận 120 mô hình “Dân vận khéo”; riêng cấp huyện có 15 mô hình.",
     [f"{CS} | models_recognized/commune_level | {Y} | 120", f"{CS} | models_recognized/district_level | {Y} | 15"]),
    ("Năm 2024, huyện có 130 mô hình “Dân vận khéo”.", [f"{CS} | models_registered/total | {Y} | 130"]),
    # "trong số 130 mô hình": the set a subset is drawn from, not a label, and not what the subset's verb says
    ("Năm 2024, các xã xây dựng nhiều mô hình. Trong số 130 mô hình nói trên, 45 mô hình được công nhận "
     "“Dân vận khéo” cấp huyện.",
     [f"{CS} | models_registered/total | {Y} | 130", f"{CS} | models_recognized/district_level | {Y} | 45"]),
    ("Năm 2024, tổ số 3 của thị trấn có 12 mô hình “Dân vận khéo”.", [f"{CS} | models_registered/total | {Y} | 12"]),
    # one part after "trong đó" reads as its total, the movement's name between them
    ("Năm 2024, huyện biểu dương 56 mô hình “Dân vận khéo”, trong đó 18 mô hình của các xã.",
     [f"{CS} | models_recognized/total | {Y} | 56", f"{CS} | models_recognized/total | {Y} | 18"]),
    # a target in another clause of the sentence is no target of this one; a lead-in of targets is
    ("Năm nay, huyện phấn đấu tiếp công dân đúng lịch; năm ngoái huyện tiếp 412 lượt công dân.",
     [f"{CS} | reception_turns/total | 2023-01-01..2023-12-31 | 412"]),
    ("Chỉ tiêu năm 2025 được giao: chi bộ đăng ký 2 mô hình “Dân vận khéo”; đảng bộ đăng ký 3 mô hình.", []),
    # a target at the head of the sentence
    ("Chỉ tiêu năm 2025 được giao: các chi bộ đăng ký 2 mô hình, các đảng bộ đăng ký 3 mô hình “Dân vận khéo”.", []),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_shared_words(body, expected):
    assert lines(LEAD + body) == expected
