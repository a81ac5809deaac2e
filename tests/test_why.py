"""`python -m etl extract --why FILE`: every number of a report with what it became or the rule
that dropped it."""
from __future__ import annotations

import subprocess
import sys

from etl.why import why_lines
from tests.extract_helpers import report_text, test_report

BODY = ("Năm 2024, huyện Chư Sê (Gia Lai) tiếp 450 lượt công dân, tổ chức 120 buổi tiếp định kỳ "
        "theo Kế hoạch số 12/KH-UBND; mỗi xã phấn đấu có ít nhất 2 mô hình “Dân vận khéo”.")


def test_every_number_has_a_line():
    assert why_lines(test_report(BODY)) == [
        "t.txt: 5 số, 1 thành số liệu (5 numbers, 1 gave figures)",
        "  [đoạn 1] «Năm [2024] , huyện Chư Sê» ✗ thuộc cụm chỉ thời gian “năm 2024” (part of a period)",
        "  [đoạn 1] «Sê (Gia Lai) tiếp [450] lượt công dân, tổ»"
        " → Chư Sê, Gia Lai · reception_turns/total · year 2024-01-01..2024-12-31 · 450",
        "  [đoạn 1] «công dân, tổ chức [120] buổi tiếp định kỳ» ✗ buổi, cuộc, hội nghị không rõ là gì; buổi tiếp"
        " không phải lượt tiếp (a session or meeting of no known kind)",
        "  [đoạn 1] «theo Kế hoạch số [12] /KH-UBND; mỗi xã phấn» ✗ số hiệu, ngày hoặc khoảng"
        " (a document number, date or range)",
        "  [đoạn 1] «đấu có ít nhất [2] mô hình “Dân vận» ✗ chỉ tiêu, mục tiêu, kế hoạch hoặc số cho mỗi"
        " đơn vị, không phải kết quả (a target, plan or quota)",
    ]


def test_the_command_line_prints_the_same(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(report_text(BODY), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "etl", "extract", "--why", str(path)],
                          capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == why_lines(test_report(BODY))
