-- One row per unit of one level (within one parent): its chosen value for one indicator ×
-- breakdown × period, or NULL when it has none. Provinces without a value are left out unless
-- named in $always; districts and communes are all kept so the page can say how many have no figure.
WITH units AS (
    SELECT id, name, kind, level, parent_id, gso_code
    FROM localities
    WHERE level = $level AND ($parent::VARCHAR IS NULL OR parent_id = $parent)
), vals AS (
    SELECT *
    FROM chosen_observations
    WHERE indicator = $indicator
      AND breakdown = $breakdown
      AND period_kind = $period_kind
      AND period_start IS NOT DISTINCT FROM $period_start::DATE
      AND period_end IS NOT DISTINCT FROM $period_end::DATE
)
SELECT u.id AS locality_id, u.name, u.kind, u.level, u.parent_id, u.gso_code,
       v.value, v.qualifier, v.derived, v.derived_how, v.period_kind, v.period_start, v.period_end,
       v.source_title, v.source_publisher, v.source_published, v.source_url, v.quote
FROM units u
LEFT JOIN vals v ON v.locality_id = u.id
WHERE v.value IS NOT NULL OR u.level <> 'province' OR list_contains($always, u.id)
ORDER BY u.gso_code, u.id
