from datetime import date

import pytest

from etl.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize(("text", "expected"), [
    ("UBND TP Pleiku", [("gia-lai.pleiku",)]),
    ("ở thành phố Pleiku", [("gia-lai.pleiku",)]),
    ("Q. Tây Hồ", [("ha-noi.tay-ho",)]),
    ("Quận ủy Tây Hồ", [("ha-noi.tay-ho",)]),
    ("huyện Đăk Pơ", [("gia-lai.dak-po",)]),
    ("huyện KBang", [("gia-lai.kbang",)]),
    ("huyện Ứng Hoà", [("ha-noi.ung-hoa",)]),
    ("Thành ủy Hà Nội", [("ha-noi",)]),
    ("TP. Hà Nội", [("ha-noi",)]),
    ("tỉnh Gia Lai", [("gia-lai", "gia-lai-2025")]),
    ("TP Đà Nẵng", [("da-nang", "da-nang-2025")]),
    ("thị xã An Khê", [("gia-lai.an-khe",)]),
    ("phường An Khê", [("da-nang-2025.an-khe",)]),
    ("Phó Trưởng ban Nguyễn Thái Bình", []),  # a person, not Thái Bình province
    ("thái bình và hòa bình", []),  # common words, not capitalised names
])
def test_mentions(gaz, text, expected):
    assert [tuple(c.id for c in m.candidates) for m in gaz.mentions(text)] == expected


def test_district_followed_by_its_province(gaz):
    m = gaz.mentions("huyện Chư Prông (Gia Lai)")
    assert [c.id for c in m[0].province_hint] == ["gia-lai", "gia-lai-2025"]


def test_unknown_district_is_read_from_its_prefix(gaz):
    m = gaz.mentions("huyện Xuyên Mộc (tỉnh Bà Rịa - Vũng Tàu)")
    assert (m[0].unknown_name, m[0].level, [c.id for c in m[0].province_hint]) == ("Xuyên Mộc", "district", ["ba-ria-vung-tau"])


@pytest.mark.parametrize(("name", "on", "expected"), [
    ("Gia Lai", date(2024, 12, 5), "gia-lai"),
    ("Gia Lai", date(2025, 8, 27), "gia-lai-2025"),
    ("Gia Lai", None, "gia-lai"),
    ("Bình Định", date(2024, 1, 1), "binh-dinh"),
    ("Hà Nội", date(2025, 8, 1), "ha-noi"),
])
def test_province_version_by_date(gaz, name, on, expected):
    assert gaz.resolve_province(name, on).id == expected


def test_suggestions_for_misspelt_names(gaz):
    assert gaz.suggest("Soc Son")[0] == "Sóc Sơn"
    assert gaz.suggest("Plei Ku")[0] == "Pleiku"


def test_merged_province_records_its_predecessors(gaz):
    assert gaz.by_id["gia-lai"].successor_id == gaz.by_id["binh-dinh"].successor_id == "gia-lai-2025"
    assert gaz.by_id["gia-lai-2025"].gso_code == "52" and gaz.by_id["gia-lai"].gso_code == "64"
