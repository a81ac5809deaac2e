"""Analyst tables uploaded through the intake (.csv, .xlsx, .parquet): checked when they come in
exactly as the build checks data/tables (etl/tables.py), so a table that would load nothing is
refused with its rows' messages and never kept. A table has no decisions: its rows are its
analyst's own figures, each naming its source, and a publish loads it whole."""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from etl.catalog import Catalog
from etl.errors import InputError
from etl.gazetteer import Gazetteer
from etl.readers import check_file
from etl.tables import TableResult, read_table

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")
SHOWN_ERRORS = 5  # a refused table's message lists this many of its bad rows, then counts the rest


def is_table(file_name: str) -> bool:
    """Whether an upload goes the table way (by its name; its content is checked against the name)."""
    return PurePosixPath(file_name).suffix.lower() in TABLE_SUFFIXES


def checked_table(path: Path, gaz: Gazetteer, catalog: Catalog) -> TableResult:
    """A table file read as the build reads it (large ones as columns); InputError with its bad rows
    when any row is bad."""
    check_file(path, name=path.name)  # size, an extension that lies, a zip bomb, merged header cells
    result = read_table(path, gaz, catalog)
    if result.errors:
        shown = result.errors[:SHOWN_ERRORS]
        more = len(result.errors) - len(shown)
        raise InputError("bảng không nạp được, không dòng nào được giữ (table refused): " + "; ".join(shown)
                         + (f"; … và {more} lỗi nữa" if more else ""), where=path.name)
    return result
