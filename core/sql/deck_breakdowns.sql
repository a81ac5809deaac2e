-- Deck spec CLI: one row per indicator × breakdown.
SELECT indicator, code, name_vi, name_en, part_of, sort_order
FROM breakdowns
ORDER BY indicator, sort_order, code
