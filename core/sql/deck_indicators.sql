-- Deck spec CLI: the indicator catalog, one row per indicator.
SELECT code, name_vi, name_en, unit_vi, unit_en, headline, sort_order
FROM indicators
ORDER BY sort_order, code
