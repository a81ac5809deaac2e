"""A place as an analyst's table or a report's figure names it → the locality of the gazetteer, or an
InputError naming the place and the nearest known names. The one home of this for the ETL
(core has its own pure resolver for deck specs and never imports etl)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from etl.errors import InputError, nearest, shown
from etl.gazetteer import Gazetteer, Locality
from etl.locindex import index_for


@dataclass(frozen=True)
class Candidates:
    """The localities a name can mean, before the date says which (see choose_locality)."""

    name: str
    province: str
    found: tuple[Locality, ...]


def resolve_locality(gaz: Gazetteer, name: str, province: str, on: date | None) -> Locality:
    """A locality by id, name, 'huyện X' or 'X (Tỉnh)', as it was on `on`; raises InputError with
    the nearest names."""
    found = locality_candidates(gaz, name, province)
    return found if isinstance(found, Locality) else choose_locality(gaz, found, on)


def locality_candidates(gaz: Gazetteer, name: str, province: str) -> Locality | Candidates:
    """The part of resolve_locality that does not depend on the date: the locality itself, or the
    candidates for choose_locality. Raises InputError like resolve_locality."""
    raw = name.strip()
    if raw in gaz.by_id:
        return gaz.by_id[raw]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    if m:
        raw, province = m.group(1), province or m.group(2)
    index = index_for(gaz)
    found = index.find(raw, province=province or None)
    if not found and province:
        found = index.find(raw)
        if found:
            where = gaz.province_of(found[0]).name
            raise InputError(f"địa phương {shown(raw)} không thuộc {shown(province)} (thuộc {where})")
    if not found:
        raise InputError(f"địa phương không có trong danh mục: {shown(raw)}{nearest(gaz.suggest(raw))}")
    return Candidates(raw, province, tuple(found))


def choose_locality(gaz: Gazetteer, candidates: Candidates, on: date | None) -> Locality:
    """Among the localities a name can mean, the one valid on `on` (one candidate: that one)."""
    valid = [loc for loc in candidates.found if loc.valid_on(on)] or list(candidates.found)
    districts = [loc for loc in valid if loc.level == "district"] or [loc for loc in valid if loc.level == "commune"]
    if len({gaz.province_of(loc).id for loc in districts}) > 1 and not candidates.province:
        names = ", ".join(f"{loc.name} ({gaz.province_of(loc).name})" for loc in districts)
        raise InputError(f"tên {shown(candidates.name)} có ở nhiều tỉnh ({names}): thêm cột province")
    return (districts or valid)[0]


def resolve_province(gaz: Gazetteer, name: str, on: date | None) -> Locality:
    """The province called `name` as it was on `on`; raises InputError with the nearest names."""
    found = gaz.resolve_province(name, on)
    if found is None:
        near = nearest(gaz.suggest(name, level="province"))
        raise InputError(f"tỉnh/thành không có trong danh mục: {shown(name)}{near}")
    return found
