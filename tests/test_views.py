"""etl/sql/views.sql: the value a chart shows when sources disagree (chosen_observations, through the
observation_choices table computed at build time) and the per-catalog counts, against the rule and
the counts computed directly over every observation."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.build import build

# Competing figures for Gia Lai's dialogues, one year per case of the rule (README, views.sql).
COMPETING = """locality,indicator,period,value,qualifier,derived,source,published
Gia Lai,dialogues,2015,10,exact,yes,Nguồn A,2024-12-01
Gia Lai,dialogues,2015,9,exact,no,Nguồn B,2020-01-01
Gia Lai,dialogues,2016,20,exact,no,Nguồn C,2021-01-01
Gia Lai,dialogues,2016,21,exact,no,Nguồn D,2022-01-01
Gia Lai,dialogues,2017,30,at_least,no,Nguồn E,2022-01-01
Gia Lai,dialogues,2017,29,exact,no,Nguồn F,2022-01-01
Gia Lai,dialogues,2018,40,exact,no,Nguồn G,2022-01-01
Gia Lai,dialogues,2018,41,exact,no,Nguồn H,2022-01-01
Gia Lai,dialogues,2019,50,exact,no,Nguồn G,2022-01-01
Gia Lai,dialogues,2019,50,exact,no,Nguồn H,2022-01-01
Gia Lai,dialogues,2020,60,exact,no,Nguồn G,2022-01-01
"""

# The rule written as it was first written: rank every observation of a key, keep the first.
RANKED_BY_WINDOW = """
SELECT * EXCLUDE (rank_in_key)
FROM (
    SELECT f.*,
           count(*) OVER k                  AS n_values,
           count(DISTINCT f.value) OVER k   AS n_distinct_values,
           row_number() OVER (
               PARTITION BY f.locality_id, f.indicator, f.breakdown, f.period_kind, f.period_start, f.period_end
               ORDER BY f.derived, f.source_published_date DESC NULLS LAST,
                        (f.qualifier = 'exact') DESC, f.value DESC, f.id
           ) AS rank_in_key
    FROM observation_facts f
    WINDOW k AS (PARTITION BY f.locality_id, f.indicator, f.breakdown, f.period_kind, f.period_start, f.period_end)
)
WHERE rank_in_key = 1
"""


@pytest.fixture(scope="module")
def competing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("competing")
    (folder / "competing.csv").write_text(COMPETING, encoding="utf-8")
    db = folder / "competing.duckdb"
    summary = build(db, tables_dir=folder, progress=lambda _m: None)
    assert summary.errors == []
    return db


def _rows(db: Path, sql: str, params: dict | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(("year", "shown", "n_values", "n_distinct"), [
    (2015, 9, 2, 2),    # printed over derived, though the derived one's source is newer
    (2016, 21, 2, 2),   # the most recently published source
    (2017, 29, 2, 2),   # exact over "hơn"
    (2018, 41, 2, 2),   # the larger value
    (2019, 50, 2, 1),   # two sources, one value
    (2020, 60, 1, 1),   # no competitor
])
def test_the_chosen_value_follows_the_rule(competing_db, year, shown, n_values, n_distinct):
    got = _rows(competing_db, "SELECT value, n_values, n_distinct_values FROM chosen_observations "
                              "WHERE locality_id = 'gia-lai' AND indicator = 'dialogues' AND year = $year "
                              "AND period_kind = 'year'", {"year": year})
    assert got == [(shown, n_values, n_distinct)]


@pytest.mark.parametrize("which", ["competing", "bundled"])
def test_chosen_observations_equal_the_rule_ranked_over_every_observation(competing_db, built_db, which):
    db = competing_db if which == "competing" else built_db
    differ = _rows(db, f"""
        SELECT count(*) FROM (
            (SELECT * FROM chosen_observations EXCEPT ALL ({RANKED_BY_WINDOW}))
            UNION ALL
            (({RANKED_BY_WINDOW}) EXCEPT ALL SELECT * FROM chosen_observations))""")
    assert differ == [(0,)]
    assert _rows(db, "SELECT count(*) FROM chosen_observations")[0][0] > 0


@pytest.mark.parametrize(("table", "direct"), [
    ("counts_by_breakdown", "SELECT indicator, breakdown, count(*) FROM observations GROUP BY ALL"),
    ("counts_by_locality", "SELECT locality_id, count(*) FROM observations GROUP BY ALL"),
    ("counts_by_source", "SELECT source_id, count(*), min(year(period_end)), max(year(period_end)) "
                         "FROM observations GROUP BY ALL"),
])
def test_counts_equal_the_counts_over_every_observation(competing_db, table, direct):
    assert sorted(_rows(competing_db, f"SELECT * FROM {table}")) == sorted(_rows(competing_db, direct))
