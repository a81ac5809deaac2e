"""A table's cells read as sentences, so that they go through the same rules as the text.

A table has header rows at the top (what each column counts, or its period) and label columns at
the left (what each row counts, or its place or year); an "STT" column is an ordinal and a "ĐVT"
column the unit of its row. Each number cell becomes one sentence made of its labels:

    Chỉ tiêu              | ĐVT  | 2023  | 2024
    Số lượt tiếp công dân | lượt | 2.743 | —        →  "2.743 lượt tiếp công dân, năm 2023."

    Đơn vị        | Tiếp công dân (lượt)           →  "Huyện Chư Sê: 120 lượt tiếp công dân."
    Huyện Chư Sê  | 120

The number is put before the unit its labels name (the row's or column's label that names one,
else the caption's); places and other labels come first, the period last. "—", "-", "x" or an
empty cell is no figure; a column of percentages, changes or notes is not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.document import Table, Where
from etl.lexicon import Lexicon
from etl.periods import YEAR, find_periods
from etl.textnorm import fold
from etl.vnnumbers import NUMBER_RE

NO_FIGURE = {"", "-", "—", "–", "x", "...", "…", "/", "--", "_", "0 "}
_ORDINAL_HEADERS = {"stt", "tt", "số tt", "số thứ tự", "thứ tự"}
# Columns that hold no count: percentages, changes, comparisons, notes.
_SKIPPED_HEADERS = re.compile(
    r"%|tỷ lệ|tỉ lệ|so sánh|tăng\s*[/,]\s*giảm|tăng giảm|chênh lệch|ghi chú|xếp loại|xếp hạng")
_QUALIFIER = r"(?:hơn|trên|gần|khoảng|ước|xấp xỉ|chừng)"
_BARE_YEAR = re.compile(rf"^\s*(?:năm\s+)?{YEAR}\s*$")
_YEAR_RANGE = re.compile(rf"^\s*(?:giai đoạn\s+)?{YEAR}\s*[-–—]\s*{YEAR}\s*$")
_PARENS_UNIT = re.compile(r"\(\s*(?:đvt\s*:\s*|đơn vị\s*(?:tính)?\s*:\s*)?([^()]{1,25})\)", re.IGNORECASE)
_STATED_UNIT = re.compile(r"(?:đvt|đơn vị tính)\s*:\s*([\wÀ-ỹ ]{1,20})")
# "Bảng 2.", "Biểu 1:", "Phụ lục 3 -" before a caption's words.
_CAPTION_NUMBER = re.compile(r"^\s*(?:bảng|biểu|phụ lục)\s*[\dIVX]*\s*[.:–-]?\s*", re.IGNORECASE)
# Units a unit column or a header may name that count nothing of the catalog.
_NON_COUNT_UNITS = {"%", "triệu đồng", "tỷ đồng", "đồng", "ha", "m2", "km", "hộ", "vụ", "vụ việc", "lần"}


@dataclass(frozen=True)
class CellSentence:
    text: str
    where: Where
    value_span: tuple[int, int]  # where the cell's own text sits in `text`: only its number is read


@dataclass(frozen=True)
class _Shape:
    header_rows: int
    label_cols: tuple[int, ...]  # label columns read (not ordinal)
    unit_col: int | None
    value_cols: tuple[int, ...]


def table_sentences(table: Table, where: Where, lex: Lexicon) -> list[CellSentence]:
    """One sentence per number cell of the table, in reading order."""
    grid = [[c.text.strip() for c in row] for row in table.rows]
    if not grid or table.width < 2:
        return []
    shape = _shape(grid, lex)
    if shape is None:
        return []
    headers = _filled_headers(grid[:shape.header_rows])
    col_labels = _spanned_totals({c: " ".join(h[c] for h in headers if h[c]).strip() for c in shape.value_cols})
    stated_unit = _stated_unit(fold(table.caption), lex)
    out = []
    for r in range(shape.header_rows, len(grid)):
        row = grid[r]
        row_label = " ".join(row[c] for c in shape.label_cols if row[c]).strip()
        unit_cell = fold(row[shape.unit_col]).strip() if shape.unit_col is not None else ""
        row_unit = _unit_phrase(unit_cell, lex)
        foreign = "" if row_unit else unit_cell  # "Vụ việc thuộc thẩm quyền | vụ": counts nothing of ours
        for c in shape.value_cols:
            cell = row[c] if c < len(row) else ""
            if not _is_value(cell):
                continue
            col_label = col_labels[c]
            if _SKIPPED_HEADERS.search(fold(col_label)):
                continue
            text, span = _render(cell, row_label, col_label, table.caption, row_unit or stated_unit, lex,
                                 foreign_unit=foreign)
            out.append(CellSentence(text, Where(page=where.page, table=where.table, row=r + 1, col=c + 1), span))
    return out


# A column that adds up the columns beside it ("2021 | 2022 | 2023 | 2024 | Cộng").
_TOTAL_HEADER = re.compile(r"(?:tổng cộng|tổng số|tổng|cộng|lũy kế|cả giai đoạn)")


def _spanned_totals(col_labels: dict[int, str]) -> dict[int, str]:
    """A total column beside two or more year columns covers their span: its label becomes the years
    ("Cộng" after 2021…2024 → "2021-2024", read as "giai đoạn 2021-2024"), not the report's date."""
    years = [int(re.search(YEAR, fold(label)).group(1)) for label in col_labels.values()
             if _BARE_YEAR.match(fold(label))]
    if len(years) < 2:
        return col_labels
    return {c: f"{min(years)}-{max(years)}" if _TOTAL_HEADER.fullmatch(fold(label).strip()) else label
            for c, label in col_labels.items()}


# --- the table's shape ----------------------------------------------------------------------------------
def _is_value(text: str) -> bool:
    """A printed count ("2.743", "hơn 300", "120 lượt"), not a label, a year or a blank."""
    t = fold(text).strip()
    if t in NO_FIGURE or _BARE_YEAR.match(t):
        return False
    m = re.match(rf"^(?:{_QUALIFIER}\s+)?", t)
    rest = t[m.end():]
    num = NUMBER_RE.match(rest)
    return bool(num) and not re.search(r"\d", rest[num.end():]) and len(rest[num.end():].split()) <= 4


def _is_ordinal_column(grid: list[list[str]], c: int, header_rows: int) -> bool:
    if any(fold(grid[r][c]).strip(" .") in _ORDINAL_HEADERS for r in range(header_rows)):
        return True
    data = [grid[r][c].strip(" .") for r in range(header_rows, len(grid)) if grid[r][c].strip()]
    return bool(data) and all(re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5}|[a-zđ]", d) for d in data) and \
        not any(len(d) > 2 for d in data if d.isdigit())


def _unit_column(grid: list[list[str]], c: int, header_rows: int, lex: Lexicon) -> bool:
    data = [fold(grid[r][c]) for r in range(header_rows, len(grid)) if grid[r][c].strip()]
    units = [d for d in data if _unit_phrase(d, lex) == d.strip() or d.strip() in _NON_COUNT_UNITS]
    return bool(data) and len(units) == len(data)


def _shape(grid: list[list[str]], lex: Lexicon) -> _Shape | None:
    width = max(len(r) for r in grid)
    grid[:] = [r + [""] * (width - len(r)) for r in grid]
    header_rows = next((r for r, row in enumerate(grid) if any(_is_value(t) for t in row[1:])), None)
    if header_rows is None:
        return None
    labels: list[int] = []
    unit_col = None
    c = 0
    while c < width:
        column_has_values = any(_is_value(grid[r][c]) for r in range(header_rows, len(grid)))
        if c == 0 and _is_ordinal_column(grid, c, header_rows):
            c += 1
            continue
        if unit_col is None and labels and _unit_column(grid, c, header_rows, lex):
            unit_col = c
        elif not column_has_values:
            labels.append(c)
        else:
            break
        c += 1
    values = tuple(range(c, width))
    return _Shape(header_rows, tuple(labels), unit_col, values) if values else None


def _filled_headers(rows: list[list[str]]) -> list[list[str]]:
    """Header rows with a blank cell under a wider header taking the text on its left (merged cells)."""
    out = []
    for row in rows:
        filled = list(row)
        for i in range(1, len(filled)):
            if not filled[i] and filled[i - 1] and len(rows) > 1:
                filled[i] = filled[i - 1]
        out.append(filled)
    return out


# --- one cell as a sentence -------------------------------------------------------------------------------
def _unit_phrase(folded: str, lex: Lexicon) -> str:
    """The unit phrase a text is (or starts with): "lượt", "đơn", "mô hình"."""
    m = lex.unit_re.match(folded.strip())
    return m.group(1) if m else ""


def _stated_unit(folded: str, lex: Lexicon) -> str:
    """"(ĐVT: lượt)", "Đơn vị tính: mô hình" in a caption or a header."""
    m = _STATED_UNIT.search(folded)
    return _unit_phrase(m.group(1), lex) if m else ""


def _split_unit(label: str, lex: Lexicon) -> tuple[str, str, str]:
    """(label without its unit in brackets, that unit when the catalog counts it, the bracketed unit
    when it counts nothing of the catalog): "Tiếp công dân (lượt)" → ("Tiếp công dân", "lượt", "");
    "Kinh phí (triệu đồng)" → ("Kinh phí", "", "triệu đồng")."""
    for m in _PARENS_UNIT.finditer(label):
        inner = fold(m.group(1)).strip()
        unit = _unit_phrase(inner, lex)
        if unit == inner or inner in _NON_COUNT_UNITS or inner.startswith(("triệu", "tỷ", "nghìn đồng")):
            return (label[:m.start()] + label[m.end():]).strip(), unit, ("" if unit else inner)
    return label, _stated_unit(fold(label), lex), ""


def _period_label(label: str) -> str:
    """A label that is only a period, written as the text would ("2023" → "năm 2023"); '' otherwise."""
    f = fold(label).strip()
    if _BARE_YEAR.match(f):
        return "năm " + re.search(YEAR, f).group(1)
    if _YEAR_RANGE.match(f):
        y1, y2 = re.findall(YEAR, f)
        return f"giai đoạn {y1}-{y2}"
    found = [p for p in find_periods(f) if not p.compare]
    if found and found[0].start_pos <= 1 and found[-1].end_pos >= len(f) - 1:
        return label.strip()
    return ""


def _unit_at(folded: str, lex: Lexicon) -> int | None:
    """Where the first unit phrase of the lexicon starts in the text, as a whole word."""
    for m in re.finditer(r"(?<![\wÀ-ỹ])[\wÀ-ỹ]", folded):
        if lex.unit_re.match(folded, m.start()):
            return m.start()
    return None


def _counts_something(label: str, lex: Lexicon) -> bool:
    return _unit_at(fold(label), lex) is not None


def _render(cell: str, row_label: str, col_label: str, caption: str, unit: str,
            lex: Lexicon, *, foreign_unit: str = "") -> tuple[str, tuple[int, int]]:
    """The cell as a sentence. A row or column whose unit counts nothing of the catalog (a "vụ" unit
    cell, a "(triệu đồng)" header) prints that unit after the number, and borrows no word of the
    catalog from its labels or the caption: "Vụ việc thuộc thẩm quyền: 143 vụ, năm 2022."."""
    labels = []
    periods = []
    header_unit = ""
    for label in (row_label, col_label):
        if not label:
            continue
        bare, found_unit, foreign = _split_unit(label, lex)
        header_unit = header_unit or found_unit
        foreign_unit = foreign_unit or foreign
        period = _period_label(bare)
        if period:
            periods.append(period)
        elif bare:
            labels.append(bare)
    unit = foreign_unit or unit or header_unit
    counted = [lb for lb in labels if _counts_something(lb, lex)]
    if foreign_unit:
        what, context = "", labels
    elif counted:
        what = counted[-1]
        context = [lb for lb in labels if lb is not what]
    else:
        cap, cap_unit, _ = _split_unit(_CAPTION_NUMBER.sub("", caption), lex)
        what = cap if caption and _counts_something(cap, lex) else ""
        unit = unit or cap_unit
        context = labels
    value = cell.strip()
    if _unit_phrase(fold(NUMBER_RE.sub("", fold(value), count=1)), lex) and not foreign_unit:
        unit = ""  # the cell says its unit ("2.743 lượt")
    before, after = _insert(value, unit, what, lex)
    head = ", ".join(context)
    tail = ", ".join(periods)
    text = (f"{head}: " if head else "") + before
    start = len(text)
    text += value + after + (f", {tail}" if tail else "") + "."
    return text, (start, start + len(value))


def _insert(value: str, unit: str, label: str, lex: Lexicon) -> tuple[str, str]:
    """The words before and after the number, put before the unit the label names: "Số lượt tiếp
    công dân" → ("", " lượt tiếp công dân"); with the unit given apart, before the label: "120 lượt
    tiếp công dân"."""
    f = fold(label)
    at = _unit_position(f, unit, lex)
    if at is None:
        rest = " ".join(p for p in (unit, label) if p)
        return "", (" " + rest if rest else "")
    head = label[:at].rstrip()
    head = re.sub(r"(?:^|\s)(?:[Ss]ố lượng|[Ss]ố)$", "", head).rstrip()
    return (head + " " if head else ""), " " + label[at:]


def _unit_position(folded: str, unit: str, lex: Lexicon) -> int | None:
    """Where the label names its unit (the given one, else any unit of the lexicon), as a whole word."""
    if not unit:
        return _unit_at(folded, lex)
    m = re.search(r"(?<![\wÀ-ỹ])" + re.escape(unit) + r"(?![\wÀ-ỹ])", folded)
    return m.start() if m else None
