"""Tables written inside a text report: which lines make a table, its cells and caption."""
from __future__ import annotations

import pytest

from etl.texttables import split_tables


def _tables(text: str) -> list[tuple[str, list[list[str]]]]:
    return [(b.table.caption, [[c.text for c in row] for row in b.table.rows])
            for b in split_tables(text.split("\n")) if b.table is not None]


@pytest.mark.parametrize(("text", "expected"), [
    ("Bảng 1\nChỉ tiêu\t2023\t2024\nLượt tiếp\t2.743\t—\n", [("Bảng 1", [["Chỉ tiêu", "2023", "2024"],
                                                                      ["Lượt tiếp", "2.743", "—"]])]),
    ("\t2023\t2024\nLượt tiếp\t12\t\n", [("", [["", "2023", "2024"], ["Lượt tiếp", "12", ""]])]),  # blank cells kept
    ("Kết quả:\n| Đơn vị | Lượt |\n|---|---:|\n| **Chư Sê** | 420 |\n", [("Kết quả:", [["Đơn vị", "Lượt"],
                                                                                  ["Chư Sê", "420"]])]),
    ("Một dòng\tcó một dấu tab.\nDòng sau không có.\n", []),  # one line is no table
    ("Tỷ lệ | đạt | cao, theo báo cáo.\nDòng khác.\n", []),  # pipes in prose are no table
])
def test_tables_in_text(text, expected):
    assert _tables(text) == expected


def test_text_around_a_table_stays_text():
    blocks = split_tables("Trước bảng.\nA\tB\n1\t2\nSau bảng.".split("\n"))
    assert [(b.text, b.table is not None) for b in blocks] == [("Trước bảng.", False), ("", True), ("Sau bảng.", False)]
