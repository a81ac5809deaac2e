"""Finding localities by name in constant time, for gazetteers of any size (10,000+ communes).

`Gazetteer.find` compares the name with every locality; an analyst table with thousands of
distinct places needs a lookup table instead. `LocalityIndex.find` gives exactly the same
answer (same localities, same order) from a dict built once per gazetteer.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from weakref import WeakKeyDictionary

from etl.errors import InputError
from etl.gazetteer import Gazetteer, Locality, of_kinds, split_kind
from etl.succession import Succession
from etl.textnorm import fold

LEVELS = ("province", "district", "commune")
LOCALITY_COLUMNS = ("id", "name", "kind", "level", "gso_code", "parent_id", "valid_from", "valid_to",
                    "successor_id", "aliases", "note")


class LocalityIndex:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._by_name: dict[str, list[Locality]] = {}
        self._names: dict[str, frozenset[str]] = {}
        for loc in gaz.localities:
            names = frozenset(fold(n) for n in gaz.names_of(loc))
            self._names[loc.id] = names
            for key in names:
                self._by_name.setdefault(key, []).append(loc)
        self._province_names: dict[str, frozenset[str]] = {}

    def _names_of_province(self, loc: Locality) -> frozenset[str]:
        got = self._province_names.get(loc.id)
        if got is None:
            got = self._names[self.gaz.province_of(loc).id]
            self._province_names[loc.id] = got
        return got

    def find(self, name: str, *, level: str | None = None, province: str | None = None,
             on: date | None = None) -> list[Locality]:
        """What `Gazetteer.find` returns, looked up instead of searched."""
        key, kinds = split_kind(name)
        out = of_kinds([loc for loc in self._by_name.get(key, ())
                        if (level is None or loc.level == level) and loc.valid_on(on)], kinds)
        if province:
            pkey = fold(province)
            out = [loc for loc in out
                   if loc.level == "province" and pkey in self._names[loc.id]
                   or loc.level != "province" and pkey in self._names_of_province(loc)]
        return out


_INDEXES: WeakKeyDictionary[Gazetteer, LocalityIndex] = WeakKeyDictionary()


def index_for(gaz: Gazetteer) -> LocalityIndex:
    """The index of `gaz`, built on first use and kept as long as the gazetteer lives."""
    idx = _INDEXES.get(gaz)
    if idx is None:
        idx = LocalityIndex(gaz)
        _INDEXES[gaz] = idx
    return idx


class ExtendedGazetteer(Gazetteer):
    """The bundled localities plus extra ones (an analyst's or the synthetic set's communes).

    What Gazetteer builds for finding places in report text is built only when a report is read
    with it: tables never need it, and for 10,000 communes it takes seconds.
    """

    def __init__(self, localities: list[Locality], succession: Succession | None = None) -> None:  # noqa: D107
        self._init_places(localities, succession)  # the text index waits

    def __getattr__(self, name: str) -> object:
        # Only reached for an attribute that is not there yet: the text index Gazetteer builds.
        if name.startswith("_") and not name.startswith("__") and "_text_index_built" not in self.__dict__:
            self.__dict__["_text_index_built"] = True
            self._build_text_index()
            return getattr(self, name)
        raise AttributeError(name)


def _date(text: str, where: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"ngày không hợp lệ {text!r} (cần yyyy-mm-dd)", where=where) from None


def read_extra_localities(data: bytes, name: str, known: Gazetteer) -> list[Locality]:
    """Localities of an extra CSV with the columns of data/localities.csv; raises InputError naming
    the file and row for a missing column, a bad level or date, a clash with a known id, or a parent
    that does not exist."""
    from etl.textio import decode_bytes  # noqa: PLC0415

    text = decode_bytes(data, name)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in LOCALITY_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"thiếu cột {', '.join(missing)}", where=name)
    out: list[Locality] = []
    ids = set(known.by_id)
    for line, r in enumerate(reader, start=2):
        where = f"{name} dòng {line}"
        cells = {k: (r.get(k) or "").strip() for k in LOCALITY_COLUMNS}
        if not cells["id"] or not cells["name"] or not cells["kind"]:
            raise InputError("cần id, name và kind", where=where)
        if cells["level"] not in LEVELS:
            raise InputError(f"level {cells['level']!r} không hợp lệ (chọn: {', '.join(LEVELS)})", where=where)
        if cells["id"] in ids:
            raise InputError(f"mã {cells['id']!r} đã có", where=where)
        if cells["parent_id"] and cells["parent_id"] not in ids:
            raise InputError(f"parent_id {cells['parent_id']!r} không có (địa phương cha phải đứng trước)", where=where)
        ids.add(cells["id"])
        out.append(Locality(
            id=cells["id"], name=cells["name"], kind=cells["kind"], level=cells["level"],
            gso_code=cells["gso_code"], parent_id=cells["parent_id"], valid_from=_date(cells["valid_from"], where),
            valid_to=_date(cells["valid_to"], where), successor_id=cells["successor_id"],
            aliases=tuple(a for a in cells["aliases"].split("|") if a), note=cells["note"]))
    return out
