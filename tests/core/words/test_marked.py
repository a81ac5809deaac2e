"""core.words.marked: a report's text as Markdown, its figures' numbers marked by decision, the report's own
characters shown as typed."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from core.words.marked import document_md, marked_number, sentence_md


@dataclass(frozen=True)
class Piece:
    text: str
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class Block:
    pieces: tuple[Piece, ...] = ()
    cells: tuple = ()

    @property
    def is_table(self) -> bool:
        return bool(self.cells)


@pytest.mark.parametrize(("rows", "actions", "current", "md"), [
    ((3,), {}, None, r":orange-background[**2.861** \#3]"),
    ((3,), {3: "accept"}, None, r":green-background[**2.861** \#3]"),
    ((3,), {3: "correct"}, None, r":blue-background[**2.861** \#3]"),
    ((3,), {3: "reject"}, None, r":red-background[~~**2.861** \#3~~]"),
    ((3, 4), {3: "reject"}, None, r":red-background[**2.861** \#3 \#4]"),  # one of its figures still stands
    ((3,), {3: "accept"}, 3, r":violet-background[**2.861** \#3]"),
])
def test_a_number_is_marked_by_its_decision(rows, actions, current, md):
    assert marked_number("2.861", rows, actions, current) == md


def test_the_document_keeps_the_report_text_as_typed_and_its_tables():
    blocks = [
        Block((Piece("1. Tiếp "), Piece("2.861", (1,)), Piece(" lượt <b>**x**</b> | [a](b)"))),
        Block(cells=(((Piece("Chỉ tiêu"),), (Piece("2024"),)),
                     ((Piece("Lượt\ntiếp"),), (Piece("2.861", (1,)),)),
                     ((Piece("Đoàn"),),))),
        Block((Piece("   "),)),
    ]
    assert document_md(blocks, {1: "accept"}) == (
        "1\\. Tiếp :green-background[**2.861** \\#1] lượt \\<b\\>\\*\\*x\\*\\*\\</b\\> \\| \\[a\\]\\(b\\)\n\n"
        "| Chỉ tiêu | 2024 |\n| --- | --- |\n| Lượt tiếp | :green-background[**2.861** \\#1] |\n| Đoàn |   |")


@pytest.mark.parametrize(("quote", "number", "md"), [
    ("Năm 2024 tiếp 2.861 lượt.", "2.861", "Năm 2024 tiếp **2.861** lượt."),
    ("Tiếp *2.861* lượt", "2.861", r"Tiếp \***2.861**\* lượt"),
    ("Không có số <i>", "45", r"Không có số \<i\>"),
])
def test_a_sentence_with_its_number_in_bold(quote, number, md):
    assert sentence_md(quote, number) == md
