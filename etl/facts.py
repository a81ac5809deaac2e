"""Reading observations back out of the database (`python -m etl facts`)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

FACT_COLUMNS = ["doc", "province", "district", "indicator", "breakdown", "period_kind", "period_start",
                "period_end", "value", "qualifier", "derived", "quote", "source_url", "obtained"]


def read_facts(db_path: Path) -> pd.DataFrame:
    if not db_path.exists():
        raise FileNotFoundError(f"chưa có cơ sở dữ liệu {db_path}: chạy `python -m etl build` trước")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        df = con.sql("""
            SELECT source_id AS doc, province, district, indicator, breakdown, period_kind,
                   strftime(period_start, '%Y-%m-%d') AS period_start,
                   strftime(period_end, '%Y-%m-%d') AS period_end,
                   value, qualifier, CASE WHEN derived THEN 'yes' ELSE 'no' END AS derived,
                   quote, source_url, obtained
            FROM observation_facts
            ORDER BY source_id, indicator, breakdown, period_end NULLS FIRST, value
        """).df()
    finally:
        con.close()
    df = df.fillna({"period_start": "", "period_end": "", "source_url": "", "quote": "", "district": ""})
    df["value"] = [int(v) if float(v).is_integer() else v for v in df["value"]]
    return df[FACT_COLUMNS]
