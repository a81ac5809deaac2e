-- Deck spec CLI: the chosen full-calendar-year values of one indicator × breakdown for some
-- localities and a year range; one row per locality × year, with the source of each value.
SELECT locality_id, year, value, qualifier, derived, derived_how, n_distinct_values,
       period_kind, period_start, period_end, quote,
       source_id, source_title, source_publisher, source_url, source_published
FROM yearly_series
WHERE indicator = $indicator
  AND breakdown = $breakdown
  AND list_contains($localities, locality_id)
  AND year BETWEEN $year_from AND $year_to
ORDER BY locality_id, year
