-- One row per unit linked to $unit by the reform of 1 July 2025: the units an old unit's area went into
-- (direction 'became') and the districts and communes a new unit was formed from ('formed_from'), each with
-- its share ('whole': all of the old unit's area; 'part': some of it), whether it has a profile (a locality;
-- former communes have none) and how many figures it has. Districts before communes, then by name.
SELECT 'became' AS direction, r.new_id AS id, r.new_name AS name, r.new_kind AS kind, r.new_level AS level,
       r.new_province AS parent_name, r.new_province_id AS province_id, r.share, r.new_inside_old,
       true AS is_locality, coalesce(c.n_observations, 0) AS n_observations
FROM reform_links r
LEFT JOIN counts_by_locality c ON c.locality_id = r.new_id
WHERE r.old_id = $unit
UNION ALL
SELECT 'formed_from', r.old_id, r.old_name, r.old_kind, r.old_level, r.old_parent_name, r.old_province_id,
       r.share, r.new_inside_old, l.id IS NOT NULL, coalesce(c.n_observations, 0)
FROM reform_links r
LEFT JOIN localities l ON l.id = r.old_id
LEFT JOIN counts_by_locality c ON c.locality_id = r.old_id
WHERE r.new_id = $unit
ORDER BY direction, level = 'district' DESC, lower(strip_accents(replace(replace(name, 'Đ', 'D'), 'đ', 'd'))), id
