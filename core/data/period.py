"""What period a figure covers, and the short key that names it in a URL ("2024", "partial:2024-01-01:2024-07-31")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.data.missing import is_missing
from domain.kinds import PERIOD_KINDS


@dataclass(frozen=True, order=True)
class Period:
    """A period kind with its first and last day (either may be unknown)."""

    kind: str
    start: dt.date | None
    end: dt.date | None

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_full_year(self) -> bool:
        return (
            self.kind == "year"
            and self.start is not None
            and self.end is not None
            and self.start == dt.date(self.end.year, 1, 1)
            and self.end == dt.date(self.end.year, 12, 31)
        )

    @property
    def key(self) -> str:
        if self.is_full_year:
            assert self.end is not None
            return str(self.end.year)
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{self.kind}:{start}:{end}"

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The period a key names; ValueError for anything else."""
        key = key.strip()
        if key.isdigit() and len(key) == 4:
            return cls.year(int(key))
        parts = key.split(":")
        if len(parts) != 3 or parts[0] not in PERIOD_KINDS:
            raise ValueError(f"not a period key: {key!r}")
        start = dt.date.fromisoformat(parts[1]) if parts[1] else None
        end = dt.date.fromisoformat(parts[2]) if parts[2] else None
        if start and end and start > end:
            raise ValueError(f"period ends before it starts: {key!r}")
        return cls(parts[0], start, end)


def as_date(value: object) -> dt.date | None:
    """A date from what DuckDB and pandas hand back (date, Timestamp, NaT, None)."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()  # type: ignore[arg-type]
