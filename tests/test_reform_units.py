"""Reports and tables after 1 July 2025 name the new communes and wards: the extractor and the table
import find them (the report's or row's province choosing between namesakes) and the build loads them;
an old district's figure after 30/06/2025 is refused naming its successors, one that spans the day is
kept and marked. Every text here is written for these tests."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.catalog import load_catalog
from etl.extract import extract_figures
from etl.gazetteer import default_gazetteer
from etl.report import parse_report
from etl.tables import read_table
from etl.validity import validity_problem

HA_NOI_2026 = """---
title: Hà Nội sơ kết công tác dân vận 9 tháng năm 2026 ở cơ sở
source_url: https://example.org/ha-noi-9-thang-2026
publisher: Bài thử
published: 2026-10-15
note: Viết cho bài kiểm thử.
---

Báo cáo của Ban Dân vận Thành ủy Hà Nội về kết quả 9 tháng năm 2026.

Trong 9 tháng năm 2026, phường Ba Đình đã tiếp 412 lượt công dân đến kiến nghị, phản ánh.

Cũng trong 9 tháng năm 2026, xã Sóc Sơn tiếp nhận 57 đơn kiến nghị, phản ánh của người dân.

Năm 2025, huyện Sóc Sơn đã xây dựng 64 mô hình “Dân vận khéo”.

Trong 9 tháng năm 2026, huyện Sóc Sơn tổ chức 12 cuộc đối thoại giữa người đứng đầu cấp ủy với Nhân dân.
"""

GIA_LAI_2026 = """---
title: Gia Lai: phường Diên Hồng lan tỏa phong trào “Dân vận khéo”
source_url: https://example.org/gia-lai-dien-hong-2026
publisher: Bài thử
published: 2026-04-02
note: Viết cho bài kiểm thử.
---

Tỉnh Gia Lai tiếp tục triển khai phong trào thi đua “Dân vận khéo” ở các phường, xã mới.

Trong quý I năm 2026, phường Diên Hồng đăng ký 18 mô hình “Dân vận khéo”.
"""

HO_CHI_MINH_2026 = """---
title: TP Hồ Chí Minh: tiếp công dân ở phường Diên Hồng
source_url: https://example.org/tphcm-dien-hong-2026
publisher: Bài thử
published: 2026-07-20
note: Viết cho bài kiểm thử.
---

Thành phố Hồ Chí Minh đẩy mạnh tiếp công dân ở cơ sở.

Trong 6 tháng đầu năm 2026, phường Diên Hồng tiếp 96 lượt công dân.
"""

GIA_LAI_2024 = """---
title: Gia Lai: phường Diên Hồng (TP Pleiku) tiếp công dân
source_url: https://example.org/gia-lai-2024
publisher: Bài thử
published: 2024-12-10
note: Viết cho bài kiểm thử.
---

Năm 2024, phường Diên Hồng (TP Pleiku) tiếp 75 lượt công dân.
"""


def figures(text: str) -> list[tuple]:
    return [(f.province, f.district, f.locality_id, f.indicator, f.period_start.isoformat(), f.period_end.isoformat(),
             f.value) for f in extract_figures(parse_report(text, "t.txt"))]


@pytest.mark.parametrize(("text", "expected"), [
    (HA_NOI_2026, [
        ("Hà Nội", "Ba Đình", "ha-noi.phuong-ba-dinh", "reception_turns", "2026-01-01", "2026-09-30", 412),
        ("Hà Nội", "Sóc Sơn", "ha-noi.xa-soc-son", "petitions", "2026-01-01", "2026-09-30", 57),
        ("Hà Nội", "Sóc Sơn", "ha-noi.soc-son", "models_registered", "2025-01-01", "2025-12-31", 64),
        ("Hà Nội", "Sóc Sơn", "ha-noi.soc-son", "dialogues", "2026-01-01", "2026-09-30", 12),
    ]),
    # the report's province chooses between the wards called Diên Hồng
    (GIA_LAI_2026, [("Gia Lai", "Diên Hồng", "gia-lai-2025.phuong-dien-hong", "models_registered", "2026-01-01",
                     "2026-03-31", 18)]),
    (HO_CHI_MINH_2026, [("Hồ Chí Minh", "Diên Hồng", "ho-chi-minh-2025.phuong-dien-hong", "reception_turns",
                         "2026-01-01", "2026-06-30", 96)]),
    # before the reform "phường Diên Hồng" is the old ward of Pleiku: the figure stays with the city
    (GIA_LAI_2024, [("Gia Lai", "Pleiku", "gia-lai.pleiku", "reception_turns", "2024-01-01", "2024-12-31", 75)]),
])
def test_the_extractor_finds_the_new_units(text, expected):
    assert figures(text) == expected


@pytest.fixture(scope="module")
def reform_build(tmp_path_factory):
    """The two reports of 2026 and a table naming new units, built into a database of their own."""
    root = tmp_path_factory.mktemp("reform")
    reports, tables = root / "reports", root / "tables"
    reports.mkdir()
    tables.mkdir()
    (reports / "hn2026.txt").write_text(HA_NOI_2026, encoding="utf-8")
    (reports / "gl2026.txt").write_text(GIA_LAI_2026, encoding="utf-8")
    (tables / "xa-phuong.csv").write_text(
        "locality,province,indicator,breakdown,period,value,source\n"
        "phường Hoàn Kiếm,Hà Nội,reception_turns,total,9 tháng 2026,230,Bảng thử\n"
        "Diên Hồng,Gia Lai,petitions,total,2026,31,Bảng thử\n"
        "huyện Ba Vì,Hà Nội,dialogues,total,2026,9,Bảng thử\n"
        "Ba Vì,Hà Nội,dialogues,total,2024,8,Bảng thử\n"
        "Sóc Sơn,Hà Nội,dialogues,total,2026,3,Bảng thử\n", encoding="utf-8")
    db = root / "reform.duckdb"
    summary = build(db, reports_dir=reports, tables_dir=tables, review_path=root / "none.csv",
                    progress=lambda _m: None)
    con = duckdb.connect(str(db), read_only=True)
    yield summary, con
    con.close()


def test_a_report_naming_new_communes_loads_them(reform_build):
    _, con = reform_build
    rows = con.sql("SELECT locality_id, indicator, value, crosses_validity FROM observation_facts "
                   "ORDER BY locality_id, indicator").fetchall()
    assert rows == [
        ("gia-lai-2025.phuong-dien-hong", "models_registered", 18, False),
        ("gia-lai-2025.phuong-dien-hong", "petitions", 31, False),
        ("ha-noi.ba-vi", "dialogues", 8, False),
        ("ha-noi.phuong-ba-dinh", "reception_turns", 412, False),
        ("ha-noi.phuong-hoan-kiem", "reception_turns", 230, False),
        ("ha-noi.soc-son", "models_registered", 64, True),  # năm 2025 runs over 30/06/2025: kept, marked
        ("ha-noi.xa-soc-son", "dialogues", 3, False),  # "Sóc Sơn" in 2026 is the commune
        ("ha-noi.xa-soc-son", "petitions", 57, False),
    ]


def test_an_old_district_after_the_reform_is_refused_naming_its_successors(reform_build):
    summary, con = reform_build
    assert summary.rejected == [
        ("hn2026.txt, “Sơn tổ chức 12 cuộc đối thoại”: huyện Sóc Sơn (Hà Nội) chỉ có đến 30/06/2025, kỳ số liệu "
        "bắt đầu 01/01/2026; địa bàn nay thuộc: xã Đa Phúc, xã Kim Anh, xã Nội Bài, xã Sóc Sơn, xã Trung Giã "
        "(the unit ended before the period began)"),
        ("xa-phuong.csv#bang-thu, “9”: huyện Ba Vì (Hà Nội) chỉ có đến 30/06/2025, kỳ số liệu bắt đầu "
        "01/01/2026; địa bàn nay thuộc: xã Ba Vì, xã Bất Bạt, xã Cổ Đô, xã Minh Châu, xã Quảng Oai, xã Suối Hai, "
        "xã Vật Lại, xã Yên Bài (the unit ended before the period began)"),
    ]
    assert con.sql("SELECT count(*) FROM observations WHERE locality_id = 'ha-noi.soc-son' "
                   "AND period_start > DATE '2025-06-30'").fetchall() == [(0,)]


def test_a_name_of_two_provinces_needs_the_province(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("locality,indicator,period,value,source\nphường Diên Hồng,petitions,2026,5,x\n", encoding="utf-8")
    result = read_table(path, default_gazetteer(), load_catalog())
    assert result.errors == [("t.csv dòng 2: tên 'phường Diên Hồng' có ở nhiều tỉnh (Diên Hồng (Gia Lai), "
                             "Diên Hồng (Hồ Chí Minh)): thêm cột province")]


def test_successor_names_in_messages_are_those_of_the_database(reform_build):
    """The message and the database's reform_links say the same successors."""
    _, con = reform_build
    gaz = default_gazetteer()
    for district in ("ha-noi.soc-son", "ha-noi.ba-vi", "binh-dinh.quy-nhon"):
        names = [n for (n,) in con.execute("SELECT new_kind || ' ' || new_name FROM reform_links "
                                           "WHERE old_id = $id ORDER BY new_id", {"id": district}).fetchall()]
        problem = validity_problem(gaz, gaz.by_id[district], date(2026, 1, 1), date(2026, 1, 1))
        assert problem.split("nay thuộc: ")[1].removesuffix(" (the unit ended before the period began)") == \
            ", ".join(names)


def test_reference_views(reform_build, tmp_path: Path):
    _, con = reform_build
    became = con.sql("SELECT id, kind, province, [b.name || ' (' || b.share || ')' FOR b IN became] "
                     "FROM unit_search WHERE search_key = 'soc son' ORDER BY id").fetchall()
    assert became == [
        ("ha-noi.soc-son", "huyện", "Hà Nội", ["Kim Anh (part)", "Nội Bài (part)", "Sóc Sơn (part)",
                                                "Trung Giã (part)", "Đa Phúc (part)"]),
        ("ha-noi.soc-son.thi-tran-soc-son", "thị trấn", "Hà Nội", ["Sóc Sơn (whole)"]),
        ("ha-noi.xa-soc-son", "xã", "Hà Nội", None),
    ]
    formed = con.sql("SELECT [f.level || ' ' || f.name FOR f IN formed_from] FROM unit_search "
                     "WHERE id = 'gia-lai-2025.phuong-dien-hong'").fetchall()
    assert formed == [(["district Pleiku", "commune Diên Hồng", "commune Diên Phú", "commune Ia Kring",
                        "commune Yên Đỗ"],)]
    assert con.sql("SELECT count(*) FROM unit_search WHERE search_key = 'dien hong'").fetchall() == [(3,)]
    assert con.sql("SELECT old_id, share, new_inside_old FROM reform_links WHERE new_id = 'gia-lai-2025' "
                   "ORDER BY old_id").fetchall() == [("binh-dinh", "whole", False), ("gia-lai", "whole", False)]
    assert con.sql("SELECT count(*), count(DISTINCT id) FROM admin_units").fetchall() == \
        con.sql("SELECT (SELECT count(*) FROM localities) + (SELECT count(*) FROM former_communes), "
                "(SELECT count(*) FROM localities) + (SELECT count(*) FROM former_communes)").fetchall()
