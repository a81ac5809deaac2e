-- Views the dashboard reads (and the small tables they use, computed once at build time). Which value a chart shows when sources disagree (the rule,
-- also in README): printed over derived, then the most recently published source, then
-- exact over "hơn"/"gần", then the larger value; every value stays in `observation_facts`.

CREATE VIEW observation_facts AS
SELECT
    o.*,
    COALESCE(p.id, l.id)                          AS province_id,
    COALESCE(p.name, l.name)                      AS province,
    CASE WHEN l.level = 'province' THEN NULL ELSE l.id END   AS district_id,
    CASE WHEN l.level = 'province' THEN '' ELSE l.name END   AS district,
    l.level                                       AS locality_level,
    l.kind                                        AS locality_kind,
    l.valid_to                                    AS locality_valid_to,
    year(o.period_end)                            AS year,
    -- A full calendar year: the one test of it, read by yearly_series and the pages' queries.
    (o.period_kind = 'year'
     AND o.period_start = make_date(year(o.period_end), 1, 1)
     AND o.period_end = make_date(year(o.period_end), 12, 31)) AS is_full_year,
    i.name_vi                                     AS indicator_vi,
    i.name_en                                     AS indicator_en,
    i.unit_vi                                     AS unit_vi,
    i.unit_en                                     AS unit_en,
    b.name_vi                                     AS breakdown_vi,
    b.name_en                                     AS breakdown_en,
    s.title                                       AS source_title,
    s.publisher                                   AS source_publisher,
    s.url                                         AS source_url,
    s.published                                   AS source_published,
    s.published_date                              AS source_published_date,
    s.kind                                        AS source_kind
FROM observations o
JOIN localities l ON l.id = o.locality_id
LEFT JOIN localities p ON p.id = l.parent_id
JOIN indicators i ON i.code = o.indicator
LEFT JOIN breakdowns b ON b.indicator = o.indicator AND b.code = o.breakdown
JOIN sources s ON s.id = o.source_id;

-- One row per locality × indicator × breakdown × period where several values compete.
CREATE VIEW conflicts AS
SELECT locality_id, indicator, breakdown, period_kind, period_start, period_end,
       count(DISTINCT value)            AS n_values,
       count(DISTINCT source_id)        AS n_sources,
       list(DISTINCT value ORDER BY value) AS vals,
       list(DISTINCT source_id ORDER BY source_id) AS source_ids
FROM observations
GROUP BY ALL
HAVING count(DISTINCT value) > 1 AND count(DISTINCT source_id) > 1;

-- Where several values compete for one locality × indicator × breakdown × period, one row per
-- competing observation: whether it is the one shown (the rule above) and how many values compete.
-- A table, computed once at build time over the few keys with more than one value (0.4 s for 2.1
-- million observations): ranking every observation again in each page query took 0.2–1.6 s and
-- stopped filters on place and indicator from reaching the scan.
CREATE TABLE observation_choices AS
WITH competing AS (
    SELECT locality_id, indicator, breakdown, period_kind, period_start, period_end
    FROM observations
    GROUP BY ALL
    HAVING count(*) > 1
), candidates AS (
    SELECT o.id, o.locality_id, o.indicator, o.breakdown, o.period_kind, o.period_start, o.period_end,
           o.value, o.qualifier, o.derived, s.published_date
    FROM observations o
    JOIN competing k
      ON k.locality_id = o.locality_id AND k.indicator = o.indicator AND k.breakdown = o.breakdown
     AND k.period_kind = o.period_kind
     AND k.period_start IS NOT DISTINCT FROM o.period_start AND k.period_end IS NOT DISTINCT FROM o.period_end
    JOIN sources s ON s.id = o.source_id
)
SELECT id,
       row_number() OVER (
           PARTITION BY locality_id, indicator, breakdown, period_kind, period_start, period_end
           ORDER BY derived, published_date DESC NULLS LAST, (qualifier = 'exact') DESC, value DESC, id
       ) = 1                          AS chosen,
       count(*) OVER k                AS n_values,
       count(DISTINCT value) OVER k   AS n_distinct_values
FROM candidates
WINDOW k AS (PARTITION BY locality_id, indicator, breakdown, period_kind, period_start, period_end)
ORDER BY id;

-- One row per locality × indicator × breakdown × period: the value a chart shows (every
-- observation without a competitor, and the chosen one among competitors).
CREATE VIEW chosen_observations AS
SELECT f.*,
       coalesce(x.n_values, 1)          AS n_values,
       coalesce(x.n_distinct_values, 1) AS n_distinct_values
FROM observation_facts f
LEFT JOIN observation_choices x ON x.id = f.id
WHERE x.id IS NULL OR x.chosen;

-- Full calendar years only: one row per locality × indicator × breakdown × year.
-- Partial-year, cumulative and one-day figures never enter this view.
CREATE VIEW yearly_series AS
SELECT *
FROM chosen_observations
WHERE is_full_year;

-- Everything that is not a calendar year, kept apart so charts mark it instead of joining it.
CREATE VIEW other_periods AS
SELECT *
FROM chosen_observations
WHERE NOT coalesce(is_full_year, false);

-- How many figures each indicator × breakdown, locality and source has (the catalog lists of the
-- pages), counted once at build time instead of over every observation at each page's first run.
CREATE TABLE counts_by_breakdown AS
SELECT indicator, breakdown, count(*) AS n_observations
FROM observations
GROUP BY ALL
ORDER BY ALL;

CREATE TABLE counts_by_locality AS
SELECT locality_id, count(*) AS n_observations
FROM observations
GROUP BY ALL
ORDER BY ALL;

CREATE TABLE counts_by_source AS
SELECT source_id, count(*) AS n_observations,
       min(year(period_end)) AS first_year, max(year(period_end)) AS last_year
FROM observations
GROUP BY ALL
ORDER BY ALL;
