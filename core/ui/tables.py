"""Tables shown on the pages: query results turned into labelled columns with numbers, periods and
dates written the Vietnamese way (or English). Pure pandas; headers come from data/ui.yaml."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from core.data.missing import is_missing
from core.data.period import as_date
from core.words import area_change, fmt
from core.words.i18n import t
from core.words.sources import SourceRef, known_publisher, source_label
from domain.links import is_web_link


def _col(name: str, lang: str) -> str:
    return t(f"columns.{name}", lang)


def _period(row: object, lang: str) -> str:
    return fmt.period_label(row.period_kind, row.period_start, row.period_end, lang)  # type: ignore[attr-defined]


def _source(row: object, lang: str) -> str:
    ref = SourceRef.of(row.source_publisher, row.source_published, row.source_title)  # type: ignore[attr-defined]
    return source_label(ref, lang, with_title=True)


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _links(urls: pd.Series) -> list[str | None]:
    """A link column's cells: web addresses only (domain.links); any other text is no link."""
    return [url if is_web_link(url) else None for url in urls]


def _derived(rows: pd.DataFrame) -> list[str]:
    """How each derived value was derived, "" for printed ones."""
    return [_text(how) if derived else "" for derived, how in zip(rows["derived"], rows["derived_how"], strict=True)]


def plotted_table(
    points: pd.DataFrame, labels: Mapping[str, str], unit: str, lang: str = "vi", series: str = "locality_id"
) -> pd.DataFrame:
    """One row per plotted value: locality (or breakdown), period, value with qualifier, plotted measure, derived,
    source."""
    rows = []
    order = {sid: i for i, sid in enumerate(labels)}
    frame = points.assign(_o=points[series].map(order)).sort_values(["_o", "period_end", "period_start"])
    name_column = _col("locality", lang) if series == "locality_id" else _col("breakdown", lang)
    for row in frame.itertuples():
        item = {
            name_column: labels.get(getattr(row, series), getattr(row, series)),
            _col("period", lang): _period(row, lang),
            _col("value", lang): fmt.qualified(row.value, row.qualifier, lang) + " " + unit,
        }
        if "plotted" in frame.columns:
            item[_col("plotted", lang)] = fmt.number(getattr(row, "plotted", None), lang)
        item[_col("derived", lang)] = _text(row.derived_how) if bool(row.derived) else ""
        item[_col("source", lang)] = _source(row, lang)
        rows.append(item)
    return pd.DataFrame(rows)


def change_table(changes: pd.DataFrame, labels: Mapping[str, str], unit: str, lang: str = "vi") -> pd.DataFrame:
    """core.data.measures.start_end_change rows with names and formatted numbers."""
    return pd.DataFrame(
        {
            _col("locality", lang): [labels.get(sid, sid) for sid in changes.iloc[:, 0]],
            _col("first_year", lang): changes["first_year"].astype(str),
            _col("first_value", lang): [fmt.number(v, lang) + " " + unit for v in changes["first_value"]],
            _col("last_year", lang): changes["last_year"].astype(str),
            _col("last_value", lang): [fmt.number(v, lang) + " " + unit for v in changes["last_value"]],
            _col("change_abs", lang): [fmt.signed(v, lang) for v in changes["change_abs"]],
            _col("change_pct", lang): [fmt.percent(v, lang, signed_=True) for v in changes["change_pct"]],
        }
    )


def ranking_table(ranked: pd.DataFrame, labels: Mapping[str, str], unit: str, lang: str = "vi") -> pd.DataFrame:
    """core.data.measures.rank_values rows: rank, locality, value (or "no figure"), derived, source."""
    rows = []
    for row in ranked.itertuples():
        has = not is_missing(row.value)
        rows.append(
            {
                _col("rank", lang): str(row.rank) if has else "",
                _col("locality", lang): labels.get(row.locality_id, row.name),
                _col("value", lang): (fmt.qualified(row.value, row.qualifier, lang) + " " + unit if has
                                      else t("chart.no_value", lang)),
                _col("derived", lang): _text(row.derived_how) if has and bool(row.derived) else "",
                _col("source", lang): _source(row, lang) if has else "",
            }
        )
    return pd.DataFrame(rows)


def observations_table(obs: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Every observation with its place, indicator, period, value, source (title, publisher, date, link) and quote."""
    return pd.DataFrame(
        {
            _col("province", lang): obs["province"],
            _col("place", lang): [area_change.unit_name(k, d, lang) if isinstance(d, str) and d else ""
                                  for k, d in zip(obs["locality_kind"], obs["district"], strict=True)],
            _col("indicator", lang): obs[f"indicator_{lang}"],
            _col("breakdown", lang): obs[f"breakdown_{lang}"].fillna(obs["breakdown"]),
            _col("period", lang): [_period(row, lang) for row in obs.itertuples()],
            _col("period_kind", lang): [t(f"period_kind.{k}", lang) for k in obs["period_kind"]],
            _col("value", lang): [fmt.qualified(v, q, lang)
                                  for v, q in zip(obs["value"], obs["qualifier"], strict=True)],
            _col("unit", lang): obs[f"unit_{lang}"],
            _col("derived", lang): _derived(obs),
            _col("source", lang): obs["source_title"],
            _col("publisher", lang): [known_publisher(p) or "" for p in obs["source_publisher"]],
            _col("published", lang): [fmt.published(p) for p in obs["source_published"]],
            _col("link", lang): _links(obs["source_url"]),
            _col("quote", lang): obs["quote"].fillna(""),
        }
    )


def sources_table(sources: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per source: title, publisher, date, link, how many figures, years covered."""
    years = [
        "" if is_missing(a) else (str(int(a)) if a == b else f"{int(a)}–{int(b)}")
        for a, b in zip(sources["first_year"], sources["last_year"], strict=True)
    ]
    return pd.DataFrame(
        {
            _col("source", lang): sources["title"],
            _col("publisher", lang): [known_publisher(p) or "" for p in sources["publisher"]],
            _col("published", lang): [fmt.published(p) for p in sources["published"]],
            _col("n_figures", lang): sources["n_observations"].astype(int),
            _col("years", lang): years,
            _col("link", lang): _links(sources["url"]),
        }
    )


def glossary_table(indicators: pd.DataFrame, breakdowns: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """One row per indicator: names, unit and definition in both languages, and its breakdowns."""
    parts = breakdowns[breakdowns["code"] != "total"].groupby("indicator")[f"name_{lang}"].agg("; ".join)
    return pd.DataFrame(
        {
            _col("code", lang): indicators["code"],
            _col("name_vi", lang): indicators["name_vi"],
            _col("name_en", lang): indicators["name_en"],
            _col("unit", lang): indicators["unit_vi"] + " / " + indicators["unit_en"],
            _col("description_vi", lang): indicators["description_vi"],
            _col("description_en", lang): indicators["description_en"],
            t("data.breakdowns", lang): indicators["code"].map(parts).fillna(""),
        }
    )


def profile_table(points: pd.DataFrame, lang: str = "vi", with_indicator: bool = False) -> pd.DataFrame:
    """A place's figures (of one indicator, or of every one `with_indicator`): breakdown, period, value, derived,
    source, quote. A period that runs over the unit's last or first day says so ("năm 2025 — quá ngày 30/06/2025,
    ngày cuối của đơn vị")."""
    columns = {_col("indicator", lang): points[f"indicator_{lang}"]} if with_indicator else {}
    return pd.DataFrame(
        {
            **columns,
            _col("breakdown", lang): points[f"breakdown_{lang}"].fillna(points["breakdown"]),
            _col("period", lang): [_profile_period(row, lang) for row in points.to_dict("records")],
            _col("value", lang): [
                fmt.qualified(v, q, lang) + " " + u
                for v, q, u in zip(points["value"], points["qualifier"], points[f"unit_{lang}"], strict=True)
            ],
            _col("derived", lang): _derived(points),
            _col("source", lang): [
                source_label(SourceRef.of(p, d, title), lang, with_title=True) for p, d, title in
                zip(points["source_publisher"], points["source_published"], points["source_title"], strict=True)
            ],
            _col("link", lang): _links(points["source_url"]),
            _col("quote", lang): points["quote"].fillna(""),
        }
    )


def _profile_period(row: dict, lang: str) -> str:
    """The period, and whether it runs over the unit's last day (an old district's "năm 2025") or its first."""
    period = fmt.period_label(row["period_kind"], row["period_start"], row["period_end"], lang)
    if not row.get("crosses_validity"):
        return period
    end, last_day = as_date(row["period_end"]), as_date(row.get("locality_valid_to"))
    if end and last_day and end > last_day:
        return t("place.crosses_end", lang, period=period, day=fmt.date(last_day, lang))
    return t("place.crosses_start", lang, period=period, day=fmt.date(row.get("locality_valid_from"), lang))
