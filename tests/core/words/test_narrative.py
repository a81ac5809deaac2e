"""core.words.narrative: the overview's sentences and card texts, word for word."""
import pytest

from core.data import measures
from core.words import narrative
from tests.support.core_frames import frame, point

CARDS = measures.headline_cards(
    frame(
        point("gia-lai", 2743, year=2023, derived=True),
        point("gia-lai", 2861, year=2024),
        point("gia-lai", 196, year=2023, indicator="petitions", breakdown="complaint_denunciation", derived=True),
        point("gia-lai", 171, year=2024, indicator="petitions", breakdown="complaint_denunciation"),
        point("gia-lai", 1556, year=2024, indicator="models_registered"),
    ),
    ["gia-lai"],
    ["reception_turns", "petitions", "models_registered"],
).to_dict("records")


@pytest.mark.parametrize(
    ("i", "indicator", "breakdown", "unit", "lang", "expected"),
    [
        (0, "Lượt tiếp công dân", "Tổng số", "lượt", "vi",
         "Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023."),
        (1, "Đơn thư tiếp nhận", "Khiếu nại, tố cáo", "đơn", "vi",
         "Năm 2024, Gia Lai tiếp nhận 171 đơn khiếu nại, tố cáo, giảm 25 đơn (12,8%) so với năm 2023."),
        (0, "Citizen reception turns", "Total", "turns", "en",
         "In 2024, Gia Lai received citizens 2,861 times, up 118 turns (4.3%) on 2023."),
    ],
)
def test_card_sentence(i, indicator, breakdown, unit, lang, expected):
    sentence = narrative.card_sentence(CARDS[i], place="Gia Lai", indicator_name=indicator, breakdown_name=breakdown,
                                       unit=unit, lang=lang)
    assert sentence.text == expected
    assert sentence.source == "Báo Gia Lai, 05/12/2024: Báo cáo tổng kết"
    assert sentence.note == ("số năm 2023 suy ra từ mức tăng/giảm nguồn nêu" if lang == "vi"
                             else "the 2023 figure is derived from the change the source states")


def test_no_sentence_without_a_previous_year():
    assert narrative.card_sentence(CARDS[2], place="Gia Lai", indicator_name="x", breakdown_name="Tổng số",
                                   unit="mô hình") is None


@pytest.mark.parametrize(("change", "pct", "expected"), [
    (0, 0.0, "không đổi so với năm 2023"),
    (-1382, -5.7013, "giảm 1.382 lượt (5,7%) so với năm 2023"),
])
def test_change_phrase(change, pct, expected):
    assert narrative.change_phrase(change, pct, "lượt", 2023) == expected


def test_card_texts():
    text = narrative.card_texts(CARDS[1], indicator_name="Đơn thư tiếp nhận", breakdown_name="Khiếu nại, tố cáo",
                                unit="đơn")
    assert (text.label, text.value, text.delta, text.delta_description, text.direction) == (
        "Đơn thư tiếp nhận (Khiếu nại, tố cáo) (đơn)", "171", "−25 (−12,8%)", "so với 2023", "down")
    assert text.caption == "Năm 2024 · số năm 2023 suy ra từ mức tăng/giảm nguồn nêu · Nguồn: Báo Gia Lai, 05/12/2024"
    alone = narrative.card_texts(CARDS[2], indicator_name="Mô hình", breakdown_name="Tổng số", unit="mô hình")
    assert (alone.delta, alone.direction) == (None, "off")
    assert alone.caption == "Năm 2024 · chưa có số năm 2023 để so sánh · Nguồn: Báo Gia Lai, 05/12/2024"


SAME_PERIOD_CARDS = measures.headline_cards(
    frame(
        point("ha-noi", 11935, year=2025),
        point("ha-noi", 18360, "partial", "2026-01-01", "2026-09-30"),
        point("ha-noi", 17000, "partial", "2025-01-01", "2025-09-30", derived=True, qualifier="approx"),
        point("ha-noi", 240, "partial", "2026-01-01", "2026-03-31", indicator="petitions"),
        point("ha-noi", 240, "partial", "2025-01-01", "2025-03-31", indicator="petitions"),
    ),
    ["ha-noi"],
    ["reception_turns", "petitions"],
).to_dict("records")


@pytest.mark.parametrize(("i", "lang", "expected"), [
    (0, "vi", "9 tháng 2026, Hà Nội tiếp 18.360 lượt công dân, tăng 1.360 lượt (8,0%) so với cùng kỳ năm 2025."),
    (0, "en", "In first 9 months of 2026, Hà Nội received citizens 18,360 times, up 1,360 turns (8.0%) on the same "
              "period of 2025."),
    (1, "vi", "Quý I/2026, Hà Nội tiếp nhận 240 đơn, không đổi so với cùng kỳ năm 2025."),
])
def test_card_sentence_of_a_part_of_a_year_against_the_same_period(i, lang, expected):
    unit = {"vi": {0: "lượt", 1: "đơn"}, "en": {0: "turns", 1: "petitions"}}[lang][i]
    sentence = narrative.card_sentence(SAME_PERIOD_CARDS[i], place="Hà Nội", indicator_name="x",
                                       breakdown_name="Tổng số", unit=unit, lang=lang)
    assert sentence.text == expected
    assert sentence.note == ("" if i else "số cùng kỳ năm 2025 suy ra từ mức tăng/giảm nguồn nêu" if lang == "vi"
                             else "the figure for the same period of 2025 is derived from the change the source states")


def test_card_texts_of_a_part_of_a_year_against_the_same_period():
    text = narrative.card_texts(SAME_PERIOD_CARDS[0], indicator_name="Lượt tiếp công dân", breakdown_name="Tổng số",
                                unit="lượt")
    assert (text.value, text.delta, text.delta_description, text.direction) == (
        "18.360", "+1.360 (+8,0%)", "so với cùng kỳ 2025", "up")
    assert text.caption == ("9 tháng 2026 · cùng kỳ: khoảng 17.000 (9 tháng 2025) · số cùng kỳ năm 2025 suy ra từ "
                            "mức tăng/giảm nguồn nêu · Nguồn: Báo Gia Lai, 05/12/2024")
