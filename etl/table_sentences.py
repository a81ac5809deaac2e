"""A table's cells read as sentences (filled in by the table reader)."""
from __future__ import annotations

from dataclasses import dataclass

from etl.document import Table, Where
from etl.lexicon import Lexicon


@dataclass(frozen=True)
class CellSentence:
    text: str
    where: Where


def table_sentences(table: Table, where: Where, lex: Lexicon) -> list[CellSentence]:
    return []
