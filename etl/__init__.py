"""Write side: turns Vietnamese report text and analyst tables into the DuckDB database."""
