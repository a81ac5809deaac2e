"""One build of a database at a time (etl/lock.py): with two real processes, a slow build started
first can never replace the database of a build started after it; a second build waits, saying so,
or gives up after its timeout and changes nothing. The processes are paced by what they print."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.lock import lock_path
from tests.support.pipes import Lines

ROOT = Path(__file__).resolve().parent.parent
HEADER = "locality,indicator,period,value,source\n"
DEADLINE = 300.0  # seconds: only a hung process gets near it; no step waits for time to pass
WAITING = "Một bản dựng khác đang ghi"

# A build that stops once it has read and checked its inputs, before it writes anything, and goes
# on when a line arrives on its standard input.
PAUSED_BUILD = """
import sys
from pathlib import Path
from etl.build import build

def progress(line):
    if line.startswith("ghi "):
        print("paused", flush=True)
        sys.stdin.readline()

db, tables, none = (Path(a) for a in sys.argv[1:])
build(db, reports_dir=none, tables_dir=tables, review_path=none / "review.csv", progress=progress)
"""


@pytest.fixture
def folder(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "tables").mkdir()
    return {"db": tmp_path / "out" / "danvan.duckdb", "tables": tmp_path / "tables", "none": tmp_path / "none"}


def table_value(folder: dict[str, Path], value: int) -> None:
    (folder["tables"] / "t.csv").write_text(HEADER + f"Gia Lai,dialogues,2023,{value},Báo cáo\n", encoding="utf-8")


def loaded_value(db: Path) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT value FROM observations").fetchall()[0][0]
    finally:
        con.close()


def start_paused_build(folder: dict[str, Path]) -> tuple[subprocess.Popen, Lines]:
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_BUILD, str(folder["db"]), str(folder["tables"]),
                             str(folder["none"])], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    out = Lines(proc.stdout)
    out.wait_for(lambda line: line == "paused")
    return proc, out


def start_cli_build(folder: dict[str, Path], *args: str) -> tuple[subprocess.Popen, Lines]:
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build", "--db", str(folder["db"]), "--reports",
                             str(folder["none"]), "--tables", str(folder["tables"]), "--review",
                             str(folder["none"] / "review.csv"), *args],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc, Lines(proc.stderr)


def go_on(proc: subprocess.Popen) -> int:
    proc.stdin.write("\n")
    proc.stdin.close()
    return proc.wait(timeout=DEADLINE)


def test_a_build_started_later_waits_and_its_database_is_the_one_that_stays(folder):
    table_value(folder, 1)
    older, _ = start_paused_build(folder)  # has read value 1, holds the lock, writes nothing yet
    try:
        table_value(folder, 2)
        newer, err = start_cli_build(folder)
        said = err.wait_for(lambda line: line.startswith(WAITING))
        assert said.startswith(f"{WAITING} {folder['db']} (tiến trình {older.pid}, từ ")
        assert said.endswith("chờ nó xong, tối đa 600 giây … (another build is running: waiting)")
        assert not folder["db"].exists()
    finally:
        assert go_on(older) == 0
    assert newer.wait(timeout=DEADLINE) == 0, err.rest()
    assert loaded_value(folder["db"]) == 2
    assert not lock_path(folder["db"]).exists()


def test_a_build_that_waits_too_long_stops_and_changes_nothing(folder):
    table_value(folder, 1)
    first, err = start_cli_build(folder)
    assert first.wait(timeout=DEADLINE) == 0, err.rest()
    before = folder["db"].read_bytes()
    table_value(folder, 2)
    holder, _ = start_paused_build(folder)
    try:
        late, err = start_cli_build(folder, "--lock-timeout", "0.5")
        assert late.wait(timeout=DEADLINE) == 3
        assert folder["db"].read_bytes() == before
        assert sorted(p.name for p in folder["db"].parent.iterdir()) == [".danvan.duckdb.lock", "danvan.duckdb"]
    finally:
        assert go_on(holder) == 0
    waiting, gave_up = err.rest()
    assert waiting.startswith(WAITING) and "tối đa 0.5 giây" in waiting
    assert re.fullmatch(rf"lỗi: Đã chờ 0\.5 giây mà bản dựng khác \(tiến trình {holder.pid}, từ [\dT:-]+\) vẫn chưa "
                        r"xong: dừng, không thay đổi gì \(another build is still running; nothing was changed\)",
                        gave_up), gave_up
    assert loaded_value(folder["db"]) == 2  # the holder's build went on


def test_the_lock_of_a_killed_build_does_not_hold_up_the_next(folder):
    table_value(folder, 1)
    killed = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(folder["db"]), "--reports",
                             str(folder["none"]), "--tables", str(folder["tables"]), "--review",
                             str(folder["none"] / "review.csv")],
                            cwd=ROOT, env={**os.environ, "DANVAN_CRASH_AT": "validate"}, capture_output=True,
                            text=True, timeout=DEADLINE)
    assert killed.returncode == 99 and lock_path(folder["db"]).exists()
    again, err = start_cli_build(folder, "--lock-timeout", "0")
    assert again.wait(timeout=DEADLINE) == 0
    assert not [line for line in err.rest() if line.startswith(WAITING)]
    assert loaded_value(folder["db"]) == 1
    assert sorted(p.name for p in folder["db"].parent.iterdir()) == ["danvan.duckdb"]


@pytest.mark.parametrize(("value", "message"), [
    ("-1", "số giây phải từ 0 trở lên: '-1'"), ("nan", "số giây phải từ 0 trở lên: 'nan'"),
    ("soon", "không phải số giây: 'soon'"),
])
def test_a_bad_timeout_is_refused(value, message):
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--lock-timeout", value], cwd=ROOT,
                          capture_output=True, text=True, timeout=DEADLINE)
    assert done.returncode == 2 and done.stderr.strip().endswith(f"--lock-timeout: {message}")
