"""Hardening: broken inputs (tests/fixtures/broken, made by tests/fixtures/make_broken.py), builds
killed at each stage, page queries during rebuilds, and hostile text stored as plain text."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import BuildFailed, build
from tests.support.db_rows import database_rows
from tests.support.pipes import WAIT_S, Lines

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
EXAMPLE = ROOT / "data" / "examples" / "analyst_table_example.csv"
sys.path.insert(0, str(ROOT / "tests" / "bench"))
import page_sql  # noqa: E402

NO_FIGURES = "{name}: không có số liệu nào thuộc danh mục"
# Each broken input and the message the build gives ({path}: where a report was read from).
BROKEN_INPUTS = [
    ("empty.csv", "empty.csv: tệp rỗng (empty file)"),
    ("whitespace_only.csv", "whitespace_only.csv: tệp rỗng (empty file)"),
    ("only_header.csv", "only_header.csv: bảng chỉ có dòng tiêu đề, không có số liệu"),
    ("missing_columns.csv", "missing_columns.csv: thiếu cột indicator, period, source (có: 'locality, value')"),
    ("truncated_quote.csv", "truncated_quote.csv: CSV hỏng ở dòng 3: unexpected end of data"),
    ("too_many_cells.csv", "too_many_cells.csv: dòng 3 có 8 ô, dòng tiêu đề chỉ có 7 (thiếu dấu ngoặc kép?)"),
    ("bad_quotes.csv", "bad_quotes.csv: CSV hỏng ở dòng 3: ',' expected after '\"'"),
    ("binary_junk.csv", "binary_junk.csv: tệp nhị phân, không phải văn bản (binary file, not text)"),
    ("latin1_not_vietnamese.csv", "latin1_not_vietnamese.csv: mã hóa không rõ: không phải UTF-8 (byte 63) và không "
                                  "giống tiếng Việt Windows-1258"),
    ("utf16_cut.csv", "utf16_cut.csv: tệp utf-16 bị hỏng tại byte 214"),
    ("cp1258_unknown_indicator.csv", "cp1258_unknown_indicator.csv dòng 3: chỉ tiêu không có trong danh mục: "
                                     "'số lượt tiếp'"),
    ("long_cell.csv", "long_cell.csv: CSV hỏng ở dòng 3: field larger than field limit (131072)"),
    ("wrong_extension.txt.table", "wrong_extension.txt.table: chỉ nhận .csv, .xlsx hoặc .parquet, không nhận .table"),
    ("unknown_locality.csv", "unknown_locality.csv dòng 3: địa phương không có trong danh mục: 'Atlantis'; "
                             "gần nhất: Vật Lại, Tân Tri, Cát Lái"),
    ("misspelt_district.csv", "misspelt_district.csv dòng 3: địa phương không có trong danh mục: 'Pleikuu'; "
                              "gần nhất: Pleiku"),
    ("district_of_other_province.csv", "district_of_other_province.csv dòng 3: địa phương 'Sóc Sơn' không thuộc "
                                       "'Gia Lai' (thuộc Hà Nội)"),
    ("unknown_indicator.csv", "unknown_indicator.csv dòng 3: chỉ tiêu không có trong danh mục: 'petition'; "
                              "gần nhất: petitions, inspections, group_delegations"),
    ("unknown_breakdown.csv", "unknown_breakdown.csv dòng 3: phân tổ 'weekly' không có cho petitions (có: total, "
                              "complaint_denunciation, complaint, denunciation, recommendation)"),
    ("negative_value.csv", "negative_value.csv dòng 3: giá trị âm: '-12'"),
    ("non_numeric_value.csv", "non_numeric_value.csv dòng 3: giá trị không phải số: 'mười hai'"),
    ("malformed_number.csv", "malformed_number.csv dòng 3: giá trị không phải số: '1.2.3.45'"),
    ("unreadable_period.csv", "unreadable_period.csv dòng 3: không đọc được kỳ 'mùa xuân 2024' (ví dụ hợp lệ: 2023; "
                              "2021-2024; 7 tháng 2024; quý I/2023; 2024-01-01..2024-07-31)"),
    ("reversed_period.csv", "reversed_period.csv dòng 3: kỳ '2025-2021': năm cuối trước năm đầu"),
    ("impossible_date.csv", "impossible_date.csv dòng 3: kỳ '2024-13-01': ngày không hợp lệ (month must be in 1..12)"),
    ("empty_value_cell.csv", "empty_value_cell.csv dòng 3: ô value trống"),
    ("bad_period_kind.csv", "bad_period_kind.csv dòng 3: period_kind 'weekly' không hợp lệ (chọn: year, partial, "
                            "cumulative, event)"),
    ("bad_qualifier.csv", "bad_qualifier.csv dòng 3: qualifier 'maybe' không hợp lệ (chọn: exact, at_least, approx)"),
    ("duplicate_rows.csv", "duplicate_rows.csv dòng 3: trùng lặp dòng 2"),
    ("conflicting_rows.csv", "conflicting_rows.csv dòng 3: mâu thuẫn với dòng 2 (cùng địa phương, chỉ tiêu, phân tổ, "
                             "kỳ, nguồn nhưng 11 ≠ 10)"),
    ("parts_over_total.csv", "parts_over_total.csv dòng 4: phần (70 + 50) lớn hơn tổng total 100 (dòng 3)"),
    ("many_bad_rows.csv", "many_bad_rows.csv: còn 50 lỗi nữa (chỉ liệt kê 200 lỗi đầu)"),
    ("merged_header.xlsx", "merged_header.xlsx trang 'Sheet': dòng tiêu đề có ô gộp (A1:B1): mỗi cột cần một tiêu đề "
                           "riêng, bỏ gộp ô rồi gửi lại"),
    ("merged_body.xlsx", "merged_body.xlsx trang 'Sheet': bảng có ô gộp (A2:A3): mỗi dòng cần đủ giá trị"),
    ("negative_in_xlsx.xlsx", "negative_in_xlsx.xlsx dòng 3: giá trị âm: '-3'"),
    ("empty_sheet.xlsx", "empty_sheet.xlsx: bảng rỗng (no rows)"),
    ("truncated.xlsx", "truncated.xlsx: không phải tệp XLSX hợp lệ (hỏng hoặc bị cắt cụt)"),
    ("csv_named_xlsx.xlsx", "csv_named_xlsx.xlsx: không phải tệp XLSX hợp lệ (hỏng hoặc bị cắt cụt)"),
    ("truncated.parquet", "truncated.parquet: không đọc được Parquet (hỏng hoặc bị cắt cụt)"),
    ("bad_values.parquet", "bad_values.parquet dòng 4: giá trị không phải số: 'ba'"),
    ("localities_unknown_parent.csv", "localities.csv dòng 3: parent_id 'gia-lai.khong-co' không có (địa phương cha "
                                      "phải đứng trước)"),
    ("synthetic_marker_not_true.yaml", "synthetic.yaml: cần dòng 'synthetic: true'"),
    ("synthetic_source_in_real_folder.csv", "synthetic_source_in_real_folder.csv: nguồn 'GIẢ LẬP — Gia Lai: báo cáo "
                                            "năm 2024' là dữ liệu GIẢ LẬP, không được nạp cùng dữ liệu thật (dữ liệu "
                                            "giả lập chỉ nạp từ thư mục có synthetic.yaml, vào cơ sở dữ liệu riêng)"),
    ("report_empty.txt", "{path}: tệp rỗng (empty file)"),
    ("report_latin1.txt", "{path}: mã hóa không rõ: không phải UTF-8 (byte 27) và không giống tiếng Việt "
                          "Windows-1258"),
    ("report_front_matter_unclosed.txt", "report_front_matter_unclosed.txt: phần đầu (front matter) mở bằng '---' "
                                         "nhưng không đóng"),
    ("report_front_matter_bad_line.txt", "report_front_matter_bad_line.txt: dòng 3 của phần đầu không có dạng "
                                         "'khóa: giá trị': 'không có dấu hai chấm'"),
    ("report_only_front_matter.txt", "report_only_front_matter.txt: báo cáo không có nội dung sau phần đầu "
                                     "(no body text)"),
    ("report_binary.txt", "{path}: tệp nhị phân, không phải văn bản (binary file, not text)"),
]
# Reports that are readable but give nothing: the build goes on and says so.
EMPTY_REPORTS = ["report_no_figures.txt", "report_very_long_line.txt"]


def test_every_broken_fixture_has_its_expected_message():
    listed = {name for name, _ in BROKEN_INPUTS} | set(EMPTY_REPORTS)
    assert listed == {p.name for p in BROKEN.iterdir()}
    assert len(listed) >= 30


def install(name: str, root: Path) -> dict[str, Path]:
    """Inputs of a small build: the example table, plus the broken file where it belongs."""
    reports, tables = root / "reports", root / "tables"
    reports.mkdir(parents=True)
    tables.mkdir()
    shutil.copy(EXAMPLE, tables / "example.csv")
    if name.startswith("report_"):
        shutil.copy(BROKEN / name, reports / name)
    elif name.startswith("localities_"):
        shutil.copy(BROKEN / name, tables / "localities.csv")
    elif name.startswith("synthetic_marker"):
        shutil.copy(BROKEN / name, tables / "synthetic.yaml")
    else:
        shutil.copy(BROKEN / name, tables / name)
    return {"reports_dir": reports, "tables_dir": tables, "review_path": root / "no-review.csv"}


@pytest.fixture(scope="module")
def previous_db(tmp_path_factory) -> Path:
    """A database as it was before the broken input arrived (the example table)."""
    root = tmp_path_factory.mktemp("previous")
    (root / "reports").mkdir()
    (root / "tables").mkdir()
    shutil.copy(EXAMPLE, root / "tables" / "example.csv")
    db = root / "danvan.duckdb"
    build(db, reports_dir=root / "reports", tables_dir=root / "tables", review_path=root / "none.csv",
          progress=lambda _m: None)
    return db


@pytest.mark.parametrize(("name", "expected"), BROKEN_INPUTS)
def test_broken_input_is_named_and_the_previous_database_stays(name, expected, previous_db, tmp_path):
    db = tmp_path / "danvan.duckdb"
    shutil.copy(previous_db, db)
    before = db.read_bytes()
    inputs = install(name, tmp_path / "in")
    with pytest.raises(BuildFailed) as failed:
        build(db, progress=lambda _m: None, **inputs)
    assert expected.format(path=inputs["reports_dir"] / name) in failed.value.summary.errors
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", [n for n, _ in BROKEN_INPUTS])
def test_keep_going_loads_nothing_of_a_broken_input(name, tmp_path):
    inputs = install(name, tmp_path / "in")
    db = tmp_path / "db.duckdb"
    summary = build(db, keep_going=True, progress=lambda _m: None, **inputs)
    got = database_rows(db)
    assert {s[0] for s in got["sources"]} == {"example.csv#" + s for s in (
        "hoi-nghi-tong-ket-cong-tac-dan-van-nam-2024-tinh-gia-lai",
        "lam-viec-cua-ban-dan-van-thanh-uy-voi-huyen-uy-soc-son", "so-ket-cong-tac-dan-van-7-thang-nam-2024")}
    assert len(got["observations"]) == summary.loaded == 5
    assert {loc[3] for loc in got["localities"]} == {"province", "district", "commune"}
    assert not any(loc[0].startswith("gia-lai.x") for loc in got["localities"])
    assert got["build_info"][0][3] is False  # never synthetic


@pytest.mark.parametrize("name", EMPTY_REPORTS)
def test_report_without_figures_is_said_and_adds_nothing(name, tmp_path):
    inputs = install(name, tmp_path / "in")
    summary = build(tmp_path / "db.duckdb", progress=lambda _m: None, **inputs)
    assert NO_FIGURES.format(name=name) in summary.warnings
    got = database_rows(tmp_path / "db.duckdb")
    assert [o for o in got["observations"] if o[11] == name] == []
    assert len(got["observations"]) == 5


# --- builds killed at each stage ------------------------------------------------------------------

def build_cli(db: Path, inputs: dict[str, Path], crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DANVAN_CRASH_AT"}
    if crash_at:
        env["DANVAN_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(db), "--reports", str(inputs["reports_dir"]),
         "--tables", str(inputs["tables_dir"]), "--review", str(inputs["review_path"])],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=WAIT_S)


@pytest.fixture(scope="module")
def richer_inputs(tmp_path_factory) -> dict[str, Path]:
    """Inputs that give a different database than previous_db: two reports and the example table."""
    root = tmp_path_factory.mktemp("richer")
    inputs = install("report_no_figures.txt", root)
    for name in ("s004.txt", "r001.txt"):
        shutil.copy(ROOT / "data" / "reports" / name, inputs["reports_dir"] / name)
    return inputs


@pytest.mark.parametrize("stage", ["extract", "validate", "load", "swap"])
def test_a_build_killed_at_any_stage_leaves_the_previous_database(stage, previous_db, richer_inputs, tmp_path):
    db = tmp_path / "danvan.duckdb"
    shutil.copy(previous_db, db)
    before_bytes, before_rows = db.read_bytes(), database_rows(db)
    died = build_cli(db, richer_inputs, crash_at=stage)
    assert died.returncode == 99, died.stderr
    assert db.read_bytes() == before_bytes
    assert database_rows(db) == before_rows
    # What the killed build left behind does not stop the next one, which cleans it up.
    again = build_cli(db, richer_inputs)
    assert again.returncode == 0, again.stderr
    after = database_rows(db)
    assert len(after["observations"]) > len(before_rows["observations"])
    assert [p.name for p in tmp_path.iterdir()] == ["danvan.duckdb"]


# --- page queries while the database is rebuilt ----------------------------------------------------

def test_page_queries_during_rebuilds_see_one_whole_build(tmp_path, richer_inputs):
    """Dashboard-like reader processes loop over the pages' SQL while the ETL (another process)
    swaps in new builds: no errors, and every answer is the answer of exactly one build. Each build is
    swapped in once both readers have answered from the one before (paced by their answers, not by time)."""
    small = install("report_no_figures.txt", tmp_path / "small")
    expected: dict[str, dict[str, str]] = {}
    hashes: dict[str, str] = {}
    for label, inputs in (("small", small), ("rich", richer_inputs)):
        ref = tmp_path / f"{label}.duckdb"
        assert build_cli(ref, inputs).returncode == 0
        found, _ = page_sql.cases(ref)
        con = duckdb.connect(str(ref), read_only=True)
        build_hash = con.sql("SELECT inputs_hash FROM build_info").fetchall()[0][0]
        con.close()
        hashes[label] = build_hash
        expected[build_hash] = {c.name: page_sql.digest(page_sql.run(ref, c)) for c in found}
    assert len(expected) == 2
    assert min(len(e) for e in expected.values()) >= 10, "the pages' SQL files (core/data/sql) are missing"
    db = tmp_path / "live.duckdb"
    shutil.copy(tmp_path / "small.duckdb", db)
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "bench" / "page_sql.py"), str(db), "900",
                                 str(7 * i), str(stop)], stdout=subprocess.PIPE, text=True) for i in range(2)]
    said = [Lines(r.stdout) for r in readers]

    def read_by_all(build_hash: str) -> None:
        """Wait (on what the readers say, not on time) until each reader has answered from this build."""
        for lines in said:
            lines.wait_for(lambda line: json.loads(line).get("build") == build_hash)

    try:
        read_by_all(hashes["small"])
        for i in range(3):
            inputs = "rich" if i % 2 == 0 else "small"
            done = build_cli(db, richer_inputs if inputs == "rich" else small)
            assert done.returncode == 0, done.stderr
            read_by_all(hashes[inputs])
    finally:
        stop.touch()
        for reader in readers:
            reader.wait(timeout=WAIT_S)
    answers = [json.loads(line) for lines in said for line in lines.rest()]
    assert [a for a in answers if "error" in a] == []
    assert {a["build"] for a in answers} == set(expected)  # both builds were read
    assert [a for a in answers if a["digest"] != expected[a["build"]][a["case"]]] == []


# --- hostile text ----------------------------------------------------------------------------------

HOSTILE = ["'); DROP TABLE observations; --", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
           "Robert'); DELETE FROM sources WHERE ('1'='1", "${7*7} {{7*7}} %s %(x)s $indicator"]


def test_hostile_text_in_tables_and_reports_is_stored_as_plain_text(tmp_path):
    inputs = install("report_no_figures.txt", tmp_path / "in")
    (inputs["reports_dir"] / "report_no_figures.txt").unlink()
    quoted = [h.replace('"', '""') for h in HOSTILE]
    lines = ["locality,indicator,period,value,source,publisher,note"]
    lines += [f'Gia Lai,petitions,{2010 + i},{i + 1},"{h}","{h}","{h}"' for i, h in enumerate(quoted)]
    (inputs["tables_dir"] / "hostile.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentence = (f"Năm 2024, các cơ quan hành chính tỉnh Gia Lai đã tiếp 2.861 lượt công dân {HOSTILE[1]} "
                f"đến kiến nghị, phản ánh {HOSTILE[0]}.")
    (inputs["reports_dir"] / "hostile.txt").write_text(
        f"---\ntitle: {HOSTILE[3]} {HOSTILE[2]}\npublisher: {HOSTILE[4]}\npublished: 2024-12-05\n---\n{sentence}\n",
        encoding="utf-8")
    summary = build(tmp_path / "db.duckdb", progress=lambda _m: None, **inputs)
    got = database_rows(tmp_path / "db.duckdb")
    sources = {s[0]: s for s in got["sources"]}
    quotes = {o[11]: o[12] for o in got["observations"] if not o[11].startswith("hostile.csv")}
    assert sources["hostile.txt"][2:4] == (f"{HOSTILE[3]} {HOSTILE[2]}", HOSTILE[4])
    assert quotes["hostile.txt"] == sentence
    assert {s[2] for s in sources.values()} >= set(HOSTILE)
    assert {o[12] for o in got["observations"]} >= {f"hostile.csv, dòng {i + 2}: {h}" for i, h in enumerate(HOSTILE)}
    # Nothing was dropped or deleted: every table is there with every row.
    assert summary.extracted == 1
    assert len(got["observations"]) == summary.loaded == 5 + len(HOSTILE) + 1
    assert len(got["sources"]) == 3 + len(HOSTILE) + 1
