"""core.words.slug: ASCII file-name slugs of Vietnamese text."""
import pytest

from core.words.slug import file_name, slug


@pytest.mark.parametrize(
    ("text", "keep", "expected"),
    [
        ("Sóc Sơn 2024", "", "soc-son-2024"),
        ("Đak Pơ / Gia Lai", "", "dak-po-gia-lai"),
        ("Lượt tiếp công dân", "", "luot-tiep-cong-dan"),
        ("Ứng Hòa", "", "ung-hoa"),
        ("gia-lai.pleiku", "", "gia-lai-pleiku"),
        ("models_registered_ha-noi.hoan-kiem_2024", "._", "models_registered_ha-noi.hoan-kiem_2024"),
        ("partial:2024-01-01:2024-07-31", "._", "partial-2024-01-01-2024-07-31"),
        ("_.x._", "._", "x"),
        ("", "", ""),
        ("“…”", "", ""),
    ],
)
def test_slug(text, keep, expected):
    assert slug(text, keep) == expected


def test_slug_limit_never_ends_on_a_dash():
    assert slug("ab cd", limit=3) == "ab"


@pytest.mark.parametrize(("parts", "ext", "fallback", "expected"), [
    (["reception_turns", "gia-lai", "2023-2024"], "png", "chart", "reception_turns_gia-lai_2023-2024.png"),
    (["Lượt tiếp công dân", "Hà Nội", "2019–2024"], "svg", "chart", "luot-tiep-cong-dan_ha-noi_2019-2024.svg"),
    (["danvan", "ha-noi", None, "reception_turns", "2024", None], "xlsx", "danvan",
     "danvan_ha-noi_reception_turns_2024.xlsx"),
    (["Hội nghị công tác dân vận 2025"], "pptx", "bo-slide", "hoi-nghi-cong-tac-dan-van-2025.pptx"),
    (["“…”"], "pptx", "bo-slide", "bo-slide.pptx"),
    (["x", "partial:2024-01-01:2024-07-31", "change_pct"], "", "chart", "x_partial-2024-01-01-2024-07-31_change_pct"),
    ([], "", "chart", "chart"),
])
def test_file_name(parts, ext, fallback, expected):
    assert file_name(parts, ext, fallback) == expected
