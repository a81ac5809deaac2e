"""The reference data of the July 2025 reform (data/reference/): counts, links both ways, namesakes,
successors checked by hand against the resolutions, and that the script rebuilds the committed files."""
from __future__ import annotations

import csv
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.gazetteer import default_gazetteer
from etl.paths import LOCALITIES, REFERENCE
from etl.reference import sources
from etl.reference.make import (
    differences,
    make_reference,
    spelling_variants,
    unique_ids,
)

REFORM_DAY = "2025-07-01"
# The 34 provinces and their GSO codes (Công văn 915/CTK-CSCL).
CODES_34 = {"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
            "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"}


def read(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def links():
    return read("links.csv")


def new_units(gaz, province_id: str) -> list:
    return [loc for loc in gaz.localities if loc.parent_id == province_id and loc.level == "commune"
            and str(loc.valid_from) == REFORM_DAY]


def test_the_34_provinces(gaz):
    current = [loc for loc in gaz.localities if loc.level == "province" and loc.valid_to is None]
    assert sorted(loc.gso_code for loc in current) == sorted(CODES_34)


@pytest.mark.parametrize(("province", "units", "wards", "communes"), [
    ("ha-noi", 126, 51, 75),  # Nghị quyết 1656/NQ-UBTVQH15, khoản 127
    ("gia-lai-2025", 135, None, None),
])
def test_commune_level_units_of_the_two_provinces(gaz, province, units, wards, communes):
    got = new_units(gaz, province)
    kinds = Counter(loc.kind for loc in got)
    assert len(got) == units
    assert len({loc.gso_code for loc in got}) == units
    if wards is not None:
        assert (kinds["phường"], kinds["xã"]) == (wards, communes)


def test_every_commune_level_unit_of_the_country(gaz):
    units = [loc for loc in gaz.localities if loc.level == "commune" and str(loc.valid_from) == REFORM_DAY]
    assert len(units) == 3321
    assert len({loc.gso_code for loc in units}) == 3321
    assert {gaz.province_of(loc).gso_code for loc in units} == CODES_34


@pytest.mark.parametrize("province", ["ha-noi", "gia-lai-2025"])
def test_every_new_unit_has_predecessors(gaz, province):
    for loc in new_units(gaz, province):
        before = gaz.succession.predecessors(loc.id)
        assert any(k.old_id in gaz.succession.former_by_id for k in before), loc.id
        assert gaz.predecessors(loc), loc.id  # its districts


def test_every_old_unit_has_a_successor_in_its_new_province(gaz):
    old_districts = [loc for loc in gaz.localities if loc.level == "district"
                     and loc.parent_id in ("ha-noi", "gia-lai", "binh-dinh")]
    assert Counter(loc.parent_id for loc in old_districts) == {"ha-noi": 30, "gia-lai": 17, "binh-dinh": 11}
    assert Counter(gaz.province_of(gaz.by_id[c.parent_id]).id for c in gaz.succession.former) == \
        {"ha-noi": 526, "gia-lai": 218, "binh-dinh": 155}
    for old in [*old_districts, *gaz.succession.former]:
        province = gaz.province_of(gaz.by_id[old.parent_id] if old.id in gaz.succession.former_by_id else old)
        after = {k.new_id for k in gaz.succession.successors(old.id)}
        assert after, old.id
        assert {gaz.province_of(gaz.by_id[n]).id for n in after} == {province.successor_id or province.id}, old.id


def test_shares_agree(gaz, links):
    """An old commune that went wholly into a unit went nowhere else; a district link says 'whole' only
    when every commune of the district did so into that unit."""
    by_old = defaultdict(list)
    for k in links:
        by_old[k["old_id"]].append(k)
    for old, ks in by_old.items():
        assert all(k["share"] in ("whole", "part") and k["new_inside_old"] in ("yes", "no") for k in ks)
        if any(k["share"] == "whole" for k in ks):
            assert len(ks) == 1, old
    assert len(links) == len({(k["old_id"], k["new_id"]) for k in links})


def test_ids_are_unique_and_name_their_parent(gaz):
    ids = [loc.id for loc in gaz.localities] + [c.id for c in gaz.succession.former]
    assert len(ids) == len(set(ids))
    for loc in gaz.localities:
        if loc.parent_id:
            assert loc.id.startswith(loc.parent_id + "."), loc.id
    for c in gaz.succession.former:
        assert c.id.startswith(c.parent_id + "."), c.id


def test_names_that_repeat_across_provinces_are_told_apart(gaz):
    units = [loc for loc in gaz.localities if loc.level == "commune" and loc.valid_from]
    by_name = defaultdict(set)
    for loc in units:
        by_name[(loc.kind, loc.name)].add(gaz.province_of(loc).id)
    shared = {key for key, provinces in by_name.items() if len(provinces) > 1}
    assert ("phường", "Diên Hồng") in shared and ("phường", "An Khê") in shared and ("xã", "Ba Vì") in shared
    for kind, name in shared:
        found = gaz.find(f"{kind} {name}", on=None)
        assert len({gaz.province_of(loc).id for loc in found}) == len(by_name[(kind, name)]) == len(found)
        for loc in found:  # the province of the report or table picks one
            assert gaz.find(f"{kind} {name}", province=gaz.province_of(loc).name) == [loc]


@pytest.mark.parametrize(("name", "province", "expected"), [
    ("phường Diên Hồng", "Gia Lai", ["gia-lai-2025.phuong-dien-hong"]),
    ("phường Diên Hồng", "Hồ Chí Minh", ["ho-chi-minh-2025.phuong-dien-hong"]),
    ("phường An Khê", "Đà Nẵng", ["da-nang-2025.an-khe"]),
    ("phường An Khê", "Gia Lai", ["gia-lai-2025.phuong-an-khe"]),
    ("thị xã An Khê", "Gia Lai", ["gia-lai.an-khe"]),
    ("huyện Sóc Sơn", "Hà Nội", ["ha-noi.soc-son"]),
    ("xã Sóc Sơn", "Hà Nội", ["ha-noi.xa-soc-son"]),
    ("Sóc Sơn", "Hà Nội", ["ha-noi.soc-son", "ha-noi.xa-soc-son"]),
    ("xã Đăk Đoa", "Gia Lai", ["gia-lai-2025.xa-dak-doa"]),  # spelt Đak Đoa in the 1027 list
])
def test_find_by_kind_and_province(gaz, name, province, expected):
    assert [loc.id for loc in gaz.find(name, province=province)] == expected


# Checked by hand against the text of the resolutions (dvhcvn/20250701 input/docs/): Nghị quyết
# 1656/NQ-UBTVQH15 (Hà Nội) khoản 1, 3, 122–126 and 1664/NQ-UBTVQH15 (Gia Lai) khoản 1, 107–111, 119, 122.
@pytest.mark.parametrize(("old", "successors"), [
    ("ha-noi.soc-son", {"ha-noi.xa-soc-son", "ha-noi.xa-da-phuc", "ha-noi.xa-noi-bai", "ha-noi.xa-trung-gia",
                        "ha-noi.xa-kim-anh"}),
    ("binh-dinh.an-nhon", {"gia-lai-2025.xa-an-nhon-tay", "gia-lai-2025.phuong-binh-dinh",
                           "gia-lai-2025.phuong-an-nhon", "gia-lai-2025.phuong-an-nhon-dong",
                           "gia-lai-2025.phuong-an-nhon-nam", "gia-lai-2025.phuong-an-nhon-bac"}),
    ("ha-noi.soc-son.xa-mai-dinh", {"ha-noi.xa-soc-son", "ha-noi.xa-noi-bai"}),
    ("gia-lai", {"gia-lai-2025"}),
])
def test_successors_by_hand(gaz, old, successors):
    loc = gaz.by_id.get(old)
    got = gaz.successors(loc) if loc else [gaz.by_id[k.new_id] for k in gaz.succession.successors(old)]
    assert {x.id for x in got} == successors


@pytest.mark.parametrize(("new", "communes"), [
    ("ha-noi.xa-soc-son", {"Sóc Sơn": "whole", "Tân Minh": "whole", "Đông Xuân": "whole", "Phù Lỗ": "whole",
                           "Phù Linh": "whole", "Tiên Dược": "whole", "Mai Đình": "part", "Phú Minh": "part",
                           "Quang Tiến": "part"}),
    ("ha-noi.phuong-ba-dinh", {"Quán Thánh": "whole", "Trúc Bạch": "whole", "Cửa Nam": "part", "Điện Biên": "part",
                               "Đội Cấn": "part", "Kim Mã": "part", "Ngọc Hà": "part", "Thụy Khuê": "part",
                               "Cửa Đông": "part", "Đồng Xuân": "part"}),
    ("gia-lai-2025.phuong-pleiku", {"Tây Sơn": "whole", "Hội Thương": "whole", "Hoa Lư": "whole",
                                    "Phù Đổng": "whole", "Trà Đa": "whole"}),
    ("gia-lai-2025.phuong-dien-hong", {"Yên Đỗ": "whole", "Ia Kring": "whole", "Diên Hồng": "whole",
                                       "Diên Phú": "whole"}),
])
def test_predecessors_by_hand(gaz, new, communes):
    former = gaz.succession.former_by_id
    got = {former[k.old_id].name: k.share for k in gaz.succession.predecessors(new) if k.old_id in former}
    assert got == communes


@pytest.mark.parametrize(("new", "districts", "inside"), [
    ("ha-noi.xa-soc-son", {"ha-noi.soc-son"}, True),
    ("ha-noi.phuong-ba-dinh", {"ha-noi.ba-dinh", "ha-noi.hoan-kiem", "ha-noi.tay-ho"}, False),
    ("gia-lai-2025.phuong-pleiku", {"gia-lai.pleiku"}, True),
])
def test_district_links_of_a_new_unit(gaz, new, districts, inside):
    ks = [k for k in gaz.succession.predecessors(new) if gaz.by_id.get(k.old_id)]
    assert {k.old_id for k in ks} == districts
    assert {k.new_inside_old for k in ks} == {inside}
    assert {k.share for k in ks} == {"part"}


# --- the script ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("bases", "ids"), [
    ([("a.xa-ia-bang", "23905"), ("a.xa-ia-bang", "23924"), ("a.xa-ia-o", "23914")],
     ["a.xa-ia-bang-23905", "a.xa-ia-bang-23924", "a.xa-ia-o"]),
    ([("a.b", "1")], ["a.b"]),
])
def test_unique_ids(bases, ids):
    assert unique_ids(bases) == ids


@pytest.mark.parametrize(("name", "variants"), [
    ("Đak Đoa", ["Đăk Đoa", "Đắk Đoa"]),
    ("Đăk Song", ["Đak Song", "Đắk Song"]),
    ("Ia Grai", []),
])
def test_spelling_variants(name, variants):
    assert spelling_variants(name) == variants


def test_reading_the_1027_tables():
    text = ("| Stt | Mã số | Tên đơn vị hành chính | Tỉnh (thành phố) |\n| --- | --- | --- | --- |\n"
            "|  |  | THÀNH PHỐ HÀ NỘI |  |\n"
            "| 1 | 00226 | Phường Văn Miếu -<br>Quốc Tử Giám | Thành phố Hà Nội |\n"
            "|  |  | TỈNH GIA LAI | Tỉnh Gia Lai |\n"
            "| 2 | 23617 | Xã<br>Kbang | Tỉnh<br>Gia Lai |\n")
    provinces = [sources.NewProvince("01", "Thành phố Hà Nội"), sources.NewProvince("52", "Gia Lai")]
    assert sources.read_new_units(text, provinces) == [
        sources.NewUnit("00226", "phường", "Văn Miếu - Quốc Tử Giám", "01"),
        sources.NewUnit("23617", "xã", "Kbang", "52"),
    ]
    with pytest.raises(InputError, match="dòng 3: không rõ tỉnh 'TỈNH ATLANTIS'"):
        sources.read_new_units(text.replace("THÀNH PHỐ HÀ NỘI", "TỈNH ATLANTIS"), provinces)


def test_reading_the_old_units():
    data = [["01", "Hà Nội", "Thành phố", "Ha Noi",
             [["016", "Sóc Sơn", "Huyện", "Soc Son", [["00376", "Sóc Sơn", "Thị Trấn", "Soc Son"]]]]]]
    assert sources.read_old_units(json.dumps(data)) == [
        sources.OldUnit("01", "Hà Nội", "thành phố", "province", ""),
        sources.OldUnit("016", "Sóc Sơn", "huyện", "district", "01"),
        sources.OldUnit("00376", "Sóc Sơn", "thị trấn", "commune", "016"),
    ]


def _mirror(env: str, default: str) -> Path | None:
    path = Path(os.environ.get(env, default))
    return path if path.exists() else None


DVHCVN = _mirror("DANVAN_DVHCVN_20250701", "/work/.mirror/dvhcvn+20250701/repo")
OLD = _mirror("DANVAN_DVHCVN_OLD", "/work/.mirror/daohoangson+dvhcvn/repo")
needs_sources = pytest.mark.skipif(
    DVHCVN is None or OLD is None,
    reason="the public sources are not on this machine (set DANVAN_DVHCVN_20250701 and DANVAN_DVHCVN_OLD to "
           "git repositories of dvhcvn/20250701 and daohoangson/dvhcvn); the committed files are tested above")


@needs_sources
def test_the_script_rebuilds_the_committed_files():
    ref = make_reference(sources.Repo(DVHCVN), sources.Repo(OLD), LOCALITIES)
    assert differences(ref, REFERENCE) == []


@needs_sources
@pytest.mark.parametrize(("old", "new", "message"), [
    ("gia-lai,Gia Lai,tỉnh,province,64,,,2025-06-30,gia-lai-2025,",
     "gia-lai,Gia Lai,tỉnh,province,64,,,2025-06-30,,",
     "data/localities.csv: successor_id của gia-lai là '', nguồn ghi 'gia-lai-2025'"),
    ("gia-lai.pleiku,Pleiku,thành phố,district,622,",
     "gia-lai.pleiku,Plei Cu,thành phố,district,622,",
     "data/localities.csv: huyện mã 622: nguồn ghi 'Pleiku', localities.csv ghi 'Plei Cu'"),
])
def test_the_script_refuses_what_the_sources_contradict(tmp_path, old, new, message):
    text = LOCALITIES.read_text(encoding="utf-8")
    assert old in text
    changed = tmp_path / "localities.csv"
    changed.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(InputError) as err:
        make_reference(sources.Repo(DVHCVN), sources.Repo(OLD), changed)
    assert str(err.value) == message
