"""The localities the project knows (data/localities.csv) and finding them in text."""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from etl.paths import LOCALITIES
from etl.textnorm import fold, strip_accents


@dataclass(frozen=True)
class Locality:
    id: str
    name: str
    kind: str  # tỉnh, thành phố, quận, huyện, thị xã, phường
    level: str  # province, district, commune
    gso_code: str
    parent_id: str
    valid_from: date | None
    valid_to: date | None
    successor_id: str
    aliases: tuple[str, ...]
    note: str

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True)
class Mention:
    """A place named in text. `candidates` are every locality the words can mean."""

    start: int
    end: int
    text: str
    candidates: tuple[Locality, ...]
    level: str  # province | district | commune
    strong: bool  # "ở huyện X", "tỉnh X": the place itself, not an office's title
    province_hint: tuple[Locality, ...] = ()  # "(tỉnh Gia Lai)" right after
    unknown_name: str = ""  # "huyện Xuyên Mộc" when not in the gazetteer


# Words before a place name that make it the title of an office or a person, not the place.
_OFFICE_WORDS = ("thành ủy", "tỉnh ủy", "huyện ủy", "quận ủy", "thị ủy", "đảng ủy", "ubnd", "hđnd",
                 "ủy ban", "mttq", "ban dân vận", "công an", "thanh tra", "bí thư", "chủ tịch",
                 "trưởng ban", "đoàn đbqh", "văn phòng")
_PROVINCE_PREFIX = ("tỉnh ủy", "thành ủy", "ubnd tỉnh", "tỉnh", "thành phố", "tp.", "tp", "thủ đô")
_DISTRICT_PREFIX = {
    "quận": ("quận ủy", "quận", "q."),
    "huyện": ("huyện ủy", "huyện", "h."),
    "thị xã": ("thị ủy", "thị xã", "tx.", "tx"),
    "thành phố": ("thành ủy", "thành phố", "tp.", "tp"),
    "phường": ("phường", "p."),
    "xã": ("xã", "x."),
}
_WORD_RE = re.compile(r"[\wÀ-ỹ']+")
_NAME = r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][\wÀ-ỹ']*)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][\wÀ-ỹ']*){0,3})"
# Places not in the gazetteer, read from how they are written: "huyện Xuyên Mộc", "Thị ủy Phú Mỹ".
# Prefixes may be abbreviated: "H. Chư Sê", "TX. An Khê", "X. Ia Dêr", "P. Hội Phú".
_UNKNOWN_DISTRICT_RE = re.compile(
    r"(?<![\wÀ-ỹ])([Hh]uyện|[Qq]uận|[Tt]hị xã|[Hh]uyện ủy|[Qq]uận ủy|[Tt]hị ủy|H\.|Q\.|TX\.)\s*" + _NAME)
_UNKNOWN_COMMUNE_RE = re.compile(r"(?<![\wÀ-ỹ])([Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu|X\.|P\.|TT\.)\s*" + _NAME)


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


class Gazetteer:
    def __init__(self, localities: list[Locality]) -> None:
        self.by_id = {loc.id: loc for loc in localities}
        self.localities = localities
        self._by_name: dict[str, list[int]] = {}
        self._patterns = self._build_patterns()
        self._by_first: dict[str, list[tuple[str, list[int]]]] = {}
        for name, idx in self._by_name.items():
            first = _WORD_RE.findall(name)
            self._by_first.setdefault(first[0] if first else name, []).append((name, idx))

    @classmethod
    def load(cls, path: Path = LOCALITIES) -> "Gazetteer":
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        return cls([
            Locality(
                id=r["id"], name=r["name"], kind=r["kind"], level=r["level"], gso_code=r["gso_code"],
                parent_id=r["parent_id"], valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
                successor_id=r["successor_id"],
                aliases=tuple(a for a in r["aliases"].split("|") if a), note=r["note"],
            )
            for r in rows
        ])

    # --- lookups -----------------------------------------------------------------
    def knows_all_districts(self, province: Locality) -> bool:
        """Hà Nội and Gia Lai have every district in the gazetteer: an unknown name there is noise."""
        ids = {province.id, province.successor_id} - {""}
        return sum(1 for loc in self.localities if loc.parent_id in ids and loc.level == "district") >= 10

    def province_of(self, loc: Locality) -> Locality:
        while loc.parent_id:
            loc = self.by_id[loc.parent_id]
        return loc

    def names_of(self, loc: Locality) -> list[str]:
        return [loc.name, *loc.aliases]

    def find(self, name: str, *, level: str | None = None, province: str | None = None,
             on: date | None = None) -> list[Locality]:
        """Localities called `name` (any alias, any tone placement), optionally within a province."""
        key = fold(name.strip())
        key = re.sub(r"^(tỉnh|thành phố|tp\.?|quận|huyện|thị xã|phường|xã|q\.|h\.)\s+", "", key)
        out = [loc for loc in self.localities
               if key in {fold(n) for n in self.names_of(loc)}
               and (level is None or loc.level == level)
               and loc.valid_on(on)]
        if province:
            pkey = fold(province)
            out = [loc for loc in out
                   if loc.level == "province" and pkey in {fold(n) for n in self.names_of(loc)}
                   or loc.level != "province" and pkey in {fold(n) for n in self.names_of(self.province_of(loc))}]
        return out

    def suggest(self, name: str, *, level: str | None = None, n: int = 3) -> list[str]:
        """Nearest known names, for error messages."""
        pool: dict[str, str] = {}
        for loc in self.localities:
            if level and loc.level != level:
                continue
            for nm in self.names_of(loc):
                pool.setdefault(strip_accents(nm), nm)
        hits = difflib.get_close_matches(strip_accents(name), list(pool), n=n, cutoff=0.5)
        return [pool[h] for h in hits]

    def resolve_province(self, name: str, on: date | None) -> Locality | None:
        """The province called `name` as it was on `on` (old Gia Lai before July 2025, new after)."""
        found = self.find(name, level="province")
        if not found:
            return None
        valid = [loc for loc in found if loc.valid_on(on)] if on else []
        if valid:
            return valid[0]
        # Date unknown: the unit as it was before the July 2025 reform, where most reports fall.
        older = [loc for loc in found if loc.valid_from is None]
        return (older or found)[0]

    # --- finding places in text --------------------------------------------------
    def _build_patterns(self) -> list[tuple[re.Pattern[str], tuple[Locality, ...], str, bool]]:
        """(pattern, candidates, level, prefixed) for every way a place is written."""
        entries: dict[tuple[str, bool], list[Locality]] = {}
        for loc in self.localities:
            for nm in self.names_of(loc):
                key = fold(nm)
                entries.setdefault((key, False), []).append(loc)
                prefixes = _PROVINCE_PREFIX if loc.level == "province" else _DISTRICT_PREFIX.get(loc.kind, ())
                for p in prefixes:
                    entries.setdefault((f"{p} {key}", True), []).append(loc)
                    if p.endswith("."):
                        entries.setdefault((f"{p}{key}", True), []).append(loc)
        out = []
        for (phrase, prefixed), locs in sorted(entries.items(), key=lambda kv: -len(kv[0][0])):
            pat = re.compile(r"(?<![\wÀ-ỹ])" + re.escape(phrase) + r"(?![\wÀ-ỹ])")
            levels = {loc.level for loc in locs}
            level = "district" if "district" in levels else min(levels)
            uniq = tuple(dict.fromkeys(locs))
            out.append((pat, uniq, level, prefixed))
            # Index by the bare name, so a sentence only tries the names it contains.
            for loc in uniq:
                for nm in self.names_of(loc):
                    if phrase.endswith(fold(nm)):
                        self._by_name.setdefault(fold(nm), []).append(len(out) - 1)
        return out

    def mentions(self, text: str) -> list[Mention]:
        """Every place named in `text` (NFC), longest phrase first, without overlaps."""
        return list(self._mentions(text))

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process; sentences repeat across passes
    def _mentions(self, text: str) -> tuple[Mention, ...]:
        folded = fold(text)
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        words = set(_WORD_RE.findall(folded))
        present = sorted({i for first in words for name, idx in self._by_first.get(first, ()) if name in folded
                          for i in idx})
        for pat, locs, _, prefixed in (self._patterns[i] for i in present):
            for m in pat.finditer(folded):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                name_start = s if not prefixed else e - len(_bare(locs, folded[s:e]))
                if not text[name_start:name_start + 1].isupper():
                    continue
                if not prefixed and _inside_person_name(text, s, e):
                    continue
                if prefixed:
                    prefix = folded[s:name_start].strip()
                    cands = tuple(loc for loc in locs if _prefix_fits(prefix, loc))
                    if not cands:
                        continue
                else:
                    cands = locs
                taken.append((s, e))
                strong = _is_strong(folded, s, prefixed, folded[s:name_start].strip())
                found.append(Mention(s, e, text[s:e], cands, _level(cands), strong))
        for pattern, level in ((_UNKNOWN_DISTRICT_RE, "district"), (_UNKNOWN_COMMUNE_RE, "commune")):
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                name = _trim_name(m.group(2))
                if not name:
                    continue
                e = m.start(2) + len(name)
                taken.append((s, e))
                strong = not m.group(1).lower().endswith("ủy")
                found.append(Mention(s, e, text[s:e], (), level, strong, unknown_name=name))
        found.sort(key=lambda mm: mm.start)
        return tuple(_attach_province_hints(found, folded))


def _bare(locs: tuple[Locality, ...], phrase: str) -> str:
    for loc in locs:
        for nm in (loc.name, *loc.aliases):
            if phrase.endswith(fold(nm)):
                return fold(nm)
    return phrase


def _prefix_fits(prefix: str, loc: Locality) -> bool:
    if loc.level == "province":
        if prefix in ("thành phố", "tp", "tp.", "thành ủy"):
            return loc.kind == "thành phố"
        if prefix in ("tỉnh", "tỉnh ủy", "ubnd tỉnh"):
            return loc.kind == "tỉnh"
        return True
    return prefix in _DISTRICT_PREFIX.get(loc.kind, ())


def _level(cands: tuple[Locality, ...]) -> str:
    levels = {c.level for c in cands}
    return "district" if levels == {"district"} else ("province" if "province" in levels else min(levels))


def _inside_person_name(text: str, s: int, e: int) -> bool:
    """'Nguyễn Thái Bình' is a person: a bare name right after another capitalised word."""
    before = text[:s].rstrip()
    if s > 0 and text[s - 1].isalnum():
        return True  # glued to a previous word
    prev = re.search(r"([\wÀ-ỹ]+)$", before)
    if prev and prev.group(1)[:1].isupper() and fold(prev.group(1)) not in {
        "tỉnh", "thành", "huyện", "quận", "xã", "phường", "tp", "ubnd", "hđnd", "ủy", "đô", "tại", "ở",
        "và", "thủ", "về", "của", "theo", "trong", "cùng", "với", "từ", "cho",
    }:
        return True
    nxt = re.match(r"\s+([\wÀ-ỹ]+)", text[e:])
    return bool(nxt and nxt.group(1)[:1].isupper() and text[e:e + 1] not in ",.;:)")


def _is_strong(folded: str, start: int, prefixed: bool, prefix: str) -> bool:
    if prefix.endswith("ủy"):
        return False
    window = folded[max(0, start - 40):start]
    return not any(window.rstrip().endswith(w) or f"{w} " in window[-len(w) - 12:] for w in _OFFICE_WORDS)


def _trim_name(name: str) -> str:
    """'Xuyên Mộc Nguyễn' is rarely a name: keep at most three syllables, stop at a title word."""
    words = name.split()
    stop = {"Huyện", "Quận", "Tỉnh", "Thành", "Thị", "Ủy", "UBND", "HĐND"}
    out = []
    for w in words:
        if w in stop:
            break
        out.append(w)
    return " ".join(out[:3])


def _attach_province_hints(found: list[Mention], folded: str) -> list[Mention]:
    """'huyện Đak Pơ (tỉnh Gia Lai)': the province named right after a district narrows it."""
    out = []
    for i, m in enumerate(found):
        hint: tuple[Locality, ...] = ()
        if m.level != "province" and i + 1 < len(found):
            nxt = found[i + 1]
            gap = folded[m.end:nxt.start]
            if nxt.level == "province" and re.fullmatch(r"\s*[(,-]\s*(?:[\wÀ-ỹ .]*,\s*)?", gap):
                hint = nxt.candidates
        out.append(Mention(m.start, m.end, m.text, m.candidates, m.level, m.strong, hint, m.unknown_name))
    return out


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.load()
