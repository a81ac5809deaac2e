from datetime import date
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.figure import Figure
from etl.review import apply_review, parse_review, read_review, unknown_reports
from etl.rules import latest_date

HEADER = ("doc,number,context,match_indicator,action,province,district,indicator,breakdown,period_kind,period_start,"
          "period_end,value,qualifier,derived,quote,reason\n")


def fig(value, quote, indicator="models_registered", breakdown="total"):
    return Figure(doc="r.txt", province="Gia Lai", district="An Khê", indicator=indicator, breakdown=breakdown,
                  period_kind="year", period_start=date(2022, 1, 1), period_end=date(2022, 12, 31), value=value,
                  quote=quote, number_text=str(value))


FIGS = [fig(7, "phường duy trì 7 mô hình và xây dựng mới 2 mô hình"),
        fig(2, "phường duy trì 7 mô hình và xây dựng mới 2 mô hình"),
        fig(90, "90 già làng được biểu dương", indicator="commendations", breakdown="individual")]


def review(tmp_path: Path, rows: str):
    p = tmp_path / "review.csv"
    p.write_text(HEADER + rows, encoding="utf-8")
    return read_review(p)


def test_correct_reject_add(tmp_path):
    rows = review(tmp_path,
                  "r.txt,7,duy trì 7 mô hình,,correct,,,,maintained,,,,,,,,cũ\n"
                  "r.txt,90,già làng,,reject,,,,,,,,,,,,không phải khen thưởng dân vận\n"
                  "r.txt,5,,,add,Gia Lai,An Khê,dialogues,total,year,2022-01-01,2022-12-31,5,exact,no,"
                  "tổ chức 5 cuộc đối thoại,thiếu\n")
    out = apply_review(FIGS, rows, {"r.txt"})
    got = [(f.value, f.indicator, f.breakdown, f.obtained) for f in out.figures]
    assert got == [(7, "models_registered", "maintained", "corrected"), (2, "models_registered", "total", "extracted"),
                   (5, "dialogues", "total", "added")]
    assert [(f.value, why) for f, why in out.rejected] == [(90, "review.csv dòng 3: không phải khen thưởng dân vận")]
    assert out.stale == []


def test_a_row_that_no_longer_matches_is_reported(tmp_path):
    rows = review(tmp_path, "r.txt,8,duy trì 8 mô hình,,reject,,,,,,,,,,,,x\n")
    out = apply_review(FIGS, rows, {"r.txt"})
    assert len(out.figures) == 3
    assert out.stale == ["review.csv dòng 2: không còn khớp số liệu nào (r.txt, số 8, “duy trì 8 mô hình”)"]


@pytest.mark.parametrize(("rows", "message"), [
    ("r.txt,7,x,,delete,,,,,,,,,,,,\n", "review.csv dòng 2: action phải là một trong reject, correct, add"),
    ("r.txt,bảy,x,,reject,,,,,,,,,,,,\n", "review.csv dòng 2: không phải số"),
    ("r.txt,5,,,add,Gia Lai,,,total,year,,,5,,,q,\n", "review.csv dòng 2: dòng 'add' thiếu indicator"),
    ("r.txt,5,,,add,Gia Lai,,reception_turns,total,year,,,5,,,   ,\n", "review.csv dòng 2: dòng 'add' thiếu quote"),
    ("r.txt,7,x,,correct,-,,,,,,,,,,,\n", "review.csv dòng 2: '-' .* không cho province"),
    ("r.txt,5,,,add,Gia Lai,-,dialogues,total,year,2022-01-01,2022-12-31,5,,,q,\n", "dòng 2: '-' .* district"),
    ("r.txt,7,x,,correct,,,,,,2022-02-30,,,,,,\n", "review.csv dòng 2: period_start: ngày không hợp lệ '2022-02-30'"),
    ("r.txt,7,x,,correct,,,,,,,,bảy,,,,\n", "review.csv dòng 2: value: không phải số 'bảy'"),
    ("r.txt,7,x,,correct,,,,,,,,1e999,,,,\n", "review.csv dòng 2: value: không phải số hữu hạn '1e999'"),
])
def test_bad_review_rows(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        review(tmp_path, rows)


def test_accept_leaves_the_figure_and_is_stale_when_it_finds_none(tmp_path):
    rows = review(tmp_path, "r.txt,90,già làng,commendations,accept,,,,,,,,,,,,\n"
                            "r.txt,91,già làng,,accept,,,,,,,,,,,,\n")
    out = apply_review(FIGS, rows, {"r.txt"})
    assert (out.figures, out.accepted, out.corrected) == (FIGS, 1, 0)
    assert out.stale == ["review.csv dòng 3: không còn khớp số liệu nào (r.txt, số 91, “già làng”)"]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"district": "-"}, ("", date(2022, 1, 1), date(2022, 12, 31), "year")),
    ({"period_kind": "cumulative", "period_start": "-"}, ("An Khê", None, date(2022, 12, 31), "cumulative")),
    ({"district": "-", "period_kind": "partial", "period_end": "2022-06-30"},
     ("", date(2022, 1, 1), date(2022, 6, 30), "partial")),
])
def test_a_dash_empties_a_field_in_a_correction(tmp_path, changes, expected):
    cells = {"doc": "r.txt", "number": "7", "context": "duy trì 7", "action": "correct", **changes}
    rows = review(tmp_path, ",".join(cells.get(c, "") for c in HEADER.strip().split(",")) + "\n")
    fig = apply_review(FIGS, rows, {"r.txt"}).figures[0]
    assert (fig.district, fig.period_start, fig.period_end, fig.period_kind, fig.obtained) == (*expected, "corrected")


def test_an_add_of_a_figure_the_extractor_now_finds_is_not_doubled(tmp_path):
    rows = review(tmp_path,
                  "r.txt,2,mới 2 mô hình,,add,Gia Lai,an khê,models_registered,total,year,2022-01-01,2022-12-31,2,"
                  "exact,no,phường duy trì 7 mô hình và xây dựng mới 2 mô hình,thiếu\n"
                  "r.txt,3,mới 3 mô hình,,add,Gia Lai,An Khê,models_registered,total,year,2022-01-01,2022-12-31,3,"
                  "exact,no,xây dựng mới 3 mô hình,thiếu\n")
    out = apply_review(FIGS, rows, {"r.txt"})
    assert [(f.value, f.obtained) for f in out.figures] == [(7, "extracted"), (2, "extracted"), (90, "extracted"),
                                                           (3, "added")]
    assert (out.added, [r.line for r in out.not_added], out.stale) == (1, [2], [])
    assert out.redundant == [("review.csv dòng 2: số liệu bổ sung đã có trong r.txt (trích xuất được), "
                              "không thêm lần nữa; có thể xóa dòng này")]


def test_a_correction_the_extractor_now_makes_leaves_the_figure_extracted(tmp_path):
    rows = review(tmp_path, "r.txt,90,già làng,,correct,,,,individual,,,,,,,,\n")
    out = apply_review(FIGS, rows, {"r.txt"})
    assert ([f.obtained for f in out.figures], out.corrected, out.stale) == (["extracted"] * 3, 0, [])
    assert out.redundant == ["review.csv dòng 2: số liệu đã được trích xuất đúng như dòng sửa này; có thể xóa dòng này"]


def test_the_piece_of_sentence_matches_across_tabs_and_line_breaks(tmp_path):
    row = fig(2743, "Gia Lai – Lượt tiếp công dân\t2.743\t2.861")
    rows = review(tmp_path, "r.txt,2743,Lượt tiếp công dân 2.743,,reject,,,,,,,,,,,,bảng\n")
    assert apply_review([row], rows, {"r.txt"}).figures == []


def test_messages_name_the_file_they_came_from(tmp_path):
    (row,) = parse_review(HEADER + "r.txt,8,x,,reject,,,,,,,,,,,,\n", "abc-bc.docx: quyết định")
    assert row.where == "abc-bc.docx: quyết định dòng 2"


CORRECT = "r.txt,7,duy trì 7 mô hình,,correct,,,,,,{start},{end},{value},,,,sửa\n"
RANGE = f"1945-01-01..{latest_date()} (date out of range)"


@pytest.mark.parametrize(("cells", "message"), [
    ({"end": "31/12/2024"}, "review.csv dòng 2: period_end: ngày không hợp lệ '31/12/2024' (yyyy-mm-dd)"),
    ({"end": "9999-12-31"}, f"review.csv dòng 2: period_end: ngày 9999-12-31 nằm ngoài khoảng {RANGE}"),
    ({"start": "0001-01-01"}, f"review.csv dòng 2: period_start: ngày 0001-01-01 nằm ngoài khoảng {RANGE}"),
    ({"value": "bảy"}, "review.csv dòng 2: value: không phải số 'bảy'"),
    ({"value": "nan"}, "review.csv dòng 2: value: không phải số hữu hạn 'nan'"),
    ({"value": "-inf"}, "review.csv dòng 2: value: không phải số hữu hạn '-inf'"),
    ({"value": "9" * 500}, "review.csv dòng 2: value: không phải số hữu hạn "
                           "'9999999999999999999999999999999999999999'… (500 ký tự)"),
])
def test_a_field_that_cannot_be_read_stops_the_file_naming_its_line(tmp_path, cells, message):
    with pytest.raises(InputError) as refused:
        review(tmp_path, CORRECT.format(**{"start": "", "end": "", "value": "", **cells}))
    assert str(refused.value) == message


def test_rows_about_a_report_that_is_not_there_are_named(tmp_path):
    rows = review(tmp_path, "r.txt,7,duy trì 7 mô hình,,reject,,,,,,,,,,,,x\n"
                            "r2.txt,7,duy trì 7 mô hình,,reject,,,,,,,,,,,,x\n")
    assert unknown_reports(rows, {"r.txt"}) == [
        "review.csv dòng 3: báo cáo 'r2.txt' không có trong thư mục báo cáo, dòng này không được áp dụng "
        "(no such report)"]
