"""The server `make run` starts: a shared page link opens that page, even for the first visitor."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.support.live_server import BROWSER_WAIT_MS, CHROMIUM, CHROMIUM_ARGS, dashboard_server


@pytest.mark.browser
def test_first_visitor_opening_a_page_link_gets_that_page(built_db):
    with dashboard_server(built_db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/xu-huong?indicator=reception_turns&loc=gia-lai")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=BROWSER_WAIT_MS)
        body = page.inner_text("body")
        browser.close()
    assert "does not seem to exist" not in body
    assert "Xu hướng" in body and "Lượt tiếp công dân" in body
