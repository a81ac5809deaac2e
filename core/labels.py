"""Display names for ids, built from the catalog tables the queries return (in the chosen language)."""
from __future__ import annotations

import pandas as pd

from core import fmt


def locality_labels(localities: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """id → "Hà Nội", "Sóc Sơn (Hà Nội)", "Gia Lai (từ 01/07/2025)"."""
    return {
        row.id: fmt.locality_label(row.name, row.level, row.parent_name, row.valid_from, lang)
        for row in localities.itertuples()
    }


def indicator_labels(indicators: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """code → indicator name."""
    return dict(zip(indicators["code"], indicators[f"name_{lang}"], strict=True))


def indicator_units(indicators: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """code → unit ("lượt", "đơn", …)."""
    return dict(zip(indicators["code"], indicators[f"unit_{lang}"], strict=True))


def breakdown_labels(breakdowns: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """breakdown code → name, for the breakdowns of one indicator."""
    return dict(zip(breakdowns["code"], breakdowns[f"name_{lang}"], strict=True))


def province_ids(localities: pd.DataFrame) -> list[str]:
    """Ids of the provinces in `localities` (catalog order)."""
    return localities.loc[localities["level"] == "province", "id"].tolist()
