"""core/deck/cli.py (`make deck`): the example spec gives a valid deck; bad specs give their message
and leave nothing at the output path."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from core.charts import export
from core.data.catalog import load_catalog
from core.deck.cli import main
from core.deck.spec import load_spec
from etl.build import build
from tests.support.pipes import WAIT_S

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "data" / "decks" / "example.yaml"


@pytest.fixture(scope="module")
def example_deck(built_db, warm_browser, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "example.pptx"
    assert main([str(EXAMPLE), str(out), "--db", str(built_db)]) == 0
    return out


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_example_spec_builds_the_headline_deck(example_deck):
    spec = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    prs = Presentation(str(example_deck))
    slides = list(prs.slides)
    n_charts = len(spec["charts"])
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert slides[0].shapes.title.text_frame.text == spec["title"]
    assert spec["subtitle"] in _texts(slides[0])
    chart_slides, closing = slides[1:1 + n_charts], slides[1 + n_charts:]
    assert closing and all(s.shapes.title.text_frame.text.startswith("Nguồn số liệu") for s in closing)
    for slide in chart_slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        p = pictures[0]
        assert p.left >= 0 and p.top >= 0
        assert p.left + p.width <= prs.slide_width and p.top + p.height <= prs.slide_height
        assert slide.shapes.title.text_frame.text
        assert any(t.startswith("Nguồn: ") for t in _texts(slide))
        assert "\nNguồn:\n- " in slide.notes_slide.notes_text_frame.text


def test_example_covers_every_headline_indicator_for_both_provinces(built_db):

    spec = load_spec(EXAMPLE, built_db)
    indicators = load_catalog(built_db).indicators
    assert {c.indicator for c in spec.charts} == set(indicators[indicators.headline].code)
    assert all({"ha-noi", "gia-lai"} <= set(c.localities) for c in spec.charts)


def _entry(line: str, closing: str) -> str:
    """The source of a notes line "- <source> (<url>)", whatever the url (the closing slides show it too)."""
    body = line[2:]
    for cut in (m.start() for m in re.finditer(r" \(", body)):
        if body.endswith(")") and body[cut + 2:-1] in closing:
            return body[:cut]
    return body


def test_closing_slides_list_every_source_named_in_the_notes(example_deck):
    slides = list(Presentation(str(example_deck)).slides)
    closing = "\n".join(t for s in slides if s.shapes.title.text_frame.text.startswith("Nguồn số liệu")
                        for t in _texts(s))
    noted = set()
    for slide in slides:
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        noted |= {_entry(line, closing) for line in notes.splitlines() if line.startswith("- ")}
    assert noted
    assert sorted(s for s in noted if s not in closing) == []


def test_cli_leaves_a_warm_browser_running(example_deck):
    assert export.browser_is_warm()


BAD_SPECS = [
    ({"title": "T", "charts": [{"kind": "trend", "indicator": "luot_tiep", "localities": ["Hà Nội"], "years": 2024}]},
     "không có chỉ tiêu 'luot_tiep'"),
    ({"title": "T",
      "charts": [{"kind": "trend", "indicator": "reception_turns", "localities": ["Hà Nôi"], "years": 2024}]},
     "không có địa phương 'Hà Nôi'"),
    ({"title": "T", "charts": [{"kind": "trend", "indicator": "inspections", "localities": ["ha-noi"], "years": 2019}]},
     "biểu đồ 1: không có số liệu inspections (total) cho Hà Nội trong 2019"),
    ({"title": "T", "charts": [{"kind": "trend", "indicator": "reception_turns", "localities": [], "years": 2024}]},
     "biểu đồ 1: chưa chọn địa phương nào (localities)"),
    ({"title": "T", "charts": []}, "chưa có biểu đồ nào (charts)"),
]


@pytest.mark.parametrize(("spec", "message"), BAD_SPECS)
def test_bad_spec_names_the_problem_and_writes_nothing(built_db, tmp_path, capsys, spec, message):
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out" / "deck.pptx"
    assert main([str(spec_path), str(out), "--db", str(built_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ")
    assert message in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["spec.yaml"]


@pytest.mark.parametrize(("args", "message"), [
    (["missing.yaml", "deck.pptx"], "lỗi: không có tệp missing.yaml"),
    ([str(EXAMPLE), "deck.pdf"], "lỗi: tệp ra phải có đuôi .pptx: deck.pdf"),
    ([str(EXAMPLE), "deck.pptx", "--db", "/nonexistent/danvan.duckdb"],
     "lỗi: chưa có cơ sở dữ liệu ở /nonexistent/danvan.duckdb: chạy `make db` (hoặc đặt DANVAN_DB)"),
])
def test_cli_usage_problems(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == message
    assert list(tmp_path.iterdir()) == []


def test_output_that_cannot_be_written(built_db, warm_browser, tmp_path, capsys):
    (tmp_path / "deck.pptx").mkdir()
    assert main([str(EXAMPLE), str(tmp_path / "deck.pptx"), "--db", str(built_db)]) == 2
    last = capsys.readouterr().err.splitlines()[-1]  # after the warnings about sources that are no web link
    assert last.startswith(f"lỗi: không ghi được {tmp_path / 'deck.pptx'}: ")
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]  # no temporary file left beside it


def test_yaml_syntax_error(built_db, tmp_path, capsys):
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text("title: [unclosed\n", encoding="utf-8")
    assert main([str(spec_path), str(tmp_path / "d.pptx"), "--db", str(built_db)]) == 2
    assert f"lỗi: {spec_path}: YAML không đọc được" in capsys.readouterr().err


def test_module_entry_point(built_db, tmp_path):
    """`python -m core.deck.cli` is what `make deck` runs: exit 2 and the message on stderr."""
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text("title: T\ncharts:\n  - {indicator: xyz, localities: [ha-noi], years: 2024}\n",
                         encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = subprocess.run([sys.executable, "-m", "core.deck.cli", str(spec_path), str(out), "--db", str(built_db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=WAIT_S)
    assert result.returncode == 2
    assert "biểu đồ 1: không có chỉ tiêu 'xyz'" in result.stderr
    assert not out.exists()


# --- hostile specs (issue 13): each a message and exit 2, nothing at OUT, never a traceback --------

CHART = "  - {indicator: reception_turns, localities: [ha-noi], years: 2024}\n"
# Each level repeats the one before nine times: nine levels would be 9**9 strings (3.3 GB).
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
HOSTILE_SPECS = [  # spec text or bytes → what the message says
    (LAUGHS.encode(), "bí danh YAML (*tên) không được dùng trong tệp mô tả (aliases are refused)"),
    (("title: T\ncharts:\n" + "  - {}\n" * 10_000).encode(), "quá nhiều biểu đồ: 10000 (tối đa 50)"),
    (b"title: T\n1: x\ncharts:\n" + CHART.encode(), "khóa 1 phải là chữ (keys are text)"),
    (b"title: T\ncharts:\n  - {indicator: reception_turns, 2: x, localities: [ha-noi], years: 2024}\n",
     "biểu đồ 1: khóa 2 phải là chữ (keys are text)"),
    (b"title: T\ndate: 2024-02-30\ncharts:\n" + CHART.encode(), "date '2024-02-30' không hợp lệ (YYYY-MM-DD)"),
    (b"title: T\ndate: 0001-01-01\ncharts:\n" + CHART.encode(), "date '0001-01-01' không hợp lệ (năm 1945–2100)"),
    ("title: Đông Hà\ncharts:\n".encode("cp1258") + CHART.encode(),
     "không phải UTF-8 (byte 7); lưu lại tệp dạng UTF-8 (not UTF-8, e.g. Windows-1258)"),
    (("title: T\ncharts:\n  - {indicator: reception_turns, localities: [ha-noi], years: " + "9" * 5000 + "}\n"
      ).encode(), "số dài 5000 chữ số, tối đa 20 (number too long)"),
    (("title: " + "Ư" * 5000 + "\ncharts:\n" + CHART).encode(),
     "title: chữ dài 5000 ký tự, tối đa 300 (text too long)"),
    (("title: T\ncharts:\n  - {indicator: reception_turns, localities: [" + ", ".join(["ha-noi"] * 500)
      + "], years: 2024}\n").encode(), "biểu đồ 1.localities: 500 mục, tối đa 100 (too many items)"),
    (("title: T\ncharts:\n" + "  - {}\n" * 40 + "# " + "x" * 300_000 + "\n").encode(),
     "tệp mô tả 300300 byte, tối đa 262144 (spec file too large)"),
    (("title: T\ncharts: " + "[" * 3000 + "]" * 3000 + "\n").encode(), "YAML lồng nhau quá sâu (nested too deep)"),
    (b"title: [T]\nkind: {a: b}\ncharts:\n  - {kind: [trend], mode: {a: 1}, indicator: reception_turns, "
     b"localities: [ha-noi], years: 2024}\n", "biểu đồ 1: kind '['trend']' không hợp lệ (trend hoặc compare)"),
]


@pytest.mark.parametrize(("content", "message"), HOSTILE_SPECS)
def test_a_hostile_spec_is_a_message_and_exit_2(built_db, tmp_path, capsys, content, message):
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_bytes(content)
    out = tmp_path / "deck.pptx"
    assert main([str(spec_path), str(out), "--db", str(built_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: ") and message in err and len(err) < 2000, err[:3000]
    assert not out.exists()


def test_a_spec_path_that_is_a_folder_is_named_as_the_problem(built_db, tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    assert main([str(tmp_path), str(out), "--db", str(built_db)]) == 2
    assert capsys.readouterr().err == (f"lỗi: {tmp_path} là thư mục, không phải tệp mô tả YAML (a folder, not a spec "
                                       "file)\n")
    assert not out.exists()


def test_the_full_alias_bomb_is_refused_within_1gb(built_db, tmp_path):
    """The 600-byte spec that expanded to 3.3 GB, in a process that may not take 1 GB more."""
    spec_path = tmp_path / "bomb.yaml"
    spec_path.write_text(LAUGHS + "title: T\ncharts: *i\n", encoding="utf-8")
    assert len(LAUGHS) < 700
    run = ("import resource, sys\n"
           "from core.deck.cli import main\n"
           "size = int(open('/proc/self/status').read().split('VmSize:')[1].split()[0]) * 1024\n"
           "resource.setrlimit(resource.RLIMIT_AS, (size + (1 << 30), size + (1 << 30)))\n"
           "sys.exit(main(sys.argv[1:]))\n")
    args = [str(spec_path), str(tmp_path / "d.pptx"), "--db", str(built_db)]
    result = subprocess.run([sys.executable, "-c", run, *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=WAIT_S)
    assert (result.returncode, "Traceback" in result.stderr) == (2, False), result.stderr[-2000:]
    assert "bí danh YAML (*tên) không được dùng" in result.stderr


def test_a_source_link_that_is_not_http_is_text_in_the_deck_with_a_warning(warm_browser, tmp_path, capsys):
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.csv").write_text("locality,indicator,period,value,source,publisher,source_url\n"
                                               "Gia Lai,reception_turns,2024,5,Bài A,Báo A,javascript:alert(1)\n",
                                               encoding="utf-8")
    db = tmp_path / "danvan.duckdb"
    build(db, reports_dir=tmp_path / "none", tables_dir=tmp_path / "tables", review_path=tmp_path / "none.csv",
          progress=lambda _m: None)
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text("title: T\ncharts:\n  - {indicator: reception_turns, localities: [gia-lai], years: 2024}\n",
                         encoding="utf-8")
    assert main([str(spec_path), str(tmp_path / "d.pptx"), "--db", str(db)]) == 0
    assert capsys.readouterr().err == ("cảnh báo: Báo A: đường dẫn 'javascript:alert(1)' không phải http/https, ghi "
                                       "dạng chữ, không thành liên kết\n")
    closing = list(Presentation(str(tmp_path / "d.pptx")).slides)[-1]
    runs = [r for s in closing.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    assert [r.hyperlink.address for r in runs if r.hyperlink.address] == []
    assert "(javascript:alert(1))" in "".join(r.text for r in runs)
