"""Entry point of the dashboard (placeholder until the pages land): `make run`."""
import os

import duckdb
import streamlit as st

st.set_page_config(page_title="Công tác dân vận", layout="wide")
st.title("Số liệu công tác dân vận")
db = os.environ.get("DANVAN_DB", "data/danvan.duckdb")
con = duckdb.connect(db, read_only=True)
try:
    n = con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
finally:
    con.close()
st.write(f"Cơ sở dữ liệu có {n} số liệu.")
