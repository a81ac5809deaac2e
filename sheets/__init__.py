"""Files the product writes for people to open in a spreadsheet (CSV, XLSX) or a data tool
(Parquet): one writer for the data page's downloads (core) and `python -m etl facts` (etl), which
imports neither of them."""
