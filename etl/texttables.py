"""Tables written inside a text report: tab-separated rows, or a markdown table (| a | b |).

Two or more consecutive such lines make a table; the text line just before it is its caption.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.document import Cell, Table, Where

MIN_ROWS = 2
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


@dataclass(frozen=True)
class Block:
    """A run of the body: a text line, or a table."""

    text: str = ""
    table: Table | None = None


def _is_tsv(line: str) -> bool:
    return "\t" in line and sum(1 for c in line.split("\t") if c.strip()) >= 2


def _is_markdown(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 3


def _cells(line: str, markdown: bool) -> list[str]:
    if markdown:
        s = line.strip()
        parts = s[1:-1] if s.endswith("|") else s[1:]
        return [c.strip().strip("*").strip() for c in parts.split("|")]
    return [c.strip() for c in line.rstrip("\n").split("\t")]


def _table(rows: list[list[str]], caption: str, number: int) -> Table:
    width = max(len(r) for r in rows)
    cells = [[Cell(t) for t in r] + [Cell("")] * (width - len(r)) for r in rows]
    return Table(cells, caption=caption, where=Where(table=number))


def split_tables(lines: list[str]) -> list[Block]:
    """The body's lines as blocks: each non-empty text line (stripped), and each table in its place."""
    blocks: list[Block] = []
    i = 0
    last_text = ""
    number = 0
    while i < len(lines):
        line = lines[i]
        kind = "md" if _is_markdown(line) else ("tsv" if _is_tsv(line) else "")
        j = i
        if kind:  # a table goes on while its lines have its separator
            while j < len(lines) and (_is_markdown(lines[j]) if kind == "md" else "\t" in lines[j]):
                j += 1
        if kind and j - i >= MIN_ROWS:
            rows = [_cells(row, kind == "md") for row in lines[i:j] if not _MD_SEPARATOR.match(row.strip())]
            number += 1
            blocks.append(Block(table=_table(rows, last_text, number)))
            i = j
            continue
        if line.strip():
            last_text = line.strip()
            blocks.append(Block(text=last_text))
        i += 1
    return blocks
