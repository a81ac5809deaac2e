-- One row per indicator × breakdown × period known for a district that the new unit $unit was formed from
-- (chosen values), with the district's share of its area that went into $unit ('whole' or 'part'): context
-- for the new unit's profile, shown apart, never joined to its series nor added up. By district, then as
-- profile_points.
SELECT r.old_name AS predecessor, r.share, r.new_inside_old,
       c.locality_id, c.indicator, c.indicator_vi, c.indicator_en, c.unit_vi, c.unit_en,
       c.breakdown, c.breakdown_vi, c.breakdown_en, b.sort_order AS breakdown_order,
       c.period_kind, c.period_start, c.period_end, c.year,
       c.is_full_year, c.crosses_validity, c.locality_valid_from, c.locality_valid_to,
       c.value, c.qualifier, c.derived, c.derived_how,
       c.source_id, c.source_title, c.source_publisher, c.source_published, c.source_url, c.quote,
       c.n_values, c.n_distinct_values
FROM reform_links r
JOIN chosen_observations c ON c.locality_id = r.old_id
JOIN indicators i ON i.code = c.indicator
LEFT JOIN breakdowns b ON b.indicator = c.indicator AND b.code = c.breakdown
WHERE r.new_id = $unit AND r.old_level = 'district'
ORDER BY r.old_name, r.old_id, i.sort_order, b.sort_order, c.period_end NULLS LAST, c.period_start NULLS LAST
