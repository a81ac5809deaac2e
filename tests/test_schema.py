"""The database's rules: grain, keys, not-null, references, parts within totals, views that keep
full years apart from partial and cumulative figures."""
from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
    yield c
    c.close()


def scalar(con, sql):
    return con.execute(sql).fetchall()[0][0]


@pytest.mark.parametrize(("table", "key"), [
    ("localities", "id"), ("indicators", "code"), ("breakdowns", "indicator, code"), ("sources", "id"),
    ("observations", "id"),
    ("observations",
     "source_id, locality_id, indicator, breakdown, period_kind, period_start, period_end, value, derived, figure_ref"),
    ("yearly_series", "locality_id, indicator, breakdown, year"),
    ("former_communes", "id"), ("locality_links", "old_id, new_id"), ("admin_units", "id"),
    ("reform_links", "old_id, new_id"), ("unit_search", "id, known_as"),
])
def test_grain_is_unique(con, table, key):
    assert scalar(con, f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}") == 0


@pytest.mark.parametrize("column", ["locality_id", "indicator", "breakdown", "period_kind", "value", "qualifier",
                                    "derived", "source_id", "obtained"])
def test_observation_columns_not_null(con, column):
    assert scalar(con, f"SELECT count(*) FROM observations WHERE {column} IS NULL") == 0


def test_every_observation_has_a_source_and_known_place(con):
    assert scalar(con, "SELECT count(*) FROM observations o LEFT JOIN sources s "
                       "ON s.id = o.source_id WHERE s.id IS NULL") == 0
    assert scalar(con, "SELECT count(*) FROM observations o LEFT JOIN localities l "
                       "ON l.id = o.locality_id WHERE l.id IS NULL") == 0
    assert scalar(con, "SELECT count(*) FROM observations o LEFT JOIN breakdowns b "
                       "ON b.indicator = o.indicator AND b.code = o.breakdown WHERE b.code IS NULL") == 0


def test_parents_exist(con):
    assert scalar(con, "SELECT count(*) FROM localities c LEFT JOIN localities p ON p.id = c.parent_id "
                       "WHERE c.parent_id IS NOT NULL AND p.id IS NULL") == 0


def test_links_join_old_units_to_new_ones(con):
    assert scalar(con, "SELECT count(*) FROM locality_links k ANTI JOIN admin_units u ON u.id = k.old_id") == 0
    assert scalar(con, "SELECT count(*) FROM locality_links k JOIN localities o ON o.id = k.old_id "
                       "WHERE o.level <> 'district' OR o.valid_to <> DATE '2025-06-30'") == 0
    assert scalar(con, "SELECT count(*) FROM locality_links k JOIN localities n ON n.id = k.new_id "
                       "WHERE n.level <> 'commune' OR n.valid_from <> DATE '2025-07-01'") == 0
    assert scalar(con, "SELECT count(*) FROM former_communes c JOIN localities d ON d.id = c.parent_id "
                       "WHERE d.level = 'district'") == scalar(con, "SELECT count(*) FROM former_communes")
    assert scalar(con, "SELECT count(*) FROM reform_links") == \
        scalar(con, "SELECT count(*) FROM locality_links") + \
        scalar(con, "SELECT count(*) FROM localities WHERE successor_id IS NOT NULL")


def test_reference_data_counts(con):
    assert scalar(con, "SELECT count(*) FROM localities WHERE parent_id = 'ha-noi' AND level = 'district'") == 30
    assert scalar(con, "SELECT count(*) FROM localities WHERE parent_id = 'gia-lai' AND level = 'district'") == 17
    assert scalar(con, "SELECT count(*) FROM localities WHERE parent_id = 'binh-dinh' AND level = 'district'") == 11
    assert scalar(con, "SELECT count(*) FROM localities WHERE parent_id = 'ha-noi' AND level = 'commune'") == 126
    assert scalar(con, "SELECT count(*) FROM localities WHERE parent_id = 'gia-lai-2025' AND level = 'commune'") == 135
    assert scalar(con, "SELECT count(*) FROM localities WHERE level = 'commune' AND valid_from = DATE '2025-07-01'") \
        == 3321
    assert scalar(con, "SELECT count(*) FROM localities "
                       "WHERE level = 'district' AND valid_to <> DATE '2025-06-30'") == 0
    assert con.execute("SELECT valid_from, gso_code FROM localities WHERE id = 'gia-lai-2025'").fetchall()[0] == \
        (__import__("datetime").date(2025, 7, 1), "52")


def test_parts_do_not_exceed_totals(con):
    over = con.sql("""
        SELECT t.id, t.value, sum(p.value) AS parts
        FROM observations t
        JOIN breakdowns b ON b.indicator = t.indicator AND b.part_of = t.breakdown
        JOIN observations p ON p.indicator = t.indicator AND p.breakdown = b.code AND p.source_id = t.source_id
             AND p.locality_id = t.locality_id AND p.period_kind = t.period_kind
             AND p.period_start IS NOT DISTINCT FROM t.period_start AND p.period_end IS NOT DISTINCT FROM t.period_end
             AND p.derived = t.derived
        GROUP BY t.id, t.value
        HAVING sum(p.value) > t.value
    """).fetchall()
    assert over == []


def test_yearly_series_has_only_full_years(con):
    assert scalar(con, "SELECT count(*) FROM yearly_series WHERE period_kind <> 'year' "
                       "OR month(period_start) <> 1 OR day(period_end) <> 31 OR month(period_end) <> 12") == 0
    assert scalar(con, "SELECT count(*) FROM yearly_series WHERE indicator = 'models_registered' "
                       "AND locality_id = 'ha-noi' AND value = 24254") == 0
    assert scalar(con, "SELECT count(*) FROM other_periods WHERE value = 24254 AND period_kind = 'partial'") == 1


def test_old_and_merged_gia_lai_are_different_series(con):
    rows = con.sql("SELECT DISTINCT locality_id FROM observation_facts WHERE province = 'Gia Lai' "
                   "AND district = '' ORDER BY 1").fetchall()
    assert rows == [("gia-lai",), ("gia-lai-2025",)]
