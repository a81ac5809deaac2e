"""core.ui.widgets.PageFilters: each filter starts from the URL and is written back in the format it is read in."""
from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st  # noqa: PLC0415 - AppTest runs this function's body as a script

    from core.ui import widgets  # noqa: PLC0415

    filters = widgets.PageFilters("t")
    kind = filters.select("kind", "Kind", ["a", "b"], default="a")
    places = filters.multiselect("loc", "Places", ["x", "y", "z"], default=["x"])
    years = filters.year_range("years", "Years", 2015, 2025)
    extra = filters.select("extra", "Extra", ["p", "q"], default="p", shown=kind == "b")
    every = filters.optional_select("all", "All", ["m", "n"], lang="vi")
    filters.publish()
    filters.show_notices("vi")
    st.write(repr((kind, places, years, extra, every)))


def _run(params: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_page)
    at.query_params.update(params)
    at.run()
    assert not at.exception
    return at


def test_values_come_from_the_url_and_go_back_in_its_format():
    at = _run({"kind": "b", "loc": "z,y", "years": "2019-2024", "extra": "q", "all": "n"})
    assert at.markdown[0].value == "('b', ['z', 'y'], (2019, 2024), 'q', 'n')"
    assert dict(at.query_params) == {"kind": "b", "loc": "z,y", "years": "2019-2024", "extra": "q", "all": "n"}
    assert not at.warning


def test_a_filter_not_shown_and_the_all_choice_leave_the_url():
    at = _run({"kind": "a", "extra": "q", "all": ""})
    assert at.markdown[0].value == "('a', ['x'], (2015, 2025), None, None)"
    assert dict(at.query_params) == {"kind": "a", "loc": "x", "years": "2015-2025"}


def test_a_changed_widget_is_written_to_the_url():
    at = _run({})
    at.multiselect(key="t.loc").set_value(["y", "x"]).run()
    at.slider(key="t.years").set_range(2020, 2021).run()
    assert (at.query_params["loc"], at.query_params["years"]) == ("y,x", "2020-2021")


def test_a_bad_parameter_falls_back_and_is_said():
    at = _run({"kind": "zzz", "years": "1990-2024"})
    assert at.markdown[0].value == "('a', ['x'], (2015, 2025), None, None)"
    assert [w.value for w in at.warning] == [
        "Tham số “kind=zzz” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
        "Tham số “years=1990-2024” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định.",
    ]


def _search_page():
    import streamlit as st  # noqa: PLC0415 - AppTest runs this function's body as a script

    from core.ui import widgets  # noqa: PLC0415

    filters = widgets.PageFilters("t")
    text = filters.text("q", "Search", max_chars=10)
    kind = filters.select("kind", "Kind", ["a", "b"], default="a")
    st.button("b", key="go", on_click=filters.choose, kwargs={"kind": "b"})
    filters.publish()
    st.write(repr((text, kind, filters.current("kind"))))


def test_text_comes_from_the_url_trimmed_and_a_link_sets_filters_for_the_next_run():
    at = AppTest.from_function(_search_page)
    at.query_params.update({"q": "  Sóc Sơn  ", "kind": "a"})
    at.run()
    assert at.markdown[0].value == "('Sóc Sơn', 'a', 'a')"
    assert dict(at.query_params) == {"q": "Sóc Sơn", "kind": "a"}
    at.text_input(key="t.q").set_value("").run()
    assert "q" not in at.query_params  # an empty search leaves the URL
    at.button(key="go").click().run()
    assert at.markdown[0].value == "('', 'b', 'b')" and at.query_params["kind"] == "b"
    long = AppTest.from_function(_search_page)
    long.query_params.update({"q": "x" * 50})
    long.run()
    assert long.markdown[0].value == f"('{'x' * 10}', 'a', 'a')"
