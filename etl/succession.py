"""What became of each unit on 1 July 2025: the communes before it (data/reference/former_communes.csv)
and the links from old units to the new ones that took their area, wholly or in part (links.csv)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FORMER_COMMUNES = "former_communes.csv"
LINKS = "links.csv"


@dataclass(frozen=True)
class FormerCommune:
    """A commune, ward or township before 1 July 2025; its parent is a district (a locality)."""

    id: str
    name: str
    kind: str  # xã, phường, thị trấn
    gso_code: str
    parent_id: str
    valid_to: date


@dataclass(frozen=True)
class Link:
    """Old unit `old_id` (a district or a former commune) went into new unit `new_id`."""

    old_id: str
    new_id: str
    share: str  # whole: all of the old unit's area went there; part: some of it
    new_inside_old: bool  # the new unit lies wholly within the old one


class Succession:
    def __init__(self, former: list[FormerCommune] | None = None, links: list[Link] | None = None) -> None:
        self.former = former or []
        self.links = links or []
        self.former_by_id = {c.id: c for c in self.former}
        self._after: dict[str, list[Link]] = {}
        self._before: dict[str, list[Link]] = {}
        for link in self.links:
            self._after.setdefault(link.old_id, []).append(link)
            self._before.setdefault(link.new_id, []).append(link)

    @classmethod
    def load(cls, folder: Path) -> Succession:
        """The two files under `folder`; an empty succession when they are not there."""
        if not (folder / LINKS).is_file():
            return cls()
        with (folder / FORMER_COMMUNES).open(encoding="utf-8", newline="") as f:
            former = [FormerCommune(r["id"], r["name"], r["kind"], r["gso_code"], r["parent_id"],
                                    date.fromisoformat(r["valid_to"])) for r in csv.DictReader(f)]
        with (folder / LINKS).open(encoding="utf-8", newline="") as f:
            links = [Link(r["old_id"], r["new_id"], r["share"], r["new_inside_old"] == "yes")
                     for r in csv.DictReader(f)]
        return cls(former, links)

    def successors(self, old_id: str) -> list[Link]:
        """The links from an old unit to the new units that took its area."""
        return self._after.get(old_id, [])

    def predecessors(self, new_id: str) -> list[Link]:
        """The links to a new unit from the old districts and communes it was formed from."""
        return self._before.get(new_id, [])
