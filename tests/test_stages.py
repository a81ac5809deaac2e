"""The build's stages (etl/stages.py) called one by one, as the intake calls them: each gives its
outputs from its inputs, and run in order they make the very database `build()` makes."""
from __future__ import annotations

import shutil
from pathlib import Path

from etl import stages
from etl.catalog import load_catalog
from etl.extract import Extractor
from etl.gazetteer import default_gazetteer
from etl.locindex import ExtendedGazetteer
from etl.paths import REPORTS, REVIEW, TABLES
from etl.report_inputs import text_report
from tests.support.db_rows import database_rows

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
TABLES_OF_BUILD = ("localities", "indicators", "breakdowns", "sources", "observations", "build_info")


def test_the_stages_in_order_make_the_database_of_build(tmp_path, built_db):
    said: list[str] = []
    catalog = load_catalog()
    inputs = stages.read(REPORTS, TABLES, ExtendedGazetteer.load(), said.append)
    assert not inputs.synthetic and inputs.errors == [] and len(inputs.reports) == 44
    extracted = stages.extract(inputs.reports, Extractor(default_gazetteer()), said.append)
    reviewed = stages.review(extracted.figures, REVIEW, extracted.docs_read, inputs.reports)
    tables = stages.tables(TABLES, inputs.gazetteer, catalog, inputs.synthetic, said.append)
    checked = stages.validate([*reviewed.figures, *tables.figures], inputs.gazetteer, catalog, tables.bulk)
    db = tmp_path / "danvan.duckdb"
    new = stages.load(db, inputs.gazetteer, catalog, [*extracted.sources, *tables.sources], checked,
                      inputs.synthetic)
    assert not db.exists() and new.temp.exists()  # loaded, not yet swapped in
    assert stages.swap(new) == len(checked.figures) == 122
    assert not new.temp.exists()
    assert database_rows(db, TABLES_OF_BUILD) == database_rows(built_db, TABLES_OF_BUILD)
    assert len(said) == 44 and said[0].startswith("[1/44] h003.txt: ")


def test_extract_reads_each_report_in_turn_and_says_how_it_went():
    said: list[str] = []
    paths = [BROKEN / "report_empty.txt", REPORTS / "s004.txt", BROKEN / "report_no_figures.txt"]
    got = stages.extract([text_report(p) for p in paths], Extractor(default_gazetteer()), said.append)
    assert said == ["[1/3] report_empty.txt: LỖI tệp rỗng (empty file)", "[2/3] s004.txt: 13 số liệu",
                    "[3/3] report_no_figures.txt: 0 số liệu"]
    assert got.errors == [f"{paths[0]}: tệp rỗng (empty file)"]
    assert got.warnings == ["report_no_figures.txt: không có số liệu nào thuộc danh mục"]
    assert got.docs_read == {"s004.txt", "report_no_figures.txt"}
    assert [s.id for s in got.sources] == ["s004.txt", "report_no_figures.txt"]
    assert {f.doc for f in got.figures} == {"s004.txt"} and len(got.figures) == 13


def test_review_applies_the_decisions_on_the_reports_read_only():
    extracted = stages.extract([text_report(REPORTS / "s000.txt"), text_report(REPORTS / "s003.txt")],
                               Extractor(default_gazetteer()), lambda _line: None)
    got = stages.review(extracted.figures, REVIEW, extracted.docs_read)
    assert (len(got.rejected), got.corrected, got.added, got.stale, got.errors) == (3, 1, 0, [], [])
    assert len(got.figures) == len(extracted.figures) - 3
    assert [f.breakdown for f in got.figures if f.obtained == "corrected"] == ["city_commendation"]
    untouched = stages.review(extracted.figures, None, extracted.docs_read)
    assert untouched.figures == extracted.figures and untouched.rejected == []


def test_read_of_a_synthetic_folder_reads_no_report(tmp_path):
    folder = tmp_path / "syn"
    folder.mkdir()
    (folder / "synthetic.yaml").write_text("synthetic: true\n", encoding="utf-8")
    said: list[str] = []
    inputs = stages.read(REPORTS, folder, default_gazetteer(), said.append)
    assert inputs.synthetic and inputs.reports == [] and inputs.errors == []
    assert said == [f"{folder} là bộ dữ liệu GIẢ LẬP: không đọc báo cáo và tệp rà soát"]


def test_tables_refuses_a_broken_table_whole_and_loads_the_others(tmp_path):
    shutil.copy(ROOT / "data" / "examples" / "analyst_table_example.csv", tmp_path / "good.csv")
    shutil.copy(BROKEN / "unknown_locality.csv", tmp_path / "bad.csv")
    said: list[str] = []
    got = stages.tables(tmp_path, default_gazetteer(), load_catalog(), False, said.append)
    assert said == ["bảng bad.csv: LỖI (1 dòng), không nạp dòng nào của bảng này", "bảng good.csv: 5 dòng"]
    assert (got.read, got.rows, len(got.figures), got.bulk) == (1, 5, 5, [])
    assert len(got.errors) == 1 and got.errors[0].startswith("bad.csv dòng ")
