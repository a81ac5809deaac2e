-- One row per source, with how many figures it gave and which years they cover; newest first.
SELECT s.id, s.kind, s.title, s.publisher, s.url, s.published, s.published_date, s.file_name,
       coalesce(c.n_observations, 0) AS n_observations, c.first_year, c.last_year
FROM sources s
LEFT JOIN counts_by_source c ON c.source_id = s.id
ORDER BY s.published_date DESC NULLS LAST, s.id
