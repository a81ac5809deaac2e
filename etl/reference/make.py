"""The reference rows, from the sources: ids, units, former communes and old → new links, each
checked against the sources and against the hand-kept data/localities.csv (whose ids stay)."""
from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from domain.reform import LAST_DAY_BEFORE_REFORM, REFORM_DATE
from etl.errors import InputError
from etl.reference import sources as src
from etl.textnorm import fold, slug

REFORM_DAY = REFORM_DATE.isoformat()
LAST_DAY_BEFORE = LAST_DAY_BEFORE_REFORM.isoformat()
# Old provinces whose districts and communes are kept, with their links: Hà Nội, Bình Định, old Gia Lai.
OLD_PROVINCES = ("01", "52", "64")
DISTRICT_NOTE = "Cấp huyện chấm dứt từ 01/07/2025 (chính quyền địa phương hai cấp)"

UNIT_COLUMNS = ("id", "name", "kind", "level", "gso_code", "parent_id", "valid_from", "valid_to", "successor_id",
                "aliases", "note")
FORMER_COLUMNS = ("id", "name", "kind", "gso_code", "parent_id", "valid_to")
LINK_COLUMNS = ("old_id", "new_id", "share", "new_inside_old")
FILES = {"units": "units.csv", "former": "former_communes.csv", "links": "links.csv", "notice": "NOTICE.md"}

# "Đak Đoa", "Đăk Đoa", "Đắk Đoa": the same place in different spellings; each is an alias of the others.
_DAK = ("Đak", "Đăk", "Đắk")


@dataclass
class Reference:
    units: list[dict[str, str]] = field(default_factory=list)  # localities added to data/localities.csv
    former: list[dict[str, str]] = field(default_factory=list)  # communes before 1 July 2025
    links: list[dict[str, str]] = field(default_factory=list)  # old unit → new unit
    notice: str = ""

    def files(self) -> dict[str, str]:
        """File name → the exact text written."""
        return {FILES["units"]: _csv(UNIT_COLUMNS, self.units), FILES["former"]: _csv(FORMER_COLUMNS, self.former),
                FILES["links"]: _csv(LINK_COLUMNS, self.links), FILES["notice"]: self.notice}


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def spelling_variants(name: str) -> list[str]:
    """The other spellings of a name with Đak/Đăk/Đắk in it (reports use all three)."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if w in _DAK:
            out += [" ".join([*words[:i], other, *words[i + 1:]]) for other in _DAK if other != w]
    return out


def unique_ids(bases: list[tuple[str, str]]) -> list[str]:
    """Ids from (base id, GSO code): a base id two units would share ("Ia Băng", "Ia Bang" of one
    district) takes each unit's GSO code at its end, so no id depends on the order of the rows."""
    seen = Counter(base for base, _ in bases)
    return [base if seen[base] == 1 else f"{base}-{code}" for base, code in bases]


def _same_name(source_name: str, row: dict[str, str]) -> bool:
    names = {fold(row["name"]), *(fold(a) for a in row["aliases"].split("|") if a)}
    return fold(source_name) in names


def make_reference(dvhcvn: src.Repo, old: src.Repo, localities: Path, *, new_provinces: Iterable[str] | None = None
                   ) -> Reference:
    """Everything the reference files hold. `new_provinces`: GSO codes of the new provinces whose
    commune-level units are listed (None: all 34). Raises InputError when a source contradicts
    another or data/localities.csv."""
    with localities.open(encoding="utf-8", newline="") as f:
        hand = list(csv.DictReader(f))
    provinces = src.read_new_provinces(dvhcvn.text(src.PROVINCES_CSV))
    units = src.read_new_units(dvhcvn.text(src.UNITS_MD), provinces)
    merges, province_of_unit = src.read_merges(dvhcvn.text(src.MERGES_JSON))
    province_merges = src.read_province_merges(dvhcvn.text(src.MERGES_JSON))
    old_units = src.read_old_units(old.text(src.SORTED_JSON))
    _check_sources(units, merges, province_of_unit, src.read_split_pairs(dvhcvn.text(src.SPLITS_JSON)))

    new_province_id = _new_provinces(provinces, hand)
    old_province_id = _old_provinces(old_units, hand)
    _check_province_successors(province_merges, new_province_id, old_province_id, hand)

    ref = Reference()
    district_id = _districts(old_units, old_province_id, hand, ref)
    former_id = _former_communes(old_units, district_id, ref)
    chosen = set(new_provinces) if new_provinces is not None else {p.code for p in provinces}
    linked = {new for new, olds in province_merges.items() if set(olds) <= set(OLD_PROVINCES)}
    unit_id = _new_units([u for u in units if u.province_code in chosen | linked], new_province_id, hand, ref)
    _links([m for m in merges if province_of_unit[m.new_code] in linked], former_id, unit_id, old_units,
           district_id, ref)
    _check_ids(hand, ref)
    ref.notice = notice(dvhcvn, old, old.text(src.SORTED_DATE).strip(), dvhcvn.text(src.LICENSE), len(units))
    return ref


def _check_sources(units: list[src.NewUnit], merges: list[src.Merge], province_of: dict[str, str],
                   split_pairs: set[tuple[str, str]]) -> None:
    codes = [u.code for u in units]
    if len(codes) != len(set(codes)):
        raise InputError("mã đơn vị trùng", where=src.UNITS_MD)
    if set(codes) != set(province_of):
        raise InputError(f"danh sách 1027 và merges.json khác nhau: {sorted(set(codes) ^ set(province_of))[:5]}",
                         where=src.MERGES_JSON)
    wrong = [u.code for u in units if province_of[u.code] != u.province_code]
    if wrong:
        raise InputError(f"đơn vị ở tỉnh khác với merges.json: {wrong[:5]}", where=src.UNITS_MD)
    pairs = {(m.old_code, m.new_code) for m in merges}
    if pairs != split_pairs:
        raise InputError(f"merges.json và splits.json khác nhau: {sorted(pairs ^ split_pairs)[:5]}",
                         where=src.SPLITS_JSON)


def _new_provinces(provinces: list[src.NewProvince], hand: list[dict[str, str]]) -> dict[str, str]:
    """GSO code → id of each of the 34 provinces in data/localities.csv (valid from 1 July 2025 on)."""
    out = {}
    for p in provinces:
        rows = [r for r in hand if r["level"] == "province" and r["gso_code"] == p.code and not r["valid_to"]]
        short = src.province_key(p.name)
        if len(rows) != 1 or not _same_name(short, rows[0]):
            raise InputError(f"tỉnh {p.name} (mã {p.code}) cần đúng một dòng hiện hành trong localities.csv, "
                             f"có {[r['id'] for r in rows]}", where="data/localities.csv")
        out[p.code] = rows[0]["id"]
    return out


def _old_provinces(old_units: list[src.OldUnit], hand: list[dict[str, str]]) -> dict[str, str]:
    """GSO code → id of each of the 63 provinces before 1 July 2025."""
    out = {}
    for u in old_units:
        if u.level != "province":
            continue
        rows = [r for r in hand if r["level"] == "province" and r["gso_code"] == u.code and not r["valid_from"]]
        if len(rows) != 1 or not _same_name(u.name, rows[0]):
            raise InputError(f"tỉnh cũ {u.name} (mã {u.code}) cần đúng một dòng trong localities.csv, "
                             f"có {[r['id'] for r in rows]}", where="data/localities.csv")
        out[u.code] = rows[0]["id"]
    return out


def _check_province_successors(province_merges: dict[str, list[str]], new_id: dict[str, str],
                               old_id: dict[str, str], hand: list[dict[str, str]]) -> None:
    """The hand-kept successor_id of each old province is the new province merges.json names."""
    by_id = {r["id"]: r for r in hand}
    for new_code, olds in province_merges.items():
        for code in olds:
            row = by_id[old_id[code]]
            expected = "" if row["id"] == new_id[new_code] else new_id[new_code]
            if row["successor_id"] != expected:
                raise InputError(f"successor_id của {row['id']} là {row['successor_id']!r}, nguồn ghi {expected!r}",
                                 where="data/localities.csv")


def _districts(old_units: list[src.OldUnit], province_id: dict[str, str], hand: list[dict[str, str]],
               ref: Reference) -> dict[str, str]:
    """GSO code → id of each district of the old provinces kept: the hand-kept row where there is one
    (Hà Nội, Gia Lai), else a new row (Bình Định)."""
    out: dict[str, str] = {}
    hand_districts = {(r["parent_id"], r["gso_code"]): r for r in hand if r["level"] == "district"}
    todo: list[src.OldUnit] = []
    for u in old_units:
        if u.level != "district" or u.parent_code not in OLD_PROVINCES:
            continue
        row = hand_districts.pop((province_id[u.parent_code], u.code), None)
        if row is None:
            todo.append(u)
            continue
        if not _same_name(u.name, row):
            raise InputError(f"huyện mã {u.code}: nguồn ghi {u.name!r}, localities.csv ghi {row['name']!r}",
                             where="data/localities.csv")
        out[u.code] = row["id"]
    left = [r["id"] for r in hand_districts.values() if r["parent_id"] in {province_id[c] for c in OLD_PROVINCES}]
    if left:
        raise InputError(f"huyện không có trong nguồn: {left}", where="data/localities.csv")
    ids = unique_ids([(f"{province_id[u.parent_code]}.{slug(u.name)}", u.code) for u in todo])
    for u, uid in zip(todo, ids, strict=True):
        out[u.code] = uid
        ref.units.append({"id": uid, "name": u.name, "kind": u.kind, "level": "district", "gso_code": u.code,
                          "parent_id": province_id[u.parent_code], "valid_from": "", "valid_to": LAST_DAY_BEFORE,
                          "successor_id": "", "aliases": "|".join(spelling_variants(u.name)), "note": DISTRICT_NOTE})
    return out


def _former_communes(old_units: list[src.OldUnit], district_id: dict[str, str], ref: Reference) -> dict[str, str]:
    """GSO code → id of each commune of the kept districts; one row each in ref.former."""
    communes = [u for u in old_units if u.level == "commune" and u.parent_code in district_id]
    ids = unique_ids([(f"{district_id[u.parent_code]}.{slug(u.kind)}-{slug(u.name)}", u.code) for u in communes])
    for u, uid in zip(communes, ids, strict=True):
        ref.former.append({"id": uid, "name": u.name, "kind": u.kind, "gso_code": u.code,
                           "parent_id": district_id[u.parent_code], "valid_to": LAST_DAY_BEFORE})
    return {u.code: uid for u, uid in zip(communes, ids, strict=True)}


def _new_units(units: list[src.NewUnit], province_id: dict[str, str], hand: list[dict[str, str]],
               ref: Reference) -> dict[str, str]:
    """GSO code → id of each commune-level unit listed: the hand-kept row where there is one, else a new row."""
    hand_units = {(r["parent_id"], r["gso_code"]): r for r in hand if r["level"] == "commune" and r["gso_code"]}
    out: dict[str, str] = {}
    todo: list[src.NewUnit] = []
    for u in units:
        row = hand_units.get((province_id[u.province_code], u.code))
        if row is None:
            todo.append(u)
        elif not _same_name(u.name, row) or row["kind"] != u.kind or row["valid_from"] != REFORM_DAY:
            raise InputError(f"đơn vị mã {u.code}: nguồn ghi {u.kind} {u.name!r} từ {REFORM_DAY}, localities.csv "
                             f"ghi {row['kind']} {row['name']!r} từ {row['valid_from']!r}", where="data/localities.csv")
        else:
            out[u.code] = row["id"]
    ids = unique_ids([(f"{province_id[u.province_code]}.{slug(u.kind)}-{slug(u.name)}", u.code) for u in todo])
    for u, uid in zip(todo, ids, strict=True):
        out[u.code] = uid
        ref.units.append({"id": uid, "name": u.name, "kind": u.kind, "level": "commune", "gso_code": u.code,
                          "parent_id": province_id[u.province_code], "valid_from": REFORM_DAY, "valid_to": "",
                          "successor_id": "", "aliases": "|".join(spelling_variants(u.name)), "note": ""})
    return out


def _links(merges: list[src.Merge], former_id: dict[str, str], unit_id: dict[str, str],
           old_units: list[src.OldUnit], district_id: dict[str, str], ref: Reference) -> None:
    """Commune links as merges.json gives them; district links from their communes' links."""
    district_of = {u.code: u.parent_code for u in old_units if u.level == "commune"}
    outside = sorted({m.old_code for m in merges if m.old_code not in former_id})
    if outside:
        raise InputError(f"đơn vị mới lấy từ xã ngoài các tỉnh cũ đã chọn: {outside[:5]}", where=src.MERGES_JSON)
    orphans = sorted(set(former_id) - {m.old_code for m in merges})
    if orphans:
        raise InputError(f"xã cũ không thuộc đơn vị mới nào: {orphans[:5]}", where=src.MERGES_JSON)
    olds_of_new: dict[str, set[str]] = defaultdict(set)
    news_of_old: dict[str, set[str]] = defaultdict(set)
    for m in merges:
        olds_of_new[m.new_code].add(m.old_code)
        news_of_old[m.old_code].add(m.new_code)
    whole = {(m.old_code, m.new_code): m.whole for m in merges}
    commune_rows = []
    for m in merges:
        inside = olds_of_new[m.new_code] == {m.old_code}
        commune_rows.append((former_id[m.old_code], unit_id[m.new_code], m.whole, inside))
    communes_of: dict[str, list[str]] = defaultdict(list)
    for code, district in district_of.items():
        if code in former_id:
            communes_of[district].append(code)
    district_rows = []
    for district, communes in communes_of.items():
        for new in sorted({n for c in communes for n in news_of_old[c]}):
            all_here = all(news_of_old[c] == {new} and whole[(c, new)] for c in communes)
            inside = all(district_of[o] == district for o in olds_of_new[new])
            district_rows.append((district_id[district], unit_id[new], all_here, inside))
    for old, new, is_whole, inside in sorted(district_rows) + sorted(commune_rows):
        ref.links.append({"old_id": old, "new_id": new, "share": "whole" if is_whole else "part",
                          "new_inside_old": "yes" if inside else "no"})


def _check_ids(hand: list[dict[str, str]], ref: Reference) -> None:
    ids = Counter([r["id"] for r in hand] + [r["id"] for r in ref.units] + [r["id"] for r in ref.former])
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        raise InputError(f"mã trùng: {dup[:5]}", where="data/reference")


def notice(dvhcvn: src.Repo, old: src.Repo, old_date: str, mit_license: str, n_units: int) -> str:
    """NOTICE.md: where every fact came from, when, and under which licence (the MIT notice verbatim)."""
    d_sha, d_day = dvhcvn.commit()
    o_sha, o_day = old.commit()
    count = f"{n_units:,}".replace(",", ".")  # 3.321, as Vietnamese writes it
    return f"""# Nguồn và giấy phép (sources and licences)

Tệp này và các tệp CSV bên cạnh do `python -m etl reference` viết ra từ các nguồn dưới đây; đừng sửa tay
(generated from the sources below; do not edit by hand).

## dvhcvn/20250701 — https://github.com/dvhcvn/20250701 (giấy phép MIT)

- Commit {d_sha or "(không rõ)"} ({d_day or "?"}); số liệu hiệu lực từ 01/07/2025.
- `{src.PROVINCES_CSV}`: 34 tỉnh, thành phố và mã số (Công văn 915/CTK-CSCL của Cục Thống kê).
- `{src.UNITS_MD}`: {count} đơn vị hành chính cấp xã và mã số (Công văn 1027/CTK-CSCL ngày 25/6/2025).
- `{src.MERGES_JSON}`: mỗi đơn vị mới được lập từ những xã cũ nào, toàn bộ (`full`) hay một phần
  (`partial`), theo các Nghị quyết 1654–1687/NQ-UBTVQH15; `{src.SPLITS_JSON}`: cùng các cặp, dùng để đối chiếu.
- Trang: https://2025.dvhcvn.com

## daohoangson/dvhcvn — https://github.com/daohoangson/dvhcvn (giấy phép GPL-3.0)

- Commit {o_sha or "(không rõ)"} ({o_day or "?"}), `{src.SORTED_JSON}`, danh mục ngày {old_date} (`{src.SORTED_DATE}`).
- Chỉ lấy sự kiện (facts only): mã số, tên, loại và quan hệ tỉnh → huyện → xã của Hà Nội, Gia Lai (mã 64)
  và Bình Định (mã 52) trước 01/07/2025. Không chép mã nguồn hay văn bản nào của kho này.

## Giấy phép của dvhcvn/20250701 (nguyên văn, verbatim)

```
{mit_license.rstrip()}
```
"""


def write_reference(ref: Reference, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ref.files().items():
        path = out / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def differences(ref: Reference, out: Path) -> list[str]:
    """The files under `out` that are not what `ref` would write (missing or different)."""
    return [name for name, text in ref.files().items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text]
