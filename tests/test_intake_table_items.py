"""Analyst tables through the intake: checked on upload as the build checks them, kept under their own
name, refused whole with their bad rows, published and reverted like reports, read by the build."""
from __future__ import annotations

import duckdb
import pytest

from etl.build import build
from etl.errors import InputError
from etl.intake.table_items import is_table
from tests.support.intake_desk import ANALYST, make_desk

TABLE = ("locality,indicator,period,value,source,publisher,published\n"
         "Hà Nội,reception_turns,2017,21.400,Bảng tổng hợp thử,Ban thử nghiệm,2018-02-01\n"
         "Hà Nội,reception_turns,2018,22.950,Bảng tổng hợp thử,Ban thử nghiệm,2018-02-01\n")


@pytest.fixture
def desk(tmp_path, extractor):
    d = make_desk(tmp_path, extractor)
    build(d.publisher.db, inbox=[], inbox_tables=[], progress=lambda _m: None, **d.publisher.build_inputs)
    return d


def rows(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT s.file_name, o.indicator, year(o.period_end), o.value, o.obtained FROM observations o "
                       "JOIN sources s ON s.id = o.source_id ORDER BY ALL").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(("name", "table"), [("bang.csv", True), ("Bang.XLSX", True), ("x.parquet", True),
                                             ("bao-cao.docx", False), ("bang.csv.pdf", False), ("bang", False)])
def test_tables_go_by_their_name(name, table):
    assert is_table(name) is table


def test_a_table_is_checked_kept_under_its_name_and_published_whole(desk, monkeypatch):
    up = desk.upload(TABLE.encode(), "tong-hop-2018.csv", ANALYST)
    assert (up.new, up.item.kind, up.message) == (
        True, "table", "Đã nạp tong-hop-2018.csv: bảng số liệu, 2 dòng (uploaded).")
    assert sorted(p.relative_to(up.item.folder).as_posix() for p in up.item.folder.rglob("*")) == [
        "meta.json", "table", "table/tong-hop-2018.csv"]
    assert desk.upload(TABLE.encode(), "ban-sao.csv", ANALYST).new is False
    assert desk.inbox.published_inputs() == [] and desk.inbox.published_tables() == []
    result = desk.publisher.publish([up.item.sha256], ANALYST)
    assert result.ok, result.problems
    assert result.message == "+2 số liệu, sửa 0, loại 0; Hà Nội · lượt tiếp công dân nay 2017–2018"
    assert result.entry.counts["table_rows"] == 2
    assert rows(desk.publisher.db) == [("tong-hop-2018.csv", "reception_turns", 2017, 21400.0, "table"),
                                       ("tong-hop-2018.csv", "reception_turns", 2018, 22950.0, "table")]
    assert desk.inbox.published_tables() == [up.item.original]
    with pytest.raises(InputError, match="bảng số liệu không có văn bản để đọc lại"):
        desk.inbox.reread(up.item.sha256, desk.reviewer.read_upload)
    # python -m etl build reads the published tables of the inbox folder too
    monkeypatch.setenv("DANVAN_INBOX", str(desk.inbox.root))
    again = desk.reports.parent / "again.duckdb"
    build(again, progress=lambda _m: None, **desk.publisher.build_inputs)
    assert rows(again) == rows(desk.publisher.db)
    assert desk.publisher.revert(result.entry.id, ANALYST).ok
    assert rows(desk.publisher.db) == []


@pytest.mark.parametrize(("text", "message"), [
    (TABLE.replace("reception_turns,2018", "luot_tiep,2018"),
     "tong-hop.csv: bảng không nạp được, không dòng nào được giữ (table refused): tong-hop.csv dòng 3: "),
    ("locality,indicator,value\nHà Nội,reception_turns,5\n",
     "tong-hop.csv: bảng không nạp được, không dòng nào được giữ (table refused): tong-hop.csv: thiếu cột period"),
    ("%PDF-1.4 not a table", "tong-hop.csv: đuôi tệp .csv nhưng nội dung là tệp PDF"),
])
def test_a_bad_table_is_refused_whole_and_nothing_is_kept(desk, text, message):
    with pytest.raises(InputError) as caught:
        desk.upload(text.encode(), "tong-hop.csv", ANALYST)
    assert str(caught.value).startswith(message), str(caught.value)
    assert desk.inbox.items() == [] and list(desk.inbox.root.glob(".upload-*")) == []
