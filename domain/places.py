"""A place's name resolved to the units it means over a span of days: an id as itself; a name or alias in any
case and spacing; the same place before and after the July 2025 reform as two units (two series)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol


class Place(Protocol):
    """What resolving a name needs of a unit (etl.gazetteer.Locality and core.data.catalog.CatalogPlace have it)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...
    @property
    def successor_id(self) -> str | None: ...


def fold_name(text: str) -> str:
    """Comparison key for names: NFC, case-folded, spaces collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().casefold()


def exists_between(place: Place, first_day: dt.date, last_day: dt.date) -> bool:
    """Whether the unit existed on some day from `first_day` to `last_day`."""
    if place.valid_from is not None and place.valid_from > last_day:
        return False
    return place.valid_to is None or place.valid_to >= first_day


def _successor_chain(places: Sequence[Place]) -> bool:
    """True when the units are one place before and after a reform (each the successor of another)."""
    ids = {p.id for p in places}
    linked = {p.id for p in places if p.successor_id in ids} | {p.successor_id for p in places if p.successor_id in ids}
    return linked == ids


def resolve_locality(value: object, places: Sequence[Place], first_day: dt.date,
                     last_day: dt.date) -> tuple[list[str], str | None]:
    """(ids, problem): the units `value` names that existed between the two days, or a message saying why none.

    One name may give two ids when it names the same place before and after the reform; a name shared by
    two unrelated units is a problem (write the id)."""
    if not isinstance(value, str) or not value.strip():
        return [], f"địa phương {value!r} không hợp lệ"
    text = value.strip()
    if any(p.id == text for p in places):
        return [text], None
    key = fold_name(text)
    named = [p for p in places if key == fold_name(p.name) or key in {fold_name(a) for a in p.aliases}]
    if not named:
        return [], f"không có địa phương '{text}' (dùng tên hoặc mã như ha-noi, gia-lai.pleiku)"
    existing = [p for p in named if exists_between(p, first_day, last_day)]
    if not existing:
        return [], f"địa phương '{text}' không tồn tại trong các năm đã chọn ({', '.join(p.id for p in named)})"
    if len(existing) > 1 and not _successor_chain(existing):
        return [], f"tên '{text}' chỉ nhiều địa phương: {', '.join(p.id for p in existing)}; hãy ghi mã"
    return [p.id for p in existing], None
