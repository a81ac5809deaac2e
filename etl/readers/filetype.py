"""What a file is, read from its first bytes, and the checks every upload passes before it is read.

The content decides, not the name: a PDF called `bao-cao.docx` is refused with a message saying
what it really is; a file without a known extension is read as what its content says.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from etl.errors import InputError
from etl.inputfile import SIZE_ENV, check_size, max_file_bytes
from etl.inputfile import mb_text as _mb

__all__ = ["SIZE_ENV", "check_file", "check_upload_size", "check_zip", "content_kind", "max_file_bytes"]
# A DOCX/XLSX is a zip: what its members say they unpack to, checked before anything is unpacked.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100.0  # unpacked / packed; Word files are 3–20
MAX_ZIP_MEMBERS = 5000

# kind → what it is called in a message
KINDS = {
    "docx": "tệp Word (DOCX)",
    "xlsx": "bảng Excel (XLSX)",
    "pdf": "tệp PDF",
    "png": "ảnh PNG",
    "jpeg": "ảnh JPEG",
    "parquet": "bảng Parquet",
    "text": "văn bản thuần (text)",
    "ole": "tệp Office cũ hoặc có mật khẩu (OLE)",
    "zip": "tệp nén ZIP",
    "unknown": "tệp không rõ loại",
}
REPORT_KINDS = ("docx", "pdf", "png", "jpeg", "text")
TABLE_KINDS = ("xlsx", "parquet", "text")
EXTENSIONS = {
    ".docx": "docx", ".pdf": "pdf", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg",
    ".txt": "text", ".md": "text", ".csv": "text", ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_kind(path: Path) -> str:
    """'docx', 'xlsx', 'pdf', 'png', 'jpeg', 'parquet', 'ole', 'zip', 'text' or 'unknown', from the bytes."""
    with path.open("rb") as f:
        head = f.read(2048)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, EOFError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    return "text" if _looks_like_text(head) else "unknown"


def _looks_like_text(head: bytes) -> bool:
    """UTF-16 (every other byte zero) or bytes with few control characters and no NUL."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > 0.4 * (len(head) // 2)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f")
    return b"\x00" not in head and controls <= 0.01 * len(head)


def check_file(path: Path, *, name: str = "") -> str:
    """Check a file before reading it and return its kind (see `content_kind`).

    Refuses, with a message naming the file (`name`, else the path): a missing or empty file, one
    over the size limit, one whose extension says something else than its content, a password-
    protected Word or Excel file, a zip that would unpack to far more than it weighs, a workbook
    the table reader refuses (merged header cells)."""
    where = name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"không mở được tệp: {exc.strerror} (cannot open)", where=where) from None
    check_upload_size(size, where)
    kind = content_kind(path)
    suffix = Path(name or path.name).suffix.lower()
    said = EXTENSIONS.get(suffix)
    if kind == "ole":
        raise InputError(_ole_message(path, suffix), where=where)
    if kind == "zip" and said in ("docx", "xlsx"):
        raise InputError(f"{KINDS[said]} không hợp lệ: bị hỏng, bị cắt cụt hoặc là tệp nén khác "
                         f"(corrupt or truncated {suffix} file)", where=where)
    if said and said != kind:
        raise InputError(
            f"đuôi tệp {suffix} nhưng nội dung là {KINDS[kind]}: đổi tên cho đúng rồi gửi lại "
            f"(the extension says {suffix} but the content is {kind})", where=where)
    if kind in ("docx", "xlsx"):
        check_zip(path, where)
    if kind == "xlsx":
        _check_sheet(path, where)
    if kind in ("zip", "unknown"):
        raise InputError(
            f"không đọc được {KINDS[kind]}: chỉ nhận .docx, .pdf, .png, .jpg, .txt, .md, .csv, .xlsx, .parquet "
            f"(unsupported file type)", where=where)
    return kind


def check_upload_size(size: int, where: str) -> None:
    """Refuse an empty file, or one over the size limit (also before an upload is written anywhere)."""
    if size == 0:
        raise InputError("tệp rỗng (empty file)", where=where)
    check_size(size, where)


def _check_sheet(path: Path, where: str) -> None:
    """A workbook is opened by the table reader, which refuses merged header cells with its own message."""
    from etl.tablefile import read_raw  # noqa: PLC0415

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return  # stored under another name: the table reader will check it when it reads it
    try:
        read_raw(path)
    except InputError as exc:
        raise InputError(exc.message, where=where) from None


def _ole_message(path: Path, suffix: str) -> str:
    data = path.read_bytes()
    if "EncryptionInfo".encode("utf-16-le") in data:
        return ("tệp có mật khẩu: mở bằng Word/Excel, bỏ mật khẩu (File › Info › Protect) rồi lưu và gửi lại "
                "(password-protected file)")
    return (f"tệp Office đời cũ ({suffix or 'doc/xls'}, Word/Excel 97–2003): mở và lưu lại thành .docx hoặc .xlsx "
            f"rồi gửi lại (legacy Office format, save as .docx/.xlsx)")


def check_zip(source: Path | bytes, where: str) -> None:
    """Refuse a zip (a file, or its bytes) whose members declare more than MAX_UNZIPPED_BYTES or
    MAX_ZIP_RATIO times its size.

    Python's zipfile never unpacks a member past its declared size (it raises instead), so the
    declared sizes bound what reading the file can cost."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            infos = z.infolist()
        packed = max(len(source) if isinstance(source, bytes) else source.stat().st_size, 1)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise InputError("tệp nén bị hỏng, không mở được (corrupt zip container)", where=where) from None
    unpacked = sum(i.file_size for i in infos)
    ratio = unpacked / packed
    if len(infos) > MAX_ZIP_MEMBERS or unpacked > MAX_UNZIPPED_BYTES or ratio > MAX_ZIP_RATIO:
        raise InputError(
            f"tệp giải nén ra {_mb(unpacked)} MB từ {_mb(packed)} MB (gấp {f'{ratio:,.0f}'.replace(',', '.')} lần, "
            f"{len(infos)} phần): "
            f"giống “bom nén”, không đọc (looks like a zip bomb; limits {_mb(MAX_UNZIPPED_BYTES)} MB, "
            f"{MAX_ZIP_RATIO:g}×, {MAX_ZIP_MEMBERS} members)", where=where)
