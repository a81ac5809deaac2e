-- One row per province × headline indicator × breakdown × period with a known end (chosen values).
SELECT c.locality_id, c.indicator, c.breakdown, b.sort_order AS breakdown_order,
       c.period_kind, c.period_start, c.period_end, c.year,
       (c.period_kind = 'year'
        AND c.period_start = make_date(year(c.period_end), 1, 1)
        AND c.period_end = make_date(year(c.period_end), 12, 31)) AS is_full_year,
       c.value, c.qualifier, c.derived, c.derived_how,
       c.source_id, c.source_title, c.source_publisher, c.source_published, c.source_url, c.quote
FROM chosen_observations c
JOIN indicators i ON i.code = c.indicator
LEFT JOIN breakdowns b ON b.indicator = c.indicator AND b.code = c.breakdown
WHERE i.headline
  AND list_contains($localities, c.locality_id)
  AND c.period_end IS NOT NULL
  AND c.period_kind IN ('year', 'partial')
ORDER BY i.sort_order, c.locality_id, b.sort_order, c.period_end
