"""Positioned words → paragraphs and tables without borders (etl.readers.layout), on pages drawn here:
12-point text, 18 points from one line to the next in a paragraph, 29 between paragraphs."""
from __future__ import annotations

import pytest

from etl.readers.filetype import content_kind
from etl.readers.layout import Word, join_split_tables, page_layout

CHAR = 6.0  # width of a character


def line(y: float, *pieces: tuple[float, str]) -> list[Word]:
    """Words of one line: (x where a piece starts, its text); words of a piece one space apart."""
    out = []
    for x, text in pieces:
        for word in text.split():
            out.append(Word(word, x, x + CHAR * len(word), y, y + 12))
            x += CHAR * (len(word) + 1)
    return out


FULL = "Các cấp ủy tiếp tục lắng nghe ý kiến của nhân dân ở cơ sở và giải quyết"  # runs to the margin


def layout(*lines: list[Word]) -> list[tuple[str, object]]:
    blocks = page_layout([w for ln in lines for w in ln])
    return [("table", [[c.text for c in r] for r in b.rows]) if b.rows is not None else ("text", b.text)
            for b in blocks]


def test_paragraphs_by_spacing_and_short_lines():
    assert layout(
        line(0, (90, FULL)), line(18, (90, "kịp thời các kiến nghị.")),
        line(47, (90, "Đoạn hai ngắn.")), line(65, (90, "Đoạn ba, ngay dưới một dòng ngắn.")),
    ) == [("text", f"{FULL} kịp thời các kiến nghị."), ("text", "Đoạn hai ngắn."),
          ("text", "Đoạn ba, ngay dưới một dòng ngắn.")]


def test_table_without_borders_with_a_wrapped_cell():
    assert layout(
        line(0, (90, FULL)), line(18, (90, "cuối đoạn.")),
        line(47, (90, "Chỉ tiêu"), (200, "2023"), (300, "2024")),
        line(76, (90, "Lượt tiếp công"), (200, "2.517"), (300, "2.861")),
        line(94, (90, "dân")),
        line(123, (90, "Đoàn đông người"), (200, "—"), (300, "9")),
        line(152, (90, FULL)),
    ) == [("text", f"{FULL} cuối đoạn."),
          ("table", [["Chỉ tiêu", "2023", "2024"], ["Lượt tiếp công dân", "2.517", "2.861"],
                     ["Đoàn đông người", "—", "9"]]),
          ("text", FULL)]


@pytest.mark.parametrize("lines", [
    pytest.param([line(0, (90, "Chỉ tiêu"), (200, "2024"))], id="one-line-is-not-a-table"),
    pytest.param([line(0, (90, FULL)), line(18, (90, FULL))], id="running-text"),
])
def test_not_tables(lines):
    assert all(kind == "text" for kind, _ in layout(*lines))


def test_table_cut_by_a_page_break():
    first = page_layout(line(0, (90, FULL)) + line(29, (90, "Huyện"), (250, "Đăng ký"), (400, "Công nhận")))
    second = page_layout(line(0, (90, "Chư Prông"), (250, "48"), (400, "36"))
                         + line(29, (90, "Ia Grai"), (250, "30"), (400, "27")) + line(58, (90, FULL)))
    pages = [first, second]
    join_split_tables(pages)
    assert [b.rows is not None for b in pages[0]] == [False, True]
    assert [[c.text for c in r] for r in pages[0][1].rows] == [["Huyện", "Đăng ký", "Công nhận"],
                                                              ["Chư Prông", "48", "36"], ["Ia Grai", "30", "27"]]
    assert [b.text for b in pages[1]] == [FULL]


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\x89PNG\r\n\x1a\n....", "png"),
    (b"\xff\xd8\xff\xe0....", "jpeg"),
    (b"PAR1....", "parquet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "ole"),
    (b"PK\x03\x04 not really a zip", "zip"),
    ("Năm 2024 tiếp 5 lượt công dân.\n".encode(), "text"),
    ("Năm 2024".encode("utf-16"), "text"),
    (bytes(range(256)), "unknown"),
])
def test_content_kind(data: bytes, kind: str, tmp_path):
    path = tmp_path / "f"
    path.write_bytes(data)
    assert content_kind(path) == kind
