"""Tables written as files, streamed from Arrow record batches: CSV (UTF-8 with a BOM, so Excel
reads Vietnamese), XLSX (one sheet) and Parquet.

Every text cell of a CSV or XLSX goes through sheets.cells.safe_cell, and an XLSX cell of text is
written as text, never as a formula; numbers stay numbers. Parquet keeps texts as they are: it is a
data format, no program runs its cells.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterable
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from sheets.cells import BEFORE_SIGN, FORMULA_SIGNS, NEEDS_CARE_RE2, NOT_IN_XML, RISKY_START, safe_cell

FORMATS = ("csv", "xlsx", "parquet")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header included
XLSX_MAX_CHARS = 32_767  # what one XLSX cell holds; a longer text is cut, ending in "…"


class TooManyRows(ValueError):
    """More rows than one XLSX sheet holds."""


def write_table(fmt: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch], out: BinaryIO,
                sheet: str = "observations") -> None:
    """Write the batches (all of `schema`) to `out` as `fmt` (one of FORMATS). Raises TooManyRows
    for an XLSX of more than XLSX_MAX_ROWS rows (nothing useful is written then)."""
    if fmt == "parquet":
        with pq.ParquetWriter(out, schema) as writer:
            for batch in batches:
                writer.write_batch(batch)
    elif fmt == "csv":
        out.write("\ufeff".encode())
        safe_schema = pa.schema([pa.field(f.name, _text_type(f.type)) for f in schema])
        with pacsv.CSVWriter(out, safe_schema, write_options=pacsv.WriteOptions(quoting_style="needed")) as writer:
            for batch in batches:
                writer.write_batch(safe_batch(batch))
    elif fmt == "xlsx":
        _write_xlsx(schema, batches, out, sheet)
    else:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def table_bytes(fmt: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch], sheet: str = "observations") -> bytes:
    buffer = io.BytesIO()
    write_table(fmt, schema, batches, buffer, sheet)
    return buffer.getvalue()


def _text_type(t: pa.DataType) -> pa.DataType:
    return pa.string() if pa.types.is_dictionary(t) and pa.types.is_string(t.value_type) else t


def safe_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with every text cell as safe_cell makes it; only the few cells that may change are
    handed to Python (`_may_change`)."""
    columns = []
    for column in batch.columns:
        if pa.types.is_dictionary(column.type) and pa.types.is_string(column.type.value_type):
            column = column.cast(pa.string())
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = _may_change(column)
            if risky is not None:
                fixed = pa.array([safe_cell(v) for v in column.filter(risky).to_pylist()], column.type)
                column = pc.replace_with_mask(column, risky, fixed)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


_FIRST_BYTES = np.frombuffer((FORMULA_SIGNS + BEFORE_SIGN + RISKY_START).encode("ascii"), np.uint8)
_CONTROL_BYTES = np.array(sorted({ord(c) for c in NOT_IN_XML if ord(c) < 0x20}), np.uint8)


def _may_change(column: pa.Array) -> pa.BooleanArray | None:
    """The rows safe_cell may change (None: none), read from the array's bytes with numpy: a text
    whose first byte is a formula sign, a space, tab or line break. A column holding any character
    XML cannot hold anywhere is asked of RE2 row by row instead (NEEDS_CARE_RE2: the exact rule)."""
    _, offsets_buffer, data_buffer = column.buffers()
    width = np.int64 if pa.types.is_large_string(column.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, width)[column.offset:column.offset + len(column) + 1]
    data = np.frombuffer(data_buffer, np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    used = data[offsets[0]:offsets[-1]]
    low = used[used < 0x20]  # few: tabs and line breaks, which XML can hold
    noncharacter = np.flatnonzero(used[:-2] == 0xEF)  # U+FFFE and U+FFFF are EF BF BE and EF BF BF
    if np.isin(low, _CONTROL_BYTES).any() or (
            (used[noncharacter + 1] == 0xBF) & np.isin(used[noncharacter + 2], (0xBE, 0xBF))).any():
        risky = pc.fill_null(pc.match_substring_regex(column, NEEDS_CARE_RE2), False)
        return risky if pc.any(risky).as_py() else None
    starts = offsets[:-1]
    filled = offsets[1:] > starts
    first = np.zeros(len(column), np.uint8)
    first[filled] = data[starts[filled]]
    candidates = filled & np.isin(first, _FIRST_BYTES)
    if column.null_count:
        candidates &= column.is_valid().to_numpy(zero_copy_only=False)
    return pa.array(candidates) if candidates.any() else None


def _write_xlsx(schema: pa.Schema, batches: Iterable[pa.RecordBatch], out: BinaryIO, sheet: str) -> None:
    from openpyxl import Workbook  # noqa: PLC0415  (only XLSX needs it)
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)

    def cell(value: object) -> object:
        if isinstance(value, str):
            text = safe_cell(value)
            c = WriteOnlyCell(ws, text if len(text) <= XLSX_MAX_CHARS else text[:XLSX_MAX_CHARS - 1] + "…")
            c.data_type = "s"  # text, whatever it looks like
            return c
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value

    ws.append([cell(name) for name in schema.names])
    n = 0
    for batch in batches:
        n += batch.num_rows
        if n > XLSX_MAX_ROWS:
            wb.save(io.BytesIO())  # closes the sheet's stream; the file is not wanted
            raise TooManyRows(f"{n} rows or more: one XLSX sheet holds {XLSX_MAX_ROWS}")
        columns = [column.to_pylist() for column in batch.columns]
        for row in zip(*columns, strict=True):
            ws.append([cell(v) for v in row])
    wb.save(out)
