-- One row per locality × indicator × breakdown × period known for the given localities (chosen values; one
-- place's profile, or the old districts a new unit came from), by locality, then in catalog order.
SELECT c.locality_id, c.indicator, c.indicator_vi, c.indicator_en, c.unit_vi, c.unit_en,
       c.breakdown, c.breakdown_vi, c.breakdown_en, b.sort_order AS breakdown_order,
       c.period_kind, c.period_start, c.period_end, c.year,
       c.is_full_year, c.crosses_validity, c.locality_valid_from, c.locality_valid_to,
       c.value, c.qualifier, c.derived, c.derived_how,
       c.source_id, c.source_title, c.source_publisher, c.source_published, c.source_url, c.quote,
       c.n_values, c.n_distinct_values
FROM chosen_observations c
JOIN indicators i ON i.code = c.indicator
LEFT JOIN breakdowns b ON b.indicator = c.indicator AND b.code = c.breakdown
WHERE c.locality_id = ANY($localities)
ORDER BY c.locality_id, i.sort_order, b.sort_order, c.period_end NULLS LAST, c.period_start NULLS LAST
