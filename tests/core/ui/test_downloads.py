"""core.ui.downloads: the filtered rows come back the same from CSV, XLSX and Parquet."""
import io

import pandas as pd
import pytest

from core.data import queries
from core.ui import downloads


@pytest.fixture
def frame(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))
    return downloads.download_frame(queries.observations(province="gia-lai"))


def _read(fmt: str, data: bytes) -> pd.DataFrame:
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Vietnamese text correctly
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"year": "Int64"})
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data))
    return pd.read_parquet(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_round_trip(frame, fmt):
    data = {"csv": downloads.to_csv, "xlsx": downloads.to_xlsx, "parquet": downloads.to_parquet}[fmt](frame)
    back = _read(fmt, data)
    assert list(back.columns) == downloads.COLUMNS
    assert len(back) == len(frame) == 39  # Gia Lai and its districts
    assert back["value"].tolist() == frame["value"].tolist()
    assert back["id"].tolist() == frame["id"].tolist()
    assert back["period_end"].fillna("").astype(str).tolist() == frame["period_end"].fillna("").astype(str).tolist()
    assert "Gia Lai" in set(back["province"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_observations_file_reads_every_matching_row(frame, fmt):
    data = downloads.observations_file(fmt, {"province": "gia-lai", "district": None, "indicator": None,
                                             "year": None, "period_kind": None})
    assert _read(fmt, data)["id"].tolist() == frame["id"].tolist()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("filters", [{}, {"province": "ha-noi"}, {"indicator": "petitions", "period_kind": "partial"},
                                     {"year": 1900}])
def test_streamed_files_hold_the_download_frame(built_db, monkeypatch, fmt, filters):
    """CSV and Parquet are written from Arrow batches: the same rows and values as the DataFrame
    written by pandas (read back the same way: a CSV cell has no empty text apart from no value)."""
    monkeypatch.setenv("DANVAN_DB", str(built_db))
    expected = downloads.download_frame(queries.observations(**filters))
    expected = _read(fmt, downloads.WRITERS[fmt](expected))
    got = _read(fmt, downloads.observations_file(fmt, filters))
    assert list(got.columns) == downloads.COLUMNS
    assert len(got) == len(expected)

    def plain(frame: pd.DataFrame) -> list[list[str | None]]:
        def cell(value: object) -> str | None:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                return None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return str(value)

        return [[cell(v) for v in row] for row in frame.astype(object).values.tolist()]

    assert plain(got) == plain(expected)
