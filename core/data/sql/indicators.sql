-- One row per indicator of the catalog, in catalog order, with how many figures it has.
SELECT i.code, i.name_vi, i.name_en, i.unit_vi, i.unit_en, i.description_vi, i.description_en,
       i.headline, i.sort_order, CAST(coalesce(sum(c.n_observations), 0) AS BIGINT) AS n_observations
FROM indicators i
LEFT JOIN counts_by_breakdown c ON c.indicator = i.code
GROUP BY ALL
ORDER BY i.sort_order, i.code
