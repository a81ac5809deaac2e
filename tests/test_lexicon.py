"""The lexicon is checked as it loads: every unknown or missing entry is an error naming it."""
from __future__ import annotations

import pytest
import yaml

from etl.errors import InputError
from etl.lexicon import CONTEXT_TESTS, load_lexicon
from etl.meaning import context_test
from etl.paths import LEXICON

N = len(yaml.safe_load(LEXICON.read_text(encoding="utf-8"))["units"])  # the index of a unit appended


def _with(tmp_path, change) -> object:
    raw = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    (lambda r: r["units"].append({"phrase": "lượt xe", "indicator": "reception_turns", "needs": "vehicle"}),
     f"units[{N}]: needs 'vehicle' không có trong các phép thử ngữ cảnh"),
    (lambda r: r["units"].append({"phrase": "bài", "indicator": "articles"}), f"units[{N}]: chỉ tiêu lạ 'articles'"),
    (lambda r: r["units"].append({"phrase": "vụ", "indicator": "petitions", "breakdown": "case"}),
     f"units[{N}]: phân tổ 'case' không thuộc chỉ tiêu 'petitions'"),
    (lambda r: r["units"].append({"phrase": "vụ", "indicator": "petitions", "need": "petition"}),
     f"units[{N}]: khóa lạ 'need'"),
    (lambda r: r["context"].pop("dvk"), "context: thiếu khóa 'dvk'"),
    (lambda r: r["context"].update(extra=["x"]), "context: khóa lạ 'extra'"),
    (lambda r: r["breakdowns"]["petitions"].append({"breakdown": "cases", "words": ["vụ"]}),
     "breakdowns.petitions[5]: phân tổ lạ 'cases'"),
    (lambda r: r.pop("comparison"), "(tệp): thiếu khóa 'comparison'"),
])
def test_a_wrong_entry_is_an_error(tmp_path, change, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
                       .replace("]", r"\]")):
        load_lexicon(_with(tmp_path, change))


def test_the_bundled_lexicon_loads_and_every_context_test_has_a_rule():
    lex = load_lexicon()
    assert {u.needs for u in lex.units} - {""} <= set(CONTEXT_TESTS)
    assert all(callable(context_test(name)) for name in CONTEXT_TESTS)
