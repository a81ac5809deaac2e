"""A report's text as Markdown with the numbers its figures came from marked, for the review on the
page "Nạp báo cáo": every character of the report shown as typed (core.words.safe_text), each marked
number coloured by the decision on its figure and followed by the figure's row number ("#3").

Blocks and pieces are the write side's (etl.intake.sheet_view: Block with `pieces` or `cells`,
Piece with `text` and `rows`), read here only by those attributes.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from core.words.safe_text import plain_md

# Streamlit's Markdown background colours: undecided, and by decision; the row being looked at.
COLOURS = {"": "orange", "accept": "green", "correct": "blue", "add": "blue", "reject": "red"}
CURRENT = "violet"


def marked_number(text: str, rows: Sequence[int], actions: Mapping[int, str], current: int | None) -> str:
    """One number marked: its colour says the decision (all its figures rejected: struck through)."""
    decided = [actions.get(n, "") for n in rows]
    colour = CURRENT if current in rows else COLOURS.get(decided[0], COLOURS[""])
    body = f"**{plain_md(text)}** {plain_md(' '.join(f'#{n}' for n in rows))}"
    if all(a == "reject" for a in decided):
        body = f"~~{body}~~"
    return f":{colour}-background[{body}]"


def pieces_md(pieces: Iterable[Any], actions: Mapping[int, str], current: int | None) -> str:
    return "".join(marked_number(p.text, p.rows, actions, current) if p.rows else plain_md(p.text) for p in pieces)


def document_md(blocks: Iterable[Any], actions: Mapping[int, str], current: int | None = None) -> str:
    """The whole document: paragraphs, and tables as Markdown tables (the first row as their header)."""
    out = []
    for block in blocks:
        if block.is_table:
            rows = [[pieces_md(cell, actions, current).replace("\n", " ") or " " for cell in row]
                    for row in block.cells]
            width = max(len(r) for r in rows)
            rows = [r + [" "] * (width - len(r)) for r in rows]
            lines = [rows[0], ["---"] * width, *rows[1:]]
            out.append("\n".join("| " + " | ".join(r) + " |" for r in lines))
        else:
            text = pieces_md(block.pieces, actions, current)
            if text.strip():
                out.append(text)
    return "\n\n".join(out)


def sentence_md(quote: str, number: str) -> str:
    """A figure's sentence with its number in bold (the first time it is printed there)."""
    at = quote.find(number) if number else -1
    if at < 0:
        return plain_md(quote)
    return f"{plain_md(quote[:at])}**{plain_md(number)}**{plain_md(quote[at + len(number):])}"
