"""An analyst's desk: the inbox, the accounts, the reviewer and the publisher over one inbox folder
and one database, built together, and the one way a file comes in (a report or a table by its
name). The page "Nạp báo cáo" works with one desk; build it once, the extractor takes a while."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.extract import Extractor
from etl.intake.accounts import Accounts
from etl.intake.decisions import Reviewer
from etl.intake.inbox import Inbox, Upload
from etl.intake.publish import Publisher
from etl.intake.table_items import is_table
from etl.paths import REPORTS, REVIEW, TABLES, analysts_path, database_path, inbox_path
from etl.readers import max_file_bytes


@dataclass
class Desk:
    inbox: Inbox
    accounts: Accounts
    reviewer: Reviewer
    publisher: Publisher

    def upload(self, data: bytes, file_name: str, analyst: str) -> Upload:
        """Keep an uploaded file: an analyst table (.csv, .xlsx, .parquet) checked row by row, any
        other file read as a report and refused when no figure is found in it. Raises InputError
        (nothing kept) with what is wrong."""
        if is_table(file_name):
            return self.inbox.add_table(data, file_name, analyst=analyst, check=self.reviewer.read_table_upload)
        return self.inbox.add(data, file_name, analyst=analyst, reader=self.reviewer.read_upload)

    @staticmethod
    def upload_limit_mb() -> float:
        """The size limit of one file, in megabytes ($DANVAN_MAX_FILE_MB, else 25)."""
        return max_file_bytes() / 2**20


def open_desk(*, inbox: Path | None = None, analysts: Path | None = None, db: Path | None = None,
              reports_dir: Path = REPORTS, tables_dir: Path = TABLES, review_path: Path = REVIEW,
              extractor: Extractor | None = None) -> Desk:
    """The desk over `inbox` ($DANVAN_INBOX or data/inbox), `analysts` ($DANVAN_ANALYSTS or
    data/analysts.json) and the database `db` ($DANVAN_DB or data/danvan.duckdb), built with the
    bundled reports, tables and review file."""
    box = Inbox(inbox)
    accounts = Accounts(analysts)
    reviewer = Reviewer(box, extractor)
    publisher = Publisher(box, accounts, reviewer, db=db, reports_dir=reports_dir, tables_dir=tables_dir,
                          review_path=review_path)
    return Desk(box, accounts, reviewer, publisher)


def desk_paths() -> tuple[str, str, str]:
    """Where `open_desk()` works as the environment says now: the inbox, the accounts file and the
    database (a page keeps one desk for each)."""
    return str(inbox_path()), str(analysts_path()), str(database_path())
