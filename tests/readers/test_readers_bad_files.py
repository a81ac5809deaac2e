"""Bad files: each is refused with its message (Vietnamese, English in brackets) naming the file,
and nothing is written beside it."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from etl.errors import InputError
from etl.readers import check_file, extract_document, read_document
from etl.readers.filetype import SIZE_ENV
from etl.readers.ocr import TESSERACT_ENV
from tests.readers.document_fixtures import docx_to_pdf, locked_docx, zip_bomb_docx


@pytest.fixture(scope="session")
def locked_pdf(made: Path, report_docx: Path) -> Path:
    return docx_to_pdf(report_docx, made / "locked", password="mat-khau")


def _copy(src: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(src, folder / name))


def _docx(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def _workbook_with_merged_header(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Địa phương", "Chỉ tiêu", "Kỳ", "", "Nguồn"])
    ws.append(["Gia Lai", "reception_turns", "2024", "2861", "Báo cáo thử"])
    ws.merge_cells("C1:D1")
    wb.save(path)
    return path


def _bad(kind: str, tmp: Path, request: pytest.FixtureRequest) -> Path:
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
        return _copy(request.getfixturevalue("report_pdf"), tmp, "bao-cao.docx")
    if kind == "docx-named-pdf":
        return _copy(request.getfixturevalue("report_docx"), tmp, "bao-cao.pdf")
    if kind == "png-named-pdf":
        return _copy(request.getfixturevalue("scan")[0][0], tmp, "trang.pdf")
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
        return _copy(request.getfixturevalue("locked_pdf"), tmp, "khoa.pdf")
    if kind == "locked-docx":
        return locked_docx(request.getfixturevalue("report_docx"), tmp / "khoa.docx")
    if kind == "zip-bomb":
        return zip_bomb_docx(request.getfixturevalue("report_docx"), tmp / "bom.docx")
    if kind == "merged-header":
        return _workbook_with_merged_header(tmp / "bang.xlsx")
    if kind == "unknown-binary":
        (tmp / "du-lieu").write_bytes(bytes(range(256)) * 8)
        return tmp / "du-lieu"
    if kind == "no-text":
        return _docx(tmp / "trang-trang.docx")
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
    ("truncated-pdf", ("tệp PDF bị hỏng hoặc bị cắt cụt, không đọc được: mở thử bằng trình đọc PDF, lưu lại rồi gửi lại "
                       "(corrupt or truncated PDF)")),
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


@pytest.mark.parametrize(("kind", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_message(kind: str, message: str, tmp_path: Path, request: pytest.FixtureRequest):
    path = _bad(kind, tmp_path, request)
    before = {p: p.read_bytes() for p in tmp_path.iterdir()} if kind != "too-large" else {}
    with pytest.raises(InputError) as caught:
        (check_file if kind == "merged-header" else read_document)(path)
    assert caught.value.where == str(path)
    assert caught.value.message.startswith(message), caught.value.message
    if before:
        assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_size_limit_from_environment(report_docx: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(SIZE_ENV, "0.01")
    with pytest.raises(InputError, match=r"quá giới hạn 0,01 MB"):
        read_document(report_docx)
    monkeypatch.setenv(SIZE_ENV, "ba mươi")
    with pytest.raises(InputError, match=r"DANVAN_MAX_FILE_MB='ba mươi' không phải số MB"):
        read_document(report_docx)


@pytest.mark.parametrize(("which", "what", "what_en"), [
    ("pdf", "tệp PDF chỉ có ảnh quét", "an image-only PDF"),
    ("png", "ảnh quét", "a scanned image"),
])
def test_scan_without_ocr_says_how_to_install(which: str, what: str, what_en: str, scan,
                                              monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(TESSERACT_ENV, "/nonexistent/tesseract")
    path = scan[1] if which == "pdf" else scan[0][0]
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.message == (
        f"{what} cần nhận dạng chữ (OCR) nhưng máy chưa cài tesseract: "
        "chạy `sudo apt-get install tesseract-ocr tesseract-ocr-vie` (hoặc `make run`) rồi thử lại "
        f"({what_en} needs OCR and tesseract is not installed)")


def test_table_file_is_not_a_report(tmp_path: Path):
    path = tmp_path / "bang.csv"
    path.write_text("locality,indicator,period,value,source\nGia Lai,reception_turns,2024,1,thử\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"đây là bảng số liệu, không phải báo cáo"):
        read_document(path)


def test_report_without_figures(tmp_path: Path):
    path = _docx(tmp_path / "khong-so.docx", "Hội nghị diễn ra trang trọng, các đại biểu thảo luận sôi nổi về "
                 "nhiều nội dung quan trọng của công tác dân vận.")
    with pytest.raises(InputError) as caught:
        extract_document(path)
    assert caught.value.message.startswith("không tìm thấy số liệu nào thuộc danh mục trong báo cáo")


def test_scan_without_the_vietnamese_model(scan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages (2):'\necho eng\necho osd\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv(TESSERACT_ENV, str(fake))
    with pytest.raises(InputError) as caught:
        read_document(scan[0][0])
    assert caught.value.message == ("ảnh quét cần OCR tiếng Việt nhưng tesseract chưa có gói tiếng Việt: chạy "
                                    "`sudo apt-get install tesseract-ocr tesseract-ocr-vie` "
                                    "(the Vietnamese OCR model is not installed)")
