"""The indicator catalog (data/indicators.yaml): codes, names, units, breakdowns and their parts."""
from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from etl.paths import INDICATORS


@dataclass(frozen=True)
class Breakdown:
    code: str
    name_vi: str
    name_en: str
    part_of: str


@dataclass(frozen=True)
class Indicator:
    code: str
    name_vi: str
    name_en: str
    unit_vi: str
    unit_en: str
    description_vi: str
    description_en: str
    headline: bool
    order: int
    breakdowns: tuple[Breakdown, ...]
    max_value: float  # the bound of its unit (value_bounds in data/indicators.yaml)

    def breakdown(self, code: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.code == code), None)


@dataclass(frozen=True)
class Catalog:
    indicators: tuple[Indicator, ...]

    def get(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    def suggest(self, code: str) -> list[str]:
        return difflib.get_close_matches(code, self.codes, n=3, cutoff=0.4)

    def children(self, indicator: str, parent: str) -> list[str]:
        ind = self.get(indicator)
        return [b.code for b in ind.breakdowns if b.part_of == parent] if ind else []

    def parts_present(self, indicator: str, parent: str, present: Collection[str]) -> list[str]:
        """The parts of `parent` among `present`: its children, or for a child not present, that
        child's own parts (the breakdowns whose sum may not exceed the parent)."""
        out: list[str] = []
        for child in self.children(indicator, parent):
            if child in present:
                out.append(child)
            else:
                out.extend(self.parts_present(indicator, child, present))
        return out


@lru_cache(maxsize=4)
def load_catalog(path: Path = INDICATORS) -> Catalog:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    bounds = raw["value_bounds"]
    out = []
    for item in raw["indicators"]:
        if item["unit_en"] not in bounds:
            raise ValueError(f"{path.name}: value_bounds has no bound for {item['unit_en']!r} ({item['code']})")
        out.append(Indicator(
            code=item["code"], name_vi=item["name_vi"], name_en=item["name_en"],
            unit_vi=item["unit_vi"], unit_en=item["unit_en"],
            description_vi=" ".join(item["description_vi"].split()),
            description_en=" ".join(item["description_en"].split()),
            headline=bool(item.get("headline")), order=int(item["order"]),
            breakdowns=tuple(Breakdown(b["code"], b["name_vi"], b["name_en"], b.get("part_of", ""))
                             for b in item["breakdowns"]),
            max_value=float(bounds[item["unit_en"]]),
        ))
    return Catalog(tuple(sorted(out, key=lambda i: i.order)))
