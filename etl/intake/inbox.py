"""The inbox of uploaded reports, content-addressed: one folder per file, named by its SHA-256.

```
data/inbox/<sha256>/            ($DANVAN_INBOX instead of data/inbox)
  original.<ext>   the bytes as uploaded
  document.json    the document as read: paragraphs and tables, each with its place (etl/intake/docjson.py)
  meta.json        file name, size, who uploaded it and when, status (draft | published), and the
                   source details the analyst confirms: title, publisher, published, URL or
                   document number, province (pre-filled from the file, with how each was found)
  decisions.csv    the analyst's decisions on its figures, as they stand (etl/intake/decisions.py)
  published.json   what the last publish put into the database: source details and decisions as
                   they were then (absent while the item is a draft); the build reads this
  table/<name>     instead of original.<ext> and document.json when the file is an analyst table
                   (.csv, .xlsx, .parquet): kept under the name it was uploaded with, which its
                   rows' source and messages carry; published whole, as data/tables are read
```

The same bytes uploaded again find the folder that is there. A file is read before anything is
kept: a file the reader refuses leaves nothing behind.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from etl.errors import InputError
from etl.intake.docjson import report_from_json, report_to_json
from etl.intake.files import process_alive, read_json, timestamp, write_bytes, write_json
from etl.paths import inbox_path
from etl.periods import PartialDate
from etl.readers import check_upload_size, source_details
from etl.report import Report
from etl.report_inputs import ReportInput
from etl.review import ReviewRow, parse_review

Reader = Callable[[Path], Report]  # etl.readers.read_document on branch `readers`; etl.report.read_report for text
TableCheck = Callable[[Path], int]  # checks a table file, returns its number of figures (etl/intake/table_items.py)
STATUSES = ("draft", "published")
KINDS = ("report", "table")
_SHA_RE = re.compile(r"[0-9a-f]{64}")
_SOURCE_FIELDS = ("title", "publisher", "published", "source_url", "province")


@dataclass
class Source:
    """What the analyst confirms about the document, pre-filled from what the file says."""

    title: str = ""
    publisher: str = ""
    published: str = ""  # yyyy-mm-dd, yyyy-mm or yyyy; "" when unknown
    source_url: str = ""  # the URL, or the document's number ("Số 125-BC/BDVTU")
    province: str = ""  # the province the report is about

    def checked(self) -> Source:
        """These details with spaces trimmed; raises InputError for a date that is not one."""
        out = Source(**{k: " ".join(str(v).split()) for k, v in asdict(self).items()})
        if out.published and PartialDate.parse(out.published) is None:
            raise InputError(f"ngày đăng không hợp lệ: {out.published!r} (yyyy-mm-dd, yyyy-mm hoặc yyyy)",
                             where="nguồn")
        return out


@dataclass
class Published:
    """What the last publish put into the database for one item."""

    publish_id: int
    at: str
    by: str
    source: Source
    decisions: str  # the decisions file's text as it was published


@dataclass
class Item:
    sha256: str
    folder: Path
    file_name: str
    size: int
    uploaded_by: str
    uploaded_at: str
    status: str
    source: Source = field(default_factory=Source)
    source_found: dict[str, str] = field(default_factory=dict)  # pre-filled field → how it was found in the file
    kind: str = "report"  # report | table (an analyst table: its rows are its figures, with their own sources)

    @property
    def doc(self) -> str:
        """The item's name as a source in the database and in its decisions: short hash and file name."""
        return f"{self.sha256[:12]}-{self.file_name}"

    @property
    def original(self) -> Path:
        if self.kind == "table":  # the table reader names its rows' source and messages after the file
            return self.folder / "table" / self.file_name
        return self.folder / f"original{PurePosixPath(self.file_name).suffix.lower()}"

    @property
    def decisions_path(self) -> Path:
        return self.folder / "decisions.csv"


@dataclass
class Upload:
    """The answer to an upload: the item, whether it is new, and what to tell the analyst."""

    item: Item
    new: bool
    message: str


def safe_file_name(name: str) -> str:
    """The last part of an uploaded file's name, NFC, without control characters, at most 120 characters."""
    base = PurePosixPath(unicodedata.normalize("NFC", name).replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(base) > 120:
        suffix = PurePosixPath(base).suffix[:10]
        base = base[:120 - len(suffix)] + suffix
    return base or "tep"


def _read(reader: Reader, path: Path, name: str) -> Report:
    """`reader(path)`, its messages naming the file as the analyst called it, not as the inbox keeps it."""
    try:
        return reader(path)
    except InputError as exc:
        where = exc.where.replace(str(path), name).replace(path.name, name) if exc.where else name
        raise InputError(exc.message, where=where) from None


def _prefilled(path: Path, report: Report) -> tuple[Source, dict[str, str]]:
    """The source details the file gives (etl.readers.source: front matter, headings, dateline, file
    properties), over what the report itself says; and how each was found."""
    given = {"title": report.title, "publisher": report.publisher, "source_url": report.source_url,
             "published": report.published.iso() if report.published else ""}
    try:
        found = {k: f for k, f in source_details(path, report).items() if k in _SOURCE_FIELDS and f.value}
    except InputError:
        found = {}
    return Source(**(given | {k: f.value for k, f in found.items()})), {k: f.how for k, f in found.items()}


class Inbox:
    """The inbox folder at `root` ($DANVAN_INBOX or data/inbox when None)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = inbox_path(root)

    # --- uploading ---------------------------------------------------------------------
    def add(self, data: bytes, file_name: str, *, analyst: str, reader: Reader) -> Upload:
        """Keep an uploaded report and its read text; the same bytes again give the existing item.
        Raises InputError (nothing kept) for an empty or too large file, or one `reader` refuses."""
        def read(item: Item) -> str:
            report = _read(reader, item.original, item.file_name)
            report.doc = item.doc
            item.source, item.source_found = _prefilled(item.original, report)
            write_json(item.folder / "document.json", report_to_json(report))
            return f"{len(report.paragraphs)} đoạn, {len(report.tables)} bảng"

        return self._keep(data, file_name, analyst, "report", read)

    def add_table(self, data: bytes, file_name: str, *, analyst: str, check: TableCheck) -> Upload:
        """Keep an uploaded analyst table that `check` accepts (every row good, as the build checks it);
        the same bytes again give the existing item. Raises InputError (nothing kept) otherwise."""
        def read(item: Item) -> str:
            return f"bảng số liệu, {check(item.original)} dòng"

        return self._keep(data, file_name, analyst, "table", read)

    def _keep(self, data: bytes, file_name: str, analyst: str, kind: str, read: Callable[[Item], str]) -> Upload:
        """The one way a file comes in: checked for size, written under a temporary folder, read there
        by `read` (which says what it found), then renamed to its hash; nothing is left when it fails."""
        name = safe_file_name(file_name)
        check_upload_size(len(data), name)  # the readers' limit ($DANVAN_MAX_FILE_MB), before anything is written
        sha = hashlib.sha256(data).hexdigest()
        if (self.root / sha / "meta.json").exists():
            return self._again(sha)
        self.root.mkdir(parents=True, exist_ok=True)
        self._remove_stale_uploads()
        tmp = self.root / f".upload-{os.getpid()}-{sha[:12]}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            item = Item(sha256=sha, folder=tmp, file_name=name, size=len(data), uploaded_by=analyst,
                        uploaded_at=timestamp(), status="draft", kind=kind)
            write_bytes(item.original, data)
            found = read(item)
            self._write_meta(item)
            try:
                os.rename(tmp, self.root / sha)
            except OSError:  # the same file, uploaded at the same moment by someone else
                return self._again(sha)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return Upload(self.item(sha), True, f"Đã nạp {name}: {found} (uploaded).")

    def _again(self, sha: str) -> Upload:
        item = self.item(sha)
        return Upload(item, False, f"Tệp này đã được nạp lúc {item.uploaded_at} bởi {item.uploaded_by} "
                                   f"({item.file_name}, {'đã công bố' if item.status == 'published' else 'bản nháp'}): "
                                   "mở lại mục đó (the same file was uploaded before).")

    def _remove_stale_uploads(self) -> None:
        """Folders of uploads whose process died before they were kept."""
        for tmp in self.root.glob(".upload-*"):
            pid = tmp.name.split("-")[1]
            if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
                shutil.rmtree(tmp, ignore_errors=True)

    # --- reading -----------------------------------------------------------------------
    def item(self, sha256: str) -> Item:
        if not _SHA_RE.fullmatch(sha256):
            raise InputError(f"mã tệp không hợp lệ: {sha256!r}", where="inbox")
        folder = self.root / sha256
        try:
            meta = read_json(folder / "meta.json")
        except FileNotFoundError:
            raise InputError(f"không có tệp {sha256[:12]} trong hộp thư (no such item)", where=str(self.root)) from None
        except (OSError, ValueError) as exc:
            raise InputError(f"meta.json hỏng: {exc}", where=str(folder)) from None
        return Item(sha256=sha256, folder=folder, file_name=meta["file_name"], size=meta["size"],
                    uploaded_by=meta["uploaded_by"], uploaded_at=meta["uploaded_at"], status=meta["status"],
                    source=Source(**meta["source"]), source_found=meta.get("source_found", {}),
                    kind=meta.get("kind", "report"))

    def items(self) -> list[Item]:
        """Every item, the latest upload first."""
        if not self.root.exists():
            return []
        found = [self.item(p.name) for p in self.root.iterdir()
                 if _SHA_RE.fullmatch(p.name) and (p / "meta.json").exists()]
        return sorted(found, key=lambda i: (i.uploaded_at, i.sha256), reverse=True)

    def document(self, item: Item, source: Source | None = None) -> Report:
        """The document as read, with the confirmed source details (`source`, else the item's own)."""
        report = report_from_json(read_json(item.folder / "document.json"), where=str(item.folder))
        src = source or item.source
        report.doc = item.doc
        report.file_hash = item.sha256
        report.title, report.publisher, report.source_url = src.title, src.publisher, src.source_url
        report.published = PartialDate.parse(src.published)
        return report

    def published(self, item: Item) -> Published | None:
        try:
            data = read_json(item.folder / "published.json")
        except FileNotFoundError:
            return None
        return Published(publish_id=data["publish_id"], at=data["at"], by=data["by"], source=Source(**data["source"]),
                         decisions=data["decisions"])

    def decisions_text(self, item: Item) -> str:
        try:
            return item.decisions_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    # --- changing ----------------------------------------------------------------------
    def set_source(self, sha256: str, source: Source) -> Item:
        """Record the source details the analyst confirmed (they go live at the next publish)."""
        item = self.item(sha256)
        item.source = source.checked()
        self._write_meta(item)
        return item

    def reread(self, sha256: str, reader: Reader) -> Item:
        """Read the original again (a better reader); the decisions stay and find their figures again."""
        item = self.item(sha256)
        if item.kind == "table":
            raise InputError("bảng số liệu không có văn bản để đọc lại (a table is not re-read)", where=item.file_name)
        report = _read(reader, item.original, item.file_name)
        report.doc = item.doc
        write_json(item.folder / "document.json", report_to_json(report))
        return item

    def set_state(self, sha256: str, published: Published | None) -> None:
        """Make the item published as `published`, or a draft again (None). Used by publish and revert."""
        item = self.item(sha256)
        if published is None:
            (item.folder / "published.json").unlink(missing_ok=True)
            item.status = "draft"
        else:
            write_json(item.folder / "published.json", {**asdict(published), "source": asdict(published.source)})
            item.status = "published"
        self._write_meta(item)

    def _write_meta(self, item: Item) -> None:
        write_json(item.folder / "meta.json", {
            "sha256": item.sha256, "file_name": item.file_name, "size": item.size, "uploaded_by": item.uploaded_by,
            "uploaded_at": item.uploaded_at, "status": item.status, "source": asdict(item.source),
            "source_found": item.source_found, **({"kind": item.kind} if item.kind != "report" else {})})

    # --- what the build reads ----------------------------------------------------------
    def published_inputs(self, state: Mapping[str, Published | None] | None = None) -> list[ReportInput]:
        """The published reports as build inputs: as on disk, or with `state` (sha256 → what is
        published, None for a draft) in place of the items it names (a publish being prepared)."""
        return [self._input(item, pub) for item, pub in self._published_items("report", state)]

    def published_tables(self, state: Mapping[str, Published | None] | None = None) -> list[Path]:
        """The published analyst tables' files, for the build's tables stage (`state` as above)."""
        return [item.original for item, _ in self._published_items("table", state)]

    def _published_items(self, kind: str, state: Mapping[str, Published | None] | None
                         ) -> list[tuple[Item, Published]]:
        state = dict(state or {})
        out = []
        for item in sorted(self.items(), key=lambda i: i.sha256):
            pub = state[item.sha256] if item.sha256 in state else self.published(item)
            if pub is not None and item.kind == kind:
                out.append((item, pub))
        return out

    def _input(self, item: Item, pub: Published) -> ReportInput:
        label = f"{item.doc}: quyết định"

        def read() -> Report:
            return self.document(item, pub.source)

        def review() -> list[ReviewRow]:
            return parse_review(pub.decisions, label) if pub.decisions.strip() else []

        return ReportInput(doc=item.doc, file_name=item.file_name, read=read, review=review)

