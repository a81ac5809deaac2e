"""Where a piece of a read document sits (page, paragraph, table cell) and the tables a document holds.

Every reader (plain text, Word, PDF, OCR of a scan) turns its file into an `etl.report.Report`:
paragraphs of text, each with a `Where`, and `Table`s whose cells keep their own `Where` and, when
they were read by OCR, how sure the reading was. The extractor reads both the same way, and every
figure it finds carries the `Where` of its sentence or cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

LOW_CONFIDENCE = 80.0  # OCR confidence (0–100) under which a number is flagged for review


@dataclass(frozen=True)
class Where:
    """A place in a document; every part is 1-based and None when it does not apply."""

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def label(self) -> str:
        """'trang 2, bảng 1, hàng 3, cột 4' or 'đoạn 5' ('' when nothing is known)."""
        parts = (("trang", self.page), ("đoạn", self.paragraph), ("bảng", self.table),
                 ("hàng", self.row), ("cột", self.col))
        return ", ".join(f"{word} {n}" for word, n in parts if n is not None)


@dataclass(frozen=True)
class Cell:
    """One table cell as read; `confidence` is OCR's (0–100), None for text read from a text layer."""

    text: str
    confidence: float | None = None


@dataclass
class Table:
    """A table as printed: header rows included, every row padded to the same width.

    `caption` is the line just before the table (its title or lead-in); `after_paragraph` is the
    index in `Report.paragraphs` of the paragraph it follows (-1 when it comes first)."""

    rows: list[list[Cell]]
    caption: str = ""
    where: Where = field(default_factory=Where)
    after_paragraph: int = -1

    def cell_where(self, row: int, col: int) -> Where:
        """The `Where` of cell [row][col] (0-based arguments, 1-based result)."""
        return Where(page=self.where.page, table=self.where.table, row=row + 1, col=col + 1)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)
