"""The synthetic national dataset: its shape, that it is the same for the same seed, that it builds
into a database marked synthetic, and that it never mixes with real data."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from etl.build import BuildFailed, build
from etl.catalog import load_catalog
from etl.locindex import ExtendedGazetteer
from etl.synth import N_COMMUNES, N_DISTRICTS, Synth, write_synthetic

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("syn") / "national"
    write_synthetic(out)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("syn") / "small"
    write_synthetic(out, provinces=3, years=6)
    return out


def all_rows(folder: Path) -> pa.Table:
    return pa.concat_tables([pq.read_table(p).cast(pa.schema([(c, pa.string()) for c in pq.read_table(p).column_names]))
                             for p in sorted(folder.glob("*.parquet"))])


def test_national_shape(national):
    marker = yaml.safe_load((national / "synthetic.yaml").read_text(encoding="utf-8"))
    assert marker["synthetic"] is True and "GIẢ LẬP" in marker["note"]
    assert (marker["provinces"], marker["districts"], marker["communes"]) == (63, N_DISTRICTS, N_COMMUNES)
    assert 2_000_000 <= marker["observations"] <= 3_000_000
    assert marker["years"] == [2010, 2024]
    assert sum(pq.ParquetFile(p).metadata.num_rows for p in national.glob("*.parquet")) == marker["observations"]


def test_every_indicator_and_breakdown_and_kind_of_period_is_there(national):
    rows = all_rows(national)
    catalog = load_catalog()
    pairs = set(zip(rows.column("indicator").to_pylist(), rows.column("breakdown").to_pylist(), strict=True))
    assert pairs == {(i.code, b.code) for i in catalog.indicators for b in i.breakdowns}
    periods = set(rows.column("period").to_pylist())
    assert {"2016-2020", "6 tháng đầu năm 2024", "9 tháng 2024", "6 tháng đầu năm 2025", "năm 2024", "2024"} <= periods
    assert any(p.count("-") == 2 for p in periods)  # one-day events
    assert set(rows.column("derived").to_pylist()) == {"", "yes"}
    assert set(rows.column("qualifier").to_pylist()) == {"", "at_least", "approx"}
    assert all(s.startswith("GIẢ LẬP — ") for s in set(rows.column("source").to_pylist()))


def test_the_same_seed_gives_the_same_files(small, tmp_path):
    again = tmp_path / "again"
    other = tmp_path / "other"
    write_synthetic(again, provinces=3, years=6)
    write_synthetic(other, provinces=3, years=6, seed=7)
    names = sorted(p.name for p in small.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert all((small / n).read_bytes() == (again / n).read_bytes() for n in names)
    assert (small / "nam-2024.parquet").read_bytes() != (other / "nam-2024.parquet").read_bytes()


def test_the_set_of_a_seed_is_what_it_was_before_generate_was_split():
    """Every row and every made-up place of a small set (Hà Nội, a city with its real districts, and
    two provinces), as one digest, taken from the code before Synth.generate was cut into parts."""
    synth = Synth(7, 6, 2024, 3, ExtendedGazetteer.load(), load_catalog())
    synth.generate()
    tables = synth.tables()
    digest = hashlib.sha256()
    for year, table in sorted(tables.items()):
        rows = {c: table[c].to_pylist() for c in table.column_names}
        digest.update(json.dumps([year, rows], ensure_ascii=False).encode())
    places = [[loc.id, loc.name, loc.kind, loc.parent_id] for loc in synth.new_localities]
    digest.update(json.dumps(places, ensure_ascii=False).encode())
    assert sum(t.num_rows for t in tables.values()) == 43_280
    assert digest.hexdigest() == "dd1245065f5672d3adcb6c9555eae467942b282a898afe292413d8ac4278ca1e"


def test_it_builds_into_a_synthetic_database_alone(small, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "data" / "reports" / "s004.txt", reports)  # real reports next to it are not read
    db = tmp_path / "syn.duckdb"
    summary = build(db, reports_dir=reports, tables_dir=small, progress=lambda _m: None)
    assert summary.errors == [] and summary.reports_read == 0 and summary.synthetic
    assert "DỮ LIỆU GIẢ LẬP (synthetic): cơ sở dữ liệu này không chứa số liệu thật." in summary.lines()
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.sql("SELECT synthetic, n_observations FROM build_info").fetchall() == [(True, summary.loaded)]
        assert con.sql("SELECT count(*) FROM sources WHERE kind <> 'table' OR title NOT LIKE 'GIẢ LẬP — %'"
                       ).fetchall() == [(0,)]
        levels = dict(con.sql("SELECT l.level, count(DISTINCT o.locality_id) FROM observations o "
                              "JOIN localities l ON l.id = o.locality_id GROUP BY 1").fetchall())
        assert levels["province"] == 3 and levels["district"] > 30 and levels["commune"] > 300
        # Gaps: not every commune reports every indicator every year.
        full = con.sql("SELECT count(*) FROM localities WHERE level = 'commune' AND note = 'giả lập (synthetic)'"
                       ).fetchall()[0][0] * 6
        have = con.sql("SELECT count(*) FROM yearly_series y JOIN localities l ON l.id = y.locality_id "
                       "WHERE l.level = 'commune' AND indicator = 'petitions' AND breakdown = 'total'").fetchall()[0][0]
        assert 0.7 * full < have < full
        kinds = dict(con.sql("SELECT period_kind, count(*) FROM observations GROUP BY 1").fetchall())
        assert set(kinds) == {"year", "partial", "cumulative", "event"}
    finally:
        con.close()


def test_a_real_table_in_a_synthetic_folder_is_refused(small, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(small, folder)
    shutil.copy(ROOT / "data" / "examples" / "analyst_table_example.csv", folder / "real.csv")
    with pytest.raises(BuildFailed) as failed:
        build(tmp_path / "x.duckdb", tables_dir=folder, progress=lambda _m: None)
    assert ("real.csv: nguồn 'Hội nghị tổng kết công tác dân vận năm 2024 tỉnh Gia Lai' là dữ liệu thật, "
            "không được nạp cùng dữ liệu GIẢ LẬP") in failed.value.summary.errors
    assert not (tmp_path / "x.duckdb").exists()


def test_synth_never_overwrites_a_folder_of_other_files(tmp_path):
    (tmp_path / "keep.csv").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_synthetic(tmp_path, provinces=1, years=3)
    assert (tmp_path / "keep.csv").read_text(encoding="utf-8") == "x"
