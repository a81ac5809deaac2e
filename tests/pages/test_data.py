"""Dữ liệu & nguồn run headless (AppTest): the tables, downloads and filters, a link restoring them."""
from __future__ import annotations

import pytest

from tests.support.app_pages import ok, open_page

DATA = "pages/data.py"


def test_data_page_tables_and_downloads():
    at = ok(open_page(DATA))
    observations, sources, glossary = (d.value for d in at.dataframe)
    assert len(observations) == 122 and len(sources) == 44 and len(glossary) == 10
    assert sources["Số số liệu"].sum() == 122
    assert {"Câu trích", "Đường dẫn", "Nơi đăng", "Ngày đăng", "Nguồn"} <= set(observations.columns)
    assert [b.proto.label for b in at.get("download_button")] == ["Tải CSV", "Tải Excel (XLSX)", "Tải Parquet"]
    assert glossary["Tên (tiếng Anh)"].iloc[0] == "Citizen reception turns"


@pytest.mark.parametrize(
    ("key", "value", "rows"),
    [
        ("data.province", "gia-lai", 39),
        ("data.district", "ha-noi.soc-son", 10),
        ("data.indicator", "petitions", 15),
        ("data.year", "2024", 37),
        ("data.kind", "cumulative", 35),
    ],
)
def test_data_each_filter_changes_the_rows(key, value, rows):
    at = ok(open_page(DATA))
    at.selectbox(key=key).set_value(value).run()
    assert len(ok(at).dataframe[0].value) == rows


def test_data_url_restores_and_empty_says_so():
    at = ok(open_page(DATA, {"province": "ha-noi", "district": "ha-noi.soc-son", "kind": "cumulative"}))
    assert len(at.dataframe[0].value) == 9
    empty = ok(open_page(DATA, {"indicator": "inspections", "year": "2015"}))
    assert [i.value for i in empty.info] == ["Không có số liệu nào phù hợp bộ lọc. Hãy bỏ bớt điều kiện."]
    assert not empty.get("download_button")
    bad = ok(open_page(DATA, {"year": "abc"}))
    assert [w.value for w in bad.warning] == [
        "Tham số “year=abc” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."]
    assert len(bad.dataframe[0].value) == 122


def test_data_place_filter_lists_new_communes_and_old_districts(reform):
    at = ok(open_page(DATA, {"province": "ha-noi"}))
    assert at.selectbox(key="data.district").options[:7] == [
        "Tất cả", "phường Ba Đình (Hà Nội)", "phường Hoàn Kiếm (Hà Nội)", "phường Cửa Nam (Hà Nội)",
        "xã Sóc Sơn (Hà Nội)", "xã Đa Phúc (Hà Nội)", "quận Hoàn Kiếm (Hà Nội) — đến 30/06/2025"]
    at.selectbox(key="data.district").set_value("ha-noi.phuong-ba-dinh").run()
    table = ok(at).dataframe[0].value
    assert table[["Địa bàn", "Kỳ", "Giá trị"]].values.tolist() == [
        ["phường Ba Đình", "9 tháng 2025", "400"], ["phường Ba Đình", "9 tháng 2026", "412"],
        ["phường Ba Đình", "9 tháng 2026", "46"]]
