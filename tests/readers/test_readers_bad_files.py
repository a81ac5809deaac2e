"""Bad files: each is refused with its message (Vietnamese, English in brackets) naming the file,
and nothing is written beside it."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.errors import InputError
from etl.readers import check_file, extract_document, read_document
from etl.readers.filetype import SIZE_ENV
from etl.readers.ocr import TESSERACT_ENV
from tests.support.bad_files import CASES, bad_file, docx_of


@pytest.mark.parametrize(("kind", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_message(kind: str, message: str, tmp_path: Path, request: pytest.FixtureRequest):
    path = bad_file(kind, tmp_path, request)
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
    path = docx_of(tmp_path / "khong-so.docx", "Hội nghị diễn ra trang trọng, các đại biểu thảo luận sôi nổi về "
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
