-- One row per place × indicator: the full calendar years it has a figure for (the yearly series
-- the pages draw), with the names a message needs. Compared before and after a publish.
SELECT locality_id,
       any_value(province)     AS province,
       any_value(district)     AS district,
       indicator,
       any_value(indicator_vi) AS indicator_vi,
       min(year)               AS first_year,
       max(year)               AS last_year,
       count(DISTINCT year)    AS n_years
FROM yearly_series
WHERE breakdown = $breakdown
GROUP BY locality_id, indicator
ORDER BY locality_id, indicator
