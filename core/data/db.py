"""Read-only DuckDB connections to the current build of the database the ETL swaps in, and named SQL files."""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[2]
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


def database_version(path: Path | None = None) -> tuple[str, int, int, int]:
    """Identity of the file on disk (path, inode, mtime in ns, size): changes when the ETL swaps in a new build."""
    path = path or database_path()
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise DatabaseMissing(str(path)) from exc
    return (str(path.resolve()), stat.st_ino, stat.st_mtime_ns, stat.st_size)


# One open build per database path, shared by every session of the process. DuckDB keeps one
# database instance per path inside a process, so `duckdb.connect(path)` while any connection to
# it is open returns the file as it was when first opened, even after the ETL swapped in a new one.
# Instead each build is opened once, as an in-memory DuckDB with the file ATTACHed read-only (which
# opens the file itself, not the shared instance), keyed on the file's version; every query gets
# its own cursor on it. Opening a build costs 15–50 ms and leaves its blocks cached, so keeping it
# makes queries 2–3× faster than a connection per query. When a query finds a newer version, the
# old build is closed as soon as no query reads it any more.
_KEEP_PATHS = 4  # builds of other paths (database_at, tests) are closed beyond this many


@dataclass(eq=False)
class _Build:
    version: tuple[str, int, int, int]
    con: duckdb.DuckDBPyConnection
    readers: int = 0
    retired: bool = False

    def retire(self) -> None:
        self.retired = True
        if self.readers == 0:
            self.con.close()


_lock = threading.Lock()
_builds: OrderedDict[str, _Build] = OrderedDict()


def _open_build(path: Path, version: tuple[str, int, int, int]) -> _Build:
    con = duckdb.connect()
    try:
        con.execute("ATTACH $path AS db (READ_ONLY)", {"path": str(path)})
        # The pages' SQL reads this build only: no other file, no extension, no setting changed.
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except duckdb.Error:
        con.close()
        if not path.exists():
            raise DatabaseMissing(str(path)) from None
        raise
    return _Build(version, con)


def _lease(path: Path) -> tuple[_Build, duckdb.DuckDBPyConnection]:
    version = database_version(path)
    with _lock:
        build = _builds.get(version[0])
        if build is None or build.version != version:
            fresh = _open_build(path, version)  # opened after the stat: never older than its key
            if build is not None:
                build.retire()
            build = _builds[version[0]] = fresh
        _builds.move_to_end(version[0])
        while len(_builds) > _KEEP_PATHS:
            _builds.popitem(last=False)[1].retire()
        build.readers += 1
        try:
            cursor = build.con.cursor()
            cursor.execute("USE db")
        except BaseException:
            build.readers -= 1
            raise
    return build, cursor


def _release(build: _Build, cursor: duckdb.DuckDBPyConnection) -> None:
    cursor.close()
    with _lock:
        build.readers -= 1
        if build.retired and build.readers == 0:
            build.con.close()


@contextmanager
def connect(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the current build of the database, for one query (closed on exit).

    A build swapped in by the ETL is read from the next `connect()` on, whatever other sessions
    are still reading; a query in progress keeps reading the build it started on."""
    build, cursor = _lease(path or database_path())
    try:
        yield cursor
    finally:
        _release(build, cursor)


@cache
def sql_text(name: str) -> str:
    """The text of core/data/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, params: Mapping[str, Any] | None = None, path: Path | None = None) -> pd.DataFrame:
    """Run the named SELECT with bound $parameters and return all rows."""
    with connect(path) as con:
        return con.execute(sql_text(name), dict(params or {})).df()


@contextmanager
def batches(name: str, params: Mapping[str, Any] | None = None, path: Path | None = None,
            rows: int = 100_000) -> Iterator[pa.RecordBatchReader]:
    """The rows of the named SELECT as Arrow record batches of about `rows` rows, read while the
    block runs (for answers too large to hold as one DataFrame, such as a whole-country download)."""
    with connect(path) as con:
        yield con.sql(sql_text(name), params=dict(params or {})).to_arrow_reader(rows)
