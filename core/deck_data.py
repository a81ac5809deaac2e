"""What the deck spec CLI reads from the database: the catalog and the values of one chart.

Short-lived read-only connections, one per query, SQL in core/sql/deck_*.sql with $named
parameters. Kept apart from the pages' core.queries on purpose, so that the CLI can later take its
data from there (switch `chart_values` and `load_catalog` to core.queries and delete this module).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).resolve().parent / "sql"
DB_ENV = "DANVAN_DB"


class DatabaseNotFound(FileNotFoundError):
    """No database at the configured path (build one with `make db`)."""


def database_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The database: `db`, else $DANVAN_DB, else data/danvan.duckdb (the same setting as the ETL)."""
    if db:
        return Path(db)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else ROOT / "data" / "danvan.duckdb"


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run_query(name: str, params: Mapping[str, Any] | None = None,
              db: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Rows of core/sql/<name>.sql with bound $parameters, on a connection opened for this query only."""
    path = database_path(db)
    if not path.is_file():
        raise DatabaseNotFound(f"chưa có cơ sở dữ liệu ở {path}: chạy `make db` (hoặc đặt {DB_ENV})")
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(_sql(name), dict(params or {})).df()
    finally:
        con.close()


@dataclass(frozen=True)
class Catalog:
    """Indicators, breakdowns and localities as the database has them."""

    indicators: pd.DataFrame
    breakdowns: pd.DataFrame
    localities: pd.DataFrame

    def indicator(self, code: str) -> Mapping[str, Any]:
        return self.indicators.set_index("code").loc[code].to_dict()

    def breakdown(self, indicator: str, code: str) -> Mapping[str, Any]:
        rows = self.breakdowns[(self.breakdowns.indicator == indicator) & (self.breakdowns.code == code)]
        return rows.iloc[0].to_dict()

    def locality(self, locality_id: str) -> Mapping[str, Any]:
        return self.localities.set_index("id").loc[locality_id].to_dict()


@lru_cache(maxsize=4)
def _catalog(path: str, _version: tuple[int, int]) -> Catalog:
    return Catalog(
        indicators=run_query("deck_indicators", db=path),
        breakdowns=run_query("deck_breakdowns", db=path),
        localities=run_query("deck_localities", db=path),
    )


def load_catalog(db: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog, read again whenever the ETL has swapped in a new database file."""
    path = database_path(db)
    if not path.is_file():
        raise DatabaseNotFound(f"chưa có cơ sở dữ liệu ở {path}: chạy `make db` (hoặc đặt {DB_ENV})")
    stat = path.stat()
    return _catalog(str(path), (stat.st_mtime_ns, stat.st_size))


def chart_values(indicator: str, breakdown: str, localities: Sequence[str], years: Sequence[int],
                 db: str | os.PathLike[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(full-year values for the years and the year before the first, values of other periods
    overlapping the years) of one indicator × breakdown for the localities."""
    first, last = min(years), max(years)
    common = {"indicator": indicator, "breakdown": breakdown, "localities": list(localities)}
    yearly = run_query("deck_yearly_values", {**common, "year_from": first - 1, "year_to": last}, db)
    other = run_query("deck_other_values", {**common, "day_from": dt.date(first, 1, 1),
                                            "day_to": dt.date(last, 12, 31)}, db)
    return yearly, other
