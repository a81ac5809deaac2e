"""Writing the database: the bulk-load schema, the checks that replace its per-row constraints,
and temporary files of killed builds."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pyarrow as pa
import pytest

from etl.catalog import load_catalog
from etl.gazetteer import default_gazetteer
from etl.load import SQL, SourceRow, remove_stale_temps, schema_sql, write_database


def test_bulk_schema_differs_only_by_the_key_and_references_of_observations():
    full, bulk = schema_sql(), schema_sql(bulk=True)
    assert full == (SQL / "schema.sql").read_text(encoding="utf-8")
    assert bulk.count("REFERENCES") == full.count("REFERENCES") - 3
    assert bulk.count("PRIMARY KEY") == full.count("PRIMARY KEY") - 1
    assert bulk.count("CHECK") == full.count("CHECK")
    head_full, obs_full = full.split("CREATE TABLE observations")
    head_bulk, obs_bulk = bulk.split("CREATE TABLE observations")
    assert head_bulk == head_full
    assert re.sub(r"\s+REFERENCES \w+ \(\w+\)", "", obs_full).replace("VARCHAR PRIMARY KEY", "VARCHAR NOT NULL", 1) \
        == obs_bulk


def bulk_rows(n: int, *, locality: str = "gia-lai", source: str = "t.csv#x", same_ref: bool = False) -> pa.Table:
    return pa.table({
        "locality_id": [locality] * n, "indicator": ["petitions"] * n, "breakdown": ["total"] * n,
        "period_kind": ["event"] * n, "period_start": pa.array([None] * n, pa.date32()),
        "period_end": pa.array([None] * n, pa.date32()), "value": [1.0] * n, "value_repr": ["1.0"] * n,
        "qualifier": ["exact"] * n, "derived": [False] * n, "derived_how": pa.array([None] * n, pa.string()),
        "source_id": [source] * n, "quote": ["q"] * n, "obtained": ["table"] * n,
        "figure_ref": ["1" if same_ref else str(i) for i in range(n)], "review_note": pa.array([None] * n, pa.string()),
    })


SOURCE = [SourceRow("t.csv#x", "table", "x", "", "", "", "t.csv", "h")]


@pytest.mark.parametrize(("table", "problem"), [
    (bulk_rows(100_000, same_ref=True), "mã số liệu trùng"),
    (bulk_rows(100_000, locality="atlantis"), "địa phương không có: atlantis"),
    (bulk_rows(100_000, source="khong-co"), "nguồn không có: khong-co"),
])
def test_a_bulk_load_that_breaks_a_key_or_reference_writes_nothing(tmp_path, table, problem):
    db = tmp_path / "db.duckdb"
    db.write_bytes(b"previous")
    with pytest.raises(RuntimeError) as err:
        write_database(db, default_gazetteer(), load_catalog(), SOURCE, [], bulk=[table])
    assert problem in str(err.value)
    assert db.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["db.duckdb"]


def test_a_good_bulk_load_is_written(tmp_path):
    db = tmp_path / "db.duckdb"
    assert write_database(db, default_gazetteer(), load_catalog(), SOURCE, [], bulk=[bulk_rows(100_000)]) == 100_000


def test_only_temporary_files_of_dead_builds_are_removed(tmp_path):
    db = tmp_path / "danvan.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = int(dead.stdout)
    stale = [tmp_path / f".danvan.duckdb.tmp-{gone}", tmp_path / f".danvan.duckdb.tmp-{gone}.wal"]
    alive = [tmp_path / f".danvan.duckdb.tmp-{os.getppid()}", tmp_path / ".danvan.duckdb.tmp-notapid",
             tmp_path / f".other.duckdb.tmp-{gone}"]
    for p in stale + alive:
        p.write_bytes(b"x")
    assert sorted(remove_stale_temps(db)) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in alive)
