-- One row per locality of every level (other provinces and communes too), with its parent's name, its
-- validity, successor and aliases: what names in a deck spec are resolved against (old and merged Gia Lai are two rows).
SELECT l.id, l.name, l.kind, l.level, l.gso_code, l.parent_id, p.name AS parent_name,
       l.valid_from, l.valid_to, l.successor_id, l.aliases
FROM localities l
LEFT JOIN localities p ON p.id = l.parent_id
ORDER BY l.id
