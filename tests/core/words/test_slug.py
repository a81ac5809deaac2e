"""core.words.slug: ASCII file-name slugs of Vietnamese text."""
import pytest

from core.words.slug import slug


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
