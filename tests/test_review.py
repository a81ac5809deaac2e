from datetime import date
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.figure import Figure
from etl.review import apply_review, read_review

HEADER = "doc,number,context,match_indicator,action,province,district,indicator,breakdown,period_kind,period_start,period_end,value,qualifier,derived,quote,reason\n"


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
                  "r.txt,5,,,add,Gia Lai,An Khê,dialogues,total,year,2022-01-01,2022-12-31,5,exact,no,tổ chức 5 cuộc đối thoại,thiếu\n")
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
])
def test_bad_review_rows(tmp_path, rows, message):
    with pytest.raises(InputError, match=message):
        review(tmp_path, rows)
