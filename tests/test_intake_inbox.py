"""The inbox: files kept by their SHA-256 with the read text and the source details; the same file
twice; files refused before anything is kept; the read document as JSON and back."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import docx
import pytest

from etl.document import Cell, Table, Where
from etl.errors import InputError
from etl.intake.docjson import report_from_json, report_to_json
from etl.intake.inbox import Inbox, Published, Source, safe_file_name
from etl.periods import PartialDate
from etl.readers import read_document
from etl.report import Report, read_report

REPORT = """---
title: Hà Nội: kết quả tiếp công dân năm 2019
source_url: https://example.org/ha-noi-tiep-dan-2019
publisher: Bản tin thử nghiệm
published: 2020-01-15
note: Văn bản viết cho bài kiểm thử.
---

Trong năm 2019, các cơ quan hành chính của thành phố Hà Nội đã tiếp 25.310 lượt công dân đến kiến nghị, phản ánh.

Cũng trong năm 2019, thành phố tiếp nhận 41.022 đơn thư các loại.
"""


@pytest.fixture
def inbox(tmp_path) -> Inbox:
    return Inbox(tmp_path / "inbox")


def upload(inbox: Inbox, text: str = REPORT, name: str = "tiep-dan-2019.txt"):
    return inbox.add(text.encode("utf-8"), name, analyst="Nguyễn Thị Lan", reader=read_report)


def test_an_upload_is_kept_by_its_hash_with_text_and_source(inbox):
    up = upload(inbox)
    sha = hashlib.sha256(REPORT.encode()).hexdigest()
    assert (up.new, up.item.sha256, up.item.folder) == (True, sha, inbox.root / sha)
    assert sorted(p.name for p in up.item.folder.iterdir()) == ["document.json", "meta.json", "original.txt"]
    assert up.item.original.read_bytes() == REPORT.encode()
    meta = json.loads((up.item.folder / "meta.json").read_text(encoding="utf-8"))
    assert meta == {"sha256": sha, "file_name": "tiep-dan-2019.txt", "size": len(REPORT.encode()),
                    "uploaded_by": "Nguyễn Thị Lan", "uploaded_at": up.item.uploaded_at, "status": "draft",
                    "source": {"title": "Hà Nội: kết quả tiếp công dân năm 2019", "publisher": "Bản tin thử nghiệm",
                               "published": "2020-01-15", "source_url": "https://example.org/ha-noi-tiep-dan-2019",
                               "province": "Hà Nội"},
                    "source_found": {**{k: "phần đầu (front matter) của tệp"
                                        for k in ("title", "publisher", "source_url", "published")},
                                     "province": "tiêu đề"}}
    doc = json.loads((up.item.folder / "document.json").read_text(encoding="utf-8"))
    assert [(p["text"][:14], p["where"]) for p in doc["paragraphs"]] == [
        ("Trong năm 2019", {"paragraph": 1}), ("Cũng trong năm", {"paragraph": 2})]
    assert up.item.doc == f"{sha[:12]}-tiep-dan-2019.txt"
    assert up.message == "Đã nạp tiep-dan-2019.txt: 2 đoạn, 0 bảng (uploaded)."


def test_the_same_file_twice_gives_the_existing_item(inbox):
    first = upload(inbox)
    again = upload(inbox, name="ban-sao.txt")
    assert (again.new, again.item.sha256, again.item.file_name) == (False, first.item.sha256, "tiep-dan-2019.txt")
    assert again.message.startswith(f"Tệp này đã được nạp lúc {first.item.uploaded_at} bởi Nguyễn Thị Lan "
                                    "(tiep-dan-2019.txt, bản nháp)")
    assert [i.sha256 for i in inbox.items()] == [first.item.sha256]


def _refuse(path: Path) -> Report:
    raise InputError("tệp PDF có mật khẩu (password-protected)", where=path.name)


@pytest.mark.parametrize(("data", "reader", "env", "message"), [
    (b"", read_report, None, "tiep-dan.txt: tệp rỗng"),
    (b"x" * (2 * 1024 * 1024 + 1), read_report, "2", "tiep-dan.txt: tệp 2 MB, quá giới hạn 2 MB; đặt biến môi "
                                                      "trường DANVAN_MAX_FILE_MB"),
    (REPORT.encode(), _refuse, None, "tiep-dan.txt: tệp PDF có mật khẩu"),
    (b"\x00\x01\x02binary", read_report, None, "tiep-dan.txt: tệp nhị phân"),
])
def test_a_refused_file_leaves_nothing(inbox, monkeypatch, data, reader, env, message):
    if env:
        monkeypatch.setenv("DANVAN_MAX_FILE_MB", env)
    with pytest.raises(InputError, match=message):
        inbox.add(data, "tiep-dan.txt", analyst="An", reader=reader)
    assert not inbox.root.exists() or list(inbox.root.iterdir()) == []
    assert inbox.items() == []


@pytest.mark.parametrize(("given", "kept"), [
    ("bao-cao.docx", "bao-cao.docx"),
    ("C:\\Users\\lan\\Báo cáo quý 1.PDF", "Báo cáo quý 1.PDF"),
    ("../../etc/passwd", "passwd"),
    ("a\x00b\nc.txt", "abc.txt"),
    ("...", "tep"),
    ("x" * 200 + ".docx", "x" * 115 + ".docx"),
])
def test_file_names_are_kept_safe(given, kept):
    assert safe_file_name(given) == kept


def test_the_original_keeps_a_lower_case_extension_for_the_reader(inbox):
    up = inbox.add(REPORT.encode(), "BAO CAO.TXT", analyst="An", reader=read_report)
    assert up.item.original.name == "original.txt"


def test_source_details_are_confirmed_and_checked(inbox):
    sha = upload(inbox).item.sha256
    inbox.set_source(sha, Source(title="  Báo cáo   số 12 ", publisher="Ban Dân vận", published="2020-02",
                                 source_url="Số 12-BC/BDV", province="Hà Nội"))
    item = inbox.item(sha)
    assert item.source == Source("Báo cáo số 12", "Ban Dân vận", "2020-02", "Số 12-BC/BDV", "Hà Nội")
    report = inbox.document(item)
    assert (report.title, report.publisher, report.source_url, report.published, report.doc, report.file_hash) == (
        "Báo cáo số 12", "Ban Dân vận", "Số 12-BC/BDV", PartialDate(2020, 2), item.doc, sha)
    with pytest.raises(InputError, match="ngày đăng không hợp lệ: '31/02/2020'"):
        inbox.set_source(sha, Source(published="31/02/2020"))
    assert inbox.item(sha).source.published == "2020-02"


def test_published_state_and_what_the_build_reads(inbox):
    sha = upload(inbox).item.sha256
    assert inbox.published_inputs() == []
    inbox.set_state(sha, Published(1, "2024-01-01T00:00:00+07:00", "An", Source(title="Đã công bố"), ""))
    (inp,) = inbox.published_inputs()
    assert (inbox.item(sha).status, inp.doc, inp.file_name, inp.read().title) == (
        "published", inbox.item(sha).doc, "tiep-dan-2019.txt", "Đã công bố")
    assert inbox.published_inputs({sha: None}) == []  # a publish being prepared decides instead
    inbox.set_state(sha, None)
    assert (inbox.item(sha).status, (inbox.item(sha).folder / "published.json").exists()) == ("draft", False)


def test_the_inbox_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DANVAN_INBOX", str(tmp_path / "hop-thu"))
    assert Inbox().root == tmp_path / "hop-thu"


@pytest.mark.parametrize("sha", ["../x", "ABC", "0" * 63])
def test_an_item_is_named_by_a_hash_only(inbox, sha):
    with pytest.raises(InputError, match="mã tệp không hợp lệ"):
        inbox.item(sha)


def test_a_read_document_round_trips_through_json():
    report = Report(
        doc="bc.docx", title="Tiêu đề", source_url="https://example.org", publisher="Ban",
        published=PartialDate(2024, 12), paragraphs=["Đoạn một.", "Đoạn hai có 12 cuộc."], file_hash="ab",
        has_front_matter=False, event_date=date(2024, 12, 5), notes=["ghi chú"],
        tables=[Table(rows=[[Cell("Chỉ tiêu"), Cell("2024")], [Cell("Lượt tiếp"), Cell("2.861", 71.5)]],
                      caption="Bảng 1", where=Where(page=3, table=1), after_paragraph=1)],
        paragraph_where=[Where(page=1, paragraph=1), Where(page=2, paragraph=4)],
        ocr_words={1: [("12", 64.0), ("cuộc", 93.5)]},
    )
    data = json.loads(json.dumps(report_to_json(report), ensure_ascii=False))
    assert report_from_json(data, "bc") == report


@pytest.mark.parametrize(("data", "message"), [
    ({"format": 2}, "định dạng văn bản đã đọc không hỗ trợ: 2"),
    ({"format": 1, "doc": "x"}, "văn bản đã đọc bị hỏng"),
])
def test_a_broken_document_json_says_so(data, message):
    with pytest.raises(InputError, match=message):
        report_from_json(data, "inbox/x")


def test_a_word_report_is_kept_with_its_table_and_the_source_found_in_it(inbox, tmp_path):
    word = docx.Document()
    for line in ["BAN DÂN VẬN TỈNH ỦY GIA LAI", "Số: 88/BC-BDVTU", "Gia Lai, ngày 20 tháng 12 năm 2023", "BÁO CÁO",
                 "Kết quả tiếp công dân năm 2023 của tỉnh Gia Lai",
                 "Năm 2023, tỉnh Gia Lai đã tiếp 2.517 lượt công dân đến kiến nghị, phản ánh tại trụ sở của tỉnh.",
                 "Bảng 1. Đơn thư qua hai năm"]:
        word.add_paragraph(line)
    table = word.add_table(rows=2, cols=3)
    for r, row in enumerate([["Chỉ tiêu", "2022", "2023"], ["Đơn khiếu nại, tố cáo", "1.410", "1.372"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    word.save(tmp_path / "bc.docx")
    up = inbox.add((tmp_path / "bc.docx").read_bytes(), "Báo cáo 88.docx", analyst="An", reader=read_document)
    assert up.message == "Đã nạp Báo cáo 88.docx: 7 đoạn, 1 bảng (uploaded)."
    assert up.item.original.name == "original.docx"
    assert up.item.source == Source(title="Kết quả tiếp công dân năm 2023 của tỉnh Gia Lai",
                                    publisher="BAN DÂN VẬN TỈNH ỦY GIA LAI", published="2023-12-20",
                                    source_url="88/BC-BDVTU", province="Gia Lai")
    assert up.item.source_found["title"] == "dòng trích yếu sau “BÁO CÁO”"  # the page shows where each came from
    doc = json.loads((up.item.folder / "document.json").read_text(encoding="utf-8"))
    assert doc["tables"] == [{"caption": "Bảng 1. Đơn thư qua hai năm", "where": {"table": 1}, "after_paragraph": 6,
                              "rows": [[{"text": "Chỉ tiêu"}, {"text": "2022"}, {"text": "2023"}],
                                       [{"text": "Đơn khiếu nại, tố cáo"}, {"text": "1.410"}, {"text": "1.372"}]]}]
    kept, again = inbox.document(up.item), read_document(up.item.original)
    assert (kept.paragraphs, kept.tables, kept.paragraph_where) == (again.paragraphs, again.tables,
                                                                    again.paragraph_where)
