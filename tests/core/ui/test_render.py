"""core.ui.render: a chart on a page, plotly's download config, its source line, the actions under it; safe Markdown."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from core.charts.spec import ChartSpec
from core.ui import render
from core.words.safe_text import plain_md


def test_plotly_config_downloads_a_slide_sized_png_named_after_the_chart():
    spec = ChartSpec("trend-line", "reception_turns", "total", ("gia-lai",), (2023, 2024), title="T", chart_id="t")
    config = render.plotly_config(spec)
    # drawn at half size and scaled ×2 (as the server-side export): 1920×1080 pixels, fonts sized for a slide
    assert config["toImageButtonOptions"] == {"format": "png", "width": 960, "height": 540, "scale": 2,
                                              "filename": "reception_turns_gia-lai_2023-2024"}
    assert config["displaylogo"] is False and config["modeBarButtonsToRemove"] == ["lasso2d", "select2d"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Báo *Gia* Lai", r"Báo \*Gia\* Lai"), ("[a](http://x)", r"\[a\]\(http\://x\)"), ("<b>x</b>", r"\<b\>x\</b\>"),
     (None, ""),
     ("ha-noi.soc-son", "ha-noi.soc-son"), ("- gạch đầu dòng", r"\- gạch đầu dòng"), (":red[đỏ]", r"\:red\[đỏ\]"),
     ("1. Kết quả\n 2) tiếp 2.861 lượt", "1\\. Kết quả\n 2\\) tiếp 2.861 lượt"), ("Mục 1. Năm 2024", "Mục 1. Năm 2024"),
     ("2.861 lượt", "2.861 lượt")],
)
def test_plain_md(text, expected):
    assert plain_md(text) == expected


def test_register_chart_action_once():
    calls = []

    def action(fig, spec, rows):
        calls.append(spec.chart_id)

    before = len(render._CHART_ACTIONS)
    render.register_chart_action(action)
    render.register_chart_action(action)
    assert len(render._CHART_ACTIONS) == before + 1
    render._CHART_ACTIONS.remove(action)


def test_show_chart_hands_the_drawn_rows_to_every_action(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))  # the buttons read the catalog: the test's own database

    def script():
        # AppTest runs this function's body as a script of its own: it imports what it uses.
        import pandas as pd  # noqa: PLC0415
        import plotly.graph_objects as go  # noqa: PLC0415
        import streamlit as st  # noqa: PLC0415

        from core.charts.spec import ChartSpec  # noqa: PLC0415
        from core.ui import render  # noqa: PLC0415

        def action(fig, spec, rows):
            st.write(f"{spec.chart_id}: {len(fig.data)} trace, rows {list(rows['value'])}")

        render.register_chart_action(action)
        try:
            spec = ChartSpec("trend-line", "x", title="T", chart_id="t.main")
            rows = pd.DataFrame({"value": [2.0, 3.0], "source_publisher": ["Báo *A*", "unknown"],
                                 "source_published": ["2024", None], "source_title": ["a", "Bài b"]})
            render.show_chart(go.Figure(go.Scatter(x=[1], y=[2])), spec, rows)
        finally:
            render._CHART_ACTIONS.remove(action)

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["t.main: 1 trace, rows [2.0, 3.0]"]
    # the chart's source line, the same words as its PNG's (core.words.sources), shown as plain text
    assert [c.value for c in at.caption] == [r"Nguồn\: Báo \*A\*, 2024; Bài b"]
    (chart,) = at.get("plotly_chart")
    assert json.loads(chart.proto.spec)["layout"]["meta"]["chart_spec"]["chart_id"] == "t.main"
