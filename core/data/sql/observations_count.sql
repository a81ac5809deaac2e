-- One row: how many observations match the optional filters of observations.sql.
SELECT count(*) AS n
FROM observation_facts f
WHERE ($province::VARCHAR IS NULL OR f.province_id = $province)
  AND ($district::VARCHAR IS NULL OR f.district_id = $district)
  AND ($indicator::VARCHAR IS NULL OR f.indicator = $indicator)
  AND ($year::INTEGER IS NULL OR f.year = $year)
  AND ($period_kind::VARCHAR IS NULL OR f.period_kind = $period_kind)
