"""The bad files of issue 8, made by the tests: each kind with the message its reader gives (Vietnamese,
English in brackets). The reader tests read them directly; the intake page's tests upload them.
Kinds that need a document made by LibreOffice or OCR ask the session's fixtures (tests/conftest.py)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.readers.document_fixtures import locked_docx, zip_bomb_docx


def copy_as(src: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(src, folder / name))


def docx_of(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def workbook_with_merged_header(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Địa phương", "Chỉ tiêu", "Kỳ", "", "Nguồn"])
    ws.append(["Gia Lai", "reception_turns", "2024", "2861", "Báo cáo thử"])
    ws.merge_cells("C1:D1")
    wb.save(path)
    return path


def bad_file(kind: str, tmp: Path, request: pytest.FixtureRequest) -> Path:
    """The bad file of each kind, made in `tmp`."""
    if kind == "empty":
        (tmp / "rong.docx").write_bytes(b"")
        return tmp / "rong.docx"
    if kind == "too-large":
        path = tmp / "lon.pdf"
        with path.open("wb") as f:
            f.truncate(26 * 1024 * 1024)  # sparse: checked by size before a byte is read
        return path
    if kind == "pdf-named-docx":
        return copy_as(request.getfixturevalue("report_pdf"), tmp, "bao-cao.docx")
    if kind == "docx-named-pdf":
        return copy_as(request.getfixturevalue("report_docx"), tmp, "bao-cao.pdf")
    if kind == "png-named-pdf":
        return copy_as(request.getfixturevalue("scan")[0][0], tmp, "trang.pdf")
    if kind == "text-named-png":
        (tmp / "anh.png").write_text("Năm 2024 tiếp 5 lượt công dân.", encoding="utf-8")
        return tmp / "anh.png"
    if kind == "truncated-pdf":
        data = request.getfixturevalue("report_pdf").read_bytes()
        (tmp / "cut.pdf").write_bytes(data[:len(data) // 2])
        return tmp / "cut.pdf"
    if kind == "truncated-docx":
        data = request.getfixturevalue("report_docx").read_bytes()
        (tmp / "cut.docx").write_bytes(data[:len(data) // 2])
        return tmp / "cut.docx"
    if kind == "broken-docx-xml":
        with zipfile.ZipFile(request.getfixturevalue("report_docx")) as src, \
                zipfile.ZipFile(tmp / "hong.docx", "w") as dst:
            for info in src.infolist():
                dst.writestr(info, b"<w:document" if info.filename == "word/document.xml" else src.read(info))
        return tmp / "hong.docx"
    if kind == "locked-pdf":
        return copy_as(request.getfixturevalue("locked_pdf"), tmp, "khoa.pdf")
    if kind == "locked-docx":
        return locked_docx(request.getfixturevalue("report_docx"), tmp / "khoa.docx")
    if kind == "zip-bomb":
        return zip_bomb_docx(request.getfixturevalue("report_docx"), tmp / "bom.docx")
    if kind == "merged-header":
        return workbook_with_merged_header(tmp / "bang.xlsx")
    if kind == "unknown-binary":
        (tmp / "du-lieu").write_bytes(bytes(range(256)) * 8)
        return tmp / "du-lieu"
    if kind == "no-text":
        return docx_of(tmp / "trang-trang.docx")
    raise AssertionError(kind)


CASES = [
    ("empty", "tệp rỗng (empty file)"),
    ("too-large", ("tệp 26 MB, quá giới hạn 25 MB; đặt biến môi trường DANVAN_MAX_FILE_MB để đổi giới hạn "
                   "(file too large: 26 MB, limit 25 MB)")),
    ("pdf-named-docx", ("đuôi tệp .docx nhưng nội dung là tệp PDF: đổi tên cho đúng rồi gửi lại "
                        "(the extension says .docx but the content is pdf)")),
    ("docx-named-pdf", ("đuôi tệp .pdf nhưng nội dung là tệp Word (DOCX): đổi tên cho đúng rồi gửi lại "
                        "(the extension says .pdf but the content is docx)")),
    ("png-named-pdf", ("đuôi tệp .pdf nhưng nội dung là ảnh PNG: đổi tên cho đúng rồi gửi lại "
                       "(the extension says .pdf but the content is png)")),
    ("text-named-png", ("đuôi tệp .png nhưng nội dung là văn bản thuần (text): đổi tên cho đúng rồi gửi lại "
                        "(the extension says .png but the content is text)")),
    ("truncated-pdf", ("tệp PDF bị hỏng hoặc bị cắt cụt, không đọc được: mở thử bằng trình đọc PDF, lưu lại "
                       "rồi gửi lại (corrupt or truncated PDF)")),
    ("truncated-docx", ("tệp Word (DOCX) không hợp lệ: bị hỏng, bị cắt cụt hoặc là tệp nén khác "
                        "(corrupt or truncated .docx file)")),
    ("broken-docx-xml", "tệp Word (DOCX) bị hỏng, không đọc được (XMLSyntaxError"),
    ("locked-pdf", ("tệp PDF có mật khẩu: mở bằng trình đọc PDF, in hoặc lưu lại thành bản không mật khẩu rồi gửi lại "
                    "(password-protected PDF)")),
    ("locked-docx", ("tệp có mật khẩu: mở bằng Word/Excel, bỏ mật khẩu (File › Info › Protect) rồi lưu và gửi lại "
                     "(password-protected file)")),
    ("zip-bomb", ("tệp giải nén ra 50,8 MB từ 0,08 MB (gấp 600 lần, 18 phần): giống “bom nén”, không đọc "
                  "(looks like a zip bomb; limits 200 MB, 100×, 5000 members)")),
    ("merged-header", "dòng tiêu đề có ô gộp (C1:D1): mỗi cột cần một tiêu đề riêng, bỏ gộp ô rồi gửi lại"),
    ("unknown-binary", ("không đọc được tệp không rõ loại: chỉ nhận .docx, .pdf, .png, .jpg, .txt, .md, .csv, .xlsx, "
                        ".parquet (unsupported file type)")),
    ("no-text", "không tìm thấy chữ nào trong tệp (no text found)"),
]
