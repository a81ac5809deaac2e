"""What became of a place on 1 July 2025, in words: the notice at the top of a unit's profile (after the UK ONS
"AreaChangeNotice": a unit that ended names what took its area, a new one what it was formed from), a linked
unit's name with its share ("xã Đa Phúc (một phần)"), and a line of a search by old or new name."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.data.missing import is_missing
from core.words import fmt
from core.words.i18n import t
from core.words.labels import sort_key
from domain.reform import LAST_DAY_BEFORE_REFORM, REFORM_DATE


def unit_name(kind: object, name: str, lang: str = "vi") -> str:
    """"huyện Sóc Sơn", "phường Ba Đình"; the name alone when its kind is unknown or already in it."""
    kind_text = "" if is_missing(kind) else str(kind)
    if not kind_text or name.casefold().startswith(kind_text.casefold() + " "):
        return name
    return t("area_change.unit", lang, kind=kind_text, name=name)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def share_word(share: str, lang: str = "vi") -> str:
    """"toàn bộ" when all of the old unit's area went over, "một phần" when some of it did."""
    return t("area_change.whole" if share == "whole" else "area_change.part", lang)


def linked_name(link: Mapping[str, object], lang: str = "vi") -> str:
    """A unit linked to another by the reform, with the share of the old unit's area that went over: "xã Đa Phúc
    (một phần)", "thị trấn Sóc Sơn (toàn bộ)"."""
    name = unit_name(link.get("kind"), str(link["name"]), lang)
    return t("area_change.with_share", lang, name=name, share=share_word(str(link["share"]), lang))


@dataclass(frozen=True)
class FormedFrom:
    """One old district a new unit was formed from, with the district's former communes that went into it."""

    district: Mapping[str, object] | None  # None for communes whose district is not linked (not expected)
    communes: tuple[Mapping[str, object], ...]


def formed_from(links: Iterable[Mapping[str, object]]) -> list[FormedFrom]:
    """The old units a new unit came from, each district with its communes (a commune's `parent_name` or
    `parent` is its district's name), districts and communes in the order Vietnamese lists use."""
    ordered = sorted(links, key=lambda v: sort_key(str(v["name"])))
    districts = [v for v in ordered if v.get("level") == "district"]
    communes = [v for v in ordered if v.get("level") != "district"]

    def parent(v: Mapping[str, object]) -> object:
        return v.get("parent_name", v.get("parent"))

    groups = [FormedFrom(d, tuple(c for c in communes if parent(c) == d["name"])) for d in districts]
    loose = tuple(c for c in communes if parent(c) not in {d["name"] for d in districts})
    return groups + ([FormedFrom(None, loose)] if loose else [])


def formed_from_text(links: Iterable[Mapping[str, object]], lang: str = "vi") -> str:
    """"huyện Sóc Sơn (một phần): thị trấn Sóc Sơn (toàn bộ), xã Phù Linh (một phần); …"."""
    parts = []
    for group in formed_from(links):
        communes = ", ".join(linked_name(c, lang) for c in group.communes)
        if group.district is None:
            parts.append(communes)
        else:
            head = linked_name(group.district, lang)
            parts.append(t("area_change.district_communes", lang, district=head, communes=communes) if communes
                         else head)
    return "; ".join(parts)


def ended_notice(kind: object, name: str, province: str, valid_to: object, n_after: int, lang: str = "vi") -> str:
    """The notice of a district that ended on 30/06/2025: since when it is gone, how many units took its area,
    and that its figures go on as none of theirs."""
    unit = unit_name(kind, name, lang)
    until = fmt.date(valid_to, lang) or fmt.date(LAST_DAY_BEFORE_REFORM, lang)
    if n_after == 0:
        return t("area_change.ended_alone", lang, Unit=_capital(unit), province=province, until=until)
    return t("area_change.ended", lang, Unit=_capital(unit), unit=unit, province=province, until=until, n=n_after,
             since=fmt.date(REFORM_DATE, lang))


def new_notice(kind: object, name: str, province: str, valid_from: object, n_districts: int, lang: str = "vi") -> str:
    """The notice of a unit made by the reform: since when it exists, that it was formed from the units listed,
    and that the old districts' figures are context, never its own series nor a sum."""
    unit = unit_name(kind, name, lang)
    since = fmt.date(valid_from, lang) or fmt.date(REFORM_DATE, lang)
    key = "area_change.new_from_districts" if n_districts else "area_change.new"
    return t(key, lang, Unit=_capital(unit), unit=unit, province=province, since=since)


def became_text(links: Iterable[Mapping[str, object]], lang: str = "vi") -> str:
    """"xã Đa Phúc (một phần), xã Kim Anh (một phần), …" in the order Vietnamese lists use."""
    return ", ".join(linked_name(v, lang) for v in sorted(links, key=lambda v: sort_key(str(v["name"]))))


@dataclass(frozen=True)
class SearchLine:
    """One unit found by name: what it is (name, province, era) and what became of it or what it came from."""

    heading: str
    detail: str


def search_line(row: Mapping[str, object], lang: str = "vi") -> SearchLine:
    """A unit found by the search (a row of core.data.queries.search_units): "huyện Sóc Sơn (Hà Nội) — đến
    30/06/2025" and "Nay thuộc: xã Đa Phúc (một phần), …", or "xã Sóc Sơn (Hà Nội) — từ 01/07/2025" and
    "Hình thành từ: huyện Sóc Sơn (một phần): …"; a former commune names its district too."""
    unit = unit_name(row.get("kind"), str(row["name"]), lang)
    where = [p for p in (row.get("parent_name"), row.get("province")) if not is_missing(p) and p]
    if row.get("level") == "province":
        where = []
    heading = t("area_change.found", lang, unit=unit, where=", ".join(dict.fromkeys(map(str, where)))) if where \
        else unit
    until, since = fmt.date(row.get("valid_to"), lang), fmt.date(row.get("valid_from"), lang)
    if until:
        heading = t("locality.option_until", lang, name=heading, until=until)
    elif since:
        heading = t("area_change.option_since", lang, name=heading, since=since)
    became, came_from = links_of(row.get("became")), links_of(row.get("formed_from"))
    if became:
        detail = t("area_change.became", lang, units=became_text(became, lang))
    elif came_from:
        detail = t("area_change.formed_from", lang, units=formed_from_text(came_from, lang))
    else:
        detail = ""
    return SearchLine(heading, detail)


def links_of(value: object) -> list[dict]:
    """The became / formed_from list of a search row (a list or array of dicts, or nothing)."""
    if value is None or is_missing(value):
        return []
    return [dict(v) for v in value]  # type: ignore[union-attr]
