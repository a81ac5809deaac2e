"""The stages of a build, each a function of its inputs that returns its outputs:

    read → extract → review → tables → validate → load → swap

read: the tables folder (synthetic or not, its extra places) and which reports there are (the
texts of data/reports and the intake's published items, etl/report_inputs.py); extract: each
report's figures and source; review: the analysts' decisions (data/review.csv, and each published
inbox item's own); tables: the
analyst tables; validate: every figure checked, conflicts between sources found; load: the new
database under a temporary name; swap: it replaces the old one. etl/build.py runs them in order for
`python -m etl build`; the intake calls the same ones for a few new documents. Stages that report
progress take `say`, a function given one line at a time.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from domain.links import is_web_link
from etl.bulktable import Memo
from etl.catalog import Catalog
from etl.errors import InputError, shown
from etl.extract import Extractor
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.load import NewDatabase, SourceRow, swap_in, write_new
from etl.report_inputs import ReportInput, inbox_tables, report_inputs
from etl.review import ReviewRow, apply_review, read_review, unknown_reports
from etl.tabledir import EXTRA_LOCALITIES, TableDir, gazetteer_with, is_synthetic_source, read_table_dir
from etl.tables import TableResult, read_table, table_files
from etl.validate import Validated
from etl.validate import validate as validate_figures

Say = Callable[[str], None]


@dataclass(frozen=True)
class Inputs:
    """What the build reads: whether the tables folder is synthetic, the gazetteer with the
    folder's extra places, and the reports (none for a synthetic folder)."""

    synthetic: bool
    gazetteer: Gazetteer
    reports: list[ReportInput]
    errors: list[str] = field(default_factory=list)  # a marker or places file that could not be read


@dataclass(frozen=True)
class Extracted:
    figures: list[Figure]
    sources: list[SourceRow]
    docs_read: set[str]  # source ids of the reports read (file names in data/reports): review rows apply to these
    errors: list[str] = field(default_factory=list)  # reports that could not be read
    warnings: list[str] = field(default_factory=list)  # reports without a figure


@dataclass(frozen=True)
class Reviewed:
    figures: list[Figure]
    rejected: list[str] = field(default_factory=list)  # figures the analysts rejected, and why
    corrected: int = 0
    added: int = 0
    stale: list[str] = field(default_factory=list)  # review rows that match nothing any more, or are needless
    errors: list[str] = field(default_factory=list)  # the review file could not be read


@dataclass(frozen=True)
class Tables:
    figures: list[Figure]
    bulk: list[pa.Table]  # observations of large tables, as columns
    sources: list[SourceRow]
    read: int  # tables loaded
    rows: int  # their rows
    errors: list[str] = field(default_factory=list)  # every bad row of every table that loads nothing


def read(reports_dir: Path, tables_dir: Path, base: Gazetteer, say: Say,
         inbox: Sequence[ReportInput] | None = None) -> Inputs:
    """The tables folder's marker and extra places, and the reports to read: the texts of
    `reports_dir`, then `inbox` (None: the published items of $DANVAN_INBOX or data/inbox)."""
    errors: list[str] = []
    try:
        folder = read_table_dir(tables_dir, base)
    except InputError as exc:
        errors.append(str(exc) if exc.where else exc.message)
        folder = TableDir(tables_dir)
    if folder.extra_localities:
        say(f"{len(folder.extra_localities)} địa phương bổ sung từ {tables_dir / EXTRA_LOCALITIES}")
    if folder.synthetic:
        # A synthetic set stands alone: no report, no review row, no real table goes with it.
        say(f"{tables_dir} là bộ dữ liệu GIẢ LẬP: không đọc báo cáo và tệp rà soát")
        reports: list[ReportInput] = []
    else:
        reports = report_inputs(reports_dir, inbox)
    return Inputs(folder.synthetic, gazetteer_with(base, folder.extra_localities), reports, errors)


def extract(reports: Sequence[ReportInput], extractor: Extractor | None, say: Say) -> Extracted:
    """Each report read and its figures found, in turn (`extractor` may be None when there are none)."""
    figures: list[Figure] = []
    sources: list[SourceRow] = []
    docs_read: set[str] = set()
    errors: list[str] = []
    warnings: list[str] = []
    for n, inp in enumerate(reports, start=1):
        try:
            report = inp.read()
            found = extractor.extract(report)
        except InputError as exc:
            errors.append(str(exc))
            say(f"[{n}/{len(reports)}] {inp.doc}: LỖI {exc.message}")
            continue
        docs_read.add(inp.doc)
        sources.append(SourceRow(inp.doc, "report", report.title or Path(inp.file_name).stem, report.publisher,
                                 report.source_url, report.published.iso() if report.published else "",
                                 inp.file_name, report.file_hash))
        if not found:
            warnings.append(f"{inp.doc}: không có số liệu nào thuộc danh mục")
        figures.extend(found)
        say(f"[{n}/{len(reports)}] {inp.doc}: {len(found)} số liệu")
    return Extracted(figures, sources, docs_read, errors, warnings)


def review(figures: list[Figure], review_path: Path | None, docs_read: set[str],
           reports: Sequence[ReportInput] = ()) -> Reviewed:
    """The review file's rejections, corrections and additions for the reports read, and the
    reports' own decisions (an inbox item's); no file: none at all."""
    if review_path is None:
        return Reviewed(figures)
    errors: list[str] = []
    rows: list[ReviewRow] = []
    unknown: list[str] = []
    for n, read_rows in enumerate((lambda: read_review(review_path), *(inp.review for inp in reports))):
        try:
            read = read_rows()
        except InputError as exc:
            errors.append(str(exc))
            continue
        rows.extend(read)
        if n == 0 and reports:  # the review file's rows about a report that is not among them are named
            unknown = unknown_reports(read, {inp.doc for inp in reports})
    outcome = apply_review(figures, rows, docs_read)
    return Reviewed(outcome.figures, [f"{f.doc}, “{f.number_text}”: {why}" for f, why in outcome.rejected],
                    outcome.corrected, outcome.added, outcome.stale + outcome.redundant + unknown, errors)


def tables(tables_dir: Path, gaz: Gazetteer, catalog: Catalog, synthetic: bool, say: Say,
           inbox: Sequence[Path] | None = None) -> Tables:
    """Every analyst table of the folder, then the tables published through the intake (`inbox`, else
    those of $DANVAN_INBOX or data/inbox; none for a synthetic folder); a table with any bad row
    loads nothing. A synthetic folder takes only synthetic tables, a real one only real tables."""
    figures: list[Figure] = []
    bulk: list[pa.Table] = []
    sources: list[SourceRow] = []
    errors: list[str] = []
    n_tables = n_rows = 0
    memo = Memo()
    for path in [*table_files(tables_dir), *([] if synthetic else inbox_tables(inbox))]:
        result = read_table(path, gaz, catalog, memo=memo)
        bad = result.errors or _mixed(result, synthetic)
        if bad:
            errors.extend(bad)
            say(f"bảng {path.name}: LỖI ({len(bad)} dòng), không nạp dòng nào của bảng này")
            continue
        n_tables += 1
        n_rows += result.n_figures
        figures.extend(result.figures)
        if result.observations is not None:
            bulk.append(result.observations)
        sources.extend(SourceRow(s.id, "table", s.title, s.publisher, s.url, s.published, s.file_name, s.file_hash)
                       for s in result.sources.values())
        say(f"bảng {path.name}: {result.n_figures} dòng")
    return Tables(figures, bulk, sources, n_tables, n_rows, errors)


def _mixed(result: TableResult, synthetic: bool) -> list[str]:
    """A real source in a synthetic folder, or a synthetic one in a real folder."""
    mixed = [s.title for s in result.sources.values() if is_synthetic_source(s.title) != synthetic]
    if not mixed:
        return []
    return [f"{result.path.name}: nguồn {mixed[0]!r} là dữ liệu {'thật' if synthetic else 'GIẢ LẬP'}, "
            f"không được nạp cùng dữ liệu {'GIẢ LẬP' if synthetic else 'thật'}"
            + (" (dữ liệu giả lập chỉ nạp từ thư mục có synthetic.yaml, vào cơ sở dữ liệu riêng)"
               if not synthetic else "")]


def link_warnings(sources: Sequence[SourceRow]) -> list[str]:
    """A source whose link is not an http(s) address (javascript:…, file:///…) loads, and the pages
    and slides show that text as text, never as a link (domain.links): the build says so."""
    return [f"{s.id}: đường dẫn nguồn {shown(s.url, 80)} không phải http/https, chỉ hiện dạng chữ, không thành "
            "liên kết (not a web link)" for s in sources if s.url and not is_web_link(s.url)]


def validate(figures: list[Figure], gaz: Gazetteer, catalog: Catalog, bulk: Sequence[pa.Table]) -> Validated:
    """Every figure checked (etl/validate.py): the good ones, the rejected ones and why, the conflicts."""
    return validate_figures(figures, gaz, catalog, bulk=bulk)


def load(db_path: Path, gaz: Gazetteer, catalog: Catalog, sources: list[SourceRow], checked: Validated,
         synthetic: bool, on_stage: Say = lambda stage: None) -> NewDatabase:
    """The new database, written beside `db_path` under a temporary name (etl/load.py)."""
    return write_new(db_path, gaz, catalog, sources, checked.figures, synthetic=synthetic, bulk=checked.bulk,
                     on_stage=on_stage)


def swap(new: NewDatabase) -> int:
    """The new database replaces the old one in one step; the number of observations it holds."""
    swap_in(new)
    return new.observations
