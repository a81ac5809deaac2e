-- One row per indicator × breakdown, in catalog order, with how many figures each has.
SELECT b.indicator, b.code, b.name_vi, b.name_en, b.part_of, b.sort_order, i.sort_order AS indicator_order,
       coalesce(c.n_observations, 0) AS n_observations
FROM breakdowns b
JOIN indicators i ON i.code = b.indicator
LEFT JOIN counts_by_breakdown c ON c.indicator = b.indicator AND c.breakdown = b.code
ORDER BY indicator_order, b.sort_order, b.code
