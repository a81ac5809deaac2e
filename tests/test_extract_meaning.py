"""Meaning, and what stays out. Honoured or recognised models are models_recognized; sessions
("buổi tiếp") are not turns; cases ("vụ việc") are not petitions; voter meetings, contests,
discipline, Fatherland Front and general emulation awards, money, land, counts of units, quotas,
document numbers and dates give no figure. Each positive has a trap beside it."""
from __future__ import annotations

import pytest

from etl.extract import Extractor
from tests.extract_helpers import lines, test_report

LEAD = ("Huyện ủy Chư Sê (Gia Lai) tổng kết công tác dân vận và phong trào thi đua “Dân vận khéo” "
        "năm 2024 với nhiều kết quả.\n\n")
Y = "2024-01-01..2024-12-31"
CS = "Chư Sê, Gia Lai"

CASES = [
    # honoured models are recognised, registered ones are not
    ("Năm 2024, huyện biểu dương 21 mô hình, 16 điển hình “Dân vận khéo” tiêu biểu.",
     [f"{CS} | models_recognized/model | {Y} | 21", f"{CS} | models_recognized/exemplar | {Y} | 16"]),
    ("Năm 2024, huyện có 40 mô hình “Dân vận khéo” được tôn vinh.", [f"{CS} | models_recognized/total | {Y} | 40"]),
    ("Năm 2024, các cơ quan, đơn vị đăng ký 90 mô hình “Dân vận khéo”.",
     [f"{CS} | models_registered/total | {Y} | 90"]),
    ("Năm 2024, huyện có 12 mô hình kinh tế được công nhận.", []),  # not Dân vận khéo
    # sessions are not turns, cases are not petitions
    ("Năm 2024, huyện tổ chức 120 buổi tiếp công dân với 860 lượt công dân.",
     [f"{CS} | reception_turns/total | {Y} | 860"]),
    ("Năm 2024, huyện thụ lý 45 vụ việc khiếu nại và tiếp nhận 130 đơn.", [f"{CS} | petitions/total | {Y} | 130"]),
    ("Năm 2024, Ban Tiếp công dân huyện tiếp công dân 12 buổi, tiếp 86 lượt công dân; tổ chức 3 hội nghị "
     "đối thoại, tiếp nhận 47 ý kiến.",  # sessions of reception, though a dialogue follows in the sentence
     [f"{CS} | reception_turns/total | {Y} | 86", f"{CS} | dialogues/total | {Y} | 3",
      f"{CS} | dialogue_opinions/total | {Y} | 47"]),
    ("Năm 2024, huyện tiếp nhận 130 đơn, trong đó 45 đơn thuộc thẩm quyền.", [f"{CS} | petitions/total | {Y} | 130"]),
    ("Năm 2024, huyện tiếp nhận 130 đơn, xử lý 120 đơn.", [f"{CS} | petitions/total | {Y} | 130"]),  # processed
    ("Năm 2024, số đơn huyện tiếp nhận tăng 12 đơn so với năm 2023, đạt 130 đơn.",  # received, said at the head
     [f"{CS} | petitions/total | 2023-01-01..2023-12-31 | 118 suy ra", f"{CS} | petitions/total | {Y} | 130"]),
    # what stays out
    ("Năm 2024, đại biểu HĐND huyện tiếp xúc cử tri tại 18 điểm, tiếp nhận 96 ý kiến, kiến nghị.", []),
    ("Năm 2024, huyện tổ chức Hội thi “Dân vận khéo” với 24 đội thi, trao giải cho 8 tập thể.", []),
    ("Năm 2024, huyện kiểm điểm 3 tập thể, 5 cá nhân vì thiếu sót trong công tác dân vận.", []),
    ("Năm 2024, Ủy ban MTTQ huyện tặng Giấy khen cho 30 tập thể, 45 cá nhân trong công tác mặt trận.", []),
    ("Năm 2024, huyện khen thưởng 20 tập thể trong phong trào thi đua yêu nước.", []),
    ("Năm 2024, huyện hỗ trợ 2 tỷ đồng và 30 ha đất cho 15/15 xã, thị trấn xây dựng nông thôn mới.", []),
    ("Năm 2024, mỗi xã phấn đấu có ít nhất 2 mô hình “Dân vận khéo”.", []),
    ("Theo Kế hoạch số 125/KH-UBND ngày 12/3/2024, năm 2024 huyện tiếp 300 lượt công dân.",
     [f"{CS} | reception_turns/total | {Y} | 300"]),
    # turns of others than citizens
    ("Năm 2024, UBND huyện tiếp 45 lượt doanh nghiệp để tháo gỡ khó khăn.", []),
    ("Năm 2024, huyện đón tiếp 120 lượt khách tham quan mô hình.", []),
    ("Năm 2024, Ban Tiếp công dân huyện tiếp 1.045 lượt, trong đó 45 lượt doanh nghiệp.",
     [f"{CS} | reception_turns/total | {Y} | 1045"]),
    # what became of the opinions raised (resolved, referred) is not the opinions raised
    ("Năm 2024, huyện tổ chức 36 cuộc đối thoại với Nhân dân, tiếp nhận 210 ý kiến, kiến nghị; "
     "180 kiến nghị đã được giải quyết ngay tại hội nghị.",
     [f"{CS} | dialogues/total | {Y} | 36", f"{CS} | dialogue_opinions/total | {Y} | 210"]),
    ("Năm 2024, qua 36 cuộc đối thoại, lãnh đạo huyện đã giải quyết 150 ý kiến; 60 ý kiến được chuyển các phòng, ban.",
     [f"{CS} | dialogues/total | {Y} | 36"]),
    ("Năm 2024, tại 36 cuộc đối thoại, người dân nêu 210 ý kiến, kiến nghị, đều được tiếp thu, trả lời.",
     [f"{CS} | dialogues/total | {Y} | 36", f"{CS} | dialogue_opinions/total | {Y} | 210"]),
    # a plan ("sẽ") is no result
    ("Quý IV năm 2024, Thanh tra huyện sẽ tiến hành 3 cuộc thanh tra theo kế hoạch.", []),
    ("Năm 2024, Thanh tra huyện đã tiến hành 6 cuộc thanh tra theo kế hoạch.",
     [f"{CS} | inspections/planned | {Y} | 6"]),
    # an average in brackets after a count is the aside's, not the count's
    ("Năm 2024, các xã tổ chức 36 cuộc đối thoại với Nhân dân (bình quân 2 cuộc/xã).",
     [f"{CS} | dialogues/total | {Y} | 36"]),
    ("Năm 2024, bình quân mỗi xã tổ chức 2 cuộc đối thoại với Nhân dân.", []),
    # a bare "cuộc" of another kind of meeting takes no reading from the meeting before it
    ("Năm 2024, Thanh tra huyện tiến hành 8 cuộc thanh tra hành chính, 2 cuộc kiểm tra chuyên ngành.",
     [f"{CS} | inspections/total | {Y} | 8"]),
    ("Năm 2024, huyện tổ chức 36 cuộc đối thoại, 4 cuộc họp dân để lấy ý kiến.",
     [f"{CS} | dialogues/total | {Y} | 36"]),
    ("Năm 2024, Thanh tra huyện tiến hành 8 cuộc thanh tra, trong đó 6 cuộc theo kế hoạch.",
     [f"{CS} | inspections/total | {Y} | 8", f"{CS} | inspections/planned | {Y} | 6"]),
    # a model's own verb right before it, then a verb after a pair, then "lần lượt": verb by verb
    ("Năm 2024, toàn huyện đăng ký 212 mô hình “Dân vận khéo”, 40 mô hình được công nhận.",
     [f"{CS} | models_registered/total | {Y} | 212", f"{CS} | models_recognized/total | {Y} | 40"]),
    ("Năm 2024, 21 mô hình và 16 điển hình “Dân vận khéo” tiêu biểu đã được biểu dương.",
     [f"{CS} | models_recognized/model | {Y} | 21", f"{CS} | models_recognized/exemplar | {Y} | 16"]),
    ("Năm 2024, số mô hình “Dân vận khéo” được đăng ký và được công nhận lần lượt là 212 và 40 mô hình.",
     [f"{CS} | models_registered/total | {Y} | 212", f"{CS} | models_recognized/total | {Y} | 40"]),
    ("Năm 2024, số mô hình “Dân vận khéo” được công nhận ở huyện Chư Sê và huyện Kbang lần lượt là 12 và 40 "
     "mô hình.",
     [f"{CS} | models_recognized/total | {Y} | 12", f"Kbang, Gia Lai | models_recognized/total | {Y} | 40"]),
    # a count listed after one received, with its own period, was received too
    ("Huyện tiếp nhận 412 đơn trong năm 2024 và 380 đơn trong năm 2023.",
     [f"{CS} | petitions/total | {Y} | 412", f"{CS} | petitions/total | 2023-01-01..2023-12-31 | 380"]),
    ("Năm 2024, huyện tiếp nhận 412 đơn và giải quyết 380 đơn.", [f"{CS} | petitions/total | {Y} | 412"]),
    # commendations for dân vận work are figures
    ("Năm 2024, huyện khen thưởng 14 tập thể và 11 cá nhân có thành tích trong công tác dân vận.",
     [f"{CS} | commendations/collective | {Y} | 14", f"{CS} | commendations/individual | {Y} | 11"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_meaning(body, expected):
    assert lines(LEAD + body) == expected


@pytest.mark.parametrize(("body", "reason"), [
    ("Năm 2024, huyện tổ chức 120 buổi tiếp công dân.", "buổi tiếp không phải lượt tiếp"),
    ("Năm 2024, huyện thụ lý 45 vụ việc khiếu nại.", "không có đơn vị đếm của danh mục: “vụ việc”"),
    ("Năm 2024, mỗi xã phấn đấu có ít nhất 2 mô hình “Dân vận khéo”.", "chỉ tiêu"),
    ("Năm 2024, huyện tổ chức Hội thi “Dân vận khéo”, trao giải cho 8 tập thể.", "hội thi"),
    ("Năm 2024, huyện kiểm điểm 3 tập thể vì thiếu sót.", "kỷ luật"),
    ("Năm 2024, qua đối thoại, 27 kiến nghị đã được giải quyết ngay.", "đã giải quyết hoặc chuyển đi"),
    ("Năm 2024, Thanh tra huyện sẽ tiến hành 3 cuộc thanh tra.", "chỉ tiêu"),
    ("Năm 2024, huyện Chư Sê và thị xã An Khê tiếp 900 lượt công dân.", "nhiều địa phương"),
    ("Năm 2024, các xã tổ chức từ 2 cuộc đối thoại trở lên.", "ngưỡng"),
    ("Năm 2024, Thanh tra huyện tiến hành 2 cuộc kiểm tra chuyên ngành.", "việc khác"),
])
def test_every_number_keeps_the_rule_that_dropped_it(body, reason):
    outcomes = Extractor().read(test_report(LEAD + body)).outcomes
    dropped = [o.reason for o in outcomes if o.sentence.startswith("Năm 2024,") and o.number_text != "2024"]
    assert len(dropped) == 1 and reason in dropped[0]


@pytest.mark.parametrize(("body", "expected"), [
    # persons said to be received, with no turns before them: a label before, or the passive after
    ("Năm 2024, kết quả tiếp công dân của huyện: Số người được tiếp: 152 người.",
     [f"{CS} | reception_persons/total | {Y} | 152"]),
    ("Năm 2024, số công dân được tiếp là 152 người.", [f"{CS} | reception_persons/total | {Y} | 152"]),
    ("Năm 2024, 152 người đã được tiếp tại trụ sở tiếp công dân huyện.",
     [f"{CS} | reception_persons/total | {Y} | 152"]),
    ("Năm 2024, số người dự hội nghị tiếp công dân: 152 người.", []),  # people at a meeting
    ("Năm 2024, tại buổi tiếp công dân có 152 người dân tham dự.", []),
    # petitions received, then forwarded: received; forwarded alone, or a subset received, are not
    ("Năm 2024, 64 đơn thư được tiếp nhận và chuyển đến cơ quan có thẩm quyền.",
     [f"{CS} | petitions/total | {Y} | 64"]),
    ("Năm 2024, hai mươi mốt đơn thư đã được huyện tiếp nhận, chuyển các phòng chuyên môn xử lý.",
     [f"{CS} | petitions/total | {Y} | 21"]),
    ("Năm 2024, huyện tiếp nhận 64 đơn và chuyển 12 đơn đến cơ quan có thẩm quyền.",
     [f"{CS} | petitions/total | {Y} | 64"]),
    ("Năm 2024, 12 đơn được chuyển đến cơ quan có thẩm quyền giải quyết.", []),
    ("Năm 2024, 19 đơn thuộc thẩm quyền đã được tiếp nhận và giải quyết.", []),
    # a count of models at the head of its clause takes the verb of the passive after it, past commas
    ("Chín mô hình “Dân vận khéo” của các thôn, tổ dân phố đã được Huyện ủy công nhận trong năm 2024.",
     [f"{CS} | models_recognized/total | {Y} | 9"]),
    ("Năm 2024, 12 mô hình “Dân vận khéo” của các chi hội, đoàn thể được UBND huyện khen thưởng.",
     [f"{CS} | models_recognized/total | {Y} | 12"]),
    ("Năm 2024, 30 mô hình “Dân vận khéo” của các thôn, làng được đăng ký mới.",
     [f"{CS} | models_registered/total | {Y} | 30"]),
    ("Năm 2024, 2 mô hình “Dân vận khéo” của huyện được chọn, đăng trong cuốn sách về xây dựng nông thôn mới.",
     []),  # counted for a book
    # an award proposed is not given; one given on a proposal is
    ("Năm 2024, hội nghị đề nghị UBND tỉnh tặng Bằng khen cho 2 tập thể, 3 cá nhân trong phong trào “Dân vận khéo”.",
     []),
    ("Năm 2024, huyện đề xuất khen thưởng 4 tập thể có thành tích trong công tác dân vận.", []),
    ("Năm 2024, theo đề nghị của Ban Dân vận, UBND huyện tặng Giấy khen cho 4 tập thể trong công tác dân vận.",
     [f"{CS} | commendations/collective | {Y} | 4"]),
    ("Năm 2024, UBND huyện tặng Giấy khen cho 5 tập thể, 7 cá nhân trong phong trào “Dân vận khéo”.",
     [f"{CS} | commendations/collective | {Y} | 5", f"{CS} | commendations/individual | {Y} | 7"]),
])
def test_meaning_round_4(body, expected):
    assert lines(LEAD + body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # dialogues counted in times ("3 lần đối thoại"); an ordinal, a voter meeting and a quota stay out
    ("Năm 2024, Chủ tịch UBND huyện đã 3 lần đối thoại trực tiếp với người dân.",
     [f"{CS} | dialogues/total | {Y} | 3"]),
    ("Năm 2024, Bí thư Huyện ủy 5 lần đối thoại với Nhân dân các xã, tiếp thu 46 ý kiến.",
     [f"{CS} | dialogues/total | {Y} | 5", f"{CS} | dialogue_opinions/total | {Y} | 46"]),
    ("Năm 2024, huyện tổ chức đối thoại lần thứ 3 với người dân thị trấn.", []),
    ("Năm 2024, đại biểu HĐND huyện 4 lần đối thoại với cử tri tại các buổi tiếp xúc cử tri.", []),
    ("Năm 2024, mỗi xã phải tổ chức ít nhất 2 lần đối thoại với Nhân dân theo chỉ tiêu.", []),
    # an average in the clause after a comma is the next number's, not the figure's; one right after it is
    ("Năm 2024, huyện tiếp gần 1,2 nghìn lượt công dân, trung bình mỗi tháng khoảng 100 lượt.",
     [f"{CS} | reception_turns/total | {Y} | 1200 khoảng"]),
    ("Năm 2024, huyện tổ chức 36 cuộc đối thoại với Nhân dân, bình quân mỗi xã 2 cuộc.",
     [f"{CS} | dialogues/total | {Y} | 36"]),
    ("Năm 2024, huyện tiếp khoảng 100 lượt công dân mỗi tháng.", []),
    ("Năm 2024, bình quân mỗi tháng huyện tiếp 100 lượt công dân.", []),
    # "trên dưới" is about, "trên" alone at least
    ("Năm 2024, tại các cuộc đối thoại, người dân nêu trên dưới 300 ý kiến.",
     [f"{CS} | dialogue_opinions/total | {Y} | 300 khoảng"]),
    ("Năm 2024, tại các cuộc đối thoại, người dân nêu trên 300 ý kiến.",
     [f"{CS} | dialogue_opinions/total | {Y} | 300 hơn"]),
])
def test_meaning_round_5(body, expected):
    assert lines(LEAD + body) == expected
