"""An analyst table file (CSV, XLSX or Parquet) as read: its header and its cells, row by row for
small tables, column by column (etl/bulktable.py) for large CSV and all Parquet files. The
template is in data/tables/README.md; reading never judges a cell (etl/rules.py does)."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.errors import InputError, shown
from etl.inputfile import read_input
from etl.textio import decode_bytes
from etl.textnorm import fold

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.cell_range import CellRange

# Vietnamese headers are accepted too.
HEADER_ALIASES = {
    "địa phương": "locality", "dia phuong": "locality", "tỉnh": "province", "tinh": "province",
    "chỉ tiêu": "indicator", "chi tieu": "indicator", "phân tổ": "breakdown", "kỳ": "period",
    "thời kỳ": "period", "giá trị": "value", "gia tri": "value", "nguồn": "source", "nguon": "source",
    "loại kỳ": "period_kind", "ghi chú": "note",
}
BULK_BYTES = 200_000  # a CSV file this large is parsed by pyarrow when its shape allows
EMPTY = "bảng rỗng (no rows)"
# What a table may hold: columns of any file, rows of a workbook (a larger table goes as CSV or
# Parquet), and rows and unpacked bytes of a Parquet file (read from its footer before its data).
MAX_COLUMNS = 50
MAX_XLSX_ROWS = 100_000
MAX_PARQUET_ROWS = 5_000_000
MAX_PARQUET_BYTES = 512 * 1024 * 1024


@dataclass
class RawTable:
    """A table as read: the header and either rows (small tables) or columns (large ones)."""

    header: list[str]
    digest: str
    rows: list[tuple[int, dict[str, str]]] | None = None
    columns: dict[str, pa.Array | Encoded] | None = None
    lines: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else len(self.lines)

    def as_rows(self) -> list[tuple[int, dict[str, str]]]:
        if self.rows is None:
            cols = {h: col.to_pylist() for h, col in self.columns.items()}
            self.rows = [(int(line), {h: _cell(v[i]) for h, v in cols.items()}) for i, line in enumerate(self.lines)]
        return self.rows

    def as_columns(self) -> tuple[dict[str, pa.Array | Encoded], np.ndarray]:
        if self.columns is None:
            self.columns = {h: pa.array([cells.get(h, "") for _, cells in self.rows], pa.string())
                            for h in dict.fromkeys(self.header)}
            self.lines = np.array([line for line, _ in self.rows], dtype=np.int64)
        return self.columns, self.lines


def read_raw(path: Path, *, bulk: bool | None = None) -> RawTable:
    """Read a table file (a regular file within the size limit, etl/inputfile.py). Large CSV files
    and Parquet files come back as columns. The header may not repeat a column or be wider than
    MAX_COLUMNS."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".parquet", ".csv"):
        raise InputError(f"chỉ nhận .csv, .xlsx hoặc .parquet, không nhận {suffix or 'tệp không đuôi'}",
                         where=path.name)
    data = read_input(path)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in (".xlsx", ".xlsm"):
        header, rows = _xlsx_rows(data, path.name)
        table = RawTable(header, digest, rows=rows)
    elif suffix == ".parquet":
        header, columns, lines = parquet_columns(data, path.name)
        table = RawTable(header, digest, columns=columns, lines=lines)
    elif bulk or (bulk is None and len(data) >= BULK_BYTES):
        fast = csv_columns(data, path.name)
        if fast is None:  # quotes or ragged lines: the csv module reads it, into columns
            fast = _csv_columns(data, path.name)
        header, columns, lines = fast
        table = RawTable(header, digest, columns=columns, lines=lines)
    else:
        header, rows = _csv_rows(data, path.name)
        table = RawTable(header, digest, rows=rows)
    check_header(table.header, path.name)
    return table


def check_header(header: list[str], name: str) -> None:
    """Each column once (after the Vietnamese names are read as the template's), at most MAX_COLUMNS."""
    if len(header) > MAX_COLUMNS:
        raise InputError(f"bảng có {len(header)} cột, tối đa {MAX_COLUMNS} (too many columns)", where=name)
    seen: dict[str, int] = {}
    for i, h in enumerate(header, start=1):
        if h and h in seen:
            raise InputError(f"cột {shown(h)} có hai lần (cột {seen[h]} và cột {i}): mỗi cột một tiêu đề "
                             "(duplicate column)", where=name)
        seen.setdefault(h, i)


def _csv_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    header, body = _csv_lines(data, name)
    return header, [(i, {h: (ln[j].strip() if j < len(ln) else "") for j, h in enumerate(header)})
                    for i, ln in enumerate(body, start=2)]


def _csv_columns(data: bytes, name: str) -> tuple[list[str], dict[str, pa.Array], np.ndarray]:
    """What _csv_rows reads, as columns (a large CSV that pyarrow cannot read exactly like csv does)."""
    header, body = _csv_lines(data, name)
    columns = {h: pa.array([ln[j] if j < len(ln) else "" for ln in body], pa.string()) for j, h in enumerate(header)}
    return header, columns, np.arange(2, len(body) + 2, dtype=np.int64)


def _csv_lines(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    """The header (normalised) and the cells of every non-blank line after it, as csv reads them."""
    text = decode_bytes(data, name)
    first = text.split("\n", 1)[0]
    delimiter = csv_delimiter(first)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise InputError(f"CSV hỏng ở dòng {reader.line_num}: {exc}", where=name) from None
    lines = [ln for ln in lines if any(c.strip() for c in ln)]
    if not lines:
        raise InputError(EMPTY, where=name)
    header = [_header(h) for h in lines[0]]
    for i, ln in enumerate(lines[1:], start=2):
        if len(ln) > len(header):
            raise InputError(f"dòng {i} có {len(ln)} ô, dòng tiêu đề chỉ có {len(header)} (thiếu dấu ngoặc kép?)",
                             where=name)
    return header, lines[1:]


def csv_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ("\t" if "\t" in first_line else ",")


def _xlsx_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The first sheet's rows, from the cells the file holds: a sheet that says it spans
    XFD1048576 costs what its cells cost, and a cell beyond MAX_XLSX_ROWS × MAX_COLUMNS stops it."""
    import openpyxl  # noqa: PLC0415  (only tables need it)

    from etl.readers.filetype import check_zip  # noqa: PLC0415

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("không phải tệp XLSX hợp lệ (hỏng hoặc bị cắt cụt)", where=name)
    check_zip(data, name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files  # noqa: BLE001
        raise InputError(f"không đọc được XLSX: {type(exc).__name__}: {shown(exc)}", where=name) from None
    try:
        ws = wb.worksheets[0]
        where = f"{name} trang {shown(ws.title)}"
        cells, merges = _sheet_cells(wb, ws, name, where)
    finally:
        wb.close()
    header_merges = [str(r) for r in merges if r.min_row <= 1]
    if header_merges:
        raise InputError(
            f"dòng tiêu đề có ô gộp ({', '.join(header_merges)}): mỗi cột cần một tiêu đề riêng, bỏ gộp ô rồi gửi lại",
            where=where)
    if merges:
        raise InputError(f"bảng có ô gộp ({', '.join(str(r) for r in merges[:5])}): mỗi dòng cần đủ giá trị",
                         where=where)
    if not cells:
        raise InputError(EMPTY, where=name)
    width = max(max(row) for row in cells)
    header = [_header(str(cells[0].get(j, ""))) for j in range(1, width + 1)]
    rows = [(i, {h: _cell(row.get(j)) for j, h in enumerate(header, start=1)}) for i, row in enumerate(cells[1:], 2)]
    return header, rows


def _sheet_cells(wb: Workbook, ws: ReadOnlyWorksheet, name: str, where: str
                 ) -> tuple[list[dict[int, object]], list[CellRange]]:
    """The non-blank rows of a read-only sheet as column → value (only the cells it holds), and
    its merged ranges. openpyxl's own row iterator pads every row to the stated dimension."""
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415
    from openpyxl.worksheet.cell_range import CellRange  # noqa: PLC0415

    rows: list[dict[int, object]] = []
    try:
        with wb._archive.open(ws._worksheet_path) as src:  # noqa: SLF001
            parser = WorkSheetParser(src, wb.shared_strings, data_only=True, epoch=wb.epoch,
                                     date_formats=wb._date_formats,  # noqa: SLF001
                                     timedelta_formats=wb._timedelta_formats)  # noqa: SLF001
            for _, cells in parser.parse():
                row = {}
                for cell in cells:
                    if cell["value"] is None or cell["value"] == "":
                        continue
                    if cell["row"] > MAX_XLSX_ROWS or cell["column"] > MAX_COLUMNS:
                        raise InputError(_beyond(cell["row"], cell["column"]), where=where)
                    row[cell["column"]] = cell["value"]
                if row:
                    rows.append(row)
            merged = parser.merged_cells.mergeCell if parser.merged_cells else []
            merges = [CellRange(m.ref) for m in merged]
    except InputError:
        raise
    except Exception as exc:  # a broken sheet: XML, shared strings, numbers  # noqa: BLE001
        raise InputError(f"không đọc được XLSX: {type(exc).__name__}: {shown(exc)}", where=name) from None
    return rows, merges


def _beyond(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return (f"ô {get_column_letter(column)}{row} nằm ngoài giới hạn {f'{MAX_XLSX_ROWS:,}'.replace(',', '.')} dòng × "
            f"{MAX_COLUMNS} cột của bảng XLSX: bảng lớn hơn gửi dạng CSV hoặc Parquet (sheet too large)")


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, date):
        return v.isoformat()[:10]
    return str(v).strip()


def _header(h: str) -> str:
    key = fold(h.strip().lstrip("\ufeff"))
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


# --- columns (pyarrow) ---------------------------------------------------------------------

def parquet_columns(data: bytes, name: str) -> tuple[list[str], dict[str, Encoded], np.ndarray]:
    """Header, columns and row numbers of a Parquet table (row n of the file is 'dòng n + 1',
    as if a header row came first). Rows with every cell empty are left out."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        file = pq.ParquetFile(io.BytesIO(data))
        meta, schema = file.metadata, file.schema_arrow
    except Exception:  # pyarrow raises several kinds for broken files  # noqa: BLE001
        raise InputError("không đọc được Parquet (hỏng hoặc bị cắt cụt)", where=name) from None
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if meta.num_rows > MAX_PARQUET_ROWS or unpacked > MAX_PARQUET_BYTES:
        raise InputError(f"bảng Parquet có {meta.num_rows} dòng, {unpacked // 2**20} MB khi giải nén: tối đa "
                         f"{MAX_PARQUET_ROWS} dòng, {MAX_PARQUET_BYTES // 2**20} MB (too large)", where=name)
    if len(schema) > MAX_COLUMNS:
        raise InputError(f"bảng có {len(schema)} cột, tối đa {MAX_COLUMNS} (too many columns)", where=name)
    for f in schema:
        if not _one_value_per_cell(f.type):
            raise InputError(f"cột {shown(f.name)} có kiểu {shown(str(f.type), 30)}: mỗi ô phải là một giá trị (số, "
                             "chữ hoặc ngày), không phải danh sách hay cấu trúc (nested column)", where=name)
    try:
        table = file.read()
    except Exception:  # noqa: BLE001
        raise InputError("không đọc được Parquet (hỏng hoặc bị cắt cụt)", where=name) from None
    header = [_header(str(c)) for c in table.column_names]
    columns: dict[str, pa.Array] = {}
    for h, col in zip(header, table.columns, strict=True):
        columns[h] = col.unify_dictionaries().combine_chunks() if pa.types.is_dictionary(col.type) \
            else col.combine_chunks()
    lines = np.arange(2, table.num_rows + 2, dtype=np.int64)
    return header, *_drop_blank(columns, lines)


def _one_value_per_cell(t: pa.DataType) -> bool:
    """Text, numbers, booleans, dates and times (or a dictionary of them): what a cell can hold."""
    if pa.types.is_dictionary(t):
        t = t.value_type
    return (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
            or pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) or pa.types.is_boolean(t)
            or pa.types.is_date(t) or pa.types.is_timestamp(t) or pa.types.is_null(t))


def csv_columns(data: bytes, name: str) -> tuple[list[str], dict[str, Encoded], np.ndarray] | None:
    """A CSV file read by pyarrow, when that gives exactly what the row reader gives: no quotes,
    no row with more or fewer cells than the header, no cell longer than the csv module allows.
    Otherwise None (the caller reads it row by row, with that reader's messages)."""
    import pyarrow.csv as pcsv  # noqa: PLC0415

    text = decode_bytes(data, name)
    if '"' in text:
        return None
    delimiter = csv_delimiter(text.split("\n", 1)[0])
    pos = 0
    header_cells: list[str] = []
    while pos < len(text):  # the header is the first line with a non-blank cell
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        cells = text[pos:end].rstrip("\r\n").split(delimiter)
        pos = end
        if any(c.strip() for c in cells):
            header_cells = cells
            break
    if not header_cells:
        raise InputError(EMPTY, where=name)
    if text.count("\r") != text.count("\r\n"):
        return None  # a lone carriage return: let the csv module decide what it means
    names = [f"c{i}" for i in range(len(header_cells))]
    ragged = []

    def on_invalid(row: pcsv.InvalidRow) -> str:
        if row.text.strip().strip(delimiter).strip():
            ragged.append(row.number)
        return "skip"

    try:
        table = pcsv.read_csv(
            io.BytesIO(text[pos:].encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char=False, newlines_in_values=False,
                                            invalid_row_handler=on_invalid),
            convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in names},
                                                strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    if ragged:
        return None
    limit = csv.field_size_limit()
    for col in table.columns:
        longest = pc.max(pc.utf8_length(col)).as_py() if len(col) else 0
        if longest and longest > limit:
            return None
    header = [_header(h) for h in header_cells]
    columns: dict[str, pa.Array] = {}
    for h, col in zip(header, table.columns, strict=True):
        columns[h] = col.combine_chunks()
    # The row reader numbers the non-blank lines: header is 2 - 1, then 2, 3, …
    keep_cols, _ = _drop_blank(columns, np.arange(table.num_rows, dtype=np.int64))
    n = len(next(iter(keep_cols.values()))) if keep_cols else 0
    return header, keep_cols, np.arange(2, n + 2, dtype=np.int64)



@dataclass
class Encoded:
    """A column as row → index into its distinct cell texts (stripped, '' for empty)."""

    idx: np.ndarray
    values: list[str]

    def __len__(self) -> int:
        return len(self.idx)

    def to_pylist(self) -> list[str]:
        return [self.values[i] for i in self.idx]

    def __iter__(self) -> Iterator[np.ndarray | list[str]]:
        return iter((self.idx, self.values))


def _drop_blank(columns: dict[str, pa.Array], lines: np.ndarray) -> tuple[dict[str, Encoded], np.ndarray]:
    """Columns encoded once, without the rows where every cell is empty."""
    encoded = {h: encode(col, len(lines)) for h, col in columns.items()}
    blank = np.ones(len(lines), dtype=bool)
    for col in encoded.values():
        blank &= np.array([v == "" for v in col.values], dtype=bool)[col.idx] if col.values else True
    if not blank.any():
        return encoded, lines
    keep = np.flatnonzero(~blank)
    return {h: Encoded(col.idx[keep], col.values) for h, col in encoded.items()}, lines[keep]


def encode(col: pa.Array | Encoded | None, n: int = 0) -> Encoded:
    """Row → index into the distinct cell texts, as the row reader sees the cells."""
    if isinstance(col, Encoded):
        return col
    if col is None:
        return Encoded(np.zeros(n, dtype=np.int64), [""])
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if not pa.types.is_dictionary(col.type):
        col = pc.dictionary_encode(col, null_encoding="encode")
    dictionary = col.dictionary
    idx = col.indices.to_numpy(zero_copy_only=False)
    if col.indices.null_count:
        idx = np.where(pc.is_null(col.indices).to_numpy(zero_copy_only=False), len(dictionary), idx)
    idx = idx.astype(np.int64, copy=False)
    used = np.bincount(idx, minlength=len(dictionary) + 1)[:len(dictionary) + 1] > 0
    if not used.all():  # a file's dictionary may hold texts no row of it uses
        keep = np.flatnonzero(used)
        renumber = np.zeros(len(used), dtype=np.int64)
        renumber[keep] = np.arange(len(keep))
        idx = renumber[idx]
        texts = dictionary.take(pa.array(keep[keep < len(dictionary)])).to_pylist()
        if keep[-1] == len(dictionary):
            texts.append(None)
    else:
        texts = [*dictionary.to_pylist(), None]
    return Encoded(idx, [_cell(v) for v in texts])

