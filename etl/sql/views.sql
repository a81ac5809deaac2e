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
    l.valid_from                                  AS locality_valid_from,
    -- The period runs over the locality's last day (an old district's "năm 2025") or its first (a new
    -- ward's "từ 2021 đến nay"): kept, and shown marked. A period wholly outside is refused by the ETL.
    (coalesce(o.period_end > l.valid_to, false)
     OR coalesce(o.period_start < l.valid_from, false)) AS crosses_validity,
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

-- What became of each unit on 1 July 2025 (tables localities, former_communes, locality_links; how the
-- pages use these views: the comment at the end of etl/sql/schema.sql's reference tables).

-- One row per administrative unit of any era and level: every locality and every former commune.
CREATE VIEW admin_units AS
WITH units AS (
    SELECT id, name, kind, level, gso_code, parent_id, valid_from, valid_to, aliases, true AS is_locality
    FROM localities
    UNION ALL
    SELECT id, name, kind, 'commune', gso_code, parent_id, NULL, valid_to, []::VARCHAR[], false
    FROM former_communes
)
SELECT u.id, u.name, u.kind, u.level, u.gso_code, u.parent_id, p.name AS parent_name,
       CASE WHEN u.level = 'province' THEN u.id WHEN p.level = 'province' THEN p.id ELSE p.parent_id END
           AS province_id,
       CASE WHEN u.level = 'province' THEN u.name WHEN p.level = 'province' THEN p.name ELSE pp.name END
           AS province,
       u.valid_from, u.valid_to, u.aliases, u.is_locality
FROM units u
LEFT JOIN localities p ON p.id = u.parent_id
LEFT JOIN localities pp ON pp.id = p.parent_id;

-- One row per old unit × new unit that took some of its area, named on both sides: the district and
-- commune links of locality_links, and each merged province's successor (share 'whole'; the new
-- province lies within the old one only when it had no other predecessor). A table, written once at
-- build time: as a view, a page's look-up of one unit's links took 15–18 ms and a name search 220 ms.
CREATE TABLE reform_links AS
WITH links AS (
    SELECT old_id, new_id, share, new_inside_old FROM locality_links
    UNION ALL
    SELECT id, successor_id, 'whole', count(*) OVER (PARTITION BY successor_id) = 1
    FROM localities
    WHERE successor_id IS NOT NULL
)
SELECT k.old_id, o.name AS old_name, o.kind AS old_kind, o.level AS old_level, o.gso_code AS old_gso_code,
       o.parent_id AS old_parent_id, o.parent_name AS old_parent_name,
       o.province_id AS old_province_id, o.province AS old_province, o.valid_to AS old_valid_to,
       k.new_id, n.name AS new_name, n.kind AS new_kind, n.level AS new_level, n.gso_code AS new_gso_code,
       n.province_id AS new_province_id, n.province AS new_province, n.valid_from AS new_valid_from,
       k.share, k.new_inside_old
FROM links k
JOIN admin_units o ON o.id = k.old_id
JOIN admin_units n ON n.id = k.new_id;

-- One row per unit × name it is known by (its name and each alias), of any era: what a search box
-- matches, and what became of the unit (became: the units an old unit went into) or what it came
-- from (formed_from: the districts and communes of a new unit), each a list ordered by name. A table
-- (as reform_links): a search box's query reads 4,500 rows instead of building every list again.
CREATE TABLE unit_search AS
WITH names AS (
    SELECT id, name AS known_as FROM admin_units
    UNION
    SELECT id, unnest(aliases) FROM admin_units
), became AS (
    SELECT old_id AS id,
           list({'id': new_id, 'name': new_name, 'kind': new_kind, 'province': new_province, 'share': share}
                ORDER BY new_name, new_id) AS became
    FROM reform_links GROUP BY old_id
), formed_from AS (
    SELECT new_id AS id,
           list({'id': old_id, 'name': old_name, 'kind': old_kind, 'level': old_level,
                 'parent': old_parent_name, 'share': share}
                ORDER BY old_level DESC, old_name, old_id) AS formed_from
    FROM reform_links GROUP BY new_id
)
SELECT n.known_as,
       lower(strip_accents(replace(replace(n.known_as, 'Đ', 'D'), 'đ', 'd'))) AS search_key,
       u.id, u.name, u.kind, u.level, u.gso_code, u.parent_name, u.province_id, u.province,
       u.valid_from, u.valid_to, u.is_locality, b.became, f.formed_from
FROM names n
JOIN admin_units u ON u.id = n.id
LEFT JOIN became b ON b.id = u.id
LEFT JOIN formed_from f ON f.id = u.id;
