"""core.data.places: the eras of units, the provinces and units a list offers, their order, and which province
stands for another in the other era."""
import pandas as pd
import pytest

from core.data import places

D = pd.Timestamp
LOCALITIES = pd.DataFrame([
    # provinces in catalog order: kept on, ended (merged), made by the reform
    ("ha-noi", "Hà Nội", "province", None, None, None, None),
    ("binh-dinh", "Bình Định", "province", None, None, D("2025-06-30"), "gia-lai-2025"),
    ("gia-lai", "Gia Lai", "province", None, None, D("2025-06-30"), "gia-lai-2025"),
    ("gia-lai-2025", "Gia Lai", "province", None, D("2025-07-01"), None, None),
    ("ha-noi.soc-son", "Sóc Sơn", "district", "ha-noi", None, D("2025-06-30"), None),
    ("gia-lai.pleiku", "Pleiku", "district", "gia-lai", None, D("2025-06-30"), None),
    ("binh-dinh.quy-nhon", "Quy Nhơn", "district", "binh-dinh", None, D("2025-06-30"), None),
    ("ha-noi.phuong-ba-dinh", "Ba Đình", "commune", "ha-noi", D("2025-07-01"), None, None),
    ("ha-noi.xa-soc-son", "Sóc Sơn", "commune", "ha-noi", D("2025-07-01"), None, None),
    ("gia-lai-2025.phuong-dien-hong", "Diên Hồng", "commune", "gia-lai-2025", D("2025-07-01"), None, None),
], columns=["id", "name", "level", "parent_id", "valid_from", "valid_to", "successor_id"])


@pytest.mark.parametrize(("level", "valid_from", "era"), [
    ("province", None, None),
    ("province", D("2025-07-01"), None),
    ("district", None, "old"),
    ("commune", D("2025-07-01"), "new"),
    ("commune", None, "old"),  # a commune before the reform (a synthetic national dataset's)
    ("commune", D("2020-01-01"), "old"),
])
def test_era_of(level, valid_from, era):
    assert places.era_of(level, valid_from) == era


@pytest.mark.parametrize(("era", "provinces", "units"), [
    ("new", ["ha-noi", "gia-lai-2025"], {"ha-noi": ["ha-noi.phuong-ba-dinh", "ha-noi.xa-soc-son"],
                                         "gia-lai-2025": ["gia-lai-2025.phuong-dien-hong"], "gia-lai": []}),
    ("old", ["ha-noi", "binh-dinh", "gia-lai"], {"ha-noi": ["ha-noi.soc-son"], "gia-lai": ["gia-lai.pleiku"],
                                                 "gia-lai-2025": []}),
])
def test_provinces_and_units_of_an_era(era, provinces, units):
    assert places.provinces_with_units(LOCALITIES, era) == provinces
    assert {p: places.units_of(LOCALITIES, p, era) for p in units} == units


def test_grouped_puts_each_province_then_its_new_units_then_its_old_districts():
    ids = ["gia-lai.pleiku", "ha-noi.soc-son", "gia-lai-2025", "ha-noi.xa-soc-son", "gia-lai",
           "gia-lai-2025.phuong-dien-hong", "ha-noi", "ha-noi.phuong-ba-dinh"]
    assert places.grouped(LOCALITIES, ids) == [
        "ha-noi", "ha-noi.phuong-ba-dinh", "ha-noi.xa-soc-son", "ha-noi.soc-son",
        "gia-lai", "gia-lai.pleiku", "gia-lai-2025", "gia-lai-2025.phuong-dien-hong"]


@pytest.mark.parametrize(("province", "era", "stands_for"), [
    ("ha-noi", "new", "ha-noi"),
    ("ha-noi", "old", "ha-noi"),
    ("gia-lai", "new", "gia-lai-2025"),  # merged into
    ("binh-dinh", "new", "gia-lai-2025"),
    ("gia-lai-2025", "old", "gia-lai"),  # merged from: the one of the same name, not Bình Định
    ("atlantis", "new", None),
    (None, "old", None),
])
def test_province_in_era(province, era, stands_for):
    assert places.province_in_era(LOCALITIES, province, era) == stands_for
