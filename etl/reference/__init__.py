"""The reference tables of administrative units before and after 1 July 2025 (data/reference/),
built from public sources by `python -m etl reference` so they can be rebuilt and reviewed."""
