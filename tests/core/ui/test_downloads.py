"""core.ui.downloads: the filtered rows come back the same from CSV, XLSX and Parquet; hostile text
comes out as text, never a formula, and never breaks a file; the page's file is `etl facts`' file."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from core.data import queries
from core.ui import downloads
from etl.build import build

ROOT = Path(__file__).resolve().parents[3]
NO_FILTER = {"province": None, "district": None, "indicator": None, "year": None, "period_kind": None}


def _read(fmt: str, data: bytes) -> pd.DataFrame:
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Vietnamese text correctly
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"year": "Int64"}, keep_default_na=False,
                           na_values=[""])
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data))
    return pd.read_parquet(io.BytesIO(data))


@pytest.mark.parametrize("fmt", downloads.FORMATS)
@pytest.mark.parametrize("filters", [{"province": "gia-lai"}, {}, {"indicator": "petitions", "period_kind": "partial"},
                                     {"year": 1900}])
def test_observations_file_holds_every_matching_row(built_db, monkeypatch, fmt, filters):
    monkeypatch.setenv("DANVAN_DB", str(built_db))
    expected = queries.observations(**filters)
    back = _read(fmt, downloads.observations_file(fmt, {**NO_FILTER, **filters}))
    assert list(back.columns) == downloads.COLUMNS
    assert back["id"].tolist() == expected["id"].tolist()
    assert back["value"].tolist() == expected["value"].tolist()
    assert back["period_end"].fillna("").astype(str).tolist() == [
        "" if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in expected["period_end"]]
    if filters.get("province"):
        assert len(back) == 39 and set(back["province"]) == {"Gia Lai"}  # Gia Lai and its districts


# Text an analyst or a report could hand in: formulas, and characters an XLSX cannot hold.
HOSTILE_TABLE = ("locality,indicator,period,value,source,publisher,source_url,note\n"
                 'Gia Lai,petitions,2023,31609,"=HYPERLINK(""http://x.example/"",""bấm"")",@SUM(A1),'
                 '"\t+1",-2+3\n')
HOSTILE_REPORT = ("---\ntitle: +cmd|' /C calc'!A0\nsource_url: https://example.org/a\npublisher: -Báo\n"
                  "published: 2024-12-05\n---\n\n=1+2 Năm 2024, tỉnh Gia Lai tiếp 2.861 lượt công dân đến kiến "
                  "nghị\x0b phản ánh tại trụ sở.\n")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "tables").mkdir()
    (root / "reports").mkdir()
    (root / "tables" / "t.csv").write_text(HOSTILE_TABLE, encoding="utf-8")
    (root / "reports" / "r.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    summary = build(root / "danvan.duckdb", reports_dir=root / "reports", tables_dir=root / "tables",
                    review_path=root / "none.csv", progress=lambda _m: None)
    assert summary.loaded == 2
    return root / "danvan.duckdb"


def _is_formula(text: str) -> bool:
    return text.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@") or text[:1] in ("\t", "\r")


def test_the_xlsx_download_of_hostile_text_is_text_and_numbers_stay_numbers(hostile_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(hostile_db))
    ws = openpyxl.load_workbook(io.BytesIO(downloads.observations_file("xlsx", NO_FILTER))).active
    rows = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()]
    cells = [dict(zip(downloads.COLUMNS, row, strict=True)) for row in rows[1:]]
    assert all(kind != "f" for row in rows for _, kind in row)
    assert not [v for c in cells for v, kind in c.values() if kind == "s" and _is_formula(v)]
    assert sorted(c["value"] for c in cells) == [(2861, "n"), (31609, "n")]
    by_source = {c["source_id"][0]: c for c in cells}
    assert by_source["r.txt"]["source_title"] == ("'+cmd|' /C calc'!A0", "s")
    assert by_source["r.txt"]["source_publisher"] == ("'-Báo", "s")
    assert by_source["r.txt"]["quote"][0].startswith("'=1+2 Năm 2024") and "nghị\ufffd phản" in by_source["r.txt"][
        "quote"][0]
    table = next(c for s, c in by_source.items() if s.startswith("t.csv"))
    assert (table["source_title"][0], table["source_publisher"][0], table["source_url"][0]) == (
        '\'=HYPERLINK("http://x.example/","bấm")', "'@SUM(A1)", "'+1")  # cells are read stripped


def test_the_csv_download_of_hostile_text_has_no_formula_cell(hostile_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(hostile_db))
    data = downloads.observations_file("csv", NO_FILTER).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == downloads.COLUMNS
    assert not [v for row in rows[1:] for v in row if _is_formula(v)]
    assert sorted(dict(zip(rows[0], r, strict=True))["value"] for r in rows[1:]) == ["2861", "31609"]


@pytest.mark.parametrize("fmt", downloads.FORMATS)
def test_the_page_download_is_the_file_etl_facts_writes(hostile_db, monkeypatch, fmt):
    monkeypatch.setenv("DANVAN_DB", str(hostile_db))
    page = downloads.observations_file(fmt, NO_FILTER)
    cli = subprocess.run([sys.executable, "-m", "etl", "facts", "--format", fmt, "--db", str(hostile_db)], cwd=ROOT,
                         capture_output=True, timeout=120, check=True).stdout
    if fmt == "csv":
        assert cli == page
    elif fmt == "parquet":
        assert pq.read_table(io.BytesIO(cli)).equals(pq.read_table(io.BytesIO(page)))
    else:
        def cells(data: bytes) -> list[list[tuple[object, str]]]:
            return [[(c.value, c.data_type) for c in r] for r in openpyxl.load_workbook(io.BytesIO(data)).active.rows]
        assert cells(cli) == cells(page)
