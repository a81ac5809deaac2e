"""The whole pipeline: extract reports, apply the review file, read analyst tables, validate, write."""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyarrow as pa

from etl.bulktable import Memo
from etl.catalog import Catalog, load_catalog
from etl.errors import InputError
from etl.extract import Extractor
from etl.figure import Figure
from etl.gazetteer import Gazetteer, default_gazetteer
from etl.load import SourceRow, write_database
from etl.locindex import ExtendedGazetteer
from etl.paths import REPORTS, REVIEW, TABLES
from etl.report import read_report
from etl.review import apply_review, read_review
from etl.tabledir import EXTRA_LOCALITIES, TableDir, gazetteer_with, is_synthetic_source, read_table_dir
from etl.tables import read_table, table_files
from etl.validate import validate

CRASH_ENV = "DANVAN_CRASH_AT"  # test hook: the build dies at this stage (extract, validate, load, swap)


class BuildFailed(RuntimeError):
    def __init__(self, summary: "BuildSummary") -> None:
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


def build(db_path: Path, *, reports_dir: Path = REPORTS, tables_dir: Path = TABLES, review_path: Path = REVIEW,
          keep_going: bool = False, progress: Callable[[str], None] | None = None,
          gazetteer: Gazetteer | None = None, catalog: Catalog | None = None) -> BuildSummary:
    """Build the database at `db_path`. Raises BuildFailed (database untouched) on bad input
    unless `keep_going`, which loads everything that is not broken.

    A tables folder with a synthetic.yaml (from `python -m etl synth`) makes a synthetic build:
    only its tables are read (no report, no review file) and build_info.synthetic is true."""
    say = progress or (lambda msg: print(msg, file=sys.stderr))
    started = time.perf_counter()
    # Tables need the localities, not the text patterns that reading reports needs (seconds to build).
    base_gaz = gazetteer or ExtendedGazetteer.load()
    cat = catalog or load_catalog()
    summary = BuildSummary(db_path=db_path)
    figures: list[Figure] = []
    sources: list[SourceRow] = []
    docs_read: set[str] = set()

    try:
        folder = read_table_dir(tables_dir, base_gaz)
    except InputError as exc:
        summary.errors.append(str(exc) if exc.where else exc.message)
        folder = TableDir(tables_dir)
    summary.synthetic = folder.synthetic
    gaz = gazetteer_with(base_gaz, folder.extra_localities)
    if folder.extra_localities:
        say(f"{len(folder.extra_localities)} địa phương bổ sung từ {tables_dir / EXTRA_LOCALITIES}")

    if folder.synthetic:
        # A synthetic set stands alone: no report, no review row, no real table goes with it.
        say(f"{tables_dir} là bộ dữ liệu GIẢ LẬP: không đọc báo cáo và tệp rà soát")
        report_paths: list[Path] = []
    else:
        report_paths = sorted(reports_dir.glob("*.txt")) if reports_dir.exists() else []
    extractor = Extractor(gazetteer or default_gazetteer()) if report_paths else None
    for n, path in enumerate(report_paths, start=1):
        try:
            report = read_report(path)
            found = extractor.extract(report)
        except InputError as exc:
            summary.errors.append(str(exc))
            say(f"[{n}/{len(report_paths)}] {path.name}: LỖI {exc.message}")
            continue
        summary.reports_read += 1
        docs_read.add(path.name)
        sources.append(SourceRow(path.name, "report", report.title or path.stem, report.publisher,
                                 report.source_url, report.published.iso() if report.published else "",
                                 path.name, report.file_hash))
        if not found:
            summary.warnings.append(f"{path.name}: không có số liệu nào thuộc danh mục")
        summary.extracted += len(found)
        figures.extend(found)
        say(f"[{n}/{len(report_paths)}] {path.name}: {len(found)} số liệu")
    _crash_if("extract")

    if not folder.synthetic:
        try:
            review_rows = read_review(review_path)
        except InputError as exc:
            summary.errors.append(str(exc))
            review_rows = []
        outcome = apply_review(figures, review_rows, docs_read)
        figures = outcome.figures
        summary.review_rejected = len(outcome.rejected)
        summary.corrected = outcome.corrected
        summary.added = outcome.added
        summary.warnings.extend(outcome.stale)
        summary.rejected.extend(f"{f.doc}, “{f.number_text}”: {why}" for f, why in outcome.rejected)

    bulk: list[pa.Table] = []
    memo = Memo()
    for path in table_files(tables_dir):
        result = read_table(path, gaz, cat, memo=memo)
        mixed = [s.title for s in result.sources.values() if is_synthetic_source(s.title) != folder.synthetic]
        if mixed and not result.errors:
            result.errors.append(
                f"{path.name}: nguồn {mixed[0]!r} là dữ liệu {'thật' if folder.synthetic else 'GIẢ LẬP'}, "
                f"không được nạp cùng dữ liệu {'GIẢ LẬP' if folder.synthetic else 'thật'}"
                + (" (dữ liệu giả lập chỉ nạp từ thư mục có synthetic.yaml, vào cơ sở dữ liệu riêng)"
                   if not folder.synthetic else ""))
        if result.errors:
            summary.errors.extend(result.errors)
            say(f"bảng {path.name}: LỖI ({len(result.errors)} dòng), không nạp dòng nào của bảng này")
            continue
        summary.tables_read += 1
        summary.table_rows += result.n_figures
        figures.extend(result.figures)
        if result.observations is not None:
            bulk.append(result.observations)
        sources.extend(SourceRow(s.id, "table", s.title, s.publisher, s.url, s.published, s.file_name, s.file_hash)
                       for s in result.sources.values())
        say(f"bảng {path.name}: {result.n_figures} dòng")

    checked = validate(figures, gaz, cat, bulk=bulk)
    _crash_if("validate")
    summary.rejected.extend(why for _, why in checked.rejected)
    summary.conflicts = checked.conflicts

    if summary.errors and not keep_going:
        summary.seconds = time.perf_counter() - started
        raise BuildFailed(summary)
    say(f"ghi {len(checked.figures) + sum(t.num_rows for t in checked.bulk)} số liệu vào {db_path} …")

    def stage(name: str) -> None:
        _crash_if(name)

    summary.loaded = write_database(db_path, gaz, cat, sources, checked.figures, synthetic=folder.synthetic,
                                    bulk=checked.bulk, on_stage=stage)
    summary.written = True
    summary.seconds = time.perf_counter() - started
    return summary
