"""domain/excerpt.py: what a message quotes of an input is escaped and short."""
import pytest

from domain.excerpt import shown


@pytest.mark.parametrize(("text", "limit", "quoted"), [
    ("Gia Lai", 40, "'Gia Lai'"),
    ("a\x0bb\x1b[31m", 40, "'a\\x0bb\\x1b[31m'"),
    ("x" * 40, 40, "'" + "x" * 40 + "'"),
    ("x" * 41, 40, "'" + "x" * 40 + "'… (41 ký tự)"),
    ("root:$6$abc:19000:0:99999:7:::", 8, "'root:$6$'… (30 ký tự)"),
    (12.5, 40, "'12.5'"),
])
def test_shown(text, limit, quoted):
    assert shown(text, limit) == quoted
