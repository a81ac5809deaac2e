"""What a publish changed, read from the database before and after it: how many figures, and which
place × indicator yearly series now span more years ("Hà Nội · lượt tiếp công dân nay 2019–2024")."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

SQL = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Span:
    """The full years of one place × indicator series (breakdown total)."""

    locality_id: str
    place: str
    indicator: str
    indicator_vi: str
    first_year: int
    last_year: int
    n_years: int

    @property
    def name(self) -> str:
        return f"{self.place} · {self.indicator_vi[:1].lower()}{self.indicator_vi[1:]}"

    def label(self) -> str:
        years = str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"
        return f"{self.name} nay {years}"

    def gone_label(self) -> str:
        return f"{self.name} không còn số liệu năm"


@dataclass
class Changes:
    observations_before: int = 0
    observations_after: int = 0
    grown: list[Span] = field(default_factory=list)  # series that gained years at either end, or a first year
    shrunk: list[Span] = field(default_factory=list)  # series that lost years at either end (as they are now)
    gone: list[Span] = field(default_factory=list)  # series with no full year any more (as they were)

    @property
    def delta(self) -> int:
        return self.observations_after - self.observations_before


def _sql(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def read_state(db: Path) -> tuple[int, dict[tuple[str, str], Span]]:
    """The number of figures and the yearly spans of a built database (0 and none when it is missing)."""
    if not db.exists():
        return 0, {}
    # ATTACHed into a fresh in-memory DuckDB, not connect(path): inside a process DuckDB hands out one
    # instance per path, which still shows the file as it was before a swap (see core/db.py).
    con = duckdb.connect()
    try:
        con.execute("ATTACH $path AS db (READ_ONLY)", {"path": str(db)})
        con.execute("USE db")
        n = con.execute(_sql("observation_count")).fetchone()[0]
        rows = con.execute(_sql("year_spans"), {"breakdown": "total"}).fetchall()
    finally:
        con.close()
    spans = {}
    for loc, province, district, indicator, indicator_vi, first, last, n_years in rows:
        place = f"{district} ({province})" if district else province
        spans[(loc, indicator)] = Span(loc, place, indicator, indicator_vi, first, last, n_years)
    return n, spans


def compare(before: tuple[int, dict[tuple[str, str], Span]], after: tuple[int, dict[tuple[str, str], Span]]) -> Changes:
    n_before, old = before
    n_after, new = after
    grown = [s for key, s in sorted(new.items())
             if key not in old or s.first_year < old[key].first_year or s.last_year > old[key].last_year]
    shrunk = [s for key, s in sorted(new.items())
              if key in old and (s.first_year > old[key].first_year or s.last_year < old[key].last_year)]
    gone = [s for key, s in sorted(old.items()) if key not in new]
    return Changes(n_before, n_after, grown, shrunk, gone)
