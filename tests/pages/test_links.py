"""Every page opened with hostile link parameters: shown as text, never as markup, and nothing changes."""
from __future__ import annotations

import duckdb
import pytest

from tests.support.app_pages import ok, open_page, unescape

HOSTILE = ["<script>alert(1)</script>", "x'; DROP TABLE observations; --", "**đậm** [link](javascript:alert(1))",
           ":red[đỏ] :material/warning:"]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/trends.py", "pages/compare.py", "pages/district.py",
                                  "pages/data.py", "pages/deck.py"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_link_parameters_are_shown_as_text_and_change_nothing(page, value, built_db):
    before = duckdb.connect(str(built_db), read_only=True)
    n = before.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    before.close()
    params = {name: value for name in ("lang", "indicator", "breakdown", "loc", "years", "mode", "chart", "province",
                                       "district", "level", "period", "year", "kind", "scope", "era", "place", "q")}
    # The overview is the default page: a link to the site itself carries its parameters (and ?lang).
    at = ok(open_page(None if page == "pages/overview.py" else page, params))
    for kind in ("warning", "markdown", "caption", "info"):
        for el in getattr(at, kind):
            # Markdown and HTML in the value are escaped: shown as characters, never as markup.
            assert "<script>" not in el.value and "**đậm**" not in el.value and ":red[" not in el.value
    shown = [unescape(w.value) for w in at.warning]
    if page != "pages/deck.py":  # the deck page reads no link parameters
        assert any(value in s for s in shown), shown
    after = duckdb.connect(str(built_db), read_only=True)
    assert after.execute("SELECT count(*) FROM observations").fetchall()[0][0] == n
    after.close()
