"""A Word report with a table, written for the tests of the page "Nạp báo cáo" (AppTest and the browser):
Gia Lai's 2022 results, with one number the extractor passes over (a meeting "buổi" of no known kind,
added by hand in the tests) and one paragraph of hostile text that must show as typed."""
from __future__ import annotations

from pathlib import Path

HOSTILE = "Ghi chú của người soạn: <script>alert('x')</script> **không in đậm** [liên kết](http://vi-du.vn)"
PARAGRAPHS = [
    "TỈNH ỦY GIA LAI",
    "BAN DÂN VẬN",
    "Số: 88/BC-BDVTU",
    "Gia Lai, ngày 20 tháng 1 năm 2023",
    "BÁO CÁO",
    "Kết quả công tác dân vận năm 2022",
    "Năm 2022, tỉnh Gia Lai đã tiếp 2.104 lượt công dân đến kiến nghị, phản ánh.",
    "Trong năm 2022, các cơ quan của tỉnh Gia Lai tiếp nhận 1.410 đơn khiếu nại, tố cáo.",
    "Cũng trong năm 2022, các cấp ủy ở cơ sở tổ chức 23 buổi gặp gỡ, lắng nghe ý kiến nhân dân tại thôn, làng.",
    HOSTILE,
    "Bảng 1. Tiếp công dân và đoàn đông người",
]
TABLE = [["Chỉ tiêu", "2021", "2022"], ["Lượt tiếp công dân", "1.980", "2.104"], ["Đoàn đông người", "15", "11"]]
CLOSING = "Năm 2023, Ban Dân vận tiếp tục theo dõi, hướng dẫn cơ sở."
MISSED = "Cũng trong năm 2022, các cấp ủy ở cơ sở tổ chức 23 buổi gặp gỡ, lắng nghe ý kiến nhân dân tại thôn, làng."


def write_report(path: Path) -> Path:
    """The report as a Word file: heading lines and paragraphs, a bordered table, a closing paragraph."""
    from docx import Document  # noqa: PLC0415

    doc = Document()
    for text in PARAGRAPHS:
        doc.add_paragraph(text)
    table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = doc.styles["Table Grid"]
    for r, values in enumerate(TABLE):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.add_paragraph(CLOSING)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
