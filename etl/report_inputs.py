"""The reports a build reads: the texts in data/reports, then the inbox items analysts have published;
and the analyst tables published through the inbox, which the build reads after data/tables."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from etl.inputfile import folder_entries
from etl.report import Report, read_report
from etl.review import ReviewRow


def _no_review() -> list[ReviewRow]:
    return []


@dataclass(frozen=True)
class ReportInput:
    """One report for the build: its source id, its file's name, how to read it, and its own
    review rows (an inbox item's published decisions; data/review.csv serves data/reports)."""

    doc: str
    file_name: str
    read: Callable[[], Report]
    review: Callable[[], list[ReviewRow]] = field(default=_no_review)


def text_report(path: Path) -> ReportInput:
    """A report text with front matter, as data/reports holds them; its file name is its source id."""
    return ReportInput(path.name, path.name, partial(read_report, path))


def text_reports(folder: Path) -> list[ReportInput]:
    """The folder's .txt entries, links and other non-regular files included: reading one refuses it
    with a message (etl/inputfile.py), so nothing is skipped without a word."""
    return [text_report(p) for p in folder_entries(folder, (".txt",))]


def report_inputs(reports_dir: Path, inbox: Sequence[ReportInput] | None = None) -> list[ReportInput]:
    """The texts of `reports_dir`, then `inbox`: when None, the published items of the inbox
    folder ($DANVAN_INBOX, else data/inbox)."""
    if inbox is None:
        from etl.intake.inbox import Inbox  # noqa: PLC0415 - the intake imports this module

        inbox = Inbox().published_inputs()
    return [*text_reports(reports_dir), *inbox]


def inbox_tables(tables: Sequence[Path] | None = None) -> list[Path]:
    """`tables`, or when None the published table items of the inbox folder ($DANVAN_INBOX, else data/inbox)."""
    if tables is None:
        from etl.intake.inbox import Inbox  # noqa: PLC0415 - the intake imports this module

        tables = Inbox().published_tables()
    return list(tables)
