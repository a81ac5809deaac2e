"""domain.kinds: the one list of period kinds and qualifiers is the one the database schema allows."""
import re
from pathlib import Path

import pytest

from core.data import period
from core.words import fmt
from domain.kinds import PERIOD_KINDS, QUALIFIERS

SCHEMA = Path(__file__).resolve().parents[2] / "etl" / "sql" / "schema.sql"


def _check_list(column: str) -> tuple[str, ...]:
    """The values of `CHECK (<column> IN ('a', 'b'))` in etl/sql/schema.sql, in their order."""
    found = re.findall(rf"CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)\s*\)", SCHEMA.read_text(encoding="utf-8"))
    assert len(found) == 1, f"one CHECK on {column} in {SCHEMA.name}, found {len(found)}"
    return tuple(re.findall(r"'([^']*)'", found[0]))


@pytest.mark.parametrize(("column", "values"), [("period_kind", PERIOD_KINDS), ("qualifier", QUALIFIERS)])
def test_the_schema_allows_exactly_these(column, values):
    assert _check_list(column) == values


def test_core_reads_the_same_lists():
    assert period.PERIOD_KINDS is PERIOD_KINDS
    # a period key of every kind is read back; anything else is refused
    for kind in PERIOD_KINDS:
        assert period.Period.from_key(f"{kind}:2024-01-01:2024-03-31").kind == kind
    with pytest.raises(ValueError):
        period.Period.from_key("week:2024-01-01:2024-01-07")


@pytest.mark.parametrize(("qualifier", "expected"), [("exact", "40"), ("at_least", "hơn 40"), ("approx", "khoảng 40"),
                                                     ("unheard_of", "40")])
def test_every_qualifier_has_its_words(qualifier, expected):
    assert fmt.qualified(40, qualifier) == expected
