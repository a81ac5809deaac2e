"""Every page test runs the dashboard on the session's own build of the bundled data."""
import pytest


@pytest.fixture(autouse=True)
def _database(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))
