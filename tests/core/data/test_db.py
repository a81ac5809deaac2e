"""core.data.db: a database rebuilt and swapped in (os.replace, as the ETL does) is read by the next
query even while other sessions hold a connection to the old one; the old one is then closed."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from core.data import db, queries
from tests.support.pipes import WAIT_S


def _rebuilt(source: Path, target: Path, n_sources: int, value: float) -> None:
    """What `python -m etl build` does: a new file under a temporary name, then os.replace."""
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copy(source, tmp)
    with duckdb.connect(str(tmp)) as con:
        con.execute("UPDATE build_info SET n_sources = $n", {"n": n_sources})
        con.execute("UPDATE observations SET value = $v WHERE locality_id = 'gia-lai' AND indicator = "
                    "'models_registered' AND period_end = DATE '2024-12-31'", {"v": value})
        con.execute("CHECKPOINT")
    os.replace(tmp, target)


def _gia_lai_2024_models() -> float:
    points = queries.series_points("models_registered", "total", ["gia-lai"], 2024, 2024)
    return float(points["value"].iloc[0])


def _open_deleted(path: Path) -> list[str]:
    """Files this process holds open that were `path` before being replaced."""
    out = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)) and target.endswith("(deleted)"):
            out.append(target)
    return out


@pytest.fixture
def served(built_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "served.duckdb"
    shutil.copy(built_db, path)
    monkeypatch.setenv("DANVAN_DB", str(path))
    return path


def test_a_swapped_in_build_is_read_while_another_session_holds_the_old_one(built_db, served):
    assert queries.build_info()["n_sources"] == 44
    assert _gia_lai_2024_models() == 1556.0
    with db.connect() as other_session:  # another session, mid-query on the old file
        _rebuilt(built_db, served, n_sources=31, value=1600.0)
        assert queries.build_info()["n_sources"] == 31
        assert _gia_lai_2024_models() == 1600.0
        # The session that was already reading keeps one whole (old) build.
        assert other_session.execute("SELECT n_sources FROM build_info").fetchall() == [(44,)]
    _rebuilt(built_db, served, n_sources=32, value=1700.0)
    assert queries.build_info()["n_sources"] == 32
    assert _gia_lai_2024_models() == 1700.0


def test_the_superseded_build_is_closed_once_no_query_reads_it(built_db, served):
    queries.build_info()
    with db.connect():
        _rebuilt(built_db, served, n_sources=31, value=1600.0)
        queries.build_info()
        assert _open_deleted(served)  # still read by the query in progress
    queries.build_info()
    assert _open_deleted(served) == []


def test_the_version_changes_with_every_swap(built_db, served):
    before = db.database_version()
    _rebuilt(built_db, served, n_sources=30, value=1556.0)
    assert db.database_version() != before


def test_parameters_are_bound_not_pasted(served):
    hostile = "gia-lai'; DROP TABLE observations; --"
    assert queries.series_points("models_registered", "total", [hostile], 2015, 2025).empty
    assert queries.profile_points(hostile).empty
    assert queries.build_info()["n_observations"] == 122


def test_sessions_query_at_once_while_builds_are_swapped_in(built_db, served):
    seen: list[int] = []
    errors: list[str] = []
    stop = threading.Event()

    def session() -> None:
        while not stop.is_set():
            try:
                seen.append(int(queries.build_info()["n_sources"]))
                queries.headline_points(["gia-lai", "ha-noi"])
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=session) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for n in (31, 32, 33):
            _rebuilt(built_db, served, n_sources=n, value=1600.0)
            wanted = len(seen) + 20  # the sessions ask 20 more times after the swap
            limit = time.monotonic() + WAIT_S  # reached only if they are stuck
            while len(seen) < wanted and not errors:
                assert time.monotonic() < limit, f"the sessions asked {len(seen)} times, no more"
                threading.Event().wait(0.01)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert queries.build_info()["n_sources"] == 33
    assert set(seen) <= {44, 31, 32, 33} and 33 in seen
