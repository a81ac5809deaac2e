-- One row per observation as its source states it (every value, chosen or not), filtered by the
-- optional province, district, indicator, year and period kind (NULL means all); at most $limit rows
-- (NULL: all).
SELECT f.id, f.province_id, f.province, f.district_id, f.district, f.locality_id, f.locality_kind,
       f.indicator, f.indicator_vi, f.indicator_en, f.breakdown, f.breakdown_vi, f.breakdown_en,
       f.unit_vi, f.unit_en, f.period_kind, f.period_start, f.period_end, f.year,
       f.value, f.qualifier, f.derived, f.derived_how, f.obtained,
       f.source_id, f.source_title, f.source_publisher, f.source_published, f.source_url, f.quote
FROM observation_facts f
JOIN indicators i ON i.code = f.indicator
WHERE ($province::VARCHAR IS NULL OR f.province_id = $province)
  AND ($district::VARCHAR IS NULL OR f.district_id = $district)
  AND ($indicator::VARCHAR IS NULL OR f.indicator = $indicator)
  AND ($year::INTEGER IS NULL OR f.year = $year)
  AND ($period_kind::VARCHAR IS NULL OR f.period_kind = $period_kind)
ORDER BY f.province_id, f.district_id NULLS FIRST, i.sort_order, f.breakdown, f.period_end NULLS LAST, f.id
LIMIT $limit
