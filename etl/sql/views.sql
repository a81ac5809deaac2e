-- Views the dashboard reads. Which value a chart shows when sources disagree (the rule,
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

-- One row per locality × indicator × breakdown × period: the value a chart shows.
CREATE VIEW chosen_observations AS
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
WHERE rank_in_key = 1;

-- Full calendar years only: one row per locality × indicator × breakdown × year.
-- Partial-year, cumulative and one-day figures never enter this view.
CREATE VIEW yearly_series AS
SELECT *
FROM chosen_observations
WHERE period_kind = 'year'
  AND period_start = make_date(year(period_end), 1, 1)
  AND period_end = make_date(year(period_end), 12, 31);

-- Everything that is not a calendar year, kept apart so charts mark it instead of joining it.
CREATE VIEW other_periods AS
SELECT *
FROM chosen_observations
WHERE NOT (period_kind = 'year'
           AND period_start = make_date(year(period_end), 1, 1)
           AND period_end = make_date(year(period_end), 12, 31))
   OR period_end IS NULL;
