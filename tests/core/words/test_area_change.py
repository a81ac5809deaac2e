"""core.words.area_change: what became of a place on 1 July 2025, word for word: a profile's notice, linked units
with their share, a search's lines (rows shaped like core.data.queries results)."""
import pandas as pd
import pytest

from core.words import area_change

SOC_SON_DISTRICT = {"id": "ha-noi.soc-son", "name": "Sóc Sơn", "kind": "huyện", "level": "district",
                    "parent_name": "Hà Nội", "province": "Hà Nội", "valid_from": pd.NaT,
                    "valid_to": pd.Timestamp("2025-06-30"), "formed_from": None,
                    "became": [{"id": "ha-noi.xa-soc-son", "name": "Sóc Sơn", "kind": "xã", "share": "part"},
                               {"id": "ha-noi.xa-da-phuc", "name": "Đa Phúc", "kind": "xã", "share": "part"},
                               {"id": "ha-noi.xa-kim-anh", "name": "Kim Anh", "kind": "xã", "share": "part"}]}
BA_DINH_WARD = {"id": "ha-noi.phuong-ba-dinh", "name": "Ba Đình", "kind": "phường", "level": "commune",
                "parent_name": "Hà Nội", "province": "Hà Nội", "valid_from": pd.Timestamp("2025-07-01"),
                "valid_to": pd.NaT, "became": None,
                "formed_from": [
                    {"id": "ha-noi.tay-ho", "name": "Tây Hồ", "kind": "quận", "level": "district", "parent": "Hà Nội",
                     "share": "part"},
                    {"id": "ha-noi.tay-ho.phuong-thuy-khue", "name": "Thụy Khuê", "kind": "phường", "level": "commune",
                     "parent": "Tây Hồ", "share": "part"},
                    {"id": "ha-noi.ba-dinh.phuong-quan-thanh", "name": "Quán Thánh", "kind": "phường",
                     "level": "commune", "parent": "Ba Đình", "share": "whole"},
                    {"id": "ha-noi.ba-dinh", "name": "Ba Đình", "kind": "quận", "level": "district",
                     "parent": "Hà Nội", "share": "part"},
                    {"id": "ha-noi.ba-dinh.phuong-dien-bien", "name": "Điện Biên", "kind": "phường",
                     "level": "commune", "parent": "Ba Đình", "share": "part"}]}
FORMER_COMMUNE = {"id": "ha-noi.soc-son.thi-tran-soc-son", "name": "Sóc Sơn", "kind": "thị trấn", "level": "commune",
                  "parent_name": "Sóc Sơn", "province": "Hà Nội", "valid_from": pd.NaT,
                  "valid_to": pd.Timestamp("2025-06-30"), "formed_from": None,
                  "became": [{"id": "ha-noi.xa-soc-son", "name": "Sóc Sơn", "kind": "xã", "share": "whole"}]}
NO_LINKS = {"id": "ho-chi-minh-2025.phuong-dien-hong", "name": "Diên Hồng", "kind": "phường", "level": "commune",
            "parent_name": "Hồ Chí Minh", "province": "Hồ Chí Minh", "valid_from": pd.Timestamp("2025-07-01"),
            "valid_to": pd.NaT, "became": None, "formed_from": None}


@pytest.mark.parametrize(("row", "lang", "heading", "detail"), [
    (SOC_SON_DISTRICT, "vi", "huyện Sóc Sơn (Hà Nội) — đến 30/06/2025",
     "Nay thuộc: xã Đa Phúc (một phần), xã Kim Anh (một phần), xã Sóc Sơn (một phần)."),
    (SOC_SON_DISTRICT, "en", "huyện Sóc Sơn (Hà Nội) — until 30/06/2025",
     "Now part of: xã Đa Phúc (part of it), xã Kim Anh (part of it), xã Sóc Sơn (part of it)."),
    # each old district with its communes; districts and communes in Vietnamese order (Đ with D, tone marks aside)
    (BA_DINH_WARD, "vi", "phường Ba Đình (Hà Nội) — từ 01/07/2025",
     "Hình thành từ: quận Ba Đình (một phần): phường Điện Biên (một phần), phường Quán Thánh (toàn bộ); quận Tây Hồ "
     "(một phần): phường Thụy Khuê (một phần)."),
    (FORMER_COMMUNE, "vi", "thị trấn Sóc Sơn (Sóc Sơn, Hà Nội) — đến 30/06/2025", "Nay thuộc: xã Sóc Sơn (toàn bộ)."),
    (NO_LINKS, "vi", "phường Diên Hồng (Hồ Chí Minh) — từ 01/07/2025", ""),
])
def test_search_line(row, lang, heading, detail):
    assert area_change.search_line(row, lang) == area_change.SearchLine(heading, detail)


def test_notices():
    assert area_change.ended_notice("huyện", "Sóc Sơn", "Hà Nội", pd.Timestamp("2025-06-30"), 5) == (
        "Huyện Sóc Sơn (Hà Nội) không còn từ 01/07/2025: cấp huyện chấm dứt sau ngày 30/06/2025. Địa bàn của huyện "
        "Sóc Sơn nay thuộc 5 xã, phường dưới đây; trong ngoặc là phần địa bàn của huyện Sóc Sơn mà mỗi nơi nhận. Số "
        "liệu của huyện Sóc Sơn không nối tiếp thành số liệu của nơi nào.")
    assert area_change.ended_notice("huyện", "Chợ Đồn", "Bắc Kạn", None, 0) == (
        "Huyện Chợ Đồn (Bắc Kạn) không còn sau ngày 30/06/2025: cấp huyện chấm dứt.")
    assert area_change.new_notice("phường", "Diên Hồng", "Hồ Chí Minh", pd.Timestamp("2025-07-01"), 0, "en") == (
        "Phường Diên Hồng (Hồ Chí Minh) is a new unit since 01/07/2025.")
    assert area_change.new_notice("xã", "Sóc Sơn", "Hà Nội", pd.Timestamp("2025-07-01"), 1).endswith(
        "đó là số của cả quận, huyện, không phải của xã Sóc Sơn, và không được cộng lại.")


@pytest.mark.parametrize(("kind", "name", "expected"), [
    ("huyện", "Sóc Sơn", "huyện Sóc Sơn"),
    ("xã", "Xã BD-03-07", "Xã BD-03-07"),  # the kind already in the name
    (None, "Hà Nội", "Hà Nội"),
    (float("nan"), "Hà Nội", "Hà Nội"),
])
def test_unit_name(kind, name, expected):
    assert area_change.unit_name(kind, name) == expected
