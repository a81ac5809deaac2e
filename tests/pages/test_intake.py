"""The page "Nạp báo cáo" run headless with AppTest, state by state: no analyst configured, a viewer,
signing in (wrong passwords slowed down, then locked) and out, an upload with its source and figures,
each bad file refused with its message and nothing changed, the review (accept, correct, reject, add),
publish and revert, an analyst table; report text shown as typed."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.intake.accounts import ADD_HINT, Accounts
from tests.support.app_pages import charts, ok, open_page, unescape
from tests.support.bad_files import CASES, bad_file, docx_of
from tests.support.intake_desk import ANALYST, PASSWORD
from tests.support.intake_report import write_report

INTAKE = "pages/intake.py"
ROOT = Path(__file__).resolve().parents[2]
SIGN_IN_FIELDS = ["Tên chuyên viên", "Mật khẩu"]
WRONG = "Tên hoặc mật khẩu không đúng (wrong name or password)"


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_db: Path) -> Path:
    """The test's own inbox, accounts file and copy of the built database."""
    shutil.copyfile(built_db, tmp_path / "danvan.duckdb")
    monkeypatch.setenv("DANVAN_DB", str(tmp_path / "danvan.duckdb"))
    monkeypatch.setenv("DANVAN_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("DANVAN_ANALYSTS", str(tmp_path / "analysts.json"))
    return tmp_path


@pytest.fixture
def analyst(place: Path) -> Accounts:
    accounts = Accounts(place / "analysts.json")
    accounts.set_password(ANALYST, PASSWORD)
    return accounts


def button(at: AppTest, label: str):
    (found,) = [b for b in at.button if b.label == label]
    return found


def sign_in(at: AppTest, name: str = ANALYST, password: str = PASSWORD) -> AppTest:
    at.text_input(key="intake.signin.name").set_value(name)
    at.text_input(key="intake.signin.password").set_value(password)
    return button(at, "Đăng nhập").click().run()


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="intake.files").set_value([(name, data, "application/octet-stream") for name, data in files])
    return ok(at.run())


def errors(at: AppTest) -> list[str]:
    return [unescape(e.value) for e in at.error]


def table(at: AppTest, columns: tuple[str, ...] = ("#", "Quyết định", "Giá trị", "Chỉ tiêu", "Kỳ")) -> list[tuple]:
    return [tuple(r[c] for c in columns) for r in at.dataframe[0].value.to_dict("records")]


def snapshot(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def test_with_no_analyst_the_page_says_how_to_add_one(place):
    at = ok(open_page(INTAKE))
    assert [unescape(i.value) for i in at.info] == [ADD_HINT]
    assert (len(at.text_input), len(at.file_uploader), len(at.dataframe)) == (0, 0, 0)


def test_a_viewer_gets_only_the_sign_in_form_and_a_link_to_it(place, analyst):
    at = ok(open_page(INTAKE))
    assert [w.label for w in at.text_input] == SIGN_IN_FIELDS
    assert (len(at.file_uploader), len(at.dataframe), len(at.selectbox), [h.value for h in at.header]) == (0, 0, 0, [])
    assert [p.proto.label for p in at.sidebar.get("page_link")] == ["Đăng nhập chuyên viên"]
    assert [p.proto.page for p in at.sidebar.get("page_link")] == ["nap-bao-cao"]
    assert "intake.analyst" not in at.session_state


def test_wrong_passwords_say_so_then_slow_down(place, analyst):
    at = ok(open_page(INTAKE))
    said = [errors(sign_in(at, password=f"sai mật khẩu {i}")) for i in range(3)]
    assert said == [[WRONG], [WRONG], [WRONG + ". Đăng nhập sai nhiều lần: thử lại sau 1 giây "
                                               "(too many failures: try again in 1 s)"]]
    assert [w.label for w in at.text_input] == SIGN_IN_FIELDS and "intake.analyst" not in at.session_state
    assert errors(sign_in(at, name="Không Có Ai")) == [WRONG]  # an unknown name is answered the same way


def test_a_locked_name_stays_out_even_with_the_right_password(place, analyst):
    at = ok(open_page(INTAKE))
    analyst.attempts_path.write_text(json.dumps({ANALYST.casefold(): {  # ten failures a moment ago
        "failures": 0, "last": time.time(), "locked_until": time.time() + 900}}), encoding="utf-8")
    (said,) = errors(sign_in(at))
    m = re.fullmatch(r"Tên này tạm bị khóa vì đăng nhập sai nhiều lần; thử lại sau (\d+) phút (\d+) giây "
                     r"\(locked after repeated failures: try again in (\d+) s\)", said)
    assert m is not None, said
    minutes, seconds, total = map(int, m.groups())
    assert minutes * 60 + seconds == total and 800 < total <= 900  # however long the page took to answer
    assert "intake.analyst" not in at.session_state and len(at.file_uploader) == 0


def test_signing_in_opens_the_page_and_signing_out_closes_it(place, analyst):
    at = ok(sign_in(ok(open_page(INTAKE))))
    assert at.session_state["intake.analyst"] == ANALYST
    assert [h.value for h in at.header] == ["1. Tải tệp lên"]
    assert [i.value for i in at.info] == ["Chưa có tệp nào. Tải lên một báo cáo (Word, PDF, ảnh quét, văn bản) hoặc "
                                          "một bảng số liệu để bắt đầu."]
    assert at.file_uploader(key="intake.files").proto.type == [
        ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".txt", ".md", ".csv", ".xlsx", ".parquet"]
    assert [unescape(c.value) for c in at.sidebar.caption][-1] == f"Chuyên viên: {ANALYST}"
    assert at.sidebar.get("page_link") == []
    at = ok(button(at, "Đăng xuất").click().run())
    assert "intake.analyst" not in at.session_state
    assert [w.label for w in at.text_input] == SIGN_IN_FIELDS and len(at.file_uploader) == 0


@pytest.fixture
def report(tmp_path: Path) -> tuple[str, bytes]:
    return "gia-lai-2022.docx", write_report(tmp_path / "made" / "gia-lai-2022.docx").read_bytes()


def test_an_uploaded_word_report_shows_its_source_and_its_figures_beside_its_text(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    sha = hashlib.sha256(report[1]).hexdigest()
    assert [unescape(s.value) for s in at.success] == ["Đã nạp gia-lai-2022.docx: 12 đoạn, 1 bảng (uploaded)."]
    assert at.selectbox(key="intake.item").value == sha
    assert [h.value for h in at.header] == ["1. Tải tệp lên", "2. Xác nhận nguồn", "3. Rà soát số liệu", "4. Công bố"]
    key = f"intake.{sha[:12]}.source"
    assert {f: at.get("text_input")[i].value for i, f in enumerate(("title", "published", "publisher", "source_url"))
            } == {"title": "Kết quả công tác dân vận năm 2022", "published": "2023-01-20",
                  "publisher": "BAN DÂN VẬN TỈNH ỦY GIA LAI", "source_url": "88/BC-BDVTU"}
    assert at.selectbox(key=f"{key}.province").value == "Gia Lai"
    found = [unescape(c.value) for c in at.caption if unescape(c.value).startswith("Tìm thấy")]
    assert found == ["Tìm thấy trong tệp: dòng trích yếu sau “BÁO CÁO”",
                     "Tìm thấy trong tệp: dòng ngày tháng “Gia Lai, ngày 20 tháng 1 năm 2023”",
                     "Tìm thấy trong tệp: cơ quan ban hành “TỈNH ỦY GIA LAI”",
                     "Tìm thấy trong tệp: cơ quan ban hành ở đầu văn bản: “TỈNH ỦY GIA LAI” / “BAN DÂN VẬN”",
                     "Tìm thấy trong tệp: số hiệu văn bản “Số: 88/BC-BDVTU”"]
    columns = ("#", "Cần xem", "Quyết định", "Giá trị", "Chỉ tiêu", "Phân tổ", "Kỳ", "Địa phương", "Vị trí")
    assert table(at, columns) == [
        (1, "", "—", "2.104", "Lượt tiếp công dân", "Tổng số", "năm 2022", "Gia Lai", "đoạn 7"),
        (2, "", "—", "1.410", "Đơn thư tiếp nhận", "Khiếu nại, tố cáo", "năm 2022", "Gia Lai", "đoạn 8"),
        (3, "", "—", "1.980", "Lượt tiếp công dân", "Tổng số", "năm 2021", "Gia Lai", "bảng 1, hàng 2, cột 2"),
        (4, "", "—", "15", "Đoàn đông người", "Tổng số", "năm 2021", "Gia Lai", "bảng 1, hàng 3, cột 2"),
        (5, "", "—", "11", "Đoàn đông người", "Tổng số", "năm 2022", "Gia Lai", "bảng 1, hàng 3, cột 3")]
    document = at.markdown[0].value
    # every number a figure came from is marked with its row; the one looked at (#1) in violet
    assert "đã tiếp :violet-background[**2.104** \\#1] lượt" in document
    assert ("| Lượt tiếp công dân | :orange-background[**1.980** \\#3] | :violet-background[**2.104** \\#1] |"
            in document)
    # report text is text: HTML and Markdown in it are escaped, shown as typed
    assert ("Ghi chú của người soạn\\: \\<script\\>alert\\('x'\\)\\</script\\> \\*\\*không in đậm\\*\\* "
            "\\[liên kết\\]\\(http\\://vi-du.vn\\)") in document
    assert at.markdown[1].value == "Năm 2022, tỉnh Gia Lai đã tiếp **2.104** lượt công dân đến kiến nghị, phản ánh."


def test_choosing_a_line_of_the_table_opens_that_figure(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    at.session_state["intake.table"] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    at = ok(at.run())
    assert at.selectbox(key="intake.row").value == 4
    assert at.markdown[1].value == "**15** Đoàn đông người, năm 2021."
    at.selectbox(key="intake.row").set_value(2)  # the picker still chooses: the table's line no longer decides
    assert ok(at.run()).selectbox(key="intake.row").value == 2


def test_the_same_file_twice_is_recognised(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    at = upload(at, ("ban-sao.docx", report[1]))
    said = [unescape(s.value) for s in at.success]
    assert said[0].startswith("Tệp này đã được nạp lúc ") and said[0].endswith(
        f"bởi {ANALYST} (gia-lai-2022.docx, bản nháp): mở lại mục đó (the same file was uploaded before).")
    assert at.selectbox(key="intake.item").options == [at.selectbox(key="intake.item").options[0]]


# Through the page each bad file is named as uploaded: "<name>: <the reader's message>".
PAGE_CASES = [(kind, message) for kind, message in CASES if kind != "unknown-binary"]  # no extension: not uploadable


def test_each_bad_file_is_refused_with_its_message_and_nothing_changes(place, analyst, tmp_path, request, monkeypatch,
                                                                     scan):
    made = tmp_path / "bad"
    made.mkdir()
    files = [bad_file(kind, made, request) for kind, _ in PAGE_CASES]
    no_figure = docx_of(made / "khong-so.docx", "Hội nghị diễn ra trang trọng, các đại biểu thảo luận sôi nổi "
                        "nhiều nội dung quan trọng của công tác dân vận ở cơ sở.")
    monkeypatch.setenv("DANVAN_TESSERACT", "/nonexistent/tesseract")  # a scan when OCR is not installed
    scanned = shutil.copyfile(scan[1], made / "ban-quet.pdf")
    before = snapshot(ROOT / "data", place)
    at = upload(sign_in(open_page(INTAKE)), *((p.name, p.read_bytes()) for p in [*files, no_figure, scanned]))
    said = errors(at)
    expected = [f"{p.name}: {message}" for p, (_, message) in zip(files, PAGE_CASES, strict=True)]
    assert len(said) == len(expected) + 2 and at.success == []
    # the latest first: the scan, the report without figures, then the bad files from the last to the first
    assert said[0] == ("ban-quet.pdf: tệp PDF chỉ có ảnh quét cần nhận dạng chữ (OCR) nhưng máy chưa cài tesseract: "
                       "chạy `sudo apt-get install tesseract-ocr tesseract-ocr-vie` (hoặc `make run`) rồi thử lại "
                       "(an image-only PDF needs OCR and tesseract is not installed)")
    assert said[1].startswith("khong-so.docx: không tìm thấy số liệu nào thuộc danh mục trong báo cáo")
    for got, want in zip(reversed(said[2:]), expected, strict=True):
        assert got.startswith(want), (got, want)
    assert [i.value for i in at.info][-1].startswith("Chưa có tệp nào")
    assert snapshot(ROOT / "data", place) == before  # data/, the database and the inbox as they were


def test_review_decisions_then_publish_and_revert(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    key = f"intake.{hashlib.sha256(report[1]).hexdigest()[:12]}"
    # accept #1: the next undecided figure opens
    at = ok(button(at, "Chấp nhận").click().run())
    assert at.selectbox(key="intake.row").value == 2
    # correct #3's value (a misprint in the table)
    at.selectbox(key="intake.row").set_value(3)
    at = ok(at.run())
    at.number_input(key=f"{key}.3.fix.value").set_value(1986)
    at = ok(button(at, "Lưu sửa").click().run())
    # reject #4 with a reason chosen from the list
    at.selectbox(key="intake.row").set_value(4)
    at = ok(at.run())
    at.selectbox(key=f"{key}.4.drop.reason").set_value("Không thuộc kỳ báo cáo")
    at = ok(button(at, "Loại số liệu").click().run())
    # add the meetings the extractor passed over, from their number in the text
    passed = at.selectbox(key=f"{key}.add.from")
    (meetings,) = [o for o in passed.options if "«23»" in o]
    passed.set_value(str(passed.options.index(meetings) - 1))
    at = ok(at.run())
    chosen = at.selectbox(key=f"{key}.add.from").value
    assert at.text_area(key=f"{key}.add.{chosen}.quote").value == (
        "Cũng trong năm 2022, các cấp ủy ở cơ sở tổ chức 23 buổi gặp gỡ, lắng nghe ý kiến nhân dân tại thôn, làng.")
    assert at.number_input(key=f"{key}.add.{chosen}.value").value == 23
    at.selectbox(key=f"{key}.add.{chosen}.indicator").set_value("dialogues")
    at = ok(button(at, "Thêm số liệu").click().run())
    assert errors(at) == []
    assert (at.selectbox(key=f"{key}.add.from").value, at.selectbox(key="intake.row").value) == ("", 6)
    assert table(at) == [(1, "✓ chấp nhận", "2.104", "Lượt tiếp công dân", "năm 2022"),
                         (2, "—", "1.410", "Đơn thư tiếp nhận", "năm 2022"),
                         (3, "✎ sửa: Giá trị", "1.986", "Lượt tiếp công dân", "năm 2021"),
                         (4, "✗ loại: Không thuộc kỳ báo cáo", "15", "Đoàn đông người", "năm 2021"),
                         (5, "—", "11", "Đoàn đông người", "năm 2022"),
                         (6, "+ bổ sung", "23", "Cuộc đối thoại với Nhân dân", "năm 2022")]
    assert [c.value for c in at.caption if "số liệu: chấp nhận" in c.value] == [
        "6 số liệu: chấp nhận 1, sửa 1, loại 1, bổ sung 1, chưa quyết định 2 (số chưa quyết định vẫn được nạp như "
        "máy đọc)."]

    at = ok(button(at, "Công bố").click().run())
    published = ("+5 số liệu, sửa 1, loại 1, bổ sung 1; Gia Lai · cuộc đối thoại với Nhân dân nay 2022; Gia Lai · "
                 "đoàn đông người nay 2022; Gia Lai · lượt tiếp công dân nay 2021–2024")
    assert [unescape(s.value) for s in at.success][-1] == (
        f"Đã công bố: {published}. Mọi trang đã có số liệu mới.")
    assert [unescape(c.value) for c in at.sidebar.caption][1] == "Cơ sở dữ liệu: 127 số liệu từ 45 nguồn."
    history = at.dataframe[-1].value.to_dict("records")
    assert [(h["#"], h["Loại"], h["Chuyên viên"], h["Tệp"], h["Quyết định"], h["Số liệu trước → sau"])
            for h in history] == [(1, "công bố", ANALYST, "gia-lai-2022.docx",
                                   "chấp nhận 1, sửa 1, loại 1, bổ sung 1, chưa quyết định 2", "122 → 127")]

    # every page reads the new database at once: the corrected 2021 and the new 2022 on Xu hướng
    trends = ok(open_page("pages/trends.py", {"indicator": "reception_turns", "loc": "gia-lai"}))
    (gia_lai,) = [t for t in charts(trends)[0]["data"] if t["name"] == "Gia Lai"]
    assert {x: y for x, y in zip(gia_lai["x"], gia_lai["y"], strict=True) if y is not None} == {
        2021: 1986, 2022: 2104, 2023: 2743, 2024: 2861}

    at.selectbox(key="intake.revert_id").set_value(1)
    at.checkbox(key="intake.revert_sure").check()
    at = ok(button(at, "Hoàn tác").click().run())
    assert [unescape(s.value) for s in at.success][-1] == (
        "Hoàn tác lượt công bố #1: -5 số liệu; Gia Lai · lượt tiếp công dân nay 2023–2024 (ít năm hơn); Gia Lai · "
        "cuộc đối thoại với Nhân dân không còn số liệu năm; Gia Lai · đoàn đông người không còn số liệu năm. "
        "Mọi trang đã trở lại số liệu trước lượt đó.")
    assert [unescape(c.value) for c in at.sidebar.caption][1] == "Cơ sở dữ liệu: 122 số liệu từ 44 nguồn."
    assert [h["#"] for h in at.dataframe[-1].value.to_dict("records")] == [2, 1]


def test_a_revert_needs_its_tick(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    at = ok(button(at, "Công bố").click().run())
    at = ok(button(at, "Hoàn tác").click().run())
    assert [w.value for w in at.warning] == ["Đánh dấu ô xác nhận trước khi hoàn tác."]
    assert len(at.dataframe[-1].value) == 1


def test_a_correction_that_changes_nothing_or_a_rejection_without_reason_is_refused(place, analyst, report):
    at = upload(sign_in(open_page(INTAKE)), report)
    at = ok(button(at, "Lưu sửa").click().run())
    assert errors(at) == ["chưa đổi trường nào: sửa ít nhất một trường rồi lưu"]
    at = ok(button(at, "Loại số liệu").click().run())
    assert errors(at) == ["Lai đã tiếp 2.104 lượt công dân: loại số liệu cần ghi lý do (a rejection needs a reason)"]
    assert table(at)[0][1] == "—"


TABLE = ("locality,indicator,period,value,source\n"
         "Hà Nội,reception_turns,2017,21.400,Bảng tổng hợp thử\n"
         "Sóc Sơn,models_registered,2017,95,Bảng tổng hợp thử\n")


def test_an_analyst_table_shows_its_rows_and_publishes_whole(place, analyst):
    at = upload(sign_in(open_page(INTAKE)), ("tong-hop.csv", TABLE.encode()))
    assert [unescape(s.value) for s in at.success] == ["Đã nạp tong-hop.csv: bảng số liệu, 2 dòng (uploaded)."]
    assert [h.value for h in at.header] == ["1. Tải tệp lên", "2. Bảng số liệu", "4. Công bố"]
    assert at.dataframe[0].value.to_dict("records") == [
        {"Địa phương": "Hà Nội", "Chỉ tiêu": "Lượt tiếp công dân", "Phân tổ": "Tổng số", "Kỳ": "năm 2017",
         "Giá trị": "21.400", "Vị trí": "tong-hop.csv, dòng 2"},
        {"Địa phương": "Sóc Sơn, Hà Nội", "Chỉ tiêu": "Mô hình \"Dân vận khéo\" đăng ký, xây dựng",
         "Phân tổ": "Tổng số", "Kỳ": "năm 2017", "Giá trị": "95", "Vị trí": "tong-hop.csv, dòng 3"}]
    at = ok(button(at, "Công bố").click().run())
    assert [unescape(s.value) for s in at.success][-1].startswith("Đã công bố: +2 số liệu, sửa 0, loại 0; ")
