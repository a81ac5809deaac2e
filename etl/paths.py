"""Where the project's data lives, and the one setting that says where the database is."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REPORTS = DATA / "reports"
TABLES = DATA / "tables"
REVIEW = DATA / "review.csv"
LOCALITIES = DATA / "localities.csv"
INDICATORS = DATA / "indicators.yaml"
LEXICON = DATA / "lexicon.yaml"
DB_ENV = "DANVAN_DB"
DEFAULT_DB = DATA / "danvan.duckdb"


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database file: the CLI flag, else $DANVAN_DB, else data/danvan.duckdb."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(DB_ENV)
    return Path(env) if env else DEFAULT_DB
