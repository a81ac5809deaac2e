-- One row per period with a known end for which units of one level (within one parent) have a
-- chosen value of the indicator × breakdown; newest first.
SELECT c.period_kind, c.period_start, c.period_end, count(*) AS n_localities
FROM chosen_observations c
JOIN localities l ON l.id = c.locality_id
WHERE c.indicator = $indicator
  AND c.breakdown = $breakdown
  AND l.level = $level
  AND ($parent::VARCHAR IS NULL OR l.parent_id = $parent)
  AND c.period_end IS NOT NULL
GROUP BY c.period_kind, c.period_start, c.period_end
ORDER BY c.period_end DESC, (c.period_kind = 'year') DESC, c.period_start
