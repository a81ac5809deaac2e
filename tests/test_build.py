"""The ETL build: what lands in the bundled database, idempotence, and failures that keep the old file."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import BuildFailed, build
from etl.evaluation import match_key, read_annotations
from etl.facts import read_facts
from tests.support.db_rows import database_rows
from tests.support.pipes import WAIT_S

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_reports_are_the_corpus_reports(corpus):
    bundled = sorted(p.name for p in (ROOT / "data" / "reports").glob("*.txt"))
    corpus_reports = {p.name: p for folder in ("reports", "reports-h") for p in (corpus / folder).glob("*.txt")}
    assert bundled == sorted(corpus_reports)
    for name in bundled:
        assert (ROOT / "data" / "reports" / name).read_bytes() == corpus_reports[name].read_bytes()


@pytest.fixture(scope="module")
def facts(built_db):
    return read_facts(built_db).rename(columns={"source_id": "doc"}).fillna({"district": "", "period_end": ""})


@pytest.fixture(scope="module")
def annotations(corpus):
    return read_annotations(corpus / "annotations.csv", corpus / "restated_seed_annotations.csv",
                            corpus / "annotations_h.csv")


def test_every_required_figure_is_in_the_database(facts, annotations):
    have = {(r.doc, match_key(r.province, r.district, r.indicator, r.period_end, r.value)) for r in facts.itertuples()}
    missing = [a for a in annotations if a["required"] == "yes" and
               (a["doc"], match_key(a["province"], a["district"], a["indicator"], a["period_end"], float(a["value"])))
               not in have]
    assert missing == []


def test_nothing_in_the_database_is_left_out_by_the_annotations(facts, annotations):
    gold = {(a["doc"], match_key(a["province"], a["district"], a["indicator"], a["period_end"], float(a["value"])))
            for a in annotations}
    extra = [r for r in facts.to_dict("records")
             if (r["doc"], match_key(r["province"], r["district"], r["indicator"], r["period_end"], r["value"]))
             not in gold]
    assert extra == []


def test_most_figures_are_extracted_not_curated(facts):
    counts = facts["obtained"].value_counts().to_dict()
    assert counts.get("extracted", 0) >= 0.9 * len(facts)
    assert set(counts) <= {"extracted", "corrected", "added"}


def test_every_fact_has_source_and_quote(facts, built_db):
    assert (facts["quote"] != "").all()
    con = duckdb.connect(str(built_db), read_only=True)
    urls = dict(con.sql("SELECT id, url FROM sources").fetchall())
    con.close()
    assert urls["s004.txt"] is None or urls["s004.txt"] == ""
    assert urls["r001.txt"].startswith("https://nhandan.vn/")


def test_derived_figures_say_how(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    rows = con.sql("SELECT value, derived_how FROM observations WHERE derived ORDER BY value").fetchall()
    con.close()
    assert [r[0] for r in rows] == [196, 2743, 24240]
    assert all("so với" in r[1] for r in rows)


def test_build_twice_gives_the_same_database(tmp_path, built_db):
    again = tmp_path / "again.duckdb"
    build(again, progress=lambda _m: None)
    tables = ("localities", "indicators", "breakdowns", "sources", "observations", "build_info")
    assert database_rows(again, tables) == database_rows(built_db, tables)


def test_failed_build_keeps_the_previous_database(tmp_path, built_db):
    db = tmp_path / "keep.duckdb"
    shutil.copy(built_db, db)
    before = db.read_bytes()
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "bad.csv").write_text("locality,indicator,period,value,source\n"
                                    "Atlantis,dialogues,2023,5,x\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(db, tables_dir=tables, progress=lambda _m: None)
    assert db.read_bytes() == before
    assert any("bad.csv dòng 2: địa phương không có trong danh mục: 'Atlantis'" in e
               for e in failed.value.summary.errors)
    assert not list(tmp_path.glob(".keep.duckdb.tmp-*"))


def test_keep_going_loads_the_rest(tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "bad.csv").write_text("locality,indicator,period,value,source\n"
                                    "Atlantis,dialogues,2023,5,x\n", encoding="utf-8")
    shutil.copy(ROOT / "data" / "examples" / "analyst_table_example.csv", tables / "good.csv")
    summary = build(tmp_path / "db.duckdb", tables_dir=tables, keep_going=True, progress=lambda _m: None)
    assert summary.written and summary.tables_read == 1 and summary.table_rows == 5
    assert len(summary.errors) == 1


def test_conflicting_sources_are_both_kept_and_reported(tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "other.csv").write_text(
        "locality,indicator,period,value,source\nGia Lai,reception_turns,2024,2900,Báo cáo khác\n", encoding="utf-8")
    summary = build(tmp_path / "db.duckdb", tables_dir=tables, progress=lambda _m: None)
    assert any("gia-lai reception_turns/total year" in c and "2861" in c and "2900" in c for c in summary.conflicts)
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    kept = con.sql("SELECT value FROM observations WHERE locality_id='gia-lai' AND indicator='reception_turns' "
                   "AND year(period_end)=2024 ORDER BY value").fetchall()
    shown = con.sql("SELECT value, source_id FROM yearly_series WHERE locality_id='gia-lai' "
                    "AND indicator='reception_turns' AND year=2024").fetchall()
    con.close()
    assert kept == [(2861,), (2861,), (2900,)]  # 2861 is printed in s004 and in h900's appendix table
    # The rule: printed over derived, then the most recently published source; the table has no date.
    assert shown == [(2861, "s004.txt")]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=WAIT_S)


def test_cli_extract_jsonl_and_csv():
    out = run_cli("extract", "data/reports/s004.txt", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout.splitlines()[0])
    assert list(first) == ["doc", "province", "district", "indicator", "breakdown", "period_kind", "period_start",
                           "period_end", "value", "qualifier", "derived", "quote"]
    assert first["doc"] == "s004.txt" and first["value"] == 2861
    out = run_cli("extract", "data/reports/s004.txt", "--format", "csv")
    rows = list(csv.DictReader(out.stdout.splitlines()))
    assert ("2743", "yes") in {(r["value"], r["derived"]) for r in rows}


def test_cli_extract_bad_file_names_it(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    out = run_cli("extract", str(p))
    assert out.returncode == 1
    assert f"{p}: tệp rỗng" in out.stderr


def test_cli_facts(built_db):
    out = run_cli("facts", "--format", "csv", "--db", str(built_db))
    rows = list(csv.DictReader(out.stdout.lstrip("\ufeff").splitlines()))
    assert set(rows[0]) >= {"source_id", "source_title", "source_publisher", "source_url", "obtained", "quote"}
    assert len(rows) == len(read_facts(built_db))
