-- Every observation with its source, one row each, as `python -m etl facts` writes it: the columns
-- and the order of the data page's download with no filter (tests/test_facts.py compares the files).
SELECT f.id, f.province_id, f.province, f.district_id, f.district, f.indicator, f.indicator_vi, f.indicator_en,
       f.breakdown, f.breakdown_vi, f.breakdown_en, f.unit_vi, f.unit_en, f.period_kind,
       CAST(f.period_start AS VARCHAR) AS period_start, CAST(f.period_end AS VARCHAR) AS period_end,
       CAST(f.year AS BIGINT) AS year, f.value, f.qualifier, f.derived, f.derived_how, f.obtained,
       f.source_id, f.source_title, f.source_publisher, f.source_published, f.source_url, f.quote
FROM observation_facts f
JOIN indicators i ON i.code = f.indicator
ORDER BY f.province_id, f.district_id NULLS FIRST, i.sort_order, f.breakdown, f.period_end NULLS LAST, f.id
