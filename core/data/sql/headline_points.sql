-- The rows the overview's cards read (chosen values of the headline indicators, periods with a known
-- end): per locality × indicator × breakdown, its last two full years and every part-year period
-- after the year before its last full year; all its year and part-year periods when it has no full year.
WITH points AS (
    SELECT c.locality_id, c.indicator, c.breakdown, b.sort_order AS breakdown_order,
           c.period_kind, c.period_start, c.period_end, c.year,
           c.is_full_year,
           c.value, c.qualifier, c.derived, c.derived_how,
           c.source_id, c.source_title, c.source_publisher, c.source_published, c.source_url, c.quote,
           i.sort_order AS indicator_order
    FROM chosen_observations c
    JOIN indicators i ON i.code = c.indicator
    LEFT JOIN breakdowns b ON b.indicator = c.indicator AND b.code = c.breakdown
    WHERE i.headline
      AND c.locality_id = ANY($localities)
      AND c.period_end IS NOT NULL
      AND c.period_kind IN ('year', 'partial')
), latest AS (
    SELECT *, max(year) FILTER (WHERE is_full_year) OVER (PARTITION BY locality_id, indicator, breakdown) AS last_full_year
    FROM points
)
SELECT * EXCLUDE (indicator_order, last_full_year)
FROM latest
WHERE last_full_year IS NULL OR year >= last_full_year - 1
ORDER BY indicator_order, locality_id, breakdown_order, period_end
