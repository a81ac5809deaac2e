"""A report as the extractor reads it: passages of sentences, each sentence knowing where it sits
in the file.

- A paragraph is a passage of its sentences.
- A heading ("HUYỆN CHƯ PRÔNG", "2. Huyện Đức Cơ", "II. KẾT QUẢ NĂM 2024") is a passage of its own,
  and every passage under it knows it: its place and period hold for the section.
- A list (bulleted or numbered items after a lead-in line "… như sau:") is read as one sentence,
  the lead-in followed by its items, so that each item has the lead-in's place, period and topic.
- A table (`Report.tables`) is a passage of its cells, each cell read as a sentence
  (etl/table_sentences.py); its caption is context only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.document import Table, Where
from etl.lexicon import Lexicon
from etl.periods import find_periods
from etl.report import Report, split_sentences
from etl.table_sentences import table_sentences
from etl.textnorm import fold

HEADING_MAX_WORDS = 14
# A list item's marker: "- ", "+ ", "• ", "* ", "1. ", "2) ", "a) "; not the "**" that opens a bold
# label ("**Phóng viên:** …", a speaker in an interview).
ITEM_MARKER = re.compile(r"^\s*(?:[-+•–·●○▪]\s*|\*(?!\*)\s*|\(?(?:\d{1,2}|[a-zđ])[.)]\s+)(?=\S)")
# Markdown emphasis around a line or a label: "**Kết quả nổi bật năm 2023:**".
_EMPHASIS = "*_"
# A heading's marker: "## ", "II. ", "2. ", "2.1. ", "A. ", "a) ".
_SECTION_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|\(?(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[A-Za-zĐđ])[.)]\s+)")
_YEAR = re.compile(r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)")
_END_PUNCT = ".;:,!?…"


@dataclass(frozen=True)
class Sentence:
    """What is read as one sentence. `pieces` are (offset, where) of the parts it was made of."""

    text: str
    pieces: tuple[tuple[int, Where], ...]
    read: bool = True  # False: context only (a table's caption), its numbers are not figures
    only: tuple[int, int] | None = None  # a table cell's sentence: only the number in this span is read

    paras: tuple[int, ...] = ()  # index in Report.paragraphs of each piece ('' for a table cell)

    def where_at(self, offset: int) -> Where:
        return self.pieces[self._piece(offset)][1]

    def paragraph_at(self, offset: int, default: int) -> int:
        """The index in Report.paragraphs of the paragraph the text at `offset` comes from."""
        return self.paras[self._piece(offset)] if self.paras else default

    def _piece(self, offset: int) -> int:
        found = 0
        for i, (start, _where) in enumerate(self.pieces):
            if start <= offset:
                found = i
        return found


@dataclass(frozen=True)
class Passage:
    """Sentences read together: a later one may lean on an earlier one for its place, period or topic."""

    sentences: tuple[Sentence, ...]
    para: int  # index in Report.paragraphs of its (first) paragraph; a table's: the paragraph it follows
    before: str = ""  # the paragraph before it
    heading: str = ""  # the section heading it is under ('' when none)
    kind: str = "text"  # text | heading | list | table


def is_heading(paragraph: str) -> bool:
    """A short line without final punctuation and without figures: a section title."""
    text = paragraph.strip().strip(_EMPHASIS).strip()
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or text[-1] in _END_PUNCT or ITEM_MARKER.match(text) \
            and not _SECTION_MARKER.match(text):
        return False
    body = _SECTION_MARKER.sub("", text)
    folded = fold(body)
    for pm in find_periods(folded):  # "II. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2023": a period is no figure
        folded = folded[:pm.start_pos] + " " * (pm.end_pos - pm.start_pos) + folded[pm.end_pos:]
    if re.search(r"\d", _YEAR.sub("", folded)):
        return False
    letters = [ch for ch in body if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters) / len(letters) if letters else 0
    return upper >= 0.6 or bool(_SECTION_MARKER.match(text)) or len(words) <= 8


def is_lead_in(paragraph: str) -> bool:
    """A line that opens a list: it ends with ":", bold or not ("**Kết quả nổi bật năm 2023:**")."""
    return paragraph.rstrip().rstrip(_EMPHASIS).rstrip().endswith(":")


def is_item(paragraph: str) -> bool:
    return bool(ITEM_MARKER.match(paragraph)) and not is_heading(paragraph)


def passages(report: Report, lex: Lexicon) -> list[Passage]:
    """The report's passages in reading order (tables after the paragraph they follow)."""
    paras = report.paragraphs
    out: list[Passage] = []
    heading = ""
    pi = 0
    tables = sorted(enumerate(report.tables), key=lambda t: t[1].after_paragraph)
    while pi < len(paras):
        before = paras[pi - 1] if pi > 0 else ""
        if is_heading(paras[pi]):
            heading = _strip_heading(paras[pi])
            out.append(Passage((_whole(paras[pi], report.where(pi), pi),), pi, before, heading, "heading"))
            pi += 1
            continue
        items_from = pi + 1 if is_lead_in(paras[pi]) else pi
        end = items_from
        while end < len(paras) and is_item(paras[end]):
            end += 1
        if end > items_from:
            out.append(_list_passage(report, pi, items_from, end, before, heading))
            pi = end
        else:
            where = report.where(pi)
            sentences = tuple(Sentence(s, ((0, where),), paras=(pi,)) for s in split_sentences(paras[pi]))
            out.append(Passage(sentences, pi, before, heading))
            pi += 1
    return _with_tables(out, report, tables, lex)


def _with_tables(out: list[Passage], report: Report, tables: list[tuple[int, Table]], lex: Lexicon) -> list[Passage]:
    """Table passages placed after the paragraph each table follows, under that paragraph's heading."""
    merged: list[Passage] = []
    queue = list(tables)
    for p in out:
        while queue and queue[0][1].after_paragraph < p.para:
            merged.append(_table_passage(report, *queue.pop(0), merged, lex))
        merged.append(p)
    while queue:
        merged.append(_table_passage(report, *queue.pop(0), merged, lex))
    return merged


def _table_passage(report: Report, ti: int, table: Table, merged: list[Passage], lex: Lexicon) -> Passage:
    heading = merged[-1].heading if merged else ""
    before = report.paragraphs[table.after_paragraph] if 0 <= table.after_paragraph < len(report.paragraphs) else ""
    where = table.where if table.where.table else Where(page=table.where.page, table=ti + 1)
    caption = (Sentence(table.caption, ((0, where),), read=False),) if table.caption else ()
    cells = tuple(Sentence(cell.text, ((0, cell.where),), only=cell.value_span)
                  for cell in table_sentences(table, where, lex))
    return Passage(caption + cells, max(table.after_paragraph, 0), before, heading, "table")


def _whole(text: str, where: Where, pi: int) -> Sentence:
    return Sentence(text, ((0, where),), paras=(pi,))


def _strip_heading(paragraph: str) -> str:
    return _SECTION_MARKER.sub("", paragraph.strip().strip("*_#").strip()).strip()


def _list_passage(report: Report, lead: int, first_item: int, end: int, before: str, heading: str) -> Passage:
    """A lead-in and its items as one passage: the lead-in's sentences, the last of them joined with
    the items ("…như sau: tiếp 420 lượt công dân; tiếp nhận 150 đơn; …")."""
    sentences: list[Sentence] = []
    text, pieces, paras = "", [], []
    if first_item > lead:  # the lead-in ends with ":"
        lead_sentences = split_sentences(report.paragraphs[lead])
        where = report.where(lead)
        sentences = [Sentence(s, ((0, where),), paras=(lead,)) for s in lead_sentences[:-1]]
        text = lead_sentences[-1].rstrip().rstrip(_EMPHASIS).rstrip() if lead_sentences else ""
        pieces.append((0, where))
        paras.append(lead)
    for k in range(first_item, end):
        # an item of several sentences: each is a clause of its own ("- Mỗi chi bộ phải có ít nhất 1 mô
        # hình. Năm nay huyện đăng ký 212 mô hình.": the quota does not reach the count)
        item = "; ".join(s.rstrip(";.,") for s in split_sentences(ITEM_MARKER.sub("", report.paragraphs[k]).strip()))
        sep = " " if text.endswith(":") else ("; " if text else "")
        text += sep
        pieces.append((len(text), report.where(k)))
        paras.append(k)
        text += item
    sentences.append(Sentence(text + ".", tuple(pieces), paras=tuple(paras)))
    return Passage(tuple(sentences), lead, before, heading, "list")
