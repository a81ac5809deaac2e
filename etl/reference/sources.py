"""Reading the public sources of the reference tables: files of a git repository (a bare mirror
or a checkout) and the facts in them: codes, names, kinds, membership and the old → new mapping."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from etl.errors import InputError

# The files of dvhcvn/20250701 (MIT) and daohoangson/dvhcvn (GPL-3.0: facts only) that are read.
PROVINCES_CSV = "input/docs/915_CTK-CSCL.csv"
UNITS_MD = "input/docs/1027_CTK-CSCL.md"
MERGES_JSON = "mapping/merges.json"
SPLITS_JSON = "mapping/splits.json"
LICENSE = "LICENSE"
SORTED_JSON = "data/sorted.json"
SORTED_DATE = "data/date.txt"

_KIND_RE = re.compile(r"^(Phường|Xã|Đặc khu)\s+(.+)$")


@dataclass(frozen=True)
class Repo:
    """A repository on this machine: a bare git directory (read with `git show HEAD:path`) or a checkout."""

    path: Path

    def text(self, name: str) -> str:
        plain = self.path / name
        if plain.is_file():
            return plain.read_text(encoding="utf-8")
        try:
            done = subprocess.run(["git", "-C", str(self.path), "show", f"HEAD:{name}"], capture_output=True,
                                  check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise InputError(f"không đọc được {name} (cannot read): {exc}", where=str(self.path)) from None
        return done.stdout.decode("utf-8")

    def commit(self) -> tuple[str, str]:
        """(commit hash, commit date yyyy-mm-dd) of HEAD, or ('', '') for a plain folder."""
        try:
            done = subprocess.run(["git", "-C", str(self.path), "log", "-1", "--format=%H %cs"], capture_output=True,
                                  check=True, text=True)
        except (OSError, subprocess.CalledProcessError):
            return "", ""
        sha, _, day = done.stdout.strip().partition(" ")
        return sha, day


@dataclass(frozen=True)
class NewProvince:
    code: str  # GSO code, Công văn 915/CTK-CSCL
    name: str  # as printed: "Thành phố Hà Nội", "Gia Lai"


@dataclass(frozen=True)
class NewUnit:
    """A commune-level unit from 1 July 2025 (Công văn 1027/CTK-CSCL)."""

    code: str
    kind: str  # phường, xã, đặc khu
    name: str  # without the kind: "Ba Đình", "Văn Miếu - Quốc Tử Giám"
    province_code: str


@dataclass(frozen=True)
class OldUnit:
    """A unit before 1 July 2025 (daohoangson/dvhcvn data/sorted.json)."""

    code: str
    name: str
    kind: str  # tỉnh, thành phố, quận, huyện, thị xã, xã, phường, thị trấn
    level: str  # province, district, commune
    parent_code: str


@dataclass(frozen=True)
class Merge:
    """Old unit `old_code` went into new unit `new_code`, all of it (`whole`) or a part."""

    new_code: str
    old_code: str
    whole: bool


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("<br>", " ")).strip()


def read_new_provinces(text: str) -> list[NewProvince]:
    rows = list(csv.reader(io.StringIO(text)))
    out = [NewProvince(code.strip(), name.strip()) for _n, code, name in rows[1:] if code.strip()]
    if len(out) != 34:
        raise InputError(f"cần 34 tỉnh/thành, có {len(out)}", where=PROVINCES_CSV)
    return out


def read_new_units(text: str, provinces: list[NewProvince]) -> list[NewUnit]:
    """The units of the markdown tables, in the order printed; a row without a number opens a province."""
    by_name = {province_key(p.name): p.code for p in provinces}
    out: list[NewUnit] = []
    province = ""
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("|"):
            continue
        cells = [_clean(c) for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] == "Stt" or set(cells[0]) == {"-"}:
            continue
        where = f"{UNITS_MD} dòng {line_no}"
        if not cells[0] and not cells[1]:
            province = by_name.get(province_key(cells[2]), "")
            if not province:
                raise InputError(f"không rõ tỉnh {cells[2]!r}", where=where)
            continue
        m = _KIND_RE.match(cells[2])
        if not province or not re.fullmatch(r"\d{5}", cells[1]) or not m:
            raise InputError(f"dòng không đọc được: {line.strip()!r}", where=where)
        out.append(NewUnit(cells[1], m.group(1).lower(), m.group(2), province))
    return out


def province_key(name: str) -> str:
    """"Thành phố Hà Nội", "TỈNH GIA LAI", "Gia Lai" → the name alone, lower case."""
    low = name.lower()
    return re.sub(r"^(thành phố|tỉnh|tp\.?)\s+", "", low).strip()


def read_province_merges(text: str) -> dict[str, list[str]]:
    """New province code → the old province codes it was formed from (every one of them whole)."""
    data = json.loads(text)["data"]
    part = [f"{m['old_id']} → {p['level1_id']}" for p in data for m in p["merges"] if m["type"] != "full"]
    if part:
        raise InputError(f"tỉnh chỉ nhập một phần: {part}", where=MERGES_JSON)
    return {p["level1_id"]: [m["old_id"] for m in p["merges"]] for p in data}


def read_merges(text: str) -> tuple[list[Merge], dict[str, str]]:
    """(every old → new link, new unit code → its province code) from mapping/merges.json."""
    links: list[Merge] = []
    province_of: dict[str, str] = {}
    for p in json.loads(text)["data"]:
        for unit in p["level2s"]:
            province_of[unit["level2_id"]] = p["level1_id"]
            for m in unit["merges"]:
                if m["type"] not in ("full", "partial"):
                    raise InputError(f"type {m['type']!r} của {unit['level2_id']} không rõ", where=MERGES_JSON)
                links.append(Merge(unit["level2_id"], m["old_id"], m["type"] == "full"))
    return links, province_of


def read_split_pairs(text: str) -> set[tuple[str, str]]:
    """(old code, new code) pairs of mapping/splits.json, to check merges.json against."""
    out: set[tuple[str, str]] = set()
    for p in json.loads(text)["data"]:
        for level in ("level2s", "level3s"):
            for unit in p.get(level, []):
                out.update((unit[f"{level[:-1]}_id"], s["new_id"]) for s in unit["splits"])
    return out


def read_old_units(text: str) -> list[OldUnit]:
    """Provinces, districts and communes of sorted.json: [code, name, kind, ascii name, children]."""
    out: list[OldUnit] = []

    def walk(items: list, level: int, parent: str) -> None:
        for code, name, kind, _ascii, *children in items:
            lvl = ("province", "district", "commune")[level]
            out.append(OldUnit(code, name.strip(), kind.strip().lower(), lvl, parent))
            if children and level < 2:
                walk(children[0], level + 1, code)

    walk(json.loads(text), 0, "")
    return out
