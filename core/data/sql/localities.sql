-- One row per province, district-level unit (until 30/06/2025) and commune-level unit directly under a
-- province (from 01/07/2025: the 3,321 new communes and wards), with its parent, successor and how many
-- figures it has. Communes under a district (a synthetic national dataset's) are not listed.
SELECT l.id, l.name, l.kind, l.level, l.parent_id, p.name AS parent_name, p.gso_code AS parent_gso_code, l.gso_code,
       l.valid_from, l.valid_to, l.successor_id, s.name AS successor_name,
       s.valid_from AS successor_valid_from, l.note,
       coalesce(c.n_observations, 0) AS n_observations
FROM localities l
LEFT JOIN localities p ON p.id = l.parent_id
LEFT JOIN localities s ON s.id = l.successor_id
LEFT JOIN counts_by_locality c ON c.locality_id = l.id
WHERE l.level IN ('province', 'district') OR (l.level = 'commune' AND p.level = 'province')
ORDER BY l.level DESC, l.valid_from NULLS FIRST, p.gso_code NULLS FIRST, l.gso_code, l.id
