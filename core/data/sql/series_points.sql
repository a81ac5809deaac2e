-- One row per locality × period: the chosen value of one indicator × breakdown for the given
-- localities, full calendar years and every other period (partial, cumulative, event, unknown).
SELECT c.locality_id, c.indicator, c.breakdown, c.period_kind, c.period_start, c.period_end,
       c.year,
       c.is_full_year,
       c.value, c.qualifier, c.derived, c.derived_how,
       c.source_id, c.source_title, c.source_publisher, c.source_published, c.source_url,
       c.quote, c.n_values, c.n_distinct_values
FROM chosen_observations c
WHERE c.indicator = $indicator
  AND c.breakdown = $breakdown
  AND c.locality_id = ANY($localities)
  AND (c.period_end IS NULL OR year(c.period_end) BETWEEN $year_from AND $year_to)
ORDER BY c.locality_id, c.period_end NULLS LAST, c.period_start NULLS LAST
