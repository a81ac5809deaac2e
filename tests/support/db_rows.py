"""Every row of a built database's tables, for tests that compare two builds or a build before and after."""
from __future__ import annotations

from pathlib import Path

import duckdb

DATA_TABLES = ("localities", "sources", "observations", "build_info")


def database_rows(db: Path, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        # Table names come from this module's callers, never from input.
        return {t: con.sql(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}
    finally:
        con.close()
