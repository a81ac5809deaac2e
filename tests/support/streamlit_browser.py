"""Steps on a Streamlit page in Playwright, each ending on a condition: choose in a select box by typing,
as a keyboard user would; find an element of the page as it is now, not the stale copy a rerun has not
yet removed."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

TRIES = 5
# Streamlit marks the elements of the previous run that the current run has not redrawn yet
NOT_STALE = 'xpath=//*[not(ancestor-or-self::*[@data-stale="true"])]'


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


def current(page: Page, locator: Locator) -> Locator:
    """`locator` without the elements of the previous run still on screen: a widget whose key changed
    (a form that starts afresh) is drawn anew while its old copy lingers, stale, until the run ends."""
    return locator.and_(page.locator(NOT_STALE))
