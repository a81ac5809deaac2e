-- How many figures the database holds (every observation, chosen or not).
SELECT count(*) AS n FROM observations
