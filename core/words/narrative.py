"""Short Vietnamese (or English) sentences written from overview cards, each with its source:
"Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023"; a part of a year with
the same period a year before: "9 tháng 2026, Hà Nội tiếp …, tăng 1.360 lượt (8,0%) so với cùng kỳ năm 2025"."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.data.measures import PREVIOUS_YEAR, SAME_PERIOD
from core.data.missing import is_missing
from core.words import fmt
from core.words.i18n import has, t
from core.words.sources import SourceRef, source_label


@dataclass(frozen=True)
class Sentence:
    text: str
    source: str
    note: str = ""


def change_phrase(change_abs: float, change_pct: float, unit: str, previous_year: int, lang: str = "vi",
                  same_period: bool = False) -> str:
    """"tăng 118 lượt (4,3%) so với năm 2023" / "giảm 25 đơn (12,8%) …" / "không đổi …"; with `same_period`
    "… so với cùng kỳ năm 2025"."""
    against = "sentence.vs_same_period" if same_period else "sentence.vs_year"
    versus = t(against, lang, prev=previous_year)
    if change_abs == 0:
        return t("sentence.same", lang, versus=versus)
    key = "sentence.up" if change_abs > 0 else "sentence.down"
    pct = "–" if is_missing(change_pct) else fmt.percent(abs(change_pct), lang)
    return t(key, lang, abs=fmt.number(abs(change_abs), lang), unit=unit, pct=pct, versus=versus)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _period(card: Mapping[str, object], lang: str) -> str:
    return fmt.period_label(str(card["period_kind"]), card["period_start"], card["period_end"], lang)


def _derived_note(card: Mapping[str, object], lang: str) -> str:
    """Says that the figure compared with was derived from the change the source states, when it was."""
    if not card.get("previous_derived"):
        return ""
    key = "sentence.derived_same_period" if card.get("compared") == SAME_PERIOD else "sentence.derived_prev"
    return t(key, lang, prev=int(card["previous_year"]))  # type: ignore[arg-type]


def card_sentence(
    card: Mapping[str, object],
    *,
    place: str,
    indicator_name: str,
    breakdown_name: str,
    unit: str,
    lang: str = "vi",
) -> Sentence | None:
    """The sentence for one overview card, or None when it has nothing to compare with: a full year with the
    year before, a part of a year with the same period a year before ("so với cùng kỳ")."""
    compared = card.get("compared")
    if compared not in (PREVIOUS_YEAR, SAME_PERIOD) or is_missing(card.get("change_abs")):
        return None
    indicator = str(card["indicator"])
    own = f"sentence.templates.{indicator}"
    template = own if has(own) else "sentence.templates.default"
    is_total = card.get("breakdown") == "total"
    lower = breakdown_name[:1].lower() + breakdown_name[1:] if lang == "vi" else breakdown_name.lower()
    when = (t("sentence.when_year", lang, year=int(card["year"])) if compared == PREVIOUS_YEAR  # type: ignore[arg-type]
            else _capital(t("sentence.when_period", lang, period=_period(card, lang))))
    head = t(
        template,
        lang,
        when=when,
        place=place,
        value=fmt.qualified(card["value"], str(card["qualifier"]), lang),  # type: ignore[arg-type]
        indicator=indicator_name,
        unit=unit,
        breakdown_part="" if is_total else f" ({lower})",
        breakdown_plain="" if is_total else f" {lower}",
    )
    text = head + ", " + change_phrase(
        float(card["change_abs"]),  # type: ignore[arg-type]
        float(card["change_pct"]),  # type: ignore[arg-type]
        unit,
        int(card["previous_year"]),  # type: ignore[arg-type]
        lang,
        same_period=compared == SAME_PERIOD,
    )
    source = source_label(SourceRef.from_row(card), lang, with_title=True)
    return Sentence(text=text + ".", source=source, note=_derived_note(card, lang))


@dataclass(frozen=True)
class CardText:
    label: str
    value: str
    delta: str | None
    delta_description: str | None
    direction: str  # "up", "down" or "off": the arrow of the delta
    caption: str
    help: str


def card_texts(
    card: Mapping[str, object], *, indicator_name: str, breakdown_name: str, unit: str, lang: str = "vi"
) -> CardText:
    """The words of one overview card: label, value, change from the previous year, period and source."""
    label = indicator_name if card.get("breakdown") == "total" else f"{indicator_name} ({breakdown_name})"
    label = f"{label} ({unit})"
    value = fmt.qualified(card["value"], str(card["qualifier"]), lang)  # type: ignore[arg-type]
    delta, description, direction = None, None, "off"
    notes = [_capital(_period(card, lang))]
    compared = card.get("compared")
    if compared not in (PREVIOUS_YEAR, SAME_PERIOD):
        notes.append(t("overview.only_partial", lang))
    elif is_missing(card.get("change_abs")):
        notes.append(t("overview.no_previous", lang, year=int(card["previous_year"])))  # type: ignore[arg-type]
    else:
        pct = fmt.percent(float(card["change_pct"]), lang, signed_=True)  # type: ignore[arg-type]
        change = float(card["change_abs"])  # type: ignore[arg-type]
        delta = f"{fmt.signed(change, lang)} ({pct})"
        against = "overview.vs_same_period" if compared == SAME_PERIOD else "overview.vs_year"
        description = t(against, lang, year=int(card["previous_year"]))  # type: ignore[arg-type]
        direction = "up" if change > 0 else "down" if change < 0 else "off"
        if compared == SAME_PERIOD:
            previous = fmt.period_label(str(card["previous_kind"]), card["previous_start"], card["previous_end"], lang)
            earlier = fmt.qualified(card["previous_value"], str(card.get("previous_qualifier") or "exact"), lang)  # type: ignore[arg-type]
            notes.append(t("overview.same_period_value", lang, period=previous, value=earlier))
        if card.get("previous_derived"):
            notes.append(_derived_note(card, lang))
    if card.get("derived"):
        notes.append(t("chart.derived", lang, how=card.get("derived_how")))
    if card.get("later_kind") and not is_missing(card.get("later_value")):
        later = fmt.period_label(str(card["later_kind"]), card["later_start"], card["later_end"], lang)
        later_value = fmt.number(card["later_value"], lang)  # type: ignore[arg-type]
        notes.append(t("overview.later_partial", lang, value=later_value, period=later))
    ref = SourceRef.from_row(card)
    notes.append(t("sentence.source", lang, source=source_label(ref, lang)))
    return CardText(label=label, value=value, delta=delta, delta_description=description, direction=direction,
                    caption=" · ".join(notes), help=source_label(ref, lang, with_title=True))
