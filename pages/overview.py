"""Tổng quan: each focus province's latest headline figures with their change, sentences, small charts."""
import pandas as pd
import streamlit as st

from core.charts import figures, palette
from core.charts.spec import ChartSpec
from core.data import measures
from core.ui import cached, render, widgets
from core.words import labels, narrative
from core.words.i18n import setting, t
from core.words.safe_text import plain_md

lang = widgets.current_language()
st.title(t("overview.title", lang))
st.caption(t("overview.intro", lang))

places = labels.locality_labels(cached.localities(), lang)
indicators = cached.indicators()
names, units = labels.indicator_labels(indicators, lang), labels.indicator_units(indicators, lang)
breakdown_names = {(b.indicator, b.code): getattr(b, f"name_{lang}") for b in cached.breakdowns().itertuples()}
headline = indicators.loc[indicators["headline"], "code"].tolist()
focus = list(setting("focus_provinces"))
cards = measures.headline_cards(cached.headline_points(focus), focus, headline)

highlights = st.container()
sentences = []
for province in focus:
    mine = cards[cards["locality_id"] == province]
    if mine.empty:
        continue
    st.subheader(places[province])
    records = mine.to_dict("records")
    for start in range(0, len(records), 3):
        columns = st.columns(3)
        for column, card in zip(columns, records[start:start + 3], strict=False):
            key = (card["indicator"], card["breakdown"])
            text = narrative.card_texts(card, indicator_name=names[card["indicator"]],
                                        breakdown_name=breakdown_names.get(key, card["breakdown"]),
                                        unit=units[card["indicator"]], lang=lang)
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{text.label}**", help=plain_md(text.help))
                st.metric(text.label, text.value, text.delta, delta_color="off", delta_arrow=text.direction,
                          delta_description=text.delta_description, label_visibility="collapsed")
                st.caption(plain_md(text.caption))
            sentence = narrative.card_sentence(card, place=places[province], indicator_name=names[card["indicator"]],
                                               breakdown_name=breakdown_names.get(key, card["breakdown"]),
                                               unit=units[card["indicator"]], lang=lang)
            if sentence:
                sentences.append(sentence)

with highlights:
    st.subheader(t("overview.highlights", lang))
    box = st.container(border=True)
with box:
    if not sentences:
        st.write(t("overview.no_sentences", lang))
    for sentence in sentences:
        st.markdown("**" + plain_md(sentence.text) + "**")
        st.caption(plain_md(t("sentence.source", lang, source=sentence.source)
                                   + (f" — {sentence.note}" if sentence.note else "")))

st.subheader(t("overview.charts", lang))
grid = st.columns(2)
shown = 0
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
        series_labels[row.locality_id] = places[row.locality_id] + ("" if row.breakdown == "total" else f" ({part})")
    colors = palette.series_colors(list(series_labels), provinces=focus)
    fig = figures.trend_figure(points, title=names[indicator], unit=units[indicator], labels=series_labels,
                              colors=colors, lang=lang, height=380, compact=True)
    spec = ChartSpec("overview-small", indicator, localities=tuple(series_labels), title=names[indicator],
                     chart_id=f"overview.{indicator}", lang=lang)
    with grid[shown % 2]:
        render.show_chart(fig, spec, points)
    shown += 1
