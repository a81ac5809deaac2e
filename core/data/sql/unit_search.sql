-- One row per unit of any era and level (a province, a district until 30/06/2025, a commune before or after
-- the reform) whose name or an alias contains $text, compared without case or tone marks (đ as d, as
-- unit_search.search_key is written), with what it became or came from and how many figures it has: exact
-- names first, then names that start with the text, then names with a word that does, then the rest;
-- provinces, districts, then communes; at most $limit rows, each saying how many were found (n_found).
WITH wanted AS (
    SELECT lower(strip_accents(replace(replace(trim($text), 'Đ', 'D'), 'đ', 'd'))) AS key
), found AS (
    SELECT s.*,
           CASE WHEN s.search_key = w.key THEN 0 WHEN starts_with(s.search_key, w.key) THEN 1
                WHEN contains(s.search_key, ' ' || w.key) THEN 2 ELSE 3 END AS closeness
    FROM unit_search s, wanted w
    WHERE w.key <> '' AND contains(s.search_key, w.key)
), best AS (
    SELECT *
    FROM found
    QUALIFY row_number() OVER (PARTITION BY id ORDER BY closeness, known_as) = 1
)
SELECT b.id, b.known_as, b.name, b.kind, b.level, b.parent_name, b.province_id, b.province, b.valid_from,
       b.valid_to, b.is_locality, b.became, b.formed_from, coalesce(c.n_observations, 0) AS n_observations,
       count(*) OVER () AS n_found
FROM best b
LEFT JOIN counts_by_locality c ON c.locality_id = b.id
ORDER BY b.closeness, CASE b.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END,
         b.valid_from NULLS FIRST, b.province, b.name, b.id
LIMIT $limit
