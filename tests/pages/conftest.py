"""Every page test runs the dashboard on the session's own build of the bundled data."""
import pytest


@pytest.fixture(autouse=True)
def _database(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))


@pytest.fixture
def reform(reform_db, monkeypatch):
    """The page runs on the build with our own reports from after 1 July 2025 (tests/fixtures/reform): new
    communes and wards with figures, parts of a year with the same period a year before."""
    monkeypatch.setenv("DANVAN_DB", str(reform_db))
