"""Data access and measures: read-only DuckDB, one SQL file per question, periods, what the pages compute."""
