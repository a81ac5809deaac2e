"""Publishing inbox items into the database: one publish at a time, all or nothing, each one kept in
a history and revertible to the state before it.

A publish holds the database's lock (etl/lock.py, the one `python -m etl build` takes), runs the
build's stages (etl/build.py `prepare`) into a new database under a temporary name with the items
it publishes (their decisions and source details as they stand now), compares it with the old one,
and only then swaps it in (etl/stages.py `swap`) and records the items as published. Readers keep
reading the old file until the swap. A failed build changes nothing and says why.

The swap and the items' new state are two steps; a journal (`<inbox>/.publishing.json`) written
before the swap lets the next publish finish one that was killed after the swap, or forget one
that was killed before it. A revert is a publish too: the items go back to what they were before
the publish reverted (and before any later one), and the database is built from that.

```
<inbox>/history/00001.json   one publish or revert: who, when, which files, counts, what changed,
                             and each touched item's state before it (what a revert restores)
```
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from etl import stages
from etl.build import CRASH_ENV, BuildFailed, prepare
from etl.errors import InputError
from etl.intake.accounts import Accounts
from etl.intake.changes import Changes, compare, read_state
from etl.intake.decisions import Reviewer
from etl.intake.files import read_json, timestamp, write_json
from etl.intake.inbox import Inbox, Published, Source
from etl.load import NewDatabase, discard, remove_stale_temps
from etl.lock import WAIT_SECONDS, LockError, database_lock
from etl.paths import REPORTS, REVIEW, TABLES, database_path

STAGES = ("wait", "prepare", "build", "compare", "commit", "done")  # in the order a publish goes through
COUNTS = ("accepted", "corrected", "rejected", "added", "undecided", "table_rows")
_JOURNAL = ".publishing.json"


@dataclass(frozen=True)
class Progress:
    """Where a publish is: a stage of STAGES, a count within it when there is one, and a line to show."""

    stage: str
    done: int | None = None
    total: int | None = None
    message: str = ""


@dataclass
class Entry:
    """One publish or revert in the history."""

    id: int
    kind: str  # publish | revert
    analyst: str
    at: str
    items: list[dict]  # sha256, doc, file_name, title of each item it changed
    counts: dict[str, int]  # figures of those items by decision (COUNTS), as it left them
    observations_before: int
    observations_after: int
    grown: list[str]  # series that gained years: "Hà Nội · lượt tiếp công dân nay 2019–2024"
    shrunk: list[str]  # series that lost years, or all of them (a revert)
    message: str
    before: dict[str, dict | None]  # sha256 → the item's published state before (None: a draft)
    reverts: int | None = None


@dataclass
class Result:
    ok: bool
    message: str
    entry: Entry | None = None
    problems: list[str] = field(default_factory=list)  # why it failed: the build's own summary
    notes: list[str] = field(default_factory=list)  # figures of these items the build left out, stale decisions


class Publisher:
    """Publishes the items of `inbox` into the database `db` ($DANVAN_DB or data/danvan.duckdb when None),
    built with the bundled reports, tables and review file."""

    def __init__(self, inbox: Inbox, accounts: Accounts, reviewer: Reviewer, *, db: Path | None = None,
                 reports_dir: Path = REPORTS, tables_dir: Path = TABLES, review_path: Path = REVIEW,
                 lock_timeout: float = WAIT_SECONDS) -> None:
        self.inbox = inbox
        self.accounts = accounts
        self.reviewer = reviewer
        self.db = database_path(db)
        self.build_inputs = {"reports_dir": reports_dir, "tables_dir": tables_dir, "review_path": review_path}
        self.lock_timeout = lock_timeout  # how long a publish waits for another one (or a build)

    # --- the history -------------------------------------------------------------------
    @property
    def history_dir(self) -> Path:
        return self.inbox.root / "history"

    def history(self) -> list[Entry]:
        """Every publish and revert, the first first."""
        if not self.history_dir.exists():
            return []
        return [Entry(**read_json(p)) for p in sorted(self.history_dir.glob("[0-9]*.json"))]

    # --- publishing --------------------------------------------------------------------
    def publish(self, shas: Sequence[str], analyst: str,
                progress: Callable[[Progress], None] | None = None) -> Result:
        """Publish the items `shas` with their decisions and source details as they stand now."""
        if not shas:
            return Result(False, "Chưa chọn tệp nào để công bố (nothing to publish).")

        def target() -> tuple[dict[str, Published | None], list[str], None]:
            after: dict[str, Published | None] = {}
            for sha in dict.fromkeys(shas):
                item = self.inbox.item(sha)
                after[sha] = Published(publish_id=0, at="", by=analyst, source=item.source,
                                       decisions=self.inbox.decisions_text(item))
            return after, [], None

        return self._run("publish", analyst, target, progress)

    def revert(self, entry_id: int, analyst: str, progress: Callable[[Progress], None] | None = None) -> Result:
        """Bring the items back to the state before publish `entry_id` (undoing the later ones too)
        and rebuild; recorded in the history as a publish of its own."""
        def target() -> tuple[dict[str, Published | None], list[str], int]:
            entries = self.history()
            if not any(e.id == entry_id for e in entries):
                raise InputError(f"không có lượt công bố #{entry_id} trong lịch sử (no such publish)")
            after: dict[str, Published | None] = {}
            for e in entries:
                if e.id >= entry_id:
                    for sha, state in e.before.items():
                        after.setdefault(sha, _published(state))
            later = [f"#{e.id}" for e in entries if e.id > entry_id]
            also = [f"Hoàn tác cả các lượt sau nó: {', '.join(later)} (later publishes undone too)"] if later else []
            return after, also, entry_id

        return self._run("revert", analyst, target, progress)

    def recover(self) -> str:
        """Finish a publish that was killed after its swap, or forget one killed before it ('' when none)."""
        with database_lock(self.db, timeout=self.lock_timeout):
            return self._recover()

    # --- the one path every publish and revert takes -------------------------------------
    def _run(self, kind: str, analyst: str,
             target: Callable[[], tuple[dict[str, Published | None], list[str], int | None]],
             progress: Callable[[Progress], None] | None) -> Result:
        say = progress or (lambda _p: None)
        try:
            known = self.accounts.exists(analyst)
        except InputError as exc:
            return Result(False, f"Không công bố được, không thay đổi gì: {exc}")
        if not known:
            return Result(False, f"{analyst!r} không phải chuyên viên đã đăng ký: không ghi gì (not an analyst).")
        def waiting(line: str) -> None:
            say(Progress("wait", message=line))

        try:
            with database_lock(self.db, timeout=self.lock_timeout, say=waiting):
                return self._locked_run(kind, analyst, target, say)
        except LockError as exc:
            return Result(False, str(exc))

    def _locked_run(self, kind: str, analyst: str,
                    target: Callable[[], tuple[dict[str, Published | None], list[str], int | None]],
                    say: Callable[[Progress], None]) -> Result:
        self._recover()
        say(Progress("prepare", message="Chuẩn bị (preparing)…"))
        entry_id = max((e.id for e in self.history()), default=0) + 1
        at = timestamp()
        try:
            after, notes, reverts = target()
            for state in after.values():
                if state is not None and kind == "publish":
                    state.publish_id, state.at = entry_id, at
            before = {sha: self.inbox.published(self.inbox.item(sha)) for sha in after}
            counts = self._counts(after)
        except InputError as exc:
            return Result(False, f"Không công bố được, không thay đổi gì: {exc}")

        def build_progress(line: str) -> None:
            m = re.match(r"\[(\d+)/(\d+)\]", line)
            say(Progress("build", int(m[1]) if m else None, int(m[2]) if m else None, line))

        new: NewDatabase | None = None
        try:
            old = read_state(self.db)
            summary, new = prepare(self.db, inbox=self.inbox.published_inputs(after),
                                   inbox_tables=self.inbox.published_tables(after), say=build_progress,
                                   **self.build_inputs)
            say(Progress("compare", message="So sánh với cơ sở dữ liệu trước (comparing)…"))
            changes = compare(old, read_state(new.temp))
        except BuildFailed as failed:
            return Result(False, "Không công bố được: bản dựng cơ sở dữ liệu lỗi; cơ sở dữ liệu và các tệp "
                                 "giữ nguyên (build failed, nothing changed).", problems=failed.summary.lines())
        except Exception as exc:  # noqa: BLE001 - any failure of the build must leave everything as it was
            if new is not None:
                discard(new)
            return Result(False, f"Không công bố được, không thay đổi gì (build failed): {exc}")
        entry = Entry(id=entry_id, kind=kind, analyst=analyst, at=at,
                      items=[self._described(sha) for sha in after], counts=counts,
                      observations_before=changes.observations_before,
                      observations_after=changes.observations_after,
                      grown=[s.label() for s in changes.grown],
                      shrunk=[s.label() for s in changes.shrunk] + [s.gone_label() for s in changes.gone],
                      message=_message(kind, reverts, counts, changes), reverts=reverts,
                      before={sha: _state_json(p) for sha, p in before.items()})
        say(Progress("commit", message="Ghi (committing)…"))
        _crash_if("swap")
        # The new file keeps its inode through the rename: the next publish tells by it whether the swap happened.
        write_json(self._journal, {"db": str(self.db), "tmp": str(new.temp), "inode": new.temp.stat().st_ino,
                                   "entry": asdict(entry), "after": {sha: _state_json(p) for sha, p in after.items()}})
        _crash_if("publish-journal")
        stages.swap(new)  # the commit point: from here the publish is done, whatever happens
        _crash_if("publish-commit")
        self._finish(read_json(self._journal))
        say(Progress("done", message=entry.message))
        docs = tuple(self.inbox.item(sha).doc for sha in after)
        notes += [line for line in summary.rejected + summary.warnings if line.startswith(docs)]
        return Result(True, entry.message, entry, notes=notes)

    @property
    def _journal(self) -> Path:
        return self.inbox.root / _JOURNAL

    def _recover(self) -> str:
        said = ""
        if self._journal.exists():
            journal = read_json(self._journal)
            db = Path(journal["db"])
            if db.exists() and db.stat().st_ino == journal["inode"]:  # swapped in: finish it
                self._finish(journal)
                said = f"Lượt công bố #{journal['entry']['id']} bị ngắt sau khi ghi cơ sở dữ liệu: đã hoàn tất."
            else:  # killed before the swap: the database is the old one
                for leftover in (Path(journal["tmp"]), Path(journal["tmp"] + ".wal")):
                    leftover.unlink(missing_ok=True)
                self._journal.unlink()
                said = f"Lượt công bố #{journal['entry']['id']} bị ngắt trước khi ghi: không thay đổi gì."
        remove_stale_temps(self.db)  # the new database of a publish killed while it was written
        return said

    def _finish(self, journal: dict) -> None:
        """The items' new state and the history entry, then the journal goes (each step can run twice)."""
        for sha, state in journal["after"].items():
            self.inbox.set_state(sha, _published(state))
        entry = journal["entry"]
        write_json(self.history_dir / f"{entry['id']:05d}.json", entry)
        self._journal.unlink()

    def _counts(self, after: dict[str, Published | None]) -> dict[str, int]:
        total = dict.fromkeys(COUNTS, 0)
        for sha, state in after.items():
            if state is None:
                continue
            item = self.inbox.item(sha)
            if item.kind == "table":
                total["table_rows"] += self.reviewer.table(item).n_figures
                continue
            sheet = self.reviewer.sheet_of(item, self.reviewer.figures(item, state.source),
                                           self.reviewer.decisions(item, state.decisions))
            for k, n in sheet.counts().items():
                total[k] += n
        return total

    def _described(self, sha: str) -> dict:
        item = self.inbox.item(sha)
        return {"sha256": sha, "doc": item.doc, "file_name": item.file_name, "title": item.source.title}


def _message(kind: str, reverts: int | None, counts: dict[str, int], changes: Changes) -> str:
    """'+23 số liệu, sửa 2, loại 1; Hà Nội · lượt tiếp công dân nay 2019–2024'."""
    parts = [f"{changes.delta:+d} số liệu"]
    if kind == "publish":
        parts.append(f"sửa {counts['corrected']}, loại {counts['rejected']}"
                     + (f", bổ sung {counts['added']}" if counts["added"] else ""))
    head = ", ".join(parts)
    if kind == "revert":
        head = f"Hoàn tác lượt công bố #{reverts}: {head}"
    spans = ([s.label() for s in changes.grown] + [f"{s.label()} (ít năm hơn)" for s in changes.shrunk]
             + [s.gone_label() for s in changes.gone])
    shown = spans[:6] + ([f"… và {len(spans) - 6} chuỗi khác"] if len(spans) > 6 else [])
    return "; ".join([head, *shown])


def _state_json(state: Published | None) -> dict | None:
    return None if state is None else {**asdict(state), "source": asdict(state.source)}


def _published(state: dict | None) -> Published | None:
    return None if state is None else Published(**{**state, "source": Source(**state["source"])})


def _crash_if(stage: str) -> None:
    """Test hook, as in etl/build.py: the publish dies here when $DANVAN_CRASH_AT names this stage."""
    if os.environ.get(CRASH_ENV) == stage:
        os._exit(99)

