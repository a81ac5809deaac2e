"""Read side of the dashboard: database access, queries, charts, formatting (pages import only this)."""
