"""Tổng quan: each focus province's latest headline figures with their change, sentences, small charts."""
from typing import NamedTuple

import pandas as pd
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures
from core.ui import cached, render, widgets
from core.ui.kept import kept
from core.words import labels, narrative
from core.words.i18n import setting, t
from core.words.safe_text import plain_md

lang = widgets.current_language()
st.title(t("overview.title", lang))
st.caption(t("overview.intro", lang))


class Overview(NamedTuple):
    """What the page shows, built once per language and build (core.ui.kept): each province's cards, the
    briefing sentences, the small charts."""

    provinces: list[tuple[str, list[narrative.CardText]]]
    sentences: list[narrative.Sentence]
    charts: list[render.Drawn]


def overview(focus: tuple[str, ...]) -> Overview:
    places = labels.locality_labels(cached.localities(), lang)
    indicators = cached.indicators()
    names, units = labels.indicator_labels(indicators, lang), labels.indicator_units(indicators, lang)
    breakdown_names = {(b.indicator, b.code): getattr(b, f"name_{lang}") for b in cached.breakdowns().itertuples()}
    headline = indicators.loc[indicators["headline"], "code"].tolist()
    cards = measures.headline_cards(cached.headline_points(list(focus)), list(focus), headline)

    provinces, sentences = [], []
    for province in focus:
        mine = cards[cards["locality_id"] == province]
        if mine.empty:
            continue
        texts = []
        for card in mine.to_dict("records"):
            words = {"indicator_name": names[card["indicator"]], "unit": units[card["indicator"]], "lang": lang,
                     "breakdown_name": breakdown_names.get((card["indicator"], card["breakdown"]), card["breakdown"])}
            texts.append(narrative.card_texts(card, **words))
            sentence = narrative.card_sentence(card, place=places[province], **words)
            if sentence:
                sentences.append(sentence)
        provinces.append((places[province], texts))

    charts = []
    for indicator in headline:
        mine = cards[cards["indicator"] == indicator]
        frames = [cached.series_points(indicator, row.breakdown, [row.locality_id], 2000, 2100)
                  for row in mine.itertuples()]
        points = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        points = points[points["period_end"].notna()] if not points.empty else points
        if points.empty:
            continue
        series_labels = {}
        for row in mine.itertuples():
            part = breakdown_names.get((indicator, row.breakdown), row.breakdown)
            series_labels[row.locality_id] = places[row.locality_id] + (
                "" if row.breakdown == "total" else f" ({part})")
        colors = palette.series_colors(list(series_labels), provinces=focus)
        fig = figures.trend_figure(points, title=names[indicator], unit=units[indicator], labels=series_labels,
                                   colors=colors, lang=lang, height=380, compact=True)
        spec = ChartSpec("overview-small", indicator, localities=tuple(series_labels), title=names[indicator],
                         chart_id=f"overview.{indicator}", lang=lang)
        charts.append(render.drawn(fig, spec, points))
    return Overview(provinces, sentences, charts)


focus = tuple(setting("focus_provinces"))
shown = kept(("overview", focus, lang), lambda: overview(focus))

# The cards and the sentences come first: everything before the first chart is on the screen before the
# browser loads plotly.js for the charts.
st.subheader(t("overview.highlights", lang))
with st.container(border=True):
    if not shown.sentences:
        st.write(t("overview.no_sentences", lang))
    for sentence in shown.sentences:
        st.markdown("**" + plain_md(sentence.text) + "**")
        st.caption(plain_md(t("sentence.source", lang, source=sentence.source)
                            + (f" — {sentence.note}" if sentence.note else "")))

for place, texts in shown.provinces:
    st.subheader(place)
    for start in range(0, len(texts), 3):
        for column, text in zip(st.columns(3), texts[start:start + 3], strict=False):
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{text.label}**", help=plain_md(text.help))
                st.metric(text.label, text.value, text.delta, delta_color="off", delta_arrow=text.direction,
                          delta_description=text.delta_description, label_visibility="collapsed")
                st.caption(plain_md(text.caption))

st.subheader(t("overview.charts", lang))
grid = st.columns(2)
for n, chart in enumerate(shown.charts):
    with grid[n % 2]:
        render.show(chart)
