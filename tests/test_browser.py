"""End to end in a real browser: Playwright drives Debian's Chromium against the dashboard as `make run`
serves it, on 127.0.0.1. Each page opens, a filter changes, the chart (or table) updates; the overview and
trends screenshots in docs/screenshots/ (shown in the README) are taken here."""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pptx import Presentation

from tests.support.live_server import BROWSER_WAIT_MS, CHROMIUM, CHROMIUM_ARGS, dashboard_server
from tests.support.streamlit_browser import current

ROOT = Path(__file__).resolve().parent.parent
# The README's screenshots are refreshed with `make screenshots` (DANVAN_SCREENSHOTS=docs/screenshots);
# a plain test run writes them under out/ so it leaves the checkout as it was.
SCREENSHOTS = ROOT / os.environ.get("DANVAN_SCREENSHOTS", "out/screenshots")
pytestmark = pytest.mark.browser
# Every wait is for a condition (an element, a text, a chart's data); on a busy machine it may take long.
expect.set_options(timeout=BROWSER_WAIT_MS)
WAIT_S = BROWSER_WAIT_MS / 1000


@pytest.fixture(scope="module")
def server(built_db: Path) -> Iterator[str]:
    with dashboard_server(built_db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: `make test` installs it (apt package chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
        tab = context.new_page()
        tab.set_default_timeout(BROWSER_WAIT_MS)
        tab.goto(server)  # the first session registers the pages, so deep links work after it
        tab.wait_for_selector(".js-plotly-plot .main-svg")
        yield tab
        browser.close()


def _open(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    page.wait_for_selector('[data-testid="stMain"]')


def _chart_data(page: Page, index: int = 0) -> list:
    """The traces plotly holds for the index-th chart on the page (x, y and names)."""
    return page.evaluate(
        """(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];
                   return g && g.data
                     ? g.data.map(t => [t.name, Array.from(t.x || []), Array.from(t.y || [])]) : null; }""",
        index,
    )


def _wait_for_chart(page: Page, condition: Callable[[list], bool], index: int = 0) -> list:
    """The index-th chart's traces once `condition` holds for them (a page being redrawn may show stale charts)."""
    deadline, now = time.monotonic() + WAIT_S, None
    while time.monotonic() < deadline:
        now = _chart_data(page, index)
        if now and condition(now):
            return now
        page.wait_for_timeout(200)  # the next look at the chart
    raise AssertionError(f"chart {index} never became what was awaited; last seen {now}")


def _wait_for_new_chart(page: Page, before: list, index: int = 0) -> list:
    return _wait_for_chart(page, lambda now: now != before, index)


def _pick(page: Page, select_index: int, option: str) -> None:
    """Open the select_index-th selectbox and choose `option`; a click that lands while the page is being
    redrawn opens nothing, so the box is clicked again until its list shows the option."""
    box = page.locator('[data-testid="stSelectbox"]').nth(select_index)
    wanted = page.get_by_role("option", name=re.compile(re.escape(option))).first
    deadline = time.monotonic() + WAIT_S
    while True:
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
    wanted.click()


# Every chart drawn at the width of its place on the page (after a resize plotly redraws it).
_CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(
  (g) => g._fullLayout && Math.abs(g._fullLayout.width - g.getBoundingClientRect().width) <= 1)"""


def _screenshot(page: Page, name: str, height: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": height})
    page.wait_for_function(_CHARTS_FIT)  # plotly has redrawn every chart at its new width
    page.screenshot(path=str(SCREENSHOTS / name))
    page.set_viewport_size({"width": 1440, "height": 1000})


def test_overview(page: Page, server: str) -> None:
    _open(page, server, "")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    sentence = "Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023."
    expect(page.get_by_text(sentence)).to_be_visible()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    _screenshot(page, "overview.png", 1900)
    page.get_by_text("English", exact=True).click()  # the language toggle is the overview's filter
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    sentence = "In 2024, Gia Lai received citizens 2,861 times, up 118 turns (4.3%) on 2023."
    expect(page.get_by_text(sentence)).to_be_visible()
    assert "lang=en" in page.url
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()


@pytest.mark.parametrize(("path", "heading"), [("tong-quan", "Tổng quan"), ("tong-quan?lang=en", "Overview"),
                                               ("?lang=en", "Overview")])
def test_the_overview_answers_at_its_declared_path(page: Page, server: str, path: str, heading: str) -> None:
    """/tong-quan, the path dashboard.py gives the overview, opens it (it said "Page not found"), and the
    root URL leads there with its query string."""
    _open(page, server, path)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.wait_for_url(re.compile(r"/tong-quan(\?|$)"))
    assert ("lang=en" in page.url) == ("lang=en" in path)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_trends(page: Page, server: str) -> None:
    _open(page, server, "xu-huong")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    before = _chart_data(page)
    names = [t[0] for t in before]
    assert names == ["Hà Nội", "Hà Nội — một phần năm", "Gia Lai"]
    assert before[1][2] == [24254]
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Mô hình")
    _screenshot(page, "trends.png", 1350)
    page.get_by_test_id("stRadioGroup").get_by_text("Chỉ số (năm đầu = 100)").click()
    after = _wait_for_new_chart(page, before)
    hanoi = next(t for t in after if t[0] == "Hà Nội")
    assert [round(v, 2) for v in hanoi[2] if v is not None] == [100.0, 87.35]
    assert "mode=index" in page.url


def test_compare(page: Page, server: str) -> None:
    _open(page, server, "so-sanh")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    before = _chart_data(page)
    assert before[0][1] == [11935] and before[0][2] == ["Hà Nội"]
    page.get_by_test_id("stRadioGroup").get_by_text("Quận, huyện trong một tỉnh").click()
    after = _wait_for_new_chart(page, before)
    # the newest district period: Gia Lâm's 2009–2024 total (data/reports/h003.txt)
    assert after[0][2] == ["Gia Lâm"] and after[0][1] == [3845]
    ranked = r"1 trên 30 quận, huyện của Hà Nội có số liệu lũy kế 2009 – 2024; 29 quận, huyện không có số liệu"
    expect(page.get_by_text(re.compile(ranked))).to_be_visible()


def test_district(page: Page, server: str) -> None:
    _open(page, server, "dia-ban")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    expect(page.get_by_text(re.compile("Huyện Sóc Sơn \\(Hà Nội\\) không còn từ 01/07/2025"))).to_be_visible()
    before = _chart_data(page)
    _pick(page, 1, "Tây Hồ")
    tay_ho = {"Mô hình", "Điển hình", "Mô hình — lũy kế", "Điển hình — lũy kế"}  # 2023: data/reports/h006.txt
    assert {t[0] for t in before} != tay_ho
    _wait_for_chart(page, lambda now: {t[0] for t in now} == tay_ho)
    assert "place=ha-noi.tay-ho" in page.url


def test_data_and_sources(page: Page, server: str) -> None:
    _open(page, server, "du-lieu")
    expect(page.get_by_text("122 số liệu phù hợp bộ lọc.")).to_be_visible()
    _pick(page, 0, "Gia Lai")
    expect(page.get_by_text("39 số liệu phù hợp bộ lọc.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Tải CSV"))).to_be_visible()
    assert "province=gia-lai" in page.url


def test_shared_link_restores_the_view(page: Page, server: str) -> None:
    _open(page, server, "xu-huong?indicator=reception_turns&loc=gia-lai&years=2023-2024&mode=change_abs")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    data = _chart_data(page)
    assert data == [["Gia Lai", [2023, 2024], [None, 118]]]


MENU = "Tải ảnh, thêm vào slide"
_SCRIPT_DONE = """() => document.querySelector('[data-testid="stApp"]')
  ?.getAttribute('data-test-script-state') === 'notRunning'"""


@pytest.mark.parametrize("path", ["tong-quan", "xu-huong?indicator=reception_turns&loc=gia-lai"],
                         ids=["menu-on-the-page", "menu-in-a-fragment"])
def test_a_page_chosen_in_the_sidebar_opens_while_a_chart_menu_is_open(page: Page, server: str, path: str) -> None:
    """With a chart's menu open, a click on another page in the sidebar opens that page and it stays (a popover
    menu, closed by that click, reran the page being left: the visitor stayed there or got an empty page)."""
    _open(page, server, path)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.get_by_text(MENU, exact=True).first.click()
    expect(page.get_by_role("button", name="PNG", exact=True).first).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Dữ liệu & nguồn").click()
    heading = page.get_by_role("heading", name="Dữ liệu và nguồn", exact=True)
    expect(heading).to_be_visible()
    page.wait_for_function(_SCRIPT_DONE)
    expect(heading).to_be_visible()
    expect(page.get_by_role("tab", name="Số liệu")).to_be_visible()
    assert page.url.startswith(f"{server}/du-lieu")


def test_chart_images_and_deck(page: Page, server: str, tmp_path: Path) -> None:
    """PNG download in the menu under a chart; "Thêm vào slide" on the trends page, then the "Xuất slide" page lists
    it and its PowerPoint downloads (the session is kept: pages are switched in the sidebar, not by a new URL)."""
    _open(page, server, "xu-huong?indicator=reception_turns&loc=gia-lai&years=2023-2024")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.get_by_text(MENU, exact=True).click()  # the chart's menu: its buttons appear
    with page.expect_download() as png:
        page.get_by_role("button", name="PNG", exact=True).click()
    path = tmp_path / png.value.suggested_filename
    png.value.save_as(path)
    assert path.name == "reception_turns_gia-lai_2023-2024.png"
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20]), int.from_bytes(data[20:24])) == (1920, 1080)

    page.get_by_role("button", name="Thêm vào slide", exact=True).click()
    expect(page.get_by_role("button", name="Đã có trong slide")).to_be_disabled()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Xuất slide").click()
    expect(page.get_by_role("heading", name="Xuất slide")).to_be_visible()
    expect(page.get_by_text("1. Lượt tiếp công dân — Tổng số", exact=True)).to_be_visible()
    expect(page.get_by_text("Gia Lai · 2023–2024 · Tổng số · số tuyệt đối · lượt", exact=True)).to_be_visible()
    _screenshot(page, "deck.png", 900)
    with page.expect_download() as pptx:
        page.get_by_role("button", name="Tải PowerPoint (.pptx)").click()
    deck = tmp_path / "deck.pptx"
    pptx.value.save_as(deck)
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert titles == ["Công tác dân vận — số liệu so sánh theo năm", "Lượt tiếp công dân — Tổng số", "Nguồn số liệu"]


# --- issue 10: tried as a new user would, on a build with reports from 2026 naming the new units ------------------

@pytest.fixture(scope="module")
def reform_server(reform_db: Path) -> Iterator[str]:
    with dashboard_server(reform_db) as url:
        yield url


def test_a_new_user_finds_what_became_of_soc_son_and_compares_two_new_wards(page: Page, reform_server: str) -> None:
    """From the front page, through the sidebar, the search box and the links, never typing an address: what
    became of huyện Sóc Sơn, then two of Hà Nội's new wards side by side."""
    page.goto(reform_server)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    # the front page compares the newest part of a year with the same months of the year before
    expect(current(page, page.get_by_text(
        "9 tháng 2026, Hà Nội tiếp 18.360 lượt công dân, tăng 1.210 lượt (7,1%) so với cùng kỳ năm 2025.",
        exact=True))).to_be_visible()
    _screenshot(page, "overview-2026.png", 1250)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Địa bàn").click()
    expect(current(page, page.get_by_role("heading", name="Hồ sơ địa bàn"))).to_be_visible()
    search = page.get_by_role("textbox", name="Tìm địa bàn theo tên cũ hoặc mới")
    search.fill("soc son")  # without tone marks, as one types in a hurry
    search.press("Enter")
    expect(current(page, page.get_by_text("huyện Sóc Sơn (Hà Nội) — đến 30/06/2025", exact=True))).to_be_visible()
    expect(current(page, page.get_by_text(
        "Nay thuộc: xã Đa Phúc (một phần), xã Kim Anh (một phần), xã Nội Bài (một phần), xã Sóc Sơn (một phần), "
        "xã Trung Giã (một phần).", exact=True))).to_be_visible()
    _screenshot(page, "place-search.png", 1100)
    current(page, page.get_by_role("button", name=re.compile("^Mở hồ sơ huyện Sóc Sơn"))).click()
    expect(current(page, page.get_by_text(re.compile(r"^Huyện Sóc Sơn \(Hà Nội\) không còn từ 01/07/2025")))
           ).to_be_visible()
    current(page, page.get_by_role("button", name="xã Sóc Sơn (một phần) — 2 số liệu")).click()  # a successor's link
    expect(current(page, page.get_by_text(re.compile(r"^Xã Sóc Sơn \(Hà Nội\) là đơn vị mới từ 01/07/2025")))
           ).to_be_visible()
    assert "place=ha-noi.xa-soc-son" in page.url
    old_figures = "Trước 01/07/2025: số liệu của các quận, huyện cũ (để tham khảo)"
    expect(current(page, page.get_by_role("heading", name=old_figures))).to_be_visible()
    search.fill("")
    search.press("Enter")
    expect(current(page, page.get_by_text("huyện Sóc Sơn (Hà Nội) — đến 30/06/2025", exact=True))).to_have_count(0)
    _screenshot(page, "place-new.png", 1500)

    nav.get_by_role("link", name="Xu hướng").click()
    page.wait_for_selector(".js-plotly-plot .main-svg")
    _pick(page, 0, "Lượt tiếp công dân")
    _wait_for_chart(page, lambda now: any(t[0] == "Hà Nội — một phần năm" and 18360 in t[2] for t in now))
    for chosen in ("Hà Nội", "Gia Lai (đến 30/06/2025)"):
        page.get_by_role("button", name=f"Remove {chosen}", exact=True).click()
    expect(current(page, page.get_by_text("Chưa chọn địa phương nào.", exact=False))).to_be_visible()
    places = page.get_by_test_id("stMultiSelect").get_by_role("combobox")
    for ward in ("phường Ba Đình (Hà Nội)", "phường Hoàn Kiếm (Hà Nội)"):
        places.fill(ward.split(" (")[0].removeprefix("phường "))
        page.get_by_role("option", name=ward, exact=True).click()
    data = _wait_for_chart(page, lambda now: len(now) == 2)
    # nine months of 2026 for both wards, and of 2025 for Ba Đình (its report's "cùng kỳ")
    assert data == [["phường Ba Đình (Hà Nội) — một phần năm", [2025.22, 2026.22], [400, 412]],
                    ["phường Hoàn Kiếm (Hà Nội) — một phần năm", [2026.22], [385]]]
    assert "loc=ha-noi.phuong-ba-dinh%2Cha-noi.phuong-hoan-kiem" in page.url
    places.press("Escape")  # close the list before the picture
    expect(page.get_by_role("option", name="Hà Nội", exact=True)).to_have_count(0)
    _screenshot(page, "wards.png", 1100)
