"""A page as positioned words → lines → paragraphs and tables without ruling lines.

Both the PDF text layer (pdfplumber's words) and OCR (tesseract's word boxes) give words with a
box; this module turns them into what a reader sees. A table without borders shows as lines
cut into segments by wide gaps whose segments line up in columns; a cell whose text wraps
continues on a closely following line inside its column.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from etl.document import Cell

COLUMN_GAP = 1.5  # a gap wider than this many line heights separates two table cells
_DASHES = re.compile(r"[—–-]{1,3}")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    conf: float | None = None  # OCR confidence 0–100; None for a text layer
    block: int = 0  # OCR block and paragraph numbers (0 for a text layer)
    par: int = 0
    seq: int = 0  # OCR reading order

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def segments(self) -> list[list[Word]]:
        """The words cut where the gap is wider than COLUMN_GAP line heights."""
        out: list[list[Word]] = [[self.words[0]]]
        limit = COLUMN_GAP * self.height
        for prev, word in pairwise(self.words):
            if word.x0 - prev.x1 > limit:
                out.append([])
            out[-1].append(word)
        return out


@dataclass
class Block:
    """A paragraph (its words) or a table (its cells) on a page, and how far down it starts."""

    top: float
    lines: list[Line] = field(default_factory=list)
    rows: list[list[Cell]] | None = None

    @property
    def words(self) -> list[Word]:
        return [w for ln in self.lines for w in ln.words]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class FoundTable:
    """A table found on a page: cell texts and confidences, and the lines it used."""

    rows: list[list[Cell]]
    top: float
    lines: list[Line]


def group_lines(words: list[Word]) -> list[Line]:
    """Words on one baseline make a line (top to bottom, each line left to right)."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(word.middle - _middle(lines[-1])) <= 0.5 * max(lines[-1].height, word.height):
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _middle(line: Line) -> float:
    return statistics.median(w.middle for w in line.words)


def line_pitch(lines: list[Line]) -> float:
    """The gap between two lines of one paragraph: the usual gap after a line that runs to the margin."""
    if len(lines) < 2:
        return 0.0
    right = max(ln.x1 for ln in lines)
    gaps = [b.top - a.bottom for a, b in pairwise(lines)
            if a.x1 >= right - 3 * a.height and b.top > a.bottom - 0.5 * a.height]
    if not gaps:
        return 0.3 * statistics.median(ln.height for ln in lines)
    return max(0.0, statistics.median(gaps))


def paragraphs_from_lines(lines: list[Line]) -> list[list[Line]]:
    """Lines → paragraphs: a new one after a wide gap, or after a line that stops short of the margin."""
    if not lines:
        return []
    pitch = line_pitch(lines)
    right = max(ln.x1 for ln in lines)
    paras: list[list[Line]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        gap = line.top - prev.bottom
        short = prev.x1 < right - 3 * prev.height
        if gap > pitch + 0.4 * prev.height or short:
            paras.append([])
        paras[-1].append(line)
    return paras


def find_tables(lines: list[Line]) -> list[FoundTable]:
    """Tables without borders: two or more lines in a run cut into two or more segments that line up."""
    pitch = line_pitch(lines)
    text_width = (max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines)) if lines else 0.0
    tables: list[FoundTable] = []
    i = 0
    while i < len(lines):
        if len(lines[i].segments()) < 2:
            i += 1
            continue
        run = [lines[i]]
        j = i + 1
        while j < len(lines):
            line, prev = lines[j], run[-1]
            if line.top - prev.bottom > 2.5 * prev.height + pitch:
                break
            if len(line.segments()) < 2 and (line.x1 - line.x0) > 0.45 * text_width:
                break
            run.append(line)
            j += 1
        # A last line with one segment stays only as the wrapped end of the row above it.
        while len(run) > 1 and len(run[-1].segments()) < 2 and not _tight(run[-2], run[-1], pitch):
            run.pop()
        multi = [ln for ln in run if len(ln.segments()) >= 2]
        table = _table(run, pitch) if len(multi) >= 2 else None
        if table:
            tables.append(table)
            i += len(run)
        else:
            i += 1
    return tables


def _columns(run: list[Line]) -> list[tuple[float, float]]:
    """Column spans: the union of overlapping segment spans of the lines with several segments."""
    spans = sorted((seg[0].x0, seg[-1].x1) for ln in run if len(ln.segments()) >= 2 for seg in ln.segments())
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _table(run: list[Line], pitch: float) -> FoundTable | None:
    cols = _columns(run)
    if len(cols) < 2:
        return None
    rows: list[list[list[Word]]] = []
    prev: Line | None = None
    for line in run:
        placed: dict[int, list[Word]] = {}
        for seg in line.segments():
            c = _column_of(seg, cols)
            placed.setdefault(c, []).extend(seg)
        if rows and prev is not None and _tight(prev, line, pitch) and len(placed) < len(cols):
            for c, words in placed.items():
                rows[-1][c].extend(words)
        else:
            rows.append([placed.get(c, []) for c in range(len(cols))])
        prev = line
    cells = [[_cell(words) for words in row] for row in rows]
    return FoundTable(cells, run[0].top, run)


def _tight(prev: Line, line: Line, pitch: float) -> bool:
    """`line` follows `prev` as the next line of one paragraph or one cell would."""
    return line.top - prev.bottom <= pitch + 0.25 * line.height


def _column_of(seg: list[Word], cols: list[tuple[float, float]]) -> int:
    x0, x1 = seg[0].x0, seg[-1].x1
    overlaps = [min(x1, b) - max(x0, a) for a, b in cols]
    return max(range(len(cols)), key=lambda c: overlaps[c])


def _cell(words: list[Word]) -> Cell:
    text = " ".join(w.text for w in words)
    if _DASHES.fullmatch(text):
        text = "—"
    confs = [w.conf for w in words if w.conf is not None]
    return Cell(text, min(confs) if confs else None)


def words_outside(words: list[Word], boxes: list[tuple[float, float, float, float]]) -> list[Word]:
    """The words whose middle is in none of the boxes (x0, top, x1, bottom)."""
    def inside(w: Word, box: tuple[float, float, float, float]) -> bool:
        x = (w.x0 + w.x1) / 2
        return box[0] <= x <= box[2] and box[1] <= w.middle <= box[3]

    return [w for w in words if not any(inside(w, b) for b in boxes)]


def page_layout(words: list[Word], ruled: list[tuple[tuple[float, float, float, float], list[list[Cell]]]] = (),
                ) -> list[Block]:
    """A page's paragraphs and tables, top to bottom.

    `ruled` are tables already found from their ruling lines (box, cells): their words are theirs.
    Words from OCR (with block numbers) keep tesseract's paragraphs; a text layer's lines are
    grouped into paragraphs by spacing (`paragraphs_from_lines`)."""
    free = words_outside(words, [box for box, _ in ruled])
    lines = group_lines(free)
    tables = find_tables(lines)
    used = {id(ln) for t in tables for ln in t.lines}
    rest = [ln for ln in lines if id(ln) not in used]
    blocks = [Block(top=box[1], rows=rows) for box, rows in ruled]
    blocks += [Block(top=t.top, rows=t.rows) for t in tables]
    if any(w.block for w in free):
        groups: dict[tuple[int, int], list[Word]] = {}
        for w in sorted((w for ln in rest for w in ln.words), key=lambda w: w.seq):
            groups.setdefault((w.block, w.par), []).append(w)
        blocks += [Block(top=min(w.top for w in ws), lines=group_lines(ws)) for ws in groups.values()]
    else:
        blocks += [Block(top=para[0].top, lines=para) for para in paragraphs_from_lines(rest)]
    return sorted(blocks, key=lambda b: b.top)


def join_split_tables(pages: list[list[Block]]) -> None:
    """Tables cut by a page break, joined on the page where they start: a table that goes on at the
    top of the next page with as many columns, or a lone header line at the foot of a page whose
    segments head the table that opens the next page."""
    for page, following in pairwise(pages):
        if not page or not following or following[0].rows is None:
            continue
        last, first = page[-1], following[0]
        width = max(len(r) for r in first.rows)
        if last.rows is not None and max(len(r) for r in last.rows) == width:
            last.rows.extend(first.rows)
            following.pop(0)
        elif last.rows is None and last.lines and len(segs := last.lines[-1].segments()) == width:
            header = last.lines.pop()
            first.rows.insert(0, [_cell(seg) for seg in segs])
            first.top = header.top
            if not last.lines:
                page.pop()
            page.append(following.pop(0))
