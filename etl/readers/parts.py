"""What a reader takes out of a file (paragraphs with their places, tables, OCR words, the file's
own properties), and how that becomes an `etl.report.Report`."""
from __future__ import annotations

from dataclasses import dataclass, field

from etl.document import Table, Where
from etl.errors import InputError
from etl.readers.source import find_source_details
from etl.report import Report, parse_report
from etl.textnorm import nfc


@dataclass
class Parts:
    paragraphs: list[str] = field(default_factory=list)
    wheres: list[Where] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ocr_words: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    # The file's own properties: title, author, created (ISO date), as the format stores them.
    metadata: dict[str, str] = field(default_factory=dict)

    def add(self, text: str, where: Where, words: list[tuple[str, float]] | None = None) -> None:
        """One paragraph; blank ones are skipped, inner line breaks become spaces."""
        text = " ".join(nfc(text).split())
        if not text:
            return
        if words:
            self.ocr_words[len(self.paragraphs)] = [(nfc(w), c) for w, c in words]
        self.paragraphs.append(text)
        self.wheres.append(where)

    def extend_last(self, text: str, words: list[tuple[str, float]] | None = None) -> None:
        """More of the last paragraph (it went on over a page break)."""
        last = len(self.paragraphs) - 1
        if words or last in self.ocr_words:
            self.ocr_words[last] = self.ocr_words.get(last, []) + [(nfc(w), c) for w, c in words or []]
        self.paragraphs[last] = f"{self.paragraphs[last]} {' '.join(nfc(text).split())}"

    def add_table(self, table: Table) -> None:
        table.after_paragraph = len(self.paragraphs) - 1
        table.caption = self.paragraphs[-1] if self.paragraphs else ""
        self.tables.append(table)


def to_report(parts: Parts, doc: str, file_hash: str, where: str) -> Report:
    """A Report with the source details found in the file (etl.readers.source) as its front matter."""
    if not parts.paragraphs and not any(c.text for t in parts.tables for row in t.rows for c in row):
        raise InputError("không tìm thấy chữ nào trong tệp (no text found)", where=where)
    details = find_source_details(parts.paragraphs, parts.metadata)
    front = {k: (details[k].value if k in details else "") for k in ("title", "source_url", "publisher", "published")}
    # parse_report reads the published date, the event date of the lead paragraph and checks the body.
    text = "---\n" + "".join(f"{k}: {' '.join(v.split())}\n" for k, v in front.items()) + "---\n\n"
    text += "\n".join(parts.paragraphs) or "."  # a file of tables only: parse_report wants a body
    report = parse_report(text, doc)
    report.paragraphs = parts.paragraphs
    report.has_front_matter = False
    report.file_hash = file_hash
    report.tables = parts.tables
    report.paragraph_where = parts.wheres
    report.ocr_words = parts.ocr_words
    return report
