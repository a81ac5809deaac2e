-- One row: the first and last year any figure ends in.
SELECT min(year(period_end)) AS first_year, max(year(period_end)) AS last_year
FROM observations
