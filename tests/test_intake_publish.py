"""Publishing inbox items: what lands and what the page is told, one publish at a time across
processes, a failed or killed publish leaving everything as it was, the history and reverts, and
`python -m etl build` reading what was published."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.intake.publish import STAGES
from etl.report import parse_report
from tests.support.db_rows import database_rows
from tests.support.intake_desk import ANALYST, HA_NOI_2019, make_desk, report_text
from tests.support.intake_driver import wait_for

ROOT = Path(__file__).resolve().parent.parent
BASE = report_text("Hà Nội: tiếp công dân 2020 và 2021", [
    "Trong năm 2020, các cơ quan hành chính của thành phố Hà Nội đã tiếp 26.100 lượt công dân.",
    "Trong năm 2021, các cơ quan hành chính của thành phố Hà Nội đã tiếp 27.000 lượt công dân.",
], published="2022-01-10")
UPLOAD = report_text("Hà Nội: kết quả tiếp công dân năm 2019", HA_NOI_2019)
OTHER = report_text("Hà Nội: đối thoại năm 2018", [
    "Năm 2018, huyện Sóc Sơn tổ chức 31 cuộc đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân.",
], published="2019-01-05")


@pytest.fixture
def desk(tmp_path, extractor):
    """A reports folder with Hà Nội's 2020 and 2021 reception figures, built into db.duckdb."""
    d = make_desk(tmp_path, extractor)
    (d.reports / "base.txt").write_text(BASE, encoding="utf-8")
    build(d.publisher.db, inbox=[], progress=lambda _m: None, **d.publisher.build_inputs)
    return d


def figures(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql("SELECT source_id, indicator, breakdown, year(period_end), value, obtained FROM observations "
                       "ORDER BY ALL").fetchall()
    finally:
        con.close()


def decide(desk, sha):
    lines = {ln.figure.value: ln.figure for ln in desk.reviewer.sheet(sha).lines}
    desk.reviewer.correct(sha, lines[41022], {"breakdown": "complaint_denunciation"}, "đơn khiếu nại, tố cáo")
    desk.reviewer.reject(sha, lines[120], "mô hình của huyện, đã có trong báo cáo khác")


def test_a_publish_loads_the_decided_figures_and_says_what_changed(desk):
    sha = desk.upload_text(UPLOAD, "tiep-dan-2019.txt")
    decide(desk, sha)
    seen = []
    result = desk.publisher.publish([sha], ANALYST, seen.append)
    assert result.ok, result.problems
    assert result.message == "+2 số liệu, sửa 1, loại 1; Hà Nội · lượt tiếp công dân nay 2019–2021"
    doc = desk.inbox.item(sha).doc
    assert figures(desk.publisher.db) == [
        ("base.txt", "reception_turns", "total", 2020, 26100, "extracted"),
        ("base.txt", "reception_turns", "total", 2021, 27000, "extracted"),
        (doc, "petitions", "complaint_denunciation", 2019, 41022, "corrected"),
        (doc, "reception_turns", "total", 2019, 25310, "extracted"),
    ]
    (entry,) = desk.publisher.history()
    assert (entry.id, entry.kind, entry.analyst, entry.counts, entry.before, entry.reverts) == (
        1, "publish", ANALYST, {"accepted": 0, "corrected": 1, "rejected": 1, "added": 0, "undecided": 1,
                                "table_rows": 0},
        {sha: None}, None)
    assert entry.items == [{"sha256": sha, "doc": doc, "file_name": "tiep-dan-2019.txt",
                            "title": "Hà Nội: kết quả tiếp công dân năm 2019"}]
    assert (entry.observations_before, entry.observations_after, entry.grown) == (
        2, 4, ["Hà Nội · lượt tiếp công dân nay 2019–2021"])
    item = desk.inbox.item(sha)
    published = desk.inbox.published(item)
    assert (item.status, published.publish_id, published.by, published.decisions) == (
        "published", 1, ANALYST, desk.inbox.decisions_text(item))
    stages = [p.stage for p in seen]
    assert [s for s in STAGES if s in stages] == ["prepare", "build", "compare", "commit", "done"]
    assert stages == sorted(stages, key=STAGES.index)  # in order
    assert [(p.done, p.total) for p in seen if p.done] == [(1, 2), (2, 2)]  # base.txt, then the item


def test_the_source_details_confirmed_go_into_the_database(desk):
    sha = desk.upload_text(UPLOAD, "tiep-dan-2019.txt")
    item = desk.inbox.item(sha)
    desk.inbox.set_source(sha, type(item.source)(title="Báo cáo số 7", publisher="Văn phòng UBND", published="2020-01",
                                                 source_url="Số 7/BC-UBND", province="Hà Nội"))
    assert desk.publisher.publish([sha], ANALYST).ok
    con = duckdb.connect(str(desk.publisher.db), read_only=True)
    (row,) = con.execute("SELECT title, publisher, url, published, file_name, file_hash FROM sources WHERE id = $id",
                         {"id": item.doc}).fetchall()
    con.close()
    assert row == ("Báo cáo số 7", "Văn phòng UBND", "Số 7/BC-UBND", "2020-01", "tiep-dan-2019.txt", sha)


def test_edits_after_a_publish_wait_for_the_next_one(desk):
    sha = desk.upload_text(UPLOAD)
    assert desk.publisher.publish([sha], ANALYST).ok
    lines = {ln.figure.value: ln.figure for ln in desk.reviewer.sheet(sha).lines}
    desk.reviewer.reject(sha, lines[25310], "trùng với báo cáo tổng hợp")
    rebuilt = desk.reports.parent / "rebuilt.duckdb"
    build(rebuilt, inbox=desk.inbox.published_inputs(), progress=lambda _m: None, **desk.publisher.build_inputs)
    assert 25310 in [f[4] for f in figures(rebuilt)]  # a draft decision is not live
    result = desk.publisher.publish([sha], ANALYST)
    assert result.message == "-1 số liệu, sửa 0, loại 1; Hà Nội · lượt tiếp công dân nay 2020–2021 (ít năm hơn)"
    assert 25310 not in [f[4] for f in figures(desk.publisher.db)]


def test_a_failed_build_changes_nothing_and_says_why(desk):
    sha = desk.upload_text(UPLOAD)
    (desk.reports.parent / "tables" / "hong.csv").write_bytes(b"\x00\x01\x02 not a table")
    before = desk.publisher.db.read_bytes()
    result = desk.publisher.publish([sha], ANALYST)
    assert (result.ok, result.entry) == (False, None)
    assert result.message.startswith("Không công bố được: bản dựng cơ sở dữ liệu lỗi")
    assert any("hong.csv" in line for line in result.problems)
    assert desk.publisher.db.read_bytes() == before
    assert (desk.inbox.item(sha).status, desk.publisher.history()) == ("draft", [])
    assert sorted(p.name for p in desk.publisher.db.parent.iterdir() if ".tmp-" in p.name) == []


def test_only_an_analyst_publishes(desk):
    sha = desk.upload_text(UPLOAD)
    result = desk.publisher.publish([sha], "Khách xem")
    assert (result.ok, result.message) == (False, ("'Khách xem' không phải chuyên viên đã đăng ký: không ghi gì "
                                                    "(not an analyst)."))
    assert desk.inbox.item(sha).status == "draft"


def test_revert_restores_the_database_rows_of_before(desk):
    rows_before = database_rows(desk.publisher.db)
    sha = desk.upload_text(UPLOAD)
    decide(desk, sha)
    assert desk.publisher.publish([sha], ANALYST).ok
    assert database_rows(desk.publisher.db) != rows_before
    result = desk.publisher.revert(1, ANALYST)
    assert result.ok, result.problems
    assert result.message == ("Hoàn tác lượt công bố #1: -2 số liệu; Hà Nội · lượt tiếp công dân nay 2020–2021 "
                              "(ít năm hơn)")
    assert database_rows(desk.publisher.db) == rows_before
    assert desk.inbox.item(sha).status == "draft"
    assert [(e.id, e.kind, e.reverts, e.analyst) for e in desk.publisher.history()] == [
        (1, "publish", None, ANALYST), (2, "revert", 1, ANALYST)]


def test_reverting_an_earlier_publish_undoes_the_later_ones_and_a_revert_can_be_reverted(desk):
    first, second = desk.upload_text(UPLOAD, "a.txt"), desk.upload_text(OTHER, "b.txt")
    rows0 = database_rows(desk.publisher.db)
    assert desk.publisher.publish([first], ANALYST).ok
    rows1 = database_rows(desk.publisher.db)
    assert desk.publisher.publish([second], ANALYST).ok
    rows2 = database_rows(desk.publisher.db)
    result = desk.publisher.revert(1, ANALYST)
    assert result.notes[0] == "Hoàn tác cả các lượt sau nó: #2 (later publishes undone too)"
    assert database_rows(desk.publisher.db) == rows0
    assert desk.publisher.revert(3, ANALYST).ok  # the state before the revert: both published
    assert database_rows(desk.publisher.db) == rows2
    assert desk.publisher.revert(2, ANALYST).ok
    assert database_rows(desk.publisher.db) == rows1
    assert [desk.inbox.item(s).status for s in (first, second)] == ["published", "draft"]
    missing = desk.publisher.revert(99, ANALYST)
    assert (missing.ok, missing.message) == (False, ("Không công bố được, không thay đổi gì: không có lượt công bố "
                                                     "#99 trong lịch sử (no such publish)"))


def test_the_command_line_build_reads_published_items(desk):
    shas = [desk.upload_text(UPLOAD, "a.txt"), desk.upload_text(OTHER, "b.txt")]
    assert desk.publisher.publish(shas[:1], ANALYST).ok
    out = desk.reports.parent / "cli.duckdb"
    run = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(out), "--reports", str(desk.reports),
                          "--tables", str(desk.reports.parent / "tables"),
                          "--review", str(desk.reports.parent / "review.csv")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                         env={**os.environ, "DANVAN_INBOX": str(desk.inbox.root)})
    assert run.returncode == 0, run.stderr
    assert {f[0] for f in figures(out)} == {"base.txt", desk.inbox.item(shas[0]).doc}  # the draft stays out
    assert figures(out) == figures(desk.publisher.db)


def driver(root: Path, sha: str, signals: Path | None = None, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.support.intake_driver", str(root), sha,
                             *([str(signals)] if signals else [])], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **env})


def finished(proc: subprocess.Popen) -> tuple[int, dict | None]:
    out, _err = proc.communicate(timeout=300)
    return proc.returncode, json.loads(out) if out.strip() else None


def test_two_publishes_at_the_same_moment_land_one_after_the_other(desk, tmp_path):
    a, b = desk.upload_text(UPLOAD, "a.txt"), desk.upload_text(OTHER, "b.txt")
    signals = tmp_path / "signals"
    signals.mkdir()
    (signals / f"{b[:6]}-go").touch()  # the second goes on as soon as it has the lock
    first = driver(tmp_path, a, signals)
    wait_for(signals / f"{a[:6]}-building")  # the first holds the lock, mid-build
    second = driver(tmp_path, b, signals)
    wait_for(signals / f"{b[:6]}-waiting")  # the second found it held, and waits
    assert not (signals / f"{b[:6]}-building").exists()
    (signals / f"{a[:6]}-go").touch()
    (code_a, out_a), (code_b, out_b) = finished(first), finished(second)
    assert (code_a, out_a["id"], code_b, out_b["id"]) == (0, 1, 0, 2)
    one, two = desk.publisher.history()
    assert two.observations_before == one.observations_after  # the second built on the first: nothing lost
    assert {f[0] for f in figures(desk.publisher.db)} == {"base.txt", desk.inbox.item(a).doc, desk.inbox.item(b).doc}
    assert [desk.inbox.item(s).status for s in (a, b)] == ["published", "published"]


@pytest.mark.parametrize("stage", ["extract", "validate", "load", "swap", "publish-journal"])
def test_a_publish_killed_before_its_swap_leaves_the_previous_state(desk, tmp_path, stage):
    sha = desk.upload_text(UPLOAD)
    before = desk.publisher.db.read_bytes()
    code, _out = finished(driver(tmp_path, sha, DANVAN_CRASH_AT=stage))
    assert code == 99
    assert desk.publisher.db.read_bytes() == before
    assert (desk.inbox.item(sha).status, desk.publisher.history()) == ("draft", [])
    said = desk.publisher.recover()
    assert said == ("Lượt công bố #1 bị ngắt trước khi ghi: không thay đổi gì." if stage == "publish-journal" else "")
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []  # its new database is gone
    assert [p.name for p in desk.inbox.root.iterdir() if p.name.startswith(".")] == []
    assert desk.publisher.publish([sha], ANALYST).ok  # and the next publish works


def test_a_publish_killed_after_its_swap_is_finished_by_the_next_one(desk, tmp_path):
    sha = desk.upload_text(UPLOAD)
    code, _out = finished(driver(tmp_path, sha, DANVAN_CRASH_AT="publish-commit"))
    assert code == 99
    assert desk.inbox.item(sha).doc in {f[0] for f in figures(desk.publisher.db)}  # swapped in …
    assert desk.inbox.item(sha).status == "draft"  # … but not yet recorded
    result = desk.publisher.publish([sha], ANALYST)  # the next publish finishes it first
    assert result.ok
    assert [e.id for e in desk.publisher.history()] == [1, 2]
    assert desk.publisher.history()[0].message.startswith("+3 số liệu")
    assert desk.inbox.item(sha).status == "published"


def test_a_publish_lists_the_decisions_that_found_no_figure(desk):
    sha = desk.upload_text(UPLOAD)
    lines = {ln.figure.value: ln.figure for ln in desk.reviewer.sheet(sha).lines}
    desk.reviewer.reject(sha, lines[120], "không thuộc kỳ báo cáo")
    desk.inbox.reread(sha, lambda path: parse_report(report_text("Hà Nội", HA_NOI_2019[:2]), path.name))
    result = desk.publisher.publish([sha], ANALYST)
    doc = desk.inbox.item(sha).doc
    assert result.ok
    assert result.notes == [(f"{doc}: quyết định dòng 2: không còn khớp số liệu nào "
                             f"({doc}, số 120, “năm 2019 có 120 mô hình \"Dân”)")]
    assert result.entry.counts == {"accepted": 0, "corrected": 0, "rejected": 0, "added": 0, "undecided": 2,
                                   "table_rows": 0}
