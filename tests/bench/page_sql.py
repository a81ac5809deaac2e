"""The SQL the pages run (core/data/sql/*.sql, found at run time) with typical parameters, for the
benchmark (tests/bench/run.py) and the concurrency test (tests/test_hardening.py).

`python tests/bench/page_sql.py DB SECONDS [START] [STOP_FILE]` asks them in a loop and prints one
JSON line per answer.

Each file gets its $parameters from PARAMS in two variants: one place (Gia Lai and its
districts) and the whole country (every province, every district). A file that asks for a
parameter not listed here is reported, not guessed.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from core.data.db import SQL_DIR, connect, query  # noqa: E402

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")

ONE_PLACE: dict[str, Any] = {
    "indicator": "reception_turns", "breakdown": "total", "localities": ["gia-lai", "ha-noi"],
    "year_from": 2010, "year_to": 2025, "level": "district", "parent": "gia-lai", "period_kind": "year",
    "period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31), "always": ["gia-lai", "ha-noi"],
    "locality": "gia-lai", "province": "gia-lai", "district": None, "year": 2023, "limit": 500,
    "day_from": date(2010, 1, 1), "day_to": date(2025, 12, 31),
    "text": "Sóc Sơn", "unit": "gia-lai-2025.phuong-dien-hong",  # a search by name, a unit's links
}


@dataclass(frozen=True)
class Case:
    name: str  # "<sql file> · <variant>"
    sql: str
    params: dict[str, Any]
    file: str = ""  # the core/data/sql file's stem


def sql_files() -> list[Path]:
    return sorted(SQL_DIR.glob("*.sql")) if SQL_DIR.is_dir() else []


def national(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The widest question a page can ask of this database: every province, no filter."""
    provinces = [r[0] for r in con.sql("SELECT id FROM localities WHERE level = 'province' "
                                       "AND valid_from IS NULL ORDER BY id").fetchall()]
    return {**ONE_PLACE, "localities": provinces, "always": provinces, "level": "province", "parent": None,
            "province": None, "year": None, "period_kind": "year", "indicator": "petitions"}


def cases(db: Path) -> tuple[list[Case], list[str]]:
    """Every page query in both variants, and the files left out with the reason."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        wide = national(con)
    finally:
        con.close()
    out, skipped = [], []
    for path in sql_files():
        sql = path.read_text(encoding="utf-8")
        names = sorted(set(_PARAM.findall(_without_comments(sql))))
        missing = [n for n in names if n not in ONE_PLACE]
        if missing:
            skipped.append(f"{path.name}: tham số lạ {', '.join(missing)}")
            continue
        variants = [("một tỉnh", ONE_PLACE), ("toàn quốc", wide)] if names else [("", {})]
        for label, values in variants:
            out.append(Case(f"{path.stem}" + (f" · {label}" if label else ""), sql, {n: values[n] for n in names},
                            path.stem))
    return out, skipped


def _without_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def run(db: Path, case: Case) -> pd.DataFrame:
    """One page query as a page runs it: core.data.db.query (the process's open build of the file,
    reopened when the file changes) into a DataFrame; no result cache."""
    return query(case.file, case.params, path=db)


def digest(answer: pd.DataFrame) -> str:
    return hashlib.sha1(answer.to_csv(index=False).encode("utf-8")).hexdigest()


def read_loop(db: Path, seconds: float, start: int = 0, stop_file: Path | None = None) -> None:
    """Ask every page query in turn for `seconds` (or until `stop_file` exists) through core.data.db, as a
    dashboard process does (one open build, reopened when the ETL swaps in a new file), printing one
    JSON line per answer: the build it came from and its digest."""
    found, _ = cases(db)
    stop = time.monotonic() + seconds
    k = start
    while time.monotonic() < stop and not (stop_file and stop_file.exists()):
        case = found[k % len(found)]
        k += 1
        try:
            with connect(db) as con:
                build = con.sql("SELECT inputs_hash FROM build_info").fetchall()[0][0]
                answer = con.execute(case.sql, case.params).df()
            print(json.dumps({"build": build, "case": case.name, "digest": digest(answer)}), flush=True)
        except Exception as exc:  # noqa: BLE001 - every error is reported to the caller
            print(json.dumps({"case": case.name, "error": f"{type(exc).__name__}: {exc}"}), flush=True)


if __name__ == "__main__":
    read_loop(Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0,
              Path(sys.argv[4]) if len(sys.argv) > 4 else None)
