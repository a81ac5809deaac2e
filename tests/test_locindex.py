"""The locality index answers exactly like Gazetteer.find; extra localities are checked on the way in."""
from __future__ import annotations

from datetime import date

import pytest

from etl.errors import InputError
from etl.gazetteer import Gazetteer, default_gazetteer
from etl.locindex import ExtendedGazetteer, LocalityIndex, read_extra_localities
from etl.paths import LOCALITIES

HEAD = "id,name,kind,level,gso_code,parent_id,valid_from,valid_to,successor_id,aliases,note\n"


def sample_gazetteer() -> Gazetteer:
    """Every locality of data/localities.csv, every 20th reference unit and the namesakes of a few:
    the property holds for any gazetteer, and the linear Gazetteer.find stays quick on this one."""
    full = default_gazetteer()
    hand = {r.split(",", 1)[0] for r in LOCALITIES.read_text(encoding="utf-8").splitlines()[1:]}
    namesakes = {"An Khê", "Ba Đình", "Sóc Sơn", "Diên Hồng", "Tân Lập"}
    return Gazetteer([loc for n, loc in enumerate(full.localities)
                      if loc.id in hand or n % 20 == 0 or loc.name in namesakes])


def names_to_try(gaz: Gazetteer) -> list[str]:
    out = []
    for loc in gaz.localities:
        for name in gaz.names_of(loc):
            out += [name, name.upper(), f"huyện {name}", f"xã {name}", f"Phường {name}", f"Tỉnh {name}",
                    f"TP. {name}", f"  {name} ", name + "x"]
    return out + ["", "Atlantis", "xã", "Hoà Bình", "Hòa Bình"]


def test_index_finds_what_the_gazetteer_finds():
    gaz = sample_gazetteer()
    index = LocalityIndex(gaz)
    provinces = [None, "Hà Nội", "Gia Lai", "gia lai", "Đà Nẵng", "Atlantis"]
    for name in names_to_try(gaz):
        for province in provinces:
            for level in (None, "district"):
                for on in (None, date(2025, 8, 1)):
                    assert index.find(name, level=level, province=province, on=on) == \
                        gaz.find(name, level=level, province=province, on=on), (name, province, level, on)


def test_extended_gazetteer_builds_text_patterns_only_when_text_is_read():
    base = default_gazetteer()
    extra = read_extra_localities((HEAD + "gia-lai.pleiku.x01,PL-01,xã,commune,,gia-lai.pleiku,,,,Xã PL-01,\n")
                                  .encode(), "localities.csv", base)
    gaz = ExtendedGazetteer([*base.localities, *extra])
    assert "_patterns" not in gaz.__dict__
    assert [m.candidates[0].id for m in gaz.mentions("Tại huyện Sóc Sơn, Hà Nội")][:1] == ["ha-noi.soc-son"]
    assert "_patterns" in gaz.__dict__
    assert LocalityIndex(gaz).find("xã PL-01", province="Gia Lai")[0].id == "gia-lai.pleiku.x01"


@pytest.mark.parametrize(("text", "message"), [
    ("id,name\nx,y\n", "localities.csv: thiếu cột kind, level, gso_code, parent_id, valid_from, valid_to, "
                       "successor_id, aliases, note"),
    (HEAD + "a.b,,xã,commune,,,,,,,\n", "localities.csv dòng 2: cần id, name và kind"),
    (HEAD + "a.b,B,xã,hamlet,,,,,,,\n", "localities.csv dòng 2: level 'hamlet' không hợp lệ (chọn: province, "
                                        "district, commune)"),
    (HEAD + "ha-noi,Hà Nội,xã,commune,,,,,,,\n", "localities.csv dòng 2: mã 'ha-noi' đã có"),
    (HEAD + "a.b,B,xã,commune,,a,,,,,\n", "localities.csv dòng 2: parent_id 'a' không có (địa phương cha phải "
                                          "đứng trước)"),
    (HEAD + "a.b,B,xã,commune,,ha-noi,2025-02-30,,,,\n", "localities.csv dòng 2: ngày không hợp lệ '2025-02-30' "
                                                         "(cần yyyy-mm-dd)"),
])
def test_bad_extra_localities_are_named(text, message):
    with pytest.raises(InputError) as err:
        read_extra_localities(text.encode(), "localities.csv", default_gazetteer())
    assert str(err.value) == message
