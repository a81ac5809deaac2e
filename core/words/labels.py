"""Display names for ids, built from the catalog tables the queries return (in the chosen language)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from core.words import fmt
from core.words.i18n import t


def locality_labels(localities: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """id → "Hà Nội", "Sóc Sơn (Hà Nội)", "Gia Lai (từ 01/07/2025)"."""
    columns = (localities[c].tolist() for c in ("id", "name", "level", "parent_name", "valid_from"))
    return {
        id_: fmt.locality_label(name, level, parent_name, valid_from, lang)
        for id_, name, level, parent_name, valid_from in zip(*columns, strict=True)
    }


def chart_locality_labels(ids: Sequence[str], localities: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """Labels of the units on one chart, in the order of `ids`: as `locality_labels`, and a unit that
    ended says until when when another unit on the chart has its name ("Gia Lai (đến 30/06/2025)")."""
    rows = localities.set_index("id")
    found = [i for i in ids if i in rows.index]
    names = locality_labels(localities[localities["id"].isin(found)], lang)
    out = {}
    for i in found:
        label, valid_to = names[i], fmt.date(rows.at[i, "valid_to"], lang)
        namesake = any(j != i and rows.at[j, "name"] == rows.at[i, "name"] for j in found)
        out[i] = t("locality.until", lang, name=label, until=valid_to) if namesake and valid_to else label
    return out


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
