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
    ("phường An Khê", [("da-nang-2025.an-khe", "gia-lai-2025.phuong-an-khe")]),  # a ward of each since 1/7/2025
    ("phường Ba Đình", [("ha-noi.phuong-ba-dinh",)]),
    ("quận Ba Đình", [("ha-noi.ba-dinh",)]),
    ("Ba Đình", [("ha-noi.ba-dinh",)]),  # a bare name is never a commune's: most are also a district's
    ("xã Sóc Sơn", [("ha-noi.xa-soc-son",)]),
    ("P. Ba Đình", [("ha-noi.phuong-ba-dinh",)]),
    ("Đảng ủy phường Diên Hồng", [("gia-lai-2025.phuong-dien-hong", "ho-chi-minh-2025.phuong-dien-hong")]),
    ("đặc khu Lý Sơn", [("quang-ngai-2025.dac-khu-ly-son",)]),
    ("thị xã Phú Mỹ", [()]),  # no "xã Phú Mỹ" inside a "thị xã": an unknown district, read from its prefix
    ("Phó Trưởng ban Nguyễn Thái Bình", []),  # a person, not Thái Bình province
    ("thái bình và hòa bình", []),  # common words, not capitalised names
])
def test_mentions(gaz, text, expected):
    assert [tuple(c.id for c in m.candidates) for m in gaz.mentions(text)] == expected


def test_unknown_district_with_a_commune_namesake(gaz):
    m = gaz.mentions("thị xã Phú Mỹ")
    assert [(x.unknown_name, x.level) for x in m] == [("Phú Mỹ", "district")]


@pytest.mark.parametrize(("text", "on", "expected"), [
    ("phường Ba Đình", date(2026, 3, 1), "ha-noi.phuong-ba-dinh"),
    ("phường Ba Đình", date(2024, 3, 1), None),  # it did not exist yet
    ("phường Ba Đình", None, None),  # no date: the units as they were before the reform
    ("phường Diên Hồng", date(2026, 3, 1), None),  # two provinces have one: the report's province decides
])
def test_commune_on(gaz, text, on, expected):
    got = gaz.commune_on(gaz.mentions(text)[0].candidates, on)
    assert (got.id if got else None) == expected


@pytest.mark.parametrize(("loc", "successors", "predecessors"), [
    # Nghị quyết 1656/NQ-UBTVQH15 khoản 1, 2, 3, 11 and 14 (checked by hand)
    ("ha-noi.hoan-kiem", ["ha-noi.phuong-ba-dinh", "ha-noi.phuong-cua-nam", "ha-noi.phuong-hoan-kiem",
                          "ha-noi.phuong-hong-ha", "ha-noi.phuong-van-mieu-quoc-tu-giam"], []),
    ("ha-noi.phuong-hoan-kiem", [], ["ha-noi.ba-dinh", "ha-noi.hoan-kiem"]),
    ("binh-dinh", ["gia-lai-2025"], []),
    ("gia-lai-2025", [], ["binh-dinh", "gia-lai"]),
    ("ha-noi", [], []),
])
def test_successors_and_predecessors(gaz, loc, successors, predecessors):
    unit = gaz.by_id[loc]
    assert sorted(x.id for x in gaz.successors(unit)) == successors
    assert sorted(x.id for x in gaz.predecessors(unit)) == predecessors


def test_district_followed_by_its_province(gaz):
    m = gaz.mentions("huyện Chư Prông (Gia Lai)")
    assert [c.id for c in m[0].province_hint] == ["gia-lai", "gia-lai-2025"]


def test_unknown_district_is_read_from_its_prefix(gaz):
    m = gaz.mentions("huyện Xuyên Mộc (tỉnh Bà Rịa - Vũng Tàu)")
    assert (m[0].unknown_name, m[0].level, [c.id for c in m[0].province_hint]) == (
        "Xuyên Mộc", "district", ["ba-ria-vung-tau"])


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
