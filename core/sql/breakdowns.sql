-- One row per indicator × breakdown, in catalog order, with how many figures each has.
SELECT b.indicator, b.code, b.name_vi, b.name_en, b.part_of, b.sort_order, i.sort_order AS indicator_order,
       count(o.id) AS n_observations
FROM breakdowns b
JOIN indicators i ON i.code = b.indicator
LEFT JOIN observations o ON o.indicator = b.indicator AND o.breakdown = b.code
GROUP BY ALL
ORDER BY indicator_order, b.sort_order, b.code
