"""The localities the project knows (data/localities.csv and the reference units of data/reference/,
with what became of each on 1 July 2025) and finding them in text."""
from __future__ import annotations

import csv
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from etl.paths import LOCALITIES, REFERENCE
from etl.succession import Succession
from etl.textnorm import fold, strip_accents

REFERENCE_UNITS = "units.csv"  # the generated localities beside data/localities.csv (data/reference/)


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
    "đặc khu": ("đặc khu",),
}
# The words Gazetteer.find drops in front of a name, and the kinds of unit each of them names.
_FIND_PREFIX_RE = re.compile(r"^(tỉnh|thành phố|tp\.?|quận|huyện|thị xã|thị trấn|phường|xã|đặc khu|q\.|h\.)\s+")
_KINDS_OF_PREFIX = {"tỉnh": ("tỉnh",), "thành phố": ("thành phố",), "tp": ("thành phố",), "tp.": ("thành phố",),
                    "quận": ("quận",), "q.": ("quận",), "huyện": ("huyện",), "h.": ("huyện",),
                    "thị xã": ("thị xã",), "thị trấn": ("thị trấn",), "phường": ("phường",), "xã": ("xã",),
                    "đặc khu": ("đặc khu",)}
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
    def __init__(self, localities: list[Locality], succession: Succession | None = None) -> None:
        self._init_places(localities, succession)
        self._build_text_index()

    def _init_places(self, localities: list[Locality], succession: Succession | None) -> None:
        """What lookups by id and name need (the text index is built apart: tables never need it)."""
        self.by_id = {loc.id: loc for loc in localities}
        self.localities = localities
        self.succession = succession or Succession()
        self._districts_under = Counter(loc.parent_id for loc in localities if loc.level == "district")
        self._folded_names: dict[str, frozenset[str]] = {}
        self._suggestion_pools: dict[str | None, dict[str, str]] = {}

    def _build_text_index(self) -> None:
        self._by_name: dict[str, list[int]] = {}
        self._patterns = self._build_patterns()
        self._compiled: dict[int, re.Pattern[str]] = {}
        # A sentence tries only the names whose first two words (or one word) it has: first word →
        # second word ("" for a one-word name) → (name, its patterns).
        self._by_first: dict[str, dict[str, list[tuple[str, list[int]]]]] = {}
        for name, idx in self._by_name.items():
            words = _WORD_RE.findall(name) or [name]
            second = words[1] if len(words) > 1 else ""
            self._by_first.setdefault(words[0], {}).setdefault(second, []).append((name, idx))

    @classmethod
    def load(cls, path: Path = LOCALITIES, reference: Path | None = REFERENCE) -> Gazetteer:
        """data/localities.csv, then the reference units and links of data/reference/ (when `reference`)."""
        rows = _read_rows(path)
        if reference is not None and (reference / REFERENCE_UNITS).is_file():
            rows += _read_rows(reference / REFERENCE_UNITS)
        localities = [
            Locality(
                id=r["id"], name=r["name"], kind=r["kind"], level=r["level"], gso_code=r["gso_code"],
                parent_id=r["parent_id"], valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
                successor_id=r["successor_id"],
                aliases=tuple(a for a in r["aliases"].split("|") if a), note=r["note"],
            )
            for r in rows
        ]
        return cls(localities, Succession.load(reference) if reference is not None else None)

    # --- lookups -----------------------------------------------------------------
    def knows_all_districts(self, province: Locality) -> bool:
        """Hà Nội, Gia Lai and Bình Định have every district in the gazetteer: an unknown name there is noise."""
        ids = {province.id, province.successor_id} - {""}
        return sum(self._districts_under[i] for i in ids) >= 10

    def province_of(self, loc: Locality) -> Locality:
        while loc.parent_id:
            loc = self.by_id[loc.parent_id]
        return loc

    def names_of(self, loc: Locality) -> list[str]:
        return [loc.name, *loc.aliases]

    def label(self, loc: Locality) -> str:
        """'huyện Sóc Sơn', 'phường Ba Đình', 'tỉnh Gia Lai': the kind before the name, as reports write it."""
        return f"{loc.kind} {loc.name}"

    def find(self, name: str, *, level: str | None = None, province: str | None = None,
             on: date | None = None) -> list[Locality]:
        """Localities called `name` (any alias, any tone placement), optionally within a province.
        A kind in front ("huyện Sóc Sơn", "xã Sóc Sơn") keeps the units of that kind when there are any."""
        key, kinds = split_kind(name)
        out = [loc for loc in self.localities
               if (level is None or loc.level == level) and key in self._folded(loc) and loc.valid_on(on)]
        out = of_kinds(out, kinds)
        if province:
            pkey = fold(province)
            out = [loc for loc in out if pkey in self._folded(self.province_of(loc))]
        return out

    def _folded(self, loc: Locality) -> frozenset[str]:
        got = self._folded_names.get(loc.id)
        if got is None:
            got = self._folded_names[loc.id] = frozenset(fold(n) for n in self.names_of(loc))
        return got

    def suggest(self, name: str, *, level: str | None = None, n: int = 3) -> list[str]:
        """Nearest known names, for error messages: at most `n`, and only those about as near as the
        nearest ("Pleikuu": Pleiku, not also the communes that share a few letters with it)."""
        pool = self._suggestion_pools.get(level)
        if pool is None:
            pool = {}
            for loc in self.localities:
                if not level or loc.level == level:
                    for nm in self.names_of(loc):
                        pool.setdefault(strip_accents(nm), nm)
            self._suggestion_pools[level] = pool
        key = strip_accents(name)
        hits = difflib.get_close_matches(key, list(pool), n=n, cutoff=0.5)
        scores = [difflib.SequenceMatcher(None, h, key).ratio() for h in hits]
        return [pool[h] for h, score in zip(hits, scores, strict=True) if score >= scores[0] - 0.1]

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

    def commune_on(self, candidates: tuple[Locality, ...] | list[Locality], on: date | None) -> Locality | None:
        """The commune-level unit a name means on `on` (a report's date): the one that existed then, in
        one province. None when none did (a new ward named in a text dated before 1 July 2025, or with
        no date: the units as they were before the reform) or when several provinces have one (the
        report's province has already been used to choose)."""
        valid = [c for c in candidates if c.valid_on(on)] if on else [c for c in candidates if c.valid_from is None]
        if len({self.province_of(c).id for c in valid}) != 1:
            return None
        return valid[0]

    # --- what became of a unit on 1 July 2025 ---------------------------------------
    def successors(self, loc: Locality) -> list[Locality]:
        """The units that took an old unit's area: the new communes of a district, the merged province."""
        if loc.successor_id:
            return [self.by_id[loc.successor_id]]
        return [self.by_id[k.new_id] for k in self.succession.successors(loc.id) if k.new_id in self.by_id]

    def predecessors(self, loc: Locality) -> list[Locality]:
        """The districts a new commune was formed from (in whole or part), the provinces of a merged one."""
        districts = [self.by_id[k.old_id] for k in self.succession.predecessors(loc.id) if k.old_id in self.by_id]
        return districts or [p for p in self.localities if p.successor_id == loc.id]

    # --- finding places in text --------------------------------------------------
    def _build_patterns(self) -> list[tuple[str, tuple[Locality, ...], str, bool]]:
        """(phrase, candidates, level, prefixed) for every way a place is written. A commune is looked for
        only with its kind in front ("phường Ba Đình", "xã Sóc Sơn"): its bare name is often a district's,
        a person's or a common word."""
        entries: dict[tuple[str, bool], list[Locality]] = {}
        for loc in self.localities:
            for nm in self.names_of(loc):
                key = fold(nm)
                if loc.level != "commune":
                    entries.setdefault((key, False), []).append(loc)
                prefixes = _PROVINCE_PREFIX if loc.level == "province" else _DISTRICT_PREFIX.get(loc.kind, ())
                for p in prefixes:
                    entries.setdefault((f"{p} {key}", True), []).append(loc)
                    if p.endswith("."):
                        entries.setdefault((f"{p}{key}", True), []).append(loc)
        out = []
        for (phrase, prefixed), locs in sorted(entries.items(), key=lambda kv: -len(kv[0][0])):
            levels = {loc.level for loc in locs}
            level = "district" if "district" in levels else min(levels)
            uniq = tuple(dict.fromkeys(locs))
            out.append((phrase, uniq, level, prefixed))
            # Index by the bare name, so a sentence only tries the names it contains.
            for loc in uniq:
                for nm in self.names_of(loc):
                    if phrase.endswith(fold(nm)):
                        self._by_name.setdefault(fold(nm), []).append(len(out) - 1)
        return out

    def _pattern(self, i: int) -> re.Pattern[str]:
        """The compiled pattern of phrase `i`, compiled when first needed (about 1 ms each: thousands of
        communes would take seconds at load, and a text uses a few)."""
        pat = self._compiled.get(i)
        if pat is None:
            phrase = self._patterns[i][0]
            not_after = r"(?<!thị )" if phrase.startswith("xã ") else ""  # "thị xã Phú Mỹ" is no "xã Phú Mỹ"
            pat = re.compile(r"(?<![\wÀ-ỹ])" + not_after + re.escape(phrase) + r"(?![\wÀ-ỹ])")
            self._compiled[i] = pat
        return pat

    def mentions(self, text: str) -> list[Mention]:
        """Every place named in `text` (NFC), longest phrase first, without overlaps."""
        return list(self._mentions(text))

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process; sentences repeat across passes
    def _mentions(self, text: str) -> tuple[Mention, ...]:
        folded = fold(text)
        taken: list[tuple[int, int]] = []
        found: list[Mention] = []
        words = _WORD_RE.findall(folded)
        tried: set[str] = set()
        present: set[int] = set()
        for n, word in enumerate(words):
            seconds = self._by_first.get(word)
            if seconds is None:
                continue
            for second in ("", words[n + 1] if n + 1 < len(words) else ""):
                for name, idx in seconds.get(second, ()):
                    if name not in tried:
                        tried.add(name)
                        if name in folded:
                            present.update(idx)
        for i in sorted(present):
            phrase, locs, _, prefixed = self._patterns[i]
            if phrase not in folded:  # cheaper than the pattern; most names are not written with each prefix
                continue
            for m in self._pattern(i).finditer(folded):
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


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def split_kind(name: str) -> tuple[str, tuple[str, ...]]:
    """(folded name without the kind in front, the kinds that word names): "Huyện Sóc Sơn" →
    ("sóc sơn", ("huyện",)); "Sóc Sơn" → ("sóc sơn", ())."""
    key = fold(name.strip())
    m = _FIND_PREFIX_RE.match(key)
    if not m:
        return key, ()
    return key[m.end():], _KINDS_OF_PREFIX[m.group(1)]


def of_kinds(found: list[Locality], kinds: tuple[str, ...]) -> list[Locality]:
    """The localities of `kinds` among `found`, or all of them when none is (or no kind was said)."""
    if not kinds:
        return found
    return [loc for loc in found if loc.kind in kinds] or found


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
