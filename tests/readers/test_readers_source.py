"""Source details read from the file: heading lines first, the file's own properties for what they lack."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from etl.readers import read_document, source_details
from etl.readers.source import find_source_details
from tests.readers.document_fixtures import TITLE

BODY = "Năm 2024, toàn tỉnh đã tiếp 1.200 lượt công dân đến trình bày kiến nghị và phản ánh về nhiều việc."
OFFICIAL = ["THÀNH ỦY HÀ NỘI", "BAN DÂN VẬN", "*", "Số: 310 - BC/BDVTU",
            "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 5 tháng 12 năm 2024",
            "BÁO CÁO", "Kết quả thực hiện Quy chế dân chủ ở cơ sở năm 2024", "-----", BODY]


def values(found) -> dict[str, str]:  # noqa: ANN001
    return {k: f.value for k, f in found.items()}


@pytest.mark.parametrize(("lines", "metadata", "expected"), [
    pytest.param(OFFICIAL, {}, {
        "publisher": "BAN DÂN VẬN THÀNH ỦY HÀ NỘI", "source_url": "310-BC/BDVTU", "published": "2024-12-05",
        "title": "Kết quả thực hiện Quy chế dân chủ ở cơ sở năm 2024", "province": "Hà Nội"}, id="official-heading"),
    pytest.param(["Pleiku, ngày 20/3/2023", "Tổng hợp tình hình tiếp công dân quý I", BODY],
                 {"author": "Văn phòng", "created": "2023-03-21"}, {
        "published": "2023-03-20", "publisher": "Văn phòng", "title": "Tổng hợp tình hình tiếp công dân quý I",
        "province": "Gia Lai"}, id="short-dateline-place-gives-province"),
    pytest.param([BODY, "Nguồn: https://example.org/bao-cao-2024"],
                 {"title": "Báo cáo quý III", "created": "2024-10-02"}, {
        "title": "Báo cáo quý III", "published": "2024-10-02", "source_url": "https://example.org/bao-cao-2024"},
        id="properties-fill-in"),
    pytest.param([BODY], {"title": "Microsoft Word - bc.doc"}, {}, id="junk-file-title-ignored"),
])
def test_find_source_details(lines, metadata, expected):
    assert values(find_source_details(lines, metadata)) == expected


def test_how_each_was_found():
    found = find_source_details(OFFICIAL, {})
    assert found["source_url"].how == "số hiệu văn bản “Số: 310 - BC/BDVTU”"
    assert found["published"].how == "dòng ngày tháng “Hà Nội, ngày 5 tháng 12 năm 2024”"
    assert found["publisher"].how == "cơ quan ban hành ở đầu văn bản: “THÀNH ỦY HÀ NỘI” / “BAN DÂN VẬN”"
    assert found["title"].how == "dòng trích yếu sau “BÁO CÁO”"
    assert found["province"].how == "cơ quan ban hành “THÀNH ỦY HÀ NỘI”"
    creation = find_source_details([BODY], {"created": "2024-01-02"})["published"].how
    assert creation.startswith("ngày tạo tệp trong thuộc tính của tệp")


def test_fixture_report(report_docx: Path, report_pdf: Path):
    for path in (report_docx, report_pdf):
        assert values(source_details(path)) == {
            "title": TITLE, "publisher": "BAN DÂN VẬN TỈNH ỦY GIA LAI", "source_url": "125/BC-BDVTU",
            "published": "2024-12-05", "province": "Gia Lai"}


def test_heading_laid_out_in_a_word_table(tmp_path: Path):
    """The heading side by side in a borderless table: read as heading lines, not as a table of figures."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 77/BC-UBND"
    table.cell(1, 1).text = "Gia Lai, ngày 9 tháng 1 năm 2025"
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Công tác tiếp công dân năm 2024")
    doc.add_paragraph(BODY)
    doc.save(tmp_path / "ubnd.docx")
    report = read_document(tmp_path / "ubnd.docx")
    assert report.tables == []
    assert report.paragraphs[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Độc lập - Tự do - Hạnh phúc", "Số: 77/BC-UBND",
                                     "Gia Lai, ngày 9 tháng 1 năm 2025"]
    assert values(source_details(tmp_path / "ubnd.docx", report)) == {
        "title": "Công tác tiếp công dân năm 2024", "publisher": "TỈNH GIA LAI ỦY BAN NHÂN DÂN",
        "source_url": "77/BC-UBND", "published": "2025-01-09", "province": "Gia Lai"}
    assert (report.title, report.source_url, report.published.iso()) == (
        "Công tác tiếp công dân năm 2024", "77/BC-UBND", "2025-01-09")


def test_text_report_front_matter(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("---\ntitle: Hà Nội tiếp công dân\nsource_url: https://example.org/a\npublisher: Báo Thử\n"
                    f"published: 2024-05\nnote: thử\n---\n\n{BODY}\n", encoding="utf-8")
    found = source_details(path)
    assert values(found) == {"title": "Hà Nội tiếp công dân", "source_url": "https://example.org/a",
                             "publisher": "Báo Thử", "published": "2024-05", "province": "Hà Nội"}
    assert found["title"].how == "phần đầu (front matter) của tệp"
