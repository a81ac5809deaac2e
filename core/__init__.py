"""Read side of the dashboard in five rooms: data (database, queries, measures), words, charts, deck, ui (Streamlit)."""
