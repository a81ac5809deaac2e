"""core.data.queries and core.data.db on the bundled data: exact rows, read-only short-lived connections,
and the cache layer picking up a rebuilt database without a restart."""
import datetime as dt
import os
import shutil

import duckdb
import pandas as pd
import pytest

from core.data import db, measures, queries
from core.data.period import Period
from core.ui import cached


@pytest.fixture(autouse=True)
def _database(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))


def _rows(df, *cols):
    out = []
    for row in df[list(cols)].itertuples(index=False):
        out.append(tuple(None if pd.isna(v) else (v.date() if isinstance(v, pd.Timestamp) else v) for v in row))
    return out


def test_database_path_follows_the_setting(built_db, monkeypatch):
    assert db.database_path() == built_db
    monkeypatch.delenv("DANVAN_DB")
    assert db.database_path() == db.ROOT / "data" / "danvan.duckdb"


def test_missing_database_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(tmp_path / "none.duckdb"))
    with pytest.raises(db.DatabaseMissing):
        queries.indicators()


@pytest.mark.parametrize("sql", [
    "CREATE TABLE x (a INT)",
    "UPDATE build_info SET n_sources = 0",
    "ATTACH 'elsewhere.duckdb' AS other",
    "SELECT * FROM read_csv('data/localities.csv')",
    "SET enable_external_access = true",
])
def test_connections_are_read_only_and_read_only_the_database(sql):
    with db.connect() as con:
        with pytest.raises(duckdb.Error):
            con.execute(sql)
    assert queries.build_info()["n_sources"] == 44


def test_series_points_hanoi_gialai_models():
    points = queries.series_points("models_registered", "total", ["ha-noi", "gia-lai"], 2015, 2025)
    assert _rows(points, "locality_id", "period_kind", "period_start", "period_end", "is_full_year", "value") == [
        ("gia-lai", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31), True, 1556.0),
        ("ha-noi", "year", dt.date(2023, 1, 1), dt.date(2023, 12, 31), True, 13663.0),
        ("ha-noi", "partial", dt.date(2024, 1, 1), dt.date(2024, 7, 31), False, 24254.0),
        ("ha-noi", "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31), True, 11935.0),
        ("ha-noi", "cumulative", dt.date(2009, 1, 1), None, False, 160013.0),
    ]


def test_series_points_year_range_and_localities():
    points = queries.series_points("reception_turns", "total", ["gia-lai", "ha-noi.soc-son"], 2024, 2024)
    assert _rows(points, "locality_id", "year", "value", "derived") == [
        ("gia-lai", 2024, 2861.0, False),
        ("gia-lai", None, 69.0, False),  # a part-year figure whose period is unknown stays, for the count
    ]


def test_compare_periods_newest_first():
    periods = queries.compare_periods("models_registered", "total", "province")
    assert periods["key"].tolist() == ["2025", "2024", "partial:2024-01-01:2024-07-31", "2023", "2021"]


def test_compare_values_districts_of_hanoi_keep_every_district():
    values = queries.compare_values("commendations", "collective", Period.year(2024), "district", "ha-noi")
    assert len(values) == 30
    assert _rows(values[values["value"].notna()], "locality_id", "value") == [("ha-noi.hoan-kiem", 21.0)]


def test_compare_values_provinces_keep_the_named_ones():
    values = queries.compare_values("reception_turns", "total", Period.year(2024), "province",
                                    always=["ha-noi", "gia-lai"])
    assert _rows(values, "locality_id", "value") == [("ha-noi", None), ("gia-lai", 2861.0)]


def test_compare_values_of_a_part_year_period():
    period = Period.from_key("partial:2024-01-01:2024-07-31")
    values = queries.compare_values("models_registered", "total", period, "province")
    assert _rows(values, "locality_id", "value") == [("ha-noi", 24254.0)]


@pytest.mark.parametrize(
    ("filters", "n"),
    [
        ({}, 122),
        ({"province": "ha-noi"}, 65),
        ({"province": "ha-noi", "district": "ha-noi.soc-son"}, 10),
        ({"indicator": "reception_turns", "year": 2024}, 2),  # s004's 2.861 and h900's appendix table
        ({"period_kind": "partial", "province": "gia-lai"}, 12),
        ({"indicator": "inspections", "year": 1990}, 0),
    ],
)
def test_observations_filters(filters, n):
    assert len(queries.observations(**filters)) == n


def test_sources_count_every_figure():
    sources = queries.sources()
    assert sources["n_observations"].sum() == 122
    from_s004 = queries.observations(province="gia-lai").query("source_id == 's004.txt'")
    assert sources.set_index("id").at["s004.txt", "n_observations"] == len(from_s004)


def test_profile_points_soc_son():
    points = queries.profile_points("ha-noi.soc-son")
    assert points["indicator"].drop_duplicates().tolist() == ["models_recognized", "dialogues", "dialogue_opinions"]
    assert len(points) == 10


def test_year_bounds_and_build_info():
    assert queries.year_bounds() == (2015, 2025)
    assert queries.build_info()["n_observations"] == 122


def test_cached_queries_follow_a_rebuilt_file(built_db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_db, copy)
    monkeypatch.setenv("DANVAN_DB", str(copy))
    assert cached.build_info()["n_sources"] == 44
    new = tmp_path / ".copy.duckdb.tmp"  # what a rebuild does: a new file swapped into the same place
    shutil.copy(built_db, new)
    with duckdb.connect(str(new)) as con:
        con.execute("UPDATE build_info SET n_sources = 31")
        con.execute("CHECKPOINT")
    os.replace(new, copy)
    assert cached.build_info()["n_sources"] == 31


@pytest.mark.parametrize("filters", [{}, {"province": "gia-lai"}, {"indicator": "petitions", "period_kind": "partial"}])
def test_count_and_limit_agree_with_the_rows(filters):
    every = queries.observations(**filters)
    assert queries.count_observations(**filters) == len(every)
    first = queries.observations(**filters, limit=3)
    assert first["id"].tolist() == every["id"].tolist()[:3]


@pytest.mark.parametrize("localities", [["ha-noi", "gia-lai"], ["gia-lai", "ha-noi.soc-son", "gia-lai-2025"]])
def test_headline_points_hold_what_the_cards_read(localities):
    """The cards from headline_points equal the cards from every year and part-year figure."""
    catalog = queries.indicators()
    headline = catalog.loc[catalog["headline"], "code"].tolist()
    every = []
    for indicator in headline:
        for b in queries.breakdowns(indicator).itertuples():
            points = queries.series_points(indicator, b.code, localities, 1900, 2100)
            points = points[points["period_end"].notna() & points["period_kind"].isin(["year", "partial"])]
            every.append(points.assign(breakdown_order=b.sort_order))
    every = pd.concat(every, ignore_index=True)
    got = queries.headline_points(localities)
    assert 0 < len(got) <= len(every)
    expected = measures.headline_cards(every, localities, headline)
    assert not expected.empty
    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.astype(object).where(frame.notna(), None)

    pd.testing.assert_frame_equal(plain(measures.headline_cards(got, localities, headline)), plain(expected))


# --- the units of both eras (issue 10) ------------------------------------------------------------------------

def test_localities_list_provinces_old_districts_and_the_new_communes_under_provinces():
    frame = queries.localities()
    assert frame.groupby("level").size().to_dict() == {"commune": 3321, "district": 60, "province": 87}
    assert set(frame.loc[frame["level"] == "commune", "parent_id"]) <= set(frame.loc[frame["level"] == "province",
                                                                                      "id"])
    assert (frame.loc[frame["parent_id"] == "ha-noi", "level"].value_counts().to_dict()
            == {"commune": 126, "district": 30})
    assert (frame["parent_id"] == "gia-lai-2025").sum() == 135


@pytest.mark.parametrize(("text", "found"), [
    # tone marks, case and spaces do not matter; exact names first, then districts before communes
    ("Sóc Sơn", ["ha-noi.soc-son", "ha-noi.soc-son.thi-tran-soc-son", "ha-noi.xa-soc-son"]),
    ("  SOC   son ", ["ha-noi.soc-son", "ha-noi.soc-son.thi-tran-soc-son", "ha-noi.xa-soc-son"]),
    # namesakes of three provinces, the old ward of Pleiku first (it ended, so it comes before the new ones)
    ("dien hong", ["gia-lai.pleiku.phuong-dien-hong", "gia-lai-2025.phuong-dien-hong",
                   "ho-chi-minh-2025.phuong-dien-hong"]),
    ("Đa Phúc", ["ha-noi.xa-da-phuc"]),
    # an alias finds the unit it names
    ("Thủ đô Hà Nội", ["ha-noi"]),
    ("", []),
    ("x'; DROP TABLE localities; --", []),
])
def test_search_units(text, found):
    assert queries.search_units(text)["id"].tolist() == found


def test_search_units_says_how_many_it_found_beyond_the_limit():
    frame = queries.search_units("phú", limit=5)
    assert len(frame) == 5 and int(frame["n_found"].iloc[0]) > 5
    first = queries.search_units("Sóc Sơn").iloc[0]
    assert [(b["name"], b["share"]) for b in first["became"]][:2] == [("Kim Anh", "part"), ("Nội Bài", "part")]
    assert int(first["n_observations"]) == 10


def test_unit_links_both_ways():
    after = queries.unit_links("ha-noi.soc-son")
    assert _rows(after, "direction", "id", "share", "is_locality") == [
        ("became", "ha-noi.xa-da-phuc", "part", True), ("became", "ha-noi.xa-kim-anh", "part", True),
        ("became", "ha-noi.xa-noi-bai", "part", True), ("became", "ha-noi.xa-soc-son", "part", True),
        ("became", "ha-noi.xa-trung-gia", "part", True)]
    before = queries.unit_links("ha-noi.xa-soc-son")
    assert _rows(before, "direction", "level", "name", "share", "is_locality", "n_observations")[:3] == [
        ("formed_from", "district", "Sóc Sơn", "part", True, 10),
        ("formed_from", "commune", "Đông Xuân", "whole", False, 0),
        ("formed_from", "commune", "Mai Đình", "part", False, 0)]
    assert len(before) == 10 and set(before["parent_name"][1:]) == {"Sóc Sơn"}
    assert queries.unit_links("ha-noi").empty


def test_predecessor_points_are_the_old_districts_figures():
    points = queries.predecessor_points("ha-noi.phuong-ba-dinh")  # quận Ba Đình has none
    assert points["locality_id"].value_counts().to_dict() == {"ha-noi.tay-ho": 8, "ha-noi.hoan-kiem": 2}
    assert points["locality_id"].tolist() == sorted(points["locality_id"])  # district by district
    assert queries.predecessor_points("ha-noi.soc-son").empty  # an old district has no predecessors


def test_compare_values_keeps_every_commune_of_a_province(reform_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(reform_db))
    values = queries.compare_values("reception_turns", "total", Period("partial", dt.date(2026, 1, 1),
                                                                       dt.date(2026, 9, 30)), "commune", "ha-noi")
    assert len(values) == 126
    assert sorted(_rows(values[values["value"].notna()], "locality_id", "value")) == [
        ("ha-noi.phuong-ba-dinh", 412.0), ("ha-noi.phuong-cua-nam", 207.0), ("ha-noi.phuong-hoan-kiem", 385.0),
        ("ha-noi.xa-da-phuc", 131.0), ("ha-noi.xa-soc-son", 164.0)]
    profile = queries.profile_points("ha-noi.phuong-ba-dinh")
    assert _rows(profile, "indicator", "period_start", "value", "crosses_validity") == [
        ("reception_turns", dt.date(2025, 1, 1), 400.0, True), ("reception_turns", dt.date(2026, 1, 1), 412.0, False),
        ("models_registered", dt.date(2026, 1, 1), 46.0, False)]
