"""The extractor on sentences written for these tests: input text → exact figures."""
from __future__ import annotations

import pytest

from etl.extract import extract_figures
from etl.report import parse_report


def report(body: str, published: str = "2024-12-05", title: str = "Báo cáo thử") -> str:
    return (f"---\ntitle: {title}\nsource_url: https://example.org/a\npublisher: Thử\n"
            f"published: {published}\nnote: test\n---\n\n{body}\n")


def rows(body: str, **kw) -> list[tuple]:
    figs = extract_figures(parse_report(report(body, **kw), "t.txt"))
    return [(f.province, f.district, f.indicator, f.breakdown, f.period_kind,
             f.period_start.isoformat() if f.period_start else "", f.period_end.isoformat() if f.period_end else "",
             f.value, f.qualifier, f.derived) for f in figs]


CASES = [
    pytest.param(
        "Năm 2022, tỉnh Gia Lai đã tiếp 1.204 lượt công dân đến kiến nghị, phản ánh.",
        [("Gia Lai", "", "reception_turns", "total", "year", "2022-01-01", "2022-12-31", 1204, "exact", False)],
        id="reception-year"),
    pytest.param(
        "Trong năm 2023, Ban Dân vận Tỉnh ủy Gia Lai cho biết các cơ quan tiếp nhận 240 đơn, "
        "giảm 12 đơn so với năm 2022.",
        [("Gia Lai", "", "petitions", "total", "year", "2023-01-01", "2023-12-31", 240, "exact", False),
         ("Gia Lai", "", "petitions", "total", "year", "2022-01-01", "2022-12-31", 252, "exact", True)],
        id="derived-down"),
    pytest.param(
        "Năm 2021, Hà Nội tiếp thường xuyên 20.000 lượt công dân, tăng 25% so với năm 2020.",
        [("Hà Nội", "", "reception_turns", "regular", "year", "2021-01-01", "2021-12-31", 20000, "exact", False),
         ("Hà Nội", "", "reception_turns", "regular", "year", "2020-01-01", "2020-12-31", 16000, "approx", True)],
        id="derived-percent"),
    pytest.param(
        "Từ năm 2021 đến nay, huyện Mê Linh (Hà Nội) tổ chức 45 cuộc đối thoại, "
        "trong đó 40 cuộc ở cấp xã và 5 cuộc ở cấp huyện.",
        [("Hà Nội", "Mê Linh", "dialogues", "total",
          "cumulative", "2021-01-01", "2024-12-05", 45, "exact", False),
         ("Hà Nội", "Mê Linh", "dialogues", "commune_level",
          "cumulative", "2021-01-01", "2024-12-05", 40, "exact", False),
         ("Hà Nội", "Mê Linh", "dialogues", "district_level",
          "cumulative", "2021-01-01", "2024-12-05", 5, "exact", False)],
        id="parts-and-until-now"),
    pytest.param(
        "Trong 6 tháng đầu năm 2023, quận Cầu Giấy có hơn 300 mô hình “Dân vận khéo” được đăng ký.",
        [("Hà Nội", "Cầu Giấy", "models_registered", "total",
          "partial", "2023-01-01", "2023-06-30", 300, "at_least", False)],
        id="partial-at-least"),
    pytest.param(
        "Năm 2020, thị xã Ayun Pa công nhận gần 50 mô hình “Dân vận khéo”, "
        "gồm 30 mô hình tập thể và 20 mô hình cá nhân.",
        [("Gia Lai", "Ayun Pa", "models_recognized", "total",
          "year", "2020-01-01", "2020-12-31", 50, "approx", False),
         ("Gia Lai", "Ayun Pa", "models_recognized", "collective",
          "year", "2020-01-01", "2020-12-31", 30, "exact", False),
         ("Gia Lai", "Ayun Pa", "models_recognized", "individual",
          "year", "2020-01-01", "2020-12-31", 20, "exact", False)],
        id="recognized-split"),
    pytest.param(
        "Năm 2024, Huyện ủy Kbang khen thưởng 14 tập thể và 11 cá nhân có thành tích trong công tác dân vận.",
        [("Gia Lai", "Kbang", "commendations", "collective", "year", "2024-01-01", "2024-12-31", 14, "exact", False),
         ("Gia Lai", "Kbang", "commendations", "individual", "year", "2024-01-01", "2024-12-31", 11, "exact", False)],
        id="commendations"),
    pytest.param(
        "Năm 2024, tỉnh Gia Lai khen thưởng 40 tập thể có thành tích trong phong trào thi đua yêu nước.",
        [], id="general-emulation-award-is-not-dan-van"),
    pytest.param(
        "Sáng 5/11/2024, đại biểu HĐND huyện Chư Păh tiếp xúc cử tri; cử tri nêu 12 ý kiến, kiến nghị.",
        [], id="voter-meeting-is-not-a-dialogue"),
    pytest.param(
        "Thanh tra tỉnh Gia Lai thu hồi 120 triệu đồng và 2.500 m2 đất tại 14 đơn vị, số 35 đường Trần Phú.",
        [], id="money-land-addresses"),
    pytest.param(
        "Năm 2023, thanh tra tỉnh Gia Lai tiến hành 40 cuộc thanh tra (32 cuộc theo kế hoạch, 8 cuộc đột xuất).",
        [("Gia Lai", "", "inspections", "total", "year", "2023-01-01", "2023-12-31", 40, "exact", False),
         ("Gia Lai", "", "inspections", "planned", "year", "2023-01-01", "2023-12-31", 32, "exact", False),
         ("Gia Lai", "", "inspections", "unannounced", "year", "2023-01-01", "2023-12-31", 8, "exact", False)],
        id="inspections"),
    pytest.param(
        "Trong quý I, thành phố Đà Nẵng tiếp 900 lượt công dân, trong đó có 3 đoàn đông người.",
        [("Đà Nẵng", "", "reception_turns", "total", "partial", "2024-01-01", "2024-03-31", 900, "exact", False),
         ("Đà Nẵng", "", "group_delegations", "total", "partial", "2024-01-01", "2024-03-31", 3, "exact", False)],
        id="quarter-year-from-report-date"),
    pytest.param(
        "Năm 2025, tỉnh Gia Lai tiếp 3.100 lượt công dân.",
        [("Gia Lai", "", "reception_turns", "total", "year", "2025-01-01", "2025-12-31", 3100, "exact", False)],
        id="merged-gia-lai"),
    pytest.param(
        "Các cơ quan tiếp nhận 61 đơn khiếu nại, tố cáo trong năm 2022; "
        "trong đó 9 đơn thuộc thẩm quyền, 5 đơn đã giải quyết.",
        [("Gia Lai", "Đức Cơ", "petitions", "complaint_denunciation",
          "year", "2022-01-01", "2022-12-31", 61, "exact", False)],
        id="petitions-under-jurisdiction-are-not-received"),
    pytest.param(
        "Năm 2024, Ban Tiếp công dân tỉnh Gia Lai đã tiếp 950 lượt với 1.120 người đến kiến nghị.",
        [("Gia Lai", "", "reception_turns", "total", "year", "2024-01-01", "2024-12-31", 950, "exact", False),
         ("Gia Lai", "", "reception_persons", "total", "year", "2024-01-01", "2024-12-31", 1120, "exact", False)],
        id="turns-with-persons"),
    pytest.param(
        "Năm 2024, các cơ quan tỉnh Gia Lai nhận 800 lượt đơn khiếu nại, tố cáo.",
        [("Gia Lai", "", "petitions", "complaint_denunciation",
          "year", "2024-01-01", "2024-12-31", 800, "exact", False)],
        id="turns-of-petitions-are-petitions"),
    pytest.param(
        "Năm 2024, tỉnh Gia Lai tiếp nhận 1.500 đơn, trong đó đơn đủ điều kiện xử lý 300 đơn.",
        [("Gia Lai", "", "petitions", "total", "year", "2024-01-01", "2024-12-31", 1500, "exact", False)],
        id="eligible-subset-is-not-received"),
    pytest.param(
        "Năm 2023, người đứng đầu cấp ủy, chính quyền các cấp tỉnh Gia Lai "
        "đã đối thoại trực tiếp 120 cuộc với Nhân dân.",
        [("Gia Lai", "", "dialogues", "total", "year", "2023-01-01", "2023-12-31", 120, "exact", False)],
        id="bare-cuoc-after-doi-thoai"),
    pytest.param(
        "Từ khi phát động (năm 2009) đến nay, huyện Chư Sê đã xây dựng 1.200 mô hình “Dân vận khéo”.",
        [("Gia Lai", "Chư Sê", "models_registered", "total",
          "cumulative", "2009-01-01", "2024-12-05", 1200, "exact", False)],
        id="since-launch"),
    pytest.param(
        "Năm 2024, tỉnh Gia Lai tiếp 2.000 lượt công dân, tăng 2 lần so với năm 2023.",
        [("Gia Lai", "", "reception_turns", "total", "year", "2024-01-01", "2024-12-31", 2000, "exact", False)],
        id="ratio-is-not-a-difference"),
    pytest.param(
        "Năm 2024, huyện Xuyên Mộc (Bà Rịa - Vũng Tàu) có 85 mô hình “Dân vận khéo” được công nhận.",
        [("Bà Rịa - Vũng Tàu", "Xuyên Mộc", "models_recognized", "total",
          "year", "2024-01-01", "2024-12-31", 85, "exact", False)],
        id="district-not-in-gazetteer"),
    pytest.param(
        "Trong 9 tháng qua, tỉnh Gia Lai tiếp 1.800 lượt công dân.",
        [("Gia Lai", "", "reception_turns", "total", "partial", "2024-01-01", "2024-09-30", 1800, "exact", False)],
        id="months-past"),
    pytest.param(
        "Năm 2024, các cấp ở tỉnh Gia Lai tổ chức 1.200 buổi tiếp công dân định kỳ.",
        [], id="sessions-are-not-turns"),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_extract(body, expected):
    kw = {"title": "Huyện Đức Cơ tổng kết"} if "61 đơn" in body else {}
    assert rows(body, **kw) == expected


def test_merged_gia_lai_gets_the_new_locality_id():
    body = "Năm 2025, tỉnh Gia Lai tiếp 3.100 lượt công dân."
    figs = extract_figures(parse_report(report(body, published="2025-12-20"), "t"))
    assert [f.locality_id for f in figs] == ["gia-lai-2025"]
    figs = extract_figures(parse_report(report("Năm 2024, tỉnh Gia Lai tiếp 2.000 lượt công dân."), "t"))
    assert [f.locality_id for f in figs] == ["gia-lai"]


def test_same_name_other_province_is_not_confused():
    body = "Năm 2022, thị xã An Khê (tỉnh Gia Lai) xây dựng 15 mô hình “Dân vận khéo”."
    figs = extract_figures(parse_report(report(body, published="2022-11-02"), "t"))
    assert [(f.province, f.district, f.locality_id) for f in figs] == [("Gia Lai", "An Khê", "gia-lai.an-khe")]


def test_dialogue_opinions_at_an_event_take_the_event_day():
    body = ("Chiều 12/9/2023, Bí thư Huyện ủy Ia Grai (Gia Lai) đối thoại trực tiếp với người dân xã Ia Dêr.\n\n"
            "Tại buổi đối thoại, bà con nêu 17 ý kiến về đất đai và đường giao thông.")
    assert rows(body, published="2023-09") == [
        ("Gia Lai", "Ia Grai", "dialogue_opinions", "total", "event", "2023-09-12", "2023-09-12", 17, "exact", False)]


def test_quote_is_the_sentence():
    body = "Mở đầu. Năm 2022, tỉnh Gia Lai tiếp 1.204 lượt công dân. Kết thúc."
    figs = extract_figures(parse_report(report(body), "t"))
    assert figs[0].quote == "Năm 2022, tỉnh Gia Lai tiếp 1.204 lượt công dân."


def test_report_without_front_matter_reads_the_dateline():
    text = ("Tiêu đề bài báo về dân vận ở Gia Lai\n\n08:14 05/12/2024\n"
            "Sáng 4-12, Ban Dân vận Tỉnh ủy Gia Lai tổng kết công tác dân vận năm 2024 với nhiều kết quả.\n"
            "Năm 2024, toàn tỉnh tiếp 2.000 lượt công dân.\n")
    figs = extract_figures(parse_report(text, "bare.txt"))
    assert [(f.province, f.value, f.period_end.isoformat()) for f in figs] == [("Gia Lai", 2000, "2024-12-31")]


def test_commune_after_the_reform_stands_for_itself():
    body = "Năm 2025, phường Hội Phú (tỉnh Gia Lai) có 15 mô hình “Dân vận khéo” được công nhận."
    figs = extract_figures(parse_report(report(body, published="2025-10-02"), "t"))
    assert [(f.province, f.district, f.value) for f in figs] == [("Gia Lai", "Hội Phú", 15)]
    before = "Năm 2022, xã Ia Kdăm (huyện Ia Pa, tỉnh Gia Lai) có 4 mô hình “Dân vận khéo” được công nhận."
    figs = extract_figures(parse_report(report(before, published="2022-10-02"), "t"))
    assert [(f.province, f.district, f.value) for f in figs] == [("Gia Lai", "Ia Pa", 4)]


SUMMARY_REPORT = (
    "Chiều 19/12/2023, Ban Dân vận Tỉnh ủy Gia Lai tổ chức hội nghị tổng kết công tác dân vận năm 2023.\n\n"
    "Báo cáo cho biết, trong năm, các cơ quan hành chính nhà nước trên địa bàn tỉnh đã tiếp 2.743 lượt công dân; "
    "tiếp nhận 196 đơn khiếu nại, tố cáo. Người đứng đầu cấp ủy, chính quyền các cấp tổ chức 420 cuộc đối thoại "
    "với Nhân dân, tiếp nhận gần 1.300 ý kiến, kiến nghị.\n\n"
    "Phong trào thi đua “Dân vận khéo” tiếp tục lan tỏa. Toàn tỉnh có 1.480 mô hình được đăng ký; trong đó, "
    "thành phố Pleiku 210 mô hình, huyện Chư Sê 145 mô hình, thị xã An Khê 98 mô hình.\n\n"
    "Dịp này, Ban Thường vụ Tỉnh ủy tặng Bằng khen cho 15 tập thể, 12 cá nhân có thành tích xuất sắc trong "
    "công tác dân vận năm 2023. Ủy ban MTTQ tỉnh cũng tặng Bằng khen cho 20 tập thể có thành tích trong "
    "cuộc vận động xây dựng nông thôn mới.")


def test_a_year_end_summary_report():
    y = ("year", "2023-01-01", "2023-12-31")
    assert rows(SUMMARY_REPORT, published="2023-12-20") == [
        ("Gia Lai", "", "reception_turns", "total", *y, 2743, "exact", False),
        ("Gia Lai", "", "petitions", "complaint_denunciation", *y, 196, "exact", False),
        ("Gia Lai", "", "dialogues", "total", *y, 420, "exact", False),
        ("Gia Lai", "", "dialogue_opinions", "total", *y, 1300, "approx", False),
        ("Gia Lai", "", "models_registered", "total", *y, 1480, "exact", False),
        ("Gia Lai", "Pleiku", "models_registered", "total", *y, 210, "exact", False),
        ("Gia Lai", "Chư Sê", "models_registered", "total", *y, 145, "exact", False),
        ("Gia Lai", "An Khê", "models_registered", "total", *y, 98, "exact", False),
        ("Gia Lai", "", "commendations", "collective", *y, 15, "exact", False),
        ("Gia Lai", "", "commendations", "individual", *y, 12, "exact", False),
    ]
