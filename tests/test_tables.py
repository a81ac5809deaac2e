from datetime import date
from pathlib import Path

import openpyxl
import pytest

from etl.catalog import load_catalog
from etl.errors import InputError
from etl.gazetteer import default_gazetteer
from etl.rules import parse_period
from etl.tables import read_table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "examples" / "analyst_table_example.csv"
HEADER = "locality,province,indicator,breakdown,period,value,source\n"


def load(tmp_path: Path, text: str, name: str = "t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_table(p, default_gazetteer(), load_catalog())


def test_example_table_loads():
    result = read_table(EXAMPLE, default_gazetteer(), load_catalog())
    assert result.errors == []
    got = [(f.locality_id, f.indicator, f.breakdown, f.period_kind, f.period_end, f.value, f.derived, f.obtained)
           for f in result.figures]
    assert got == [
        ("gia-lai", "reception_turns", "total", "year", date(2024, 12, 31), 2861, False, "table"),
        ("gia-lai", "reception_turns", "total", "year", date(2023, 12, 31), 2743, True, "table"),
        ("gia-lai", "petitions", "complaint_denunciation", "year", date(2024, 12, 31), 171, False, "table"),
        ("ha-noi.soc-son", "dialogues", "total", "cumulative", date(2024, 3, 6), 81, False, "table"),
        ("ha-noi", "models_registered", "total", "partial", date(2024, 7, 31), 24254, False, "table"),
    ]


@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    ("2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
    ("2021-2024", "cumulative", date(2021, 1, 1), date(2024, 12, 31)),
    ("7 tháng 2024", "partial", date(2024, 1, 1), date(2024, 7, 31)),
    ("6 tháng đầu năm 2020", "partial", date(2020, 1, 1), date(2020, 6, 30)),
    ("quý I/2023", "partial", date(2023, 1, 1), date(2023, 3, 31)),
    ("Q2/2023", "partial", date(2023, 4, 1), date(2023, 6, 30)),
    ("2024-01-01..2024-12-31", "year", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-07-23", "event", date(2024, 7, 23), date(2024, 7, 23)),
])
def test_parse_period(text, kind, start, end):
    p = parse_period(text)
    assert (p.kind, p.start, p.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["hôm qua", "2024-13-01", "2025-2021", ""])
def test_parse_period_rejects(text):
    with pytest.raises(InputError):
        parse_period(text)


@pytest.mark.parametrize(("rows", "message"), [
    ("Sóc Sonn,Hà Nội,dialogues,total,2023,5,x\n",
     "t.csv dòng 2: địa phương không có trong danh mục: 'Sóc Sonn'; gần nhất: Sóc Sơn"),
    ("Sóc Sơn,Hà Nội,dialogs,total,2023,5,x\n",
     "t.csv dòng 2: chỉ tiêu không có trong danh mục: 'dialogs'; gần nhất: dialogues"),
    ("Sóc Sơn,Hà Nội,dialogues,weekly,2023,5,x\n", "t.csv dòng 2: phân tổ 'weekly' không có cho dialogues"),
    ("Sóc Sơn,Hà Nội,dialogues,total,2023,-5,x\n", "t.csv dòng 2: giá trị âm: '-5'"),
    ("Sóc Sơn,Hà Nội,dialogues,total,2023,năm,x\n", "t.csv dòng 2: giá trị không phải số: 'năm'"),
    ("Sóc Sơn,Hà Nội,dialogues,total,mùa xuân,5,x\n", "t.csv dòng 2: không đọc được kỳ 'mùa xuân'"),
    ("Sóc Sơn,Gia Lai,dialogues,total,2023,5,x\n",
     "t.csv dòng 2: địa phương 'Sóc Sơn' không thuộc 'Gia Lai' (thuộc Hà Nội)"),
    ("Sóc Sơn,Hà Nội,dialogues,total,2023,5,x\nSóc Sơn,Hà Nội,dialogues,total,2023,6,x\n",
     "t.csv dòng 3: mâu thuẫn với dòng 2"),
    ("Sóc Sơn,Hà Nội,dialogues,total,2023,5,\n", "t.csv dòng 2: ô source trống"),
])
def test_bad_rows_are_named_and_nothing_loads(tmp_path, rows, message):
    result = load(tmp_path, HEADER + "Gia Lai,,reception_turns,total,2024,10,x\n" + rows)
    assert result.figures == []
    assert any(e.startswith(message.replace("dòng 2", "dòng 3").replace("dòng 3: mâu", "dòng 4: mâu")
                            .replace("với dòng 2", "với dòng 3")) for e in result.errors), result.errors


def test_missing_columns(tmp_path):
    result = load(tmp_path, "locality,value\nGia Lai,3\n")
    assert result.errors == ["t.csv: thiếu cột indicator, period, source (có: 'locality, value')"]


def test_semicolon_csv_and_vietnamese_headers(tmp_path):
    result = load(tmp_path, "địa phương;chỉ tiêu;kỳ;giá trị;nguồn\nGia Lai;reception_turns;2022;1.204;Báo cáo\n")
    assert [(f.locality_id, f.value) for f in result.figures] == [("gia-lai", 1204)]


def test_xlsx_with_merged_header_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Địa phương và tỉnh", None, "indicator", "period", "value", "source"])
    ws.merge_cells("A1:B1")
    ws.append(["Gia Lai", "", "reception_turns", "2022", 10, "x"])
    p = tmp_path / "merged.xlsx"
    wb.save(p)
    result = read_table(p, default_gazetteer(), load_catalog())
    assert result.figures == []
    assert result.errors == ["merged.xlsx trang 'Sheet': dòng tiêu đề có ô gộp (A1:B1): mỗi cột cần một tiêu đề riêng, "
                             "bỏ gộp ô rồi gửi lại"]


def test_xlsx_loads(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["locality", "indicator", "period", "value", "source"])
    ws.append(["Pleiku", "dialogues", "2023", 12, "Báo cáo"])
    p = tmp_path / "ok.xlsx"
    wb.save(p)
    result = read_table(p, default_gazetteer(), load_catalog())
    assert [(f.locality_id, f.value) for f in result.figures] == [("gia-lai.pleiku", 12)]


def test_truncated_xlsx(tmp_path):
    p = tmp_path / "cut.xlsx"
    p.write_bytes(b"PK\x03\x04garbage")
    result = read_table(p, default_gazetteer(), load_catalog())
    assert result.errors == ["cut.xlsx: không phải tệp XLSX hợp lệ (hỏng hoặc bị cắt cụt)"]
