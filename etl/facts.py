"""Reading observations back out of the database (`python -m etl facts`): every observation with its
source, written by the product's one table writer (sheets/) as the data page's download is."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import duckdb
import pandas as pd

from etl.load import SQL
from sheets.writer import write_table

FACTS_SQL = SQL / "facts.sql"


def _connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise FileNotFoundError(f"chưa có cơ sở dữ liệu {db_path}: chạy `python -m etl build` trước")
    return duckdb.connect(str(db_path), read_only=True)


def write_facts(db_path: Path, fmt: str, out: BinaryIO) -> None:
    """Every observation as a `fmt` file (csv, xlsx or parquet) on `out`, streamed from DuckDB."""
    con = _connect(db_path)
    try:
        reader = con.sql(FACTS_SQL.read_text(encoding="utf-8")).to_arrow_reader(100_000)
        write_table(fmt, reader.schema, reader, out)
    finally:
        con.close()


def read_facts(db_path: Path) -> pd.DataFrame:
    """The same rows as a DataFrame."""
    con = _connect(db_path)
    try:
        return con.sql(FACTS_SQL.read_text(encoding="utf-8")).df()
    finally:
        con.close()
