"""Display names for ids, built from the catalog tables the queries return (in the chosen language)."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence

import pandas as pd

from core.words import fmt
from core.words.i18n import t

_COLUMNS = ("name", "level", "parent_name", "valid_from", "kind", "valid_to")


class _Labels(Mapping[str, str]):
    """id → label, each written when first asked for: a page lists 3,500 places (the communes and wards of the
    whole country) but names a few dozen, and writing every label took 15 ms a run."""

    def __init__(self, localities: pd.DataFrame, write: Callable[..., str]) -> None:
        # .array indexes a column without converting it: a date comes back a Timestamp (or NaT), lazily
        self._columns = [localities[c].array if c in localities else [None] * len(localities) for c in _COLUMNS]
        self._at = dict(zip(localities["id"].tolist(), range(len(localities)), strict=True))
        self._write, self._done = write, {}

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            at = self._at[key]
            self._done[key] = self._write(*(column[at] for column in self._columns))
        return self._done[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def locality_labels(localities: pd.DataFrame, lang: str = "vi") -> Mapping[str, str]:
    """id → "Hà Nội", "Sóc Sơn (Hà Nội)", "phường Ba Đình (Hà Nội)", "Gia Lai (từ 01/07/2025)"."""
    def write(name: str, level: str, parent_name: str | None, valid_from: object, kind: str | None,
              _valid_to: object) -> str:
        return fmt.locality_label(name, level, parent_name, valid_from, lang, kind=kind)
    return _Labels(localities, write)


def place_option_labels(localities: pd.DataFrame, lang: str = "vi") -> Mapping[str, str]:
    """id → the label a list of places shows, the era visible: a unit that ended says until when ("huyện Sóc Sơn
    (Hà Nội) — đến 30/06/2025", "Gia Lai (đến 30/06/2025)"); a unit below a province names its kind and province
    ("phường Ba Đình (Hà Nội)"); a province made by the reform says since when ("Gia Lai (từ 01/07/2025)")."""
    def write(name: str, level: str, parent_name: str | None, valid_from: object, kind: str | None,
              valid_to: object) -> str:
        label = fmt.locality_label(name, level, parent_name, valid_from, lang, kind=kind, district_kind=True)
        if level == "province":
            until = fmt.date(valid_to, lang)
            return t("locality.until", lang, name=label, until=until) if until else label
        return fmt.until_label(label, valid_to, lang)
    return _Labels(localities, write)


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


def sort_key(name: str) -> str:
    """A place name as Vietnamese lists order it, near enough: case and tone marks ignored, Đ with D."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


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
