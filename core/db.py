"""Short-lived read-only DuckDB connections to the database the ETL builds, and named SQL files."""
from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).resolve().parent / "sql"
DB_ENV = "DANVAN_DB"
DEFAULT_DB = ROOT / "data" / "danvan.duckdb"


class DatabaseMissing(FileNotFoundError):
    """The database file does not exist yet (run `make db`)."""


# A database named for one block of code (`database_at`), e.g. the deck command's --db.
_chosen: ContextVar[Path | None] = ContextVar("danvan_db", default=None)


def database_path() -> Path:
    """The database file: the one `database_at` names, else $DANVAN_DB, else data/danvan.duckdb
    (the same setting as etl/paths.py)."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB


@contextmanager
def database_at(path: str | os.PathLike[str] | None) -> Iterator[Path]:
    """Within the block every query reads `path` (None: the usual setting), in this thread only."""
    token = _chosen.set(Path(path)) if path else None
    try:
        yield database_path()
    finally:
        if token is not None:
            _chosen.reset(token)


def database_version(path: Path | None = None) -> tuple[str, int, int]:
    """Identity of the file on disk (path, mtime in ns, size): changes when the ETL swaps in a new build."""
    path = path or database_path()
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise DatabaseMissing(str(path)) from exc
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@contextmanager
def connect(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-only connection, closed on exit so a rebuild is never blocked or hidden."""
    path = path or database_path()
    if not path.exists():
        raise DatabaseMissing(str(path))
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


@cache
def sql_text(name: str) -> str:
    """The text of core/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, params: Mapping[str, Any] | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run the named SELECT with bound $parameters and return all rows."""
    with connect(path) as con:
        return con.execute(sql_text(name), dict(params or {})).df()
