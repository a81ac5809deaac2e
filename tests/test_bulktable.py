"""Large tables are checked column by column (etl/bulktable.py): the same messages, the same
figures and the same database as row by row (etl/tables.py), for good and broken tables."""
from __future__ import annotations

import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl.build import build
from etl.catalog import load_catalog
from etl.gazetteer import default_gazetteer
from etl.tablefile import csv_columns, encode
from etl.tables import BULK_ROWS, read_table
from tests.support.db_rows import database_rows

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
EXAMPLE = ROOT / "data" / "examples" / "analyst_table_example.csv"
HEADER = "locality,province,indicator,breakdown,period,value,source\n"
GOOD = "Gia Lai,,reception_turns,total,2024,10,x\n"

# Tables that load, with what makes each one interesting.
GOOD_TABLES = {
    "example": EXAMPLE.read_text(encoding="utf-8"),
    "parts_within_total": HEADER + "Gia Lai,,petitions,total,2023,10,x\nGia Lai,,petitions,complaint,2023,3,x\n"
                                   "Gia Lai,,petitions,denunciation,2023,4,x\n"
                                   "Gia Lai,,petitions,recommendation,2023,3,x\n",
    "old_and_new_gia_lai": HEADER + "Gia Lai,,reception_turns,total,2025,10,x\nGia Lai,,reception_turns,total,"
                                    "6 tháng 2025,4,x\nGia Lai,,dialogues,total,2025-08-01,3,x\n",
    "one_name_two_places": HEADER + "An Khê,,dialogues,total,2023,5,x\nAn Khê,Đà Nẵng,dialogues,total,2025-09-01,2,x\n",
    "numbers_and_blank_lines": HEADER + "Gia Lai,,dialogues,total,2023,1.204,x\n\n,,,,,,\n"
                                        'Gia Lai,,dialogues,total,2022,"1,5",x\n   \n',
    "semicolons_vietnamese_headers": "địa phương;chỉ tiêu;kỳ;giá trị;nguồn\n"
                                     "Gia Lai;reception_turns;2022;1.204;Báo cáo\n",
    "fewer_cells_padded": "locality,indicator,period,value,source,note\nGia Lai,petitions,2022,5,x\n",
    "crlf_and_spaces": HEADER.replace("\n", "\r\n") + " Gia Lai , , petitions , total , 2022 , 7 , x \r\n",
    "two_sources_last_wins": "locality,indicator,period,value,source,publisher,published\n"
                             "Gia Lai,petitions,2022,5,Báo A,Nhà A,2023\n"
                             "Gia Lai,petitions,2023,6,Báo A,Nhà B,2024-01\n",
    # Days before 1970 are negative days since the epoch: kept, as the row way keeps them.
    "before_1970": "locality,indicator,period,value,source,published\n"
                   "Hà Nội,dialogues,1945,1,Báo cũ,1946\nHà Nội,dialogues,1969,2,Báo cũ,1970-01\n"
                   "Hà Nội,dialogues,1965-03-08,3,Báo cũ,\nHà Nội,dialogues,6 tháng 1968,4,Báo cũ,\n"
                   "Hà Nội,dialogues,1960-1969,5,Báo cũ,\nHà Nội,dialogues,1969-12-31..1970-01-01,6,Báo cũ,\n"
                   "Hà Nội,dialogues,1969-12-31,7,Báo cũ,\n",
}
TABLE_FIXTURES = sorted(p.name for p in BROKEN.iterdir() if p.suffix in (".csv", ".xlsx", ".parquet")
                        and not p.name.startswith(("localities_", "synthetic_")))


def both(path: Path):
    gaz, cat = default_gazetteer(), load_catalog()
    return read_table(path, gaz, cat, bulk=False), read_table(path, gaz, cat, bulk=True)


@pytest.mark.parametrize("name", TABLE_FIXTURES)
def test_broken_tables_give_the_same_messages_both_ways(name):
    rows, columns = both(BROKEN / name)
    assert rows.errors
    assert columns.errors == rows.errors
    assert columns.observations is None and columns.sources == {}


BAD_ROWS = [
    "Sóc Sonn,Hà Nội,dialogues,total,2023,5,x\n",
    "Sóc Sơn,Hà Nội,dialogs,total,2023,5,x\n",
    "Sóc Sơn,,dialogues,total,2023,5,x\nSóc Sơn,Hà Nội,dialogues,weekly,2023,5,x\n",
    "Sóc Sơn,Hà Nội,dialogues,total,2023,- 5,x\nSóc Sơn,Hà Nội,dialogues,total,mùa xuân,năm,x\n",
    "Sóc Sơn,Gia Lai,dialogues,total,2023,5,x\n,,,,,,\nSóc Sơn,Hà Nội,dialogues,total,2023,,\n",
    "Sóc Sơn,Hà Nội,dialogues,total,2023,5,x\nSóc Sơn (Hà Nội),,dialogues,total,năm 2023,6,x\n"
    "ha-noi.soc-son,,dialogues,total,2023-01-01..2023-12-31,5,x\n",
    "Sóc Sơn,Hà Nội,dialogues,total,2023,5,x\nSóc Sơn,Hà Nội,dialogues,commune_level,2023,7,x\n"
    "Sóc Sơn,Hà Nội,dialogues,total,2023,5,y\nSóc Sơn,Hà Nội,dialogues,commune_level,2023,5,y\n",
    "Gia Lai,,petitions,total,2023,10,x\nGia Lai,,petitions,complaint,2023,7,x\nGia Lai,,petitions,denunciation,"
    "2023,7,x\nGia Lai,,petitions,recommendation,2023,1,x\n",
    # issue 13: dates out of range, absurd values (the same rule, asked per value or per row)
    "Gia Lai,,petitions,total,9999-12-31,5,x\nGia Lai,,petitions,total,1001,5,x\nGia Lai,,petitions,total,1944,5,y\n",
    f"Gia Lai,,petitions,total,2023,{'1' * 401},x\nGia Lai,,dialogues,total,2023,20000000,x\n"
    "Gia Lai,,petitions,total,2022,20000000,x\n",
]
# The same with a publication date: unreadable, out of range, fine.
PUBLISHED_ROWS = ("locality,indicator,period,value,source,published\n"
                  "Gia Lai,petitions,2023,5,A,31/02/2024\nGia Lai,petitions,2022,5,B,9999-12-31\n"
                  "Gia Lai,petitions,2021,5,C,2024-12\nGia Lai,petitions,2020,5,D,1944\n")


def test_bad_publication_dates_give_the_same_messages_both_ways(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(PUBLISHED_ROWS, encoding="utf-8")
    rows, columns = both(path)
    assert len(rows.errors) == 3 and columns.errors == rows.errors


@pytest.mark.parametrize("rows_text", BAD_ROWS)
def test_bad_rows_give_the_same_messages_both_ways(tmp_path, rows_text):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + GOOD + rows_text, encoding="utf-8")
    rows, columns = both(path)
    assert rows.errors and columns.errors == rows.errors


@pytest.mark.parametrize("name", sorted(GOOD_TABLES))
def test_good_tables_give_the_same_database_both_ways(tmp_path, name, monkeypatch):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / f"{name}.csv").write_text(GOOD_TABLES[name], encoding="utf-8")
    got = {}
    for way, threshold in (("rows", 10**9), ("columns", 1)):
        monkeypatch.setattr("etl.tables.BULK_ROWS", threshold)
        db = tmp_path / f"{way}.duckdb"
        summary = build(db, reports_dir=tmp_path / "none", tables_dir=tables, review_path=tmp_path / "none.csv",
                        progress=lambda _m: None)
        assert summary.errors == [] and summary.loaded > 0
        got[way] = database_rows(db)
    assert got["columns"] == got["rows"]


def test_large_tables_take_the_column_way_and_small_ones_the_row_way(tmp_path):
    small = tmp_path / "small.csv"
    small.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    large = tmp_path / "large.csv"
    lines = [f"Gia Lai,,reception_turns,total,{date(2000, 1, 1) + timedelta(days=i)},{i},x\n" for i in range(BULK_ROWS)]
    large.write_text(HEADER + "".join(lines), encoding="utf-8")
    gaz, cat = default_gazetteer(), load_catalog()
    assert read_table(small, gaz, cat).observations is None
    result = read_table(large, gaz, cat)
    assert result.figures == [] and result.observations.num_rows == BULK_ROWS == result.n_figures


@pytest.mark.parametrize(("text", "fast"), [
    (HEADER + GOOD, True),
    (HEADER + GOOD + "\n\n" + GOOD.replace("2024", "2023"), True),
    (HEADER + 'Gia Lai,,reception_turns,total,2024,"10",x\n', False),  # quotes: the csv module decides
    (HEADER + "Gia Lai,,reception_turns,total,2024,10\n", False),  # fewer cells
    (HEADER + GOOD + "Gia Lai,,reception_turns,total,2023,10,x,extra\n", False),  # more cells
    (HEADER + GOOD.replace("\n", "\r") + GOOD, False),  # a lone carriage return
])
def test_pyarrow_reads_a_csv_only_when_it_reads_it_like_the_csv_module(text, fast):
    assert (csv_columns(text.encode("utf-8"), "t.csv") is not None) is fast


def test_parquet_with_typed_columns_and_blank_rows(tmp_path):
    table = pa.table({"locality": ["Gia Lai", None, "Pleiku"], "indicator": ["petitions", None, "dialogues"],
                      "period": [2023, None, 2024], "value": [12.0, None, 3.0], "source": ["x", None, "x"]})
    path = tmp_path / "typed.parquet"
    pq.write_table(table, path)
    rows, columns = both(path)
    assert rows.errors == columns.errors == []
    assert [(f.locality_id, f.period_end.year, f.value, f.quote) for f in rows.figures] == [
        ("gia-lai", 2023, 12, "typed.parquet, dòng 2"), ("gia-lai.pleiku", 2024, 3, "typed.parquet, dòng 4")]
    assert columns.observations.column("quote").to_pylist() == ["typed.parquet, dòng 2", "typed.parquet, dòng 4"]


def test_encode_keeps_only_the_texts_a_column_uses():
    col = pa.DictionaryArray.from_arrays(pa.array([2, 2, None, 0], pa.int32()), pa.array([" a ", "b", "c", "d"]))
    enc = encode(col)
    assert [enc.values[i] for i in enc.idx] == ["c", "c", "", "a"]
    assert sorted(enc.values) == ["", "a", "c"]


def test_bulk_build_of_a_parquet_table_matches_the_csv_one(tmp_path):
    rows = [(y, v) for y in range(2010, 2025) for v in (1, 2)]
    text = HEADER + "".join(f"Gia Lai,,petitions,total,{y},{y - 2000},Báo {v}\n" for y, v in rows)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "t.csv").write_text(text, encoding="utf-8")
    frame = pa.csv.read_csv(io.BytesIO(text.encode()), convert_options=pa.csv.ConvertOptions(
        column_types={c: pa.string() for c in HEADER.strip().split(",")}))
    pq.write_table(frame, tmp_path / "b" / "t.parquet")
    got = []
    for folder in ("a", "b"):
        build(tmp_path / f"{folder}.duckdb", reports_dir=tmp_path / "none", tables_dir=tmp_path / folder,
              review_path=tmp_path / "none.csv", progress=lambda _m: None)
        con = duckdb.connect(str(tmp_path / f"{folder}.duckdb"), read_only=True)
        got.append(con.sql("SELECT locality_id, indicator, period_end, value, replace(quote, 'parquet', 'csv'), "
                           "replace(source_id, 'parquet', 'csv') FROM observations ORDER BY ALL").fetchall())
        con.close()
    assert got[0] == got[1] and len(got[0]) == 30
    assert np.all([r[3] == r[2].year - 2000 for r in got[0]])


def test_copying_a_table_keeps_one_message_per_bad_row(tmp_path):
    shutil.copy(BROKEN / "many_bad_rows.csv", tmp_path / "a.csv")
    rows, columns = both(tmp_path / "a.csv")
    assert len(rows.errors) == len(columns.errors) == 201
    assert rows.errors[-1] == "a.csv: còn 50 lỗi nữa (chỉ liệt kê 200 lỗi đầu)"


@pytest.mark.parametrize("name", sorted(GOOD_TABLES))
def test_good_tables_read_the_same_both_ways(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(GOOD_TABLES[name], encoding="utf-8")
    rows, columns = both(path)
    assert rows.errors == columns.errors == []
    got = columns.observations
    assert [(f.locality_id, f.indicator, f.breakdown, f.period_end, f.value, f.quote) for f in rows.figures] == list(
        zip(*(got.column(c).to_pylist() for c in ("locality_id", "indicator", "breakdown", "period_end", "value",
                                                    "quote")), strict=True))
    assert rows.sources == columns.sources
