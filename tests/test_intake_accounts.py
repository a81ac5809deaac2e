"""Analysts' accounts: salted scrypt hashes in a 0600 file, the slowdown and lock after failures
(kept on disk), the same cost for a wrong name, and `make analyst`'s command."""
from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.intake import accounts as acc
from etl.intake.accounts import ADD_HINT, WRONG, Accounts
from etl.intake.analyst_cli import main as analyst_main
from tests.support.pipes import WAIT_S

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mật khẩu dài 123"


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(tmp_path, clock) -> Accounts:
    a = Accounts(tmp_path / "analysts.json", clock=clock)
    a.set_password("Nguyễn Thị Lan", PASSWORD)
    return a


def test_the_file_holds_a_salted_scrypt_hash_only_and_is_private(accounts):
    data = json.loads(accounts.path.read_text(encoding="utf-8"))
    (entry,) = data["analysts"]
    assert PASSWORD not in accounts.path.read_text(encoding="utf-8")
    assert (entry["n"], entry["r"], entry["p"]) == (2**14, 8, 1)
    assert len(bytes.fromhex(entry["salt"])) == 16
    expected = hashlib.scrypt(PASSWORD.encode(), salt=bytes.fromhex(entry["salt"]), n=2**14, r=8, p=1, dklen=32)
    assert bytes.fromhex(entry["hash"]) == expected
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600


def test_the_same_password_twice_gets_two_salts(tmp_path):
    a = Accounts(tmp_path / "a.json")
    a.set_password("An", PASSWORD)
    a.set_password("Bình", PASSWORD)
    salts = {e["salt"] for e in json.loads(a.path.read_text(encoding="utf-8"))["analysts"]}
    assert len(salts) == 2


@pytest.mark.parametrize(("name", "password", "ok"), [
    ("Nguyễn Thị Lan", PASSWORD, True),
    ("  nguyễn   thị LAN ", PASSWORD, True),  # spaces and case do not make another analyst
    ("Nguye\u0302\u0303n Thị Lan", PASSWORD, True),  # the same name typed decomposed (NFD)
    ("Nguyễn Thị Lan", PASSWORD + " ", False),
    ("Nguyễn Thị Lan", "", False),
    ("Trần Văn Ba", PASSWORD, False),
])
def test_sign_in(accounts, name, password, ok):
    got = accounts.sign_in(name, password)
    assert (got.ok, got.name, got.message) == ((True, "Nguyễn Thị Lan", "") if ok else (False, "", WRONG))


def test_reset_replaces_the_password(accounts):
    assert accounts.set_password("nguyễn thị lan", "mật khẩu mới 4567") is False
    assert not accounts.sign_in("Nguyễn Thị Lan", PASSWORD).ok
    assert accounts.sign_in("Nguyễn Thị Lan", "mật khẩu mới 4567").ok
    assert accounts.names() == ["nguyễn thị lan"]


@pytest.mark.parametrize(("name", "password", "message"), [
    ("An", "ngắn", "ít nhất 10 ký tự"),
    ("   ", PASSWORD, "tên chuyên viên trống"),
    ("x" * 65, PASSWORD, "dài quá 64"),
    ("An\x07", PASSWORD, "ký tự điều khiển"),
])
def test_bad_names_and_passwords_are_refused(tmp_path, name, password, message):
    a = Accounts(tmp_path / "a.json")
    with pytest.raises(InputError, match=message):
        a.set_password(name, password)
    assert not a.path.exists()


def test_no_analyst_configured_says_how_to_add_one(tmp_path):
    a = Accounts(tmp_path / "none.json")
    assert a.configured() is False
    assert a.sign_in("Ai", PASSWORD).message == ADD_HINT
    assert "make analyst NAME=" in ADD_HINT


def test_the_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DANVAN_ANALYSTS", str(tmp_path / "elsewhere.json"))
    assert Accounts().path == tmp_path / "elsewhere.json"
    monkeypatch.delenv("DANVAN_ANALYSTS")
    assert Accounts().path == ROOT / "data" / "analysts.json"


def test_the_default_files_are_ignored_by_git():
    for name in ("data/analysts.json", "data/analysts.json.attempts", "data/analysts.json.lock",
                 "data/inbox/0123/meta.json"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, check=False).returncode == 0, name


def fail(a: Accounts, name: str = "Nguyễn Thị Lan"):
    return a.sign_in(name, "sai mật khẩu rồi")


@pytest.mark.parametrize("name", ["Nguyễn Thị Lan", "Người Không Có"])
def test_failures_slow_down_then_lock_for_a_known_or_an_unknown_name(accounts, clock, name):
    answers = []
    for attempt in range(1, acc.LOCK_AFTER + 1):
        got = fail(accounts, name)
        answers.append(got.retry_after)
        if got.retry_after and attempt < acc.LOCK_AFTER:
            # Too early: refused without a check, however right the password.
            early = accounts.sign_in(name, PASSWORD)
            assert (early.ok, early.retry_after) == (False, got.retry_after)
            clock.t += got.retry_after
    assert answers == [0, 0, 1, 2, 4, 8, 16, 32, 60, acc.LOCK_SECONDS]
    locked = accounts.sign_in(name, PASSWORD)
    assert (locked.ok, locked.retry_after) == (False, acc.LOCK_SECONDS)
    assert "tạm bị khóa" in locked.message
    clock.t += acc.LOCK_SECONDS
    assert accounts.sign_in(name, PASSWORD).ok is (name == "Nguyễn Thị Lan")


def test_the_count_holds_across_processes(accounts, clock):
    for _ in range(acc.FREE_FAILURES):
        fail(accounts)
    other = Accounts(accounts.path, clock=clock)  # another session or process: only the files are shared
    got = other.sign_in("Nguyễn Thị Lan", PASSWORD)
    assert (got.ok, got.retry_after) == (False, 1.0)
    assert stat.S_IMODE(accounts.attempts_path.stat().st_mode) == 0o600


def test_a_success_clears_the_count_and_a_name_does_not_lock_another(accounts, clock):
    accounts.set_password("Lê Minh", PASSWORD)
    for _ in range(acc.FREE_FAILURES - 1):
        fail(accounts)
    assert accounts.sign_in("Nguyễn Thị Lan", PASSWORD).ok
    assert [fail(accounts).retry_after for _ in range(acc.FREE_FAILURES)] == [0, 0, 1]
    assert accounts.sign_in("Lê Minh", PASSWORD).ok


def test_resetting_the_password_unlocks(accounts):
    for _ in range(acc.LOCK_AFTER):
        fail(accounts)
    assert accounts.sign_in("Nguyễn Thị Lan", PASSWORD).retry_after > 0
    accounts.set_password("Nguyễn Thị Lan", PASSWORD)
    assert accounts.sign_in("Nguyễn Thị Lan", PASSWORD).ok


def test_a_wrong_name_costs_one_scrypt_hash_like_a_wrong_password(accounts, monkeypatch):
    calls = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(kwargs["n"])
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    fail(accounts, "Nguyễn Thị Lan")
    fail(accounts, "Người Không Có")
    assert calls == [2**14, 2**14]


def test_a_broken_attempts_file_refuses_every_sign_in(accounts):
    accounts.attempts_path.write_text("{không phải json", encoding="utf-8")
    got = accounts.sign_in("Nguyễn Thị Lan", PASSWORD)
    assert (got.ok, "tệp đếm lần đăng nhập sai hỏng" in got.message) == (False, True)


def answers(*replies: str):
    it = iter(replies)
    return lambda _prompt: next(it)


@pytest.mark.parametrize(("argv", "replies", "code", "signs_in"), [
    (["Phạm Thu"], (PASSWORD, PASSWORD), 0, True),
    (["Phạm Thu"], (PASSWORD, PASSWORD + "x"), 2, False),
    (["Phạm Thu"], ("ngắn", "ngắn"), 2, False),
    ([], (), 2, False),
    (["  "], (), 2, False),
])
def test_make_analyst_asks_twice(tmp_path, capsys, argv, replies, code, signs_in):
    a = Accounts(tmp_path / "a.json")
    assert analyst_main(argv, ask=answers(*replies), accounts=a) == code
    assert a.sign_in("Phạm Thu", PASSWORD).ok is signs_in
    err = capsys.readouterr().err
    assert ("Đã thêm chuyên viên Phạm Thu" in err) is signs_in
    if code:
        assert ("lỗi" in err or "dùng" in err) and not a.path.exists()


def test_make_analyst_target_runs_the_command_after_setting_up_the_venv():
    out = subprocess.run(["make", "-n", "analyst", "NAME=Phạm Thu"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert "-m etl.intake.analyst_cli" in out and "Phạm Thu" in out
    rule = subprocess.run(["make", "-p", "-n", "analyst", "NAME=x"], cwd=ROOT, capture_output=True,
                          text=True, check=False).stdout
    assert any(line.startswith("analyst:") and ".venv/.installed" in line for line in rule.splitlines())


def test_the_command_line_reads_the_password_without_echo(tmp_path):
    """Without a terminal getpass falls back to standard input: two lines, the same password."""
    env_file = tmp_path / "a.json"
    run = subprocess.run([sys.executable, "-m", "etl.intake.analyst_cli", "Đỗ Hà"], cwd=ROOT,
                         input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, timeout=WAIT_S, check=False,
                         env={"PATH": "/usr/bin:/bin", "DANVAN_ANALYSTS": str(env_file)})
    assert run.returncode == 0, run.stderr
    assert Accounts(env_file).sign_in("Đỗ Hà", PASSWORD).ok
