"""Steps on a Streamlit page in Playwright, each ending on a condition: choose in a select box by typing,
as a keyboard user would."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

TRIES = 5


def choose(page: Page, box: Locator, typed: str, shown: str | re.Pattern[str]) -> None:
    """Type `typed` into the select box `box` and press Enter, until the box shows `shown`. Typing that
    lands while the page is being redrawn is lost: then the list never opens, and it is typed again."""
    field = box.get_by_role("combobox")
    wanted = shown if isinstance(shown, re.Pattern) else re.compile(re.escape(shown))
    for _ in range(TRIES):
        field.click()
        field.fill(typed)
        try:
            page.get_by_role("option").first.wait_for(state="visible", timeout=15_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        page.keyboard.press("Enter")
        break
    expect(field).to_have_value(wanted)
