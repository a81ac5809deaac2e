"""The catalog tables a chart is described with: indicators, breakdowns and localities as the database has them."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from core.data import queries
from core.data.db import database_at, database_version
from core.data.missing import is_missing, text_or_none
from core.data.period import as_date


@dataclass(frozen=True)
class CatalogPlace:
    """One row of the localities table as domain.places.resolve_locality reads it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: str | None


@dataclass(frozen=True)
class Catalog:
    """Indicators, breakdowns and localities: on the pages core.data.queries.localities (provinces and
    districts, with counts); for a deck spec queries.locality_catalog (every level, with aliases)."""

    indicators: pd.DataFrame
    breakdowns: pd.DataFrame
    localities: pd.DataFrame

    def indicator(self, code: str) -> Mapping[str, Any]:
        """The indicator's row (KeyError when the catalog has no such code)."""
        return self.indicators.set_index("code").loc[code].to_dict()

    def breakdown(self, indicator: str, code: str) -> Mapping[str, Any]:
        """The breakdown's row (IndexError when the indicator has no such breakdown)."""
        rows = self.breakdowns[(self.breakdowns["indicator"] == indicator) & (self.breakdowns["code"] == code)]
        return rows.iloc[0].to_dict()

    def unit(self, indicator: str, lang: str = "vi") -> str:
        """"lượt", "đơn", …; "" for an unknown indicator."""
        rows = self.indicators[self.indicators["code"] == indicator]
        return str(rows.iloc[0][f"unit_{lang}"]) if len(rows) else ""

    def breakdown_name(self, indicator: str, code: str | None, lang: str = "vi") -> str:
        """"Tổng số", "Tập thể", …; "" for no breakdown or an unknown one."""
        rows = self.breakdowns[(self.breakdowns["indicator"] == indicator) & (self.breakdowns["code"] == code)]
        return str(rows.iloc[0][f"name_{lang}"]) if len(rows) else ""

    def places(self) -> list[CatalogPlace]:
        """The localities as places to resolve names against (needs the locality_catalog columns)."""
        table = self.localities
        columns = (table[c].tolist() for c in ("id", "name", "aliases", "valid_from", "valid_to", "successor_id"))
        return [
            CatalogPlace(id_, name, () if is_missing(aliases) else tuple(aliases), as_date(valid_from),
                         as_date(valid_to), text_or_none(successor))
            for id_, name, aliases, valid_from, valid_to, successor in zip(*columns, strict=True)
        ]


@lru_cache(maxsize=4)
def _catalog(version: tuple[str, int, int, int]) -> Catalog:
    with database_at(version[0]):
        return Catalog(queries.indicators(), queries.breakdowns(), queries.locality_catalog())


def load_catalog(db: str | os.PathLike[str] | None = None) -> Catalog:
    """The catalog of the database at `db` (else the usual setting) with every locality and its aliases,
    read again whenever the ETL has swapped in a new file; core.data.db.DatabaseMissing when there is none."""
    with database_at(db):
        return _catalog(database_version())
