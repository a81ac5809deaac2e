"""Streamlit glue, the only room that imports streamlit: charts on a page, buttons, filters in the URL, caches."""
