-- Deck spec CLI: values of one indicator × breakdown that are not full calendar years (partial,
-- cumulative, one-day) overlapping [$day_from, $day_to]; one row per locality × period.
-- Values with no known dates cannot be placed in a period and are left out.
SELECT locality_id, value, qualifier, derived, derived_how, n_distinct_values,
       period_kind, period_start, period_end, quote,
       source_id, source_title, source_publisher, source_url, source_published
FROM other_periods
WHERE indicator = $indicator
  AND breakdown = $breakdown
  AND list_contains($localities, locality_id)
  AND NOT (period_start IS NULL AND period_end IS NULL)
  AND (period_start IS NULL OR period_start <= $day_to)
  AND (period_end IS NULL OR period_end >= $day_from)
ORDER BY locality_id, period_end NULLS LAST, period_start
