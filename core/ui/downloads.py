"""Filtered observations as files to download, written by the product's one table writer (sheets/,
which `python -m etl facts` uses too): CSV (UTF-8 with a BOM, opens in Excel), XLSX and Parquet,
formula-safe, streamed from DuckDB's Arrow batches."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from core.data import queries
from sheets.writer import FORMATS, MIME, XLSX_MAX_ROWS, table_bytes

__all__ = ["COLUMNS", "FORMATS", "MIME", "XLSX_MAX_ROWS", "download_batch", "observations_file"]

# The columns a download carries, raw (machine-readable values, ISO dates), in this order; etl/sql/facts.sql
# gives the same (tests/core/ui/test_downloads.py compares the files).
COLUMNS = [
    "id", "province_id", "province", "district_id", "district", "indicator", "indicator_vi", "indicator_en",
    "breakdown", "breakdown_vi", "breakdown_en", "unit_vi", "unit_en", "period_kind", "period_start",
    "period_end", "year", "value", "qualifier", "derived", "derived_how", "obtained", "source_id",
    "source_title", "source_publisher", "source_published", "source_url", "quote",
]


def download_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A batch of observation rows as a download has them: its columns, dates as ISO text, year as integer."""
    columns, names = [], []
    for name in COLUMNS:
        if name not in batch.schema.names:
            continue
        column = batch.column(name)
        if name in ("period_start", "period_end"):
            column = pc.cast(column, pa.string())
        elif name == "year":
            column = pc.cast(column, pa.int64())
        columns.append(column)
        names.append(name)
    return pa.RecordBatch.from_arrays(columns, names=names)


def observations_file(fmt: str, filters: Mapping[str, Any]) -> bytes:
    """Every observation matching `filters` (core.data.queries.observations arguments) as a `fmt` file
    (one of FORMATS), made when the button is clicked. The whole country (2.1 million rows) is
    streamed, never a DataFrame (through pandas it took 30–55 s and 8.5 GB); an XLSX holds at most
    XLSX_MAX_ROWS rows (the page turns its button off above that)."""
    with queries.observation_batches(**filters) as reader:
        schema = download_batch(pa.RecordBatch.from_pylist([], schema=reader.schema)).schema
        return table_bytes(fmt, schema, (download_batch(b) for b in reader))
