"""Places: named in a heading or in the sentence before, written with prefix abbreviations only,
several provinces in one round-up, a city body reporting its own figure. Each positive has a trap
beside it: input text → the exact figures (report published 2024-12-05)."""
from __future__ import annotations

import pytest

from tests.extract_helpers import lines

Y = "2024-01-01..2024-12-31"
LEAD_GL = ("Ban Dân vận Tỉnh ủy Gia Lai vừa tổng kết công tác dân vận năm 2024 trên địa bàn toàn tỉnh "
           "với nhiều kết quả.\n\n")
LEAD_HN = ("Ban Dân vận Thành ủy Hà Nội vừa tổng kết công tác dân vận năm 2024 tại các quận, huyện, "
           "thị xã của thành phố.\n\n")

CASES = [
    # a heading names the place of the paragraphs under it
    (LEAD_GL + "HUYỆN CHƯ PRÔNG\n\nTrong năm, toàn huyện tiếp 380 lượt công dân, tiếp nhận 95 đơn.\n\n"
     "2. Huyện Đức Cơ\n\nTrong năm, huyện tiếp 210 lượt công dân.",
     [f"Chư Prông, Gia Lai | reception_turns/total | {Y} | 380", f"Chư Prông, Gia Lai | petitions/total | {Y} | 95",
      f"Đức Cơ, Gia Lai | reception_turns/total | {Y} | 210"]),
    (LEAD_GL + "KẾT QUẢ CỤ THỂ\n\nTrong năm, toàn tỉnh tiếp 2.861 lượt công dân.",  # a heading without a place
     [f"Gia Lai | reception_turns/total | {Y} | 2861"]),
    (LEAD_GL + "I. KẾT QUẢ NĂM 2023\n\nToàn tỉnh đã tiếp 2.743 lượt công dân.\n\n"
               "II. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024\n\nToàn tỉnh đã tiếp 1.300 lượt công dân.",  # a heading's period
     ["Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 2743",
      "Gia Lai | reception_turns/total | 2024-01-01..2024-06-30 | 1300"]),
    # the sentence before names the place
    (LEAD_GL + "Huyện ủy Chư Sê chỉ đạo sát sao công tác tiếp dân. Trong năm, toàn huyện tiếp 450 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 450"]),
    (LEAD_GL + "Tại thị xã Ayun Pa, phong trào thi đua “Dân vận khéo” được triển khai rộng khắp.\n\n"
     "Trong năm, thị xã có 25 mô hình “Dân vận khéo” được công nhận.",
     [f"Ayun Pa, Gia Lai | models_recognized/total | {Y} | 25"]),
    (LEAD_GL + "Huyện ủy Chư Sê chỉ đạo sát sao công tác tiếp dân. Toàn tỉnh tiếp 2.861 lượt công dân.",
     [f"Gia Lai | reception_turns/total | {Y} | 2861"]),  # "toàn tỉnh" is the province, not the district before
    ("Huyện Xuyên Mộc (Bà Rịa - Vũng Tàu) đẩy mạnh phong trào thi đua “Dân vận khéo” trong năm 2024 "
     "ở mọi thôn, ấp.\n\nKết quả năm 2024 của huyện: 85 mô hình “Dân vận khéo” được công nhận.",
     [f"Xuyên Mộc, Bà Rịa - Vũng Tàu | models_recognized/total | {Y} | 85"]),  # a district the gazetteer lacks
    ("Huyện Xuyên Mộc thuộc tỉnh Bà Rịa - Vũng Tàu. Sáng 13/12/2024, Ban Dân vận Huyện ủy cùng các đoàn thể "
     "tổng kết công tác dân vận năm 2024.\n\nKết quả năm 2024 của huyện: 85 mô hình “Dân vận khéo” được công nhận.",
     [f"Xuyên Mộc, Bà Rịa - Vũng Tàu | models_recognized/total | {Y} | 85"]),  # "Huyện ủy" names no district
    # prefix abbreviations only
    (LEAD_GL + "Năm 2024, H. Chư Sê tiếp 320 lượt công dân; TX. An Khê tiếp 150 lượt công dân; "
               "TP. Pleiku tiếp 610 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 320", f"An Khê, Gia Lai | reception_turns/total | {Y} | 150",
      f"Pleiku, Gia Lai | reception_turns/total | {Y} | 610"]),
    (LEAD_HN + "Năm 2024, Q. Cầu Giấy có 50 mô hình “Dân vận khéo” được công nhận.",
     [f"Cầu Giấy, Hà Nội | models_recognized/total | {Y} | 50"]),
    (LEAD_HN + "Năm 2024, Q.Hoàn Kiếm có 35 mô hình “Dân vận khéo” được công nhận.",
     [f"Hoàn Kiếm, Hà Nội | models_recognized/total | {Y} | 35"]),
    (LEAD_HN + "Năm 2024, ông Nguyễn Văn H. ở huyện Sóc Sơn tiếp 5 lượt công dân.",  # an initial, not a district
     [f"Sóc Sơn, Hà Nội | reception_turns/total | {Y} | 5"]),
    # several provinces in one round-up
    ("Tổng hợp kết quả công tác tiếp công dân năm 2023 của một số tỉnh Tây Nguyên trong năm qua.\n\n"
     "Năm 2023, tỉnh Gia Lai tiếp 2.743 lượt công dân; tỉnh Kon Tum tiếp 1.900 lượt công dân. "
     "Tỉnh Đắk Lắk tiếp 3.100 lượt công dân và tiếp nhận 820 đơn khiếu nại, tố cáo.",
     ["Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 2743",
      "Kon Tum | reception_turns/total | 2023-01-01..2023-12-31 | 1900",
      "Đắk Lắk | reception_turns/total | 2023-01-01..2023-12-31 | 3100",
      "Đắk Lắk | petitions/complaint_denunciation | 2023-01-01..2023-12-31 | 820"]),
    # several districts listed together before a number: no single place has it
    (LEAD_GL + "Năm 2024, tại các huyện Chư Sê, Chư Prông, Đức Cơ, các cấp đã xây dựng 1.200 mô hình “Dân vận khéo”.",
     []),
    (LEAD_GL + "Năm 2024, huyện Chư Sê và thị xã An Khê tiếp 900 lượt công dân.", []),
    (LEAD_GL + "Năm 2024, 3 huyện đã tổ chức đối thoại, gồm Chư Sê, Kbang và Đức Cơ. "
               "Trong năm, các xã tổ chức 52 cuộc đối thoại.",  # a list holds none of its places after it
     [f"Gia Lai | dialogues/total | {Y} | 52"]),
    (LEAD_GL + "Năm 2024, huyện Chư Sê có 120 mô hình “Dân vận khéo” được công nhận, huyện Chư Prông 95 mô hình.",
     [f"Chư Sê, Gia Lai | models_recognized/total | {Y} | 120",
      f"Chư Prông, Gia Lai | models_recognized/total | {Y} | 95"]),  # each place with its number
    # a place after the number is of the next number when one stands between
    (LEAD_GL + "Các cơ quan đã tiếp 2.861 lượt công dân, trong đó 420 lượt ở huyện Chư Sê.",
     [f"Gia Lai | reception_turns/total | {Y} | 2861", f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 420"]),
    (LEAD_GL + "Các cơ quan huyện Chư Sê đã tiếp 420 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 420"]),
    # "lần lượt": the i-th number of the run is of the i-th place; the numbers share the unit after the last
    (LEAD_GL + "Năm 2024, các huyện Chư Sê, Kbang và Đức Cơ tổ chức nhiều cuộc đối thoại nhất, lần lượt 38, 31 "
               "và 29 cuộc.",
     [f"Chư Sê, Gia Lai | dialogues/total | {Y} | 38", f"Kbang, Gia Lai | dialogues/total | {Y} | 31",
      f"Đức Cơ, Gia Lai | dialogues/total | {Y} | 29"]),
    (LEAD_GL + "Năm 2024, số lượt tiếp công dân của các huyện Chư Sê, Kbang và Đức Cơ tương ứng là 410, 215 "
               "và 198 lượt.",  # "tương ứng là" as "lần lượt"
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 410", f"Kbang, Gia Lai | reception_turns/total | {Y} | 215",
      f"Đức Cơ, Gia Lai | reception_turns/total | {Y} | 198"]),
    (LEAD_GL + "Năm 2024, các huyện Chư Sê, Kbang và Đức Cơ tiếp tổng cộng 820 lượt công dân, tương ứng 30% "
               "số lượt của tỉnh.", []),  # one number for three places: none is theirs
    (LEAD_GL + "Trong năm 2024, 2.858 lượt công dân được các cơ quan tỉnh tiếp.",  # a year is no number of a list
     [f"Gia Lai | reception_turns/total | {Y} | 2858"]),
    # a city body reports its own figure: the city's, not the district the report is about
    ("Huyện Sóc Sơn (Hà Nội) tổng kết công tác tiếp công dân năm 2024 với nhiều chuyển biến tích cực.\n\n"
     "Năm 2024, huyện tiếp 640 lượt công dân. Cùng năm, Thanh tra thành phố tiếp nhận 952 đơn khiếu nại.",
     [f"Sóc Sơn, Hà Nội | reception_turns/total | {Y} | 640", f"Hà Nội | petitions/complaint | {Y} | 952"]),
    ("Huyện Sóc Sơn (Hà Nội) tổng kết công tác tiếp công dân năm 2024 với nhiều chuyển biến tích cực.\n\n"
     "Năm 2024, Đoàn đại biểu Quốc hội thành phố Hà Nội tiếp 300 lượt công dân.",
     [f"Hà Nội | reception_turns/total | {Y} | 300"]),
    # in a province, "thành phố" is its city: "toàn thành phố", "Thanh tra thành phố" in a Pleiku report
    ("UBND TP. Pleiku (Gia Lai) tổng kết công tác tiếp công dân năm 2024.\n\n"
     "Năm 2024, tổng số lượt tiếp công dân trên địa bàn thành phố là 1.092 lượt.",
     [f"Pleiku, Gia Lai | reception_turns/total | {Y} | 1092"]),
    ("UBND TP. Pleiku (Gia Lai) tổng kết công tác tiếp công dân năm 2024.\n\n"
     "Năm 2024, Thanh tra thành phố tiếp nhận 85 đơn khiếu nại; toàn thành phố tiếp 1.092 lượt công dân.",
     [f"Pleiku, Gia Lai | petitions/complaint | {Y} | 85", f"Pleiku, Gia Lai | reception_turns/total | {Y} | 1092"]),
    ("UBND TP. Pleiku (Gia Lai) tổng kết công tác tiếp công dân năm 2024.\n\n"
     "Năm 2024, toàn tỉnh tiếp 2.861 lượt công dân.",  # "toàn tỉnh" is still the province
     [f"Gia Lai | reception_turns/total | {Y} | 2861"]),
    ("Huyện Sóc Sơn (Hà Nội) tổng kết công tác tiếp công dân năm 2024 với nhiều chuyển biến tích cực.\n\n"
     "Năm 2024, Thanh tra huyện tiếp nhận 120 đơn khiếu nại.",  # the district's own inspectorate
     [f"Sóc Sơn, Hà Nội | petitions/complaint | {Y} | 120"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_places(body, expected):
    assert lines(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Năm 2025, X. Ia Dêr có 12 mô hình “Dân vận khéo” được công nhận.",
     ["Ia Dêr, Gia Lai | models_recognized/total | 2025-01-01..2025-12-31 | 12"]),
    ("Năm 2025, P. Hội Phú có 15 mô hình “Dân vận khéo” được công nhận.",
     ["Hội Phú, Gia Lai | models_recognized/total | 2025-01-01..2025-12-31 | 15"]),
])
def test_commune_abbreviations_after_the_reform(body, expected):
    lead = "Tỉnh Gia Lai tổng kết phong trào thi đua “Dân vận khéo” năm 2025 tại các xã, phường trong tỉnh.\n\n"
    assert lines(lead + body, published="2025-12-10") == expected


@pytest.mark.parametrize(("body", "expected"), [
    # a former province named "(cũ)": an area of the merged province for a figure after the reform
    ("Giai đoạn 2020–2025, các cấp biểu dương 156 mô hình “Dân vận khéo”, trong đó 58 mô hình thuộc khu vực "
     "tỉnh Bình Định (cũ).",
     ["Gia Lai | models_recognized/total | 2020-01-01..2025-12-31 | 156",
      "Gia Lai | models_recognized/total | 2020-01-01..2025-12-31 | 58"]),
    ("Năm 2024, tỉnh Bình Định (cũ) tiếp 1.000 lượt công dân.",  # before the reform: the old province itself
     ["Bình Định | reception_turns/total | 2024-01-01..2024-12-31 | 1000"]),
])
def test_a_former_province_after_the_reform(body, expected):
    lead = "Tỉnh Gia Lai tổng kết công tác dân vận và phong trào thi đua “Dân vận khéo” sau hợp nhất.\n\n"
    assert lines(lead + body, published="2026-01-10") == expected


@pytest.mark.parametrize(("body", "expected"), [
    # a round-up: a province named in the number's own clause is its place, not an earlier clause's district
    ("Năm 2024, huyện Ba Vì (Hà Nội) tiếp 1.126 lượt công dân; tỉnh Kon Tum tiếp 2.040 lượt công dân.",
     [f"Ba Vì, Hà Nội | reception_turns/total | {Y} | 1126", f"Kon Tum | reception_turns/total | {Y} | 2040"]),
    ("Năm 2024, huyện Chư Sê tiếp 1.126 lượt công dân; tỉnh Kon Tum tiếp nhận 1.310 đơn thư.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 1126", f"Kon Tum | petitions/total | {Y} | 1310"]),
    ("Kết quả năm 2024 ở một số địa phương:\n• H. Ba Vì (Hà Nội): tiếp 1.126 lượt công dân.\n"
     "• Tỉnh Kon Tum: các cấp tiếp nhận 1.310 đơn thư.",
     [f"Ba Vì, Hà Nội | reception_turns/total | {Y} | 1126", f"Kon Tum | petitions/total | {Y} | 1310"]),
    # traps: the province that only hints a district is no place of its own, and the whole province
    # named after "toàn tỉnh" is the province
    ("Năm 2024, huyện Chư Sê (Gia Lai) tiếp 800 lượt công dân, tiếp nhận 300 đơn thư.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 800", f"Chư Sê, Gia Lai | petitions/total | {Y} | 300"]),
    ("Năm 2024, huyện Chư Sê (tỉnh Gia Lai) tiếp 1.126 lượt công dân; toàn tỉnh Gia Lai tiếp 5.000 lượt công dân.",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y} | 1126", f"Gia Lai | reception_turns/total | {Y} | 5000"]),
    ("Ban Dân vận Thành ủy Hà Nội tổng kết năm 2024.\n\nNăm 2024, toàn tỉnh Gia Lai tiếp 2.215 lượt công dân.",
     [f"Gia Lai | reception_turns/total | {Y} | 2215"]),  # the province named after "toàn tỉnh", not the report's
])
def test_a_round_up_of_provinces(body, expected):
    assert lines(body) == expected
