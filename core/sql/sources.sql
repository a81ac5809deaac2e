-- One row per source, with how many figures it gave and which years they cover; newest first.
SELECT s.id, s.kind, s.title, s.publisher, s.url, s.published, s.published_date, s.file_name,
       count(o.id) AS n_observations,
       min(year(o.period_end)) AS first_year, max(year(o.period_end)) AS last_year
FROM sources s
LEFT JOIN observations o ON o.source_id = s.id
GROUP BY ALL
ORDER BY s.published_date DESC NULLS LAST, s.id
