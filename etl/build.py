"""The whole pipeline, its stages (etl/stages.py) in order under the database's lock (etl/lock.py):
read, extract reports, apply the review file, read analyst tables, validate, load, swap."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etl import stages
from etl.catalog import Catalog, load_catalog
from etl.extract import Extractor
from etl.gazetteer import Gazetteer, default_gazetteer
from etl.load import NewDatabase
from etl.locindex import ExtendedGazetteer
from etl.lock import WAIT_SECONDS, database_lock
from etl.paths import REPORTS, REVIEW, TABLES
from etl.report_inputs import ReportInput
from etl.validate import Validated

CRASH_ENV = "DANVAN_CRASH_AT"  # test hook: the build dies at this stage (extract, validate, load, swap)


class BuildFailed(RuntimeError):
    def __init__(self, summary: BuildSummary) -> None:
        self.summary = summary
        super().__init__("build failed")


@dataclass
class BuildSummary:
    db_path: Path
    reports_read: int = 0
    tables_read: int = 0
    extracted: int = 0
    table_rows: int = 0
    review_rejected: int = 0
    corrected: int = 0
    added: int = 0
    loaded: int = 0
    errors: list[str] = field(default_factory=list)  # inputs that could not be read: the build stops
    warnings: list[str] = field(default_factory=list)  # reports with no figures, stale review rows
    rejected: list[str] = field(default_factory=list)  # figures left out, with the reason
    conflicts: list[str] = field(default_factory=list)
    seconds: float = 0.0
    written: bool = False
    synthetic: bool = False

    def lines(self, limit: int = 30) -> list[str]:
        """The summary; each list shows at most `limit` items and says how many more there are."""
        out = [
            f"Đã đọc {self.reports_read} báo cáo, {self.tables_read} bảng số liệu.",
            f"Số liệu: {self.extracted} trích xuất từ báo cáo, {self.table_rows} từ bảng; rà soát: loại "
            f"{self.review_rejected}, sửa {self.corrected}, bổ sung {self.added}.",
        ]
        for title, items in (("Lỗi đầu vào", self.errors), ("Cảnh báo", self.warnings),
                             ("Không nạp", self.rejected), ("Mâu thuẫn giữa các nguồn (giữ cả hai)", self.conflicts)):
            if items:
                out.append(f"{title} ({len(items)}):")
                out.extend(f"  - {x}" for x in items[:limit])
                if len(items) > limit:
                    out.append(f"  … và {len(items) - limit} mục nữa")
        if self.synthetic:
            out.append("DỮ LIỆU GIẢ LẬP (synthetic): cơ sở dữ liệu này không chứa số liệu thật.")
        if self.written:
            out.append(f"Đã nạp {self.loaded} số liệu vào {self.db_path} ({self.seconds:.1f} s).")
        else:
            out.append(f"KHÔNG ghi cơ sở dữ liệu: {self.db_path} giữ nguyên như trước.")
        return out


def _crash_if(stage: str) -> None:
    if os.environ.get(CRASH_ENV) == stage:
        os._exit(99)  # noqa: SLF001 - simulates the process being killed


def _to_stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def build(db_path: Path, *, reports_dir: Path = REPORTS, tables_dir: Path = TABLES, review_path: Path = REVIEW,
          keep_going: bool = False, progress: Callable[[str], None] | None = None,
          gazetteer: Gazetteer | None = None, catalog: Catalog | None = None,
          lock_timeout: float = WAIT_SECONDS, inbox: Sequence[ReportInput] | None = None,
          inbox_tables: Sequence[Path] | None = None) -> BuildSummary:
    """Build the database at `db_path`. Raises BuildFailed (database untouched) on bad input
    unless `keep_going`, which loads everything that is not broken.

    Reports are the texts of `reports_dir` and the published inbox items (`inbox`, else those of
    $DANVAN_INBOX or data/inbox; etl/report_inputs.py); tables those of `tables_dir` and the
    published inbox tables (`inbox_tables`, else the inbox folder's).

    One build of a database at a time: a second one waits for the first (saying so) up to
    `lock_timeout` seconds, then raises etl.lock.LockError and changes nothing.

    A tables folder with a synthetic.yaml (from `python -m etl synth`) makes a synthetic build:
    only its tables are read (no report, no review file) and build_info.synthetic is true."""
    say = progress or _to_stderr
    with database_lock(db_path, timeout=lock_timeout, say=say):
        started = time.perf_counter()
        summary, new = prepare(db_path, reports_dir=reports_dir, tables_dir=tables_dir, review_path=review_path,
                               keep_going=keep_going, say=say, gazetteer=gazetteer, catalog=catalog, inbox=inbox,
                               inbox_tables=inbox_tables)
        _crash_if("swap")
        summary.loaded = stages.swap(new)
        summary.written = True
        summary.seconds = time.perf_counter() - started
        return summary


def prepare(db_path: Path, *, reports_dir: Path = REPORTS, tables_dir: Path = TABLES, review_path: Path = REVIEW,
            keep_going: bool = False, say: Callable[[str], None] = _to_stderr, gazetteer: Gazetteer | None = None,
            catalog: Catalog | None = None, inbox: Sequence[ReportInput] | None = None,
            inbox_tables: Sequence[Path] | None = None) -> tuple[BuildSummary, NewDatabase]:
    """Every stage but the swap: the new database written beside `db_path`, not yet swapped in.
    The caller holds the database's lock and swaps it in (stages.swap) or discards it; the intake's
    publish compares it with the old one in between. Raises BuildFailed as build() does."""
    started = time.perf_counter()
    # Tables need the localities, not the text patterns that reading reports needs (seconds to build).
    inputs = stages.read(reports_dir, tables_dir, gazetteer or ExtendedGazetteer.load(), say, inbox)
    cat = catalog or load_catalog()
    extractor = Extractor(gazetteer or default_gazetteer()) if inputs.reports else None
    extracted = stages.extract(inputs.reports, extractor, say)
    _crash_if("extract")
    reviewed = stages.review(extracted.figures, None if inputs.synthetic else review_path, extracted.docs_read,
                             inputs.reports)
    tables = stages.tables(tables_dir, inputs.gazetteer, cat, inputs.synthetic, say, inbox_tables)
    checked = stages.validate([*reviewed.figures, *tables.figures], inputs.gazetteer, cat, tables.bulk)
    _crash_if("validate")
    summary = _summary(db_path, inputs, extracted, reviewed, tables, checked)
    if summary.errors and not keep_going:
        summary.seconds = time.perf_counter() - started
        raise BuildFailed(summary)
    say(f"ghi {len(checked.figures) + sum(t.num_rows for t in checked.bulk)} số liệu vào {db_path} …")
    new = stages.load(db_path, inputs.gazetteer, cat, [*extracted.sources, *tables.sources], checked,
                      inputs.synthetic, on_stage=_crash_if)
    return summary, new


def _summary(db_path: Path, inputs: stages.Inputs, extracted: stages.Extracted, reviewed: stages.Reviewed,
             tables: stages.Tables, checked: Validated) -> BuildSummary:
    """What the stages up to validate found, in the order they ran."""
    return BuildSummary(
        db_path=db_path, reports_read=len(extracted.docs_read), tables_read=tables.read,
        extracted=len(extracted.figures), table_rows=tables.rows, review_rejected=len(reviewed.rejected),
        corrected=reviewed.corrected, added=reviewed.added,
        errors=[*inputs.errors, *extracted.errors, *reviewed.errors, *tables.errors],
        warnings=[*extracted.warnings, *reviewed.stale, *stages.link_warnings([*extracted.sources, *tables.sources])],
        rejected=[*reviewed.rejected, *(why for _, why in checked.rejected)],
        conflicts=checked.conflicts, synthetic=inputs.synthetic)
