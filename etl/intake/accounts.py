"""Analysts' accounts: a name and a salted scrypt hash of the password in a local, git-ignored file
(mode 0600), and the guard that slows down and then locks a name after repeated failed sign-ins.

The file is $DANVAN_ANALYSTS, else data/analysts.json; `make analyst NAME=…` adds or resets one.
Failed sign-ins are counted on disk beside it (`<file>.attempts`), so the slowdown holds across
sessions, processes and restarts. An unknown name is hashed and counted exactly like a known
one: neither the time taken nor the answer tells whether a name exists.
"""
from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from etl.errors import InputError
from etl.intake.files import read_json, timestamp, write_json
from etl.paths import analysts_path

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SALT_BYTES = 16
HASH_BYTES = 32
MIN_PASSWORD = 10
MAX_NAME = 64
FREE_FAILURES = 3  # failures in a row before each further attempt has to wait
MAX_DELAY = 60.0  # seconds: the wait doubles from 1 s up to this
LOCK_AFTER = 10  # failures in a row that lock the name
LOCK_SECONDS = 15 * 60
WRONG = "Tên hoặc mật khẩu không đúng (wrong name or password)"
ADD_HINT = ("Chưa có chuyên viên nào được cấp tài khoản. Trên máy chủ, chạy: make analyst NAME=<tên> "
            "(no analyst configured: run `make analyst NAME=<name>` on the server)")


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in: `name` is the analyst's name as stored when `ok`."""

    ok: bool
    name: str = ""
    message: str = ""
    retry_after: float = 0.0  # seconds before the next attempt is heard (0: now)


def clean_name(name: str) -> str:
    """The name as stored: NFC, spaces collapsed; raises InputError for an empty, long or odd name."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        raise InputError("tên chuyên viên trống (empty analyst name)")
    if len(text) > MAX_NAME:
        raise InputError(f"tên chuyên viên dài quá {MAX_NAME} ký tự (name too long)")
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise InputError("tên chuyên viên có ký tự điều khiển (control character in name)")
    return text


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _hash(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(unicodedata.normalize("NFC", password).encode("utf-8"), salt=salt,
                          n=params["n"], r=params["r"], p=params["p"], dklen=HASH_BYTES)


class Accounts:
    """The analysts' file at `path` ($DANVAN_ANALYSTS or data/analysts.json when None)."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.path = analysts_path(path)
        self.attempts_path = self.path.with_name(self.path.name + ".attempts")
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._clock = clock

    # --- the accounts ------------------------------------------------------------------
    def _read(self) -> dict[str, dict]:
        if not self.path.exists():
            return {}
        try:
            data = read_json(self.path)
            return {_key(a["name"]): a for a in data["analysts"]}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"tệp tài khoản hỏng, không đọc được (broken accounts file): {exc}",
                             where=str(self.path)) from None

    def names(self) -> list[str]:
        return sorted(a["name"] for a in self._read().values())

    def configured(self) -> bool:
        """Whether any analyst can sign in; when not, the page shows ADD_HINT."""
        return bool(self._read())

    def exists(self, name: str) -> bool:
        return _key(name) in self._read()

    def set_password(self, name: str, password: str) -> bool:
        """Add the analyst `name`, or reset the password of an existing one; True when added.
        Also clears the name's failed attempts (an unlock)."""
        name = clean_name(name)
        if len(password) < MIN_PASSWORD:
            raise InputError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự "
                             f"(password shorter than {MIN_PASSWORD} characters)")
        salt = secrets.token_bytes(SALT_BYTES)
        with self._locked():
            accounts = self._read()
            added = _key(name) not in accounts
            accounts[_key(name)] = {"name": name, "salt": salt.hex(), "hash": _hash(password, salt, SCRYPT).hex(),
                                    **SCRYPT, "set_at": timestamp()}
            write_json(self.path, {"analysts": sorted(accounts.values(), key=lambda a: _key(a["name"]))}, mode=0o600)
            attempts = self._attempts()
            if attempts.pop(_key(name), None) is not None:
                self._save_attempts(attempts)
        return added

    # --- signing in --------------------------------------------------------------------
    def sign_in(self, name: str, password: str) -> SignIn:
        """Check `name` and `password`. Every attempt, with a known name or not, costs one scrypt hash
        while the file's lock is held; after FREE_FAILURES failures in a row each next attempt waits
        (1 s, 2 s, 4 s … up to MAX_DELAY) and LOCK_AFTER failures lock the name for LOCK_SECONDS."""
        key = _key(name)
        with self._locked():
            try:
                accounts = self._read()
                attempts = self._attempts()
            except InputError as exc:
                return SignIn(False, message=str(exc))
            if not accounts:
                return SignIn(False, message=ADD_HINT)
            now = self._clock()
            entry = attempts.get(key, {})
            wait = _wait(entry, now)
            if wait > 0:
                return SignIn(False, message=_wait_message(entry, wait), retry_after=wait)
            account = accounts.get(key)
            if account is not None:
                params = {k: int(account[k]) for k in SCRYPT}
                ok = hmac.compare_digest(_hash(password, bytes.fromhex(account["salt"]), params),
                                         bytes.fromhex(account["hash"]))
            else:  # the same work and the same answer as a wrong password
                hmac.compare_digest(_hash(password, secrets.token_bytes(SALT_BYTES), SCRYPT),
                                    secrets.token_bytes(HASH_BYTES))
                ok = False
            if ok:
                if attempts.pop(key, None) is not None:
                    self._save_attempts(attempts)
                return SignIn(True, name=account["name"])
            entry = _failed(entry, now)
            attempts[key] = entry
            self._save_attempts(_pruned(attempts, now))
            wait = _wait(entry, now)
            return SignIn(False, message=WRONG + (f". {_wait_message(entry, wait)}" if wait > 0 else ""),
                          retry_after=wait)

    # --- state on disk -----------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time reads and writes the accounts and the attempts."""
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _attempts(self) -> dict[str, dict]:
        """The failed attempts by name; raises InputError when the file is damaged (no sign-in then:
        a counter that cannot be read must not open the door)."""
        try:
            data = read_json(self.attempts_path)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(f"tệp đếm lần đăng nhập sai hỏng; xóa tệp này để đặt lại (broken attempts file): {exc}",
                             where=str(self.attempts_path)) from None
        if not isinstance(data, dict):
            raise InputError("tệp đếm lần đăng nhập sai hỏng; xóa tệp này để đặt lại (broken attempts file)",
                             where=str(self.attempts_path))
        return data

    def _save_attempts(self, attempts: dict[str, dict]) -> None:
        write_json(self.attempts_path, dict(attempts), mode=0o600)


def _failed(entry: dict, now: float) -> dict:
    failures = int(entry.get("failures", 0)) + 1
    if failures >= LOCK_AFTER:  # locked; the count starts again when the lock ends
        return {"failures": 0, "last": now, "locked_until": now + LOCK_SECONDS}
    return {"failures": failures, "last": now, "locked_until": 0.0}


def _wait(entry: dict, now: float) -> float:
    """Seconds before the next attempt for this name is heard."""
    locked_until = float(entry.get("locked_until", 0.0))
    if locked_until > now:
        return locked_until - now
    failures = int(entry.get("failures", 0))
    if failures < FREE_FAILURES:
        return 0.0
    delay = min(MAX_DELAY, 2.0 ** (failures - FREE_FAILURES))
    return max(0.0, float(entry.get("last", 0.0)) + delay - now)


def _wait_message(entry: dict, wait: float) -> str:
    seconds = max(1, round(wait))
    if float(entry.get("locked_until", 0.0)) > 0:
        return (f"Tên này tạm bị khóa vì đăng nhập sai nhiều lần; thử lại sau {seconds // 60} phút {seconds % 60} giây "
                f"(locked after repeated failures: try again in {seconds} s)")
    return f"Đăng nhập sai nhiều lần: thử lại sau {seconds} giây (too many failures: try again in {seconds} s)"


def _pruned(attempts: dict[str, dict], now: float) -> dict[str, dict]:
    """Forget names whose last failure is long past and that are not locked (the file stays small)."""
    return {k: v for k, v in attempts.items()
            if float(v.get("locked_until", 0.0)) > now or now - float(v.get("last", 0.0)) < LOCK_SECONDS}

