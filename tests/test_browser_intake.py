"""The analyst's whole path in a real browser (Playwright on Debian's Chromium, the dashboard as `make run`
serves it): a viewer sees no "Nạp báo cáo"; an analyst signs in, uploads a Word report with a table,
corrects one figure, rejects one, adds one the reader missed, publishes, finds the new figures on Xu
hướng, signs out; a new visitor opening the page's URL gets only the sign-in form. The README's
screenshot of the review (docs/screenshots/intake.png) is taken here."""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from etl.intake.accounts import Accounts
from tests.support.intake_desk import ANALYST, PASSWORD
from tests.support.intake_report import HOSTILE, write_report
from tests.support.live_server import CHROMIUM, CHROMIUM_ARGS, dashboard_server
from tests.support.streamlit_browser import choose, current

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / os.environ.get("DANVAN_SCREENSHOTS", "out/screenshots")
WAIT_MS = 120_000  # every wait ends on its condition; a busy machine may take long to get there
pytestmark = pytest.mark.browser
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> Path:
    """The server's own inbox, analyst and copy of the database (a publish rebuilds it)."""
    root = tmp_path_factory.mktemp("intake-browser")
    shutil.copyfile(built_db, root / "danvan.duckdb")
    Accounts(root / "analysts.json").set_password(ANALYST, PASSWORD)
    return root


@pytest.fixture(scope="module")
def server(place: Path) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as env:  # the server process takes the environment it starts with
        env.setenv("DANVAN_INBOX", str(place / "inbox"))
        env.setenv("DANVAN_ANALYSTS", str(place / "analysts.json"))
        with dashboard_server(place / "danvan.duckdb", timeout=180) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: `make test` installs it (apt package chromium)")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_tab(browser: Browser) -> Page:
    tab = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN").new_page()
    tab.set_default_timeout(WAIT_MS)
    return tab


def nav_link(page: Page, name: str):
    return page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True)


def only_the_sign_in_form(page: Page) -> None:
    expect(page.get_by_role("heading", name="Đăng nhập chuyên viên")).to_be_visible()
    expect(page.get_by_label("Mật khẩu")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(page.get_by_text("1. Tải tệp lên")).to_have_count(0)
    expect(nav_link(page, "Nạp báo cáo")).to_have_count(0)


def counts(page: Page, text: str):
    return page.get_by_text(re.compile(rf"^\d+ số liệu: {re.escape(text)}"))


def trends_gia_lai(page: Page) -> dict:
    """Gia Lai's yearly reception turns as the trends chart holds them (year → value), once drawn."""
    return page.evaluate("""() => { const g = document.querySelector('.js-plotly-plot');
        const t = g && g.data && g.data.find(t => t.name === 'Gia Lai');
        if (!t) return null;
        return Object.fromEntries(Array.from(t.x).map((x, i) => [x, t.y[i]]).filter(p => p[1] !== null)); }""")


def test_an_analyst_turns_a_word_report_into_published_figures(server: str, browser: Browser, place: Path) -> None:
    page = new_tab(browser)
    page.goto(server)
    page.wait_for_selector(".js-plotly-plot .main-svg")  # the first session registers the pages
    # A viewer: no page in the navigation, a link to sign in.
    expect(nav_link(page, "Xu hướng")).to_be_visible()
    expect(nav_link(page, "Nạp báo cáo")).to_have_count(0)
    page.get_by_role("link", name="Đăng nhập chuyên viên").click()
    only_the_sign_in_form(page)

    # Sign in: a wrong password first, then the right one; the page appears in the navigation.
    page.get_by_label("Tên chuyên viên").fill(ANALYST)
    page.get_by_label("Mật khẩu").fill("không phải mật khẩu")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_text("Tên hoặc mật khẩu không đúng (wrong name or password)")).to_be_visible()
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", name="1. Tải tệp lên")).to_be_visible()
    expect(nav_link(page, "Nạp báo cáo")).to_be_visible()

    # Upload a Word report with a table; its figures are listed, its text shown as typed.
    report = write_report(place / "made" / "gia-lai-2022.docx")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(report))
    expect(page.get_by_text("Đã nạp gia-lai-2022.docx: 12 đoạn, 1 bảng (uploaded).")).to_be_visible()
    expect(counts(page, "chấp nhận 0, sửa 0, loại 0, bổ sung 0, chưa quyết định 5")).to_be_visible()
    expect(page.get_by_text(HOSTILE, exact=True)).to_be_visible()
    assert page.locator("script", has_text="alert('x')").count() == 0
    expect(page.locator("strong", has_text="không in đậm")).to_have_count(0)

    # Correct the 2021 reception turns (a misprint in the table).
    row = page.get_by_test_id("stSelectbox").filter(has_text="Số liệu đang xem")
    choose(page, row, "1.980", re.compile(r"#3 · .*1\.980"))
    value = page.get_by_test_id("stNumberInput").filter(has_text="Giá trị").first.locator("input")
    expect(value).to_have_value("1980")  # the fields of #3 are drawn
    value.fill("1986")
    value.press("Enter")
    page.get_by_role("button", name="Lưu sửa").click()
    expect(counts(page, "chấp nhận 0, sửa 1, loại 0")).to_be_visible()

    # Reject the 2021 delegations, with a reason from the list.
    choose(page, row, "15 · bảng 1, hàng 3, cột 2", re.compile(r"#4 · "))
    expect(value).to_have_value("15")
    page.get_by_role("tab", name="✗ Loại").click()
    choose(page, page.get_by_test_id("stSelectbox").filter(has_text="Lý do loại"), "Không thuộc kỳ báo cáo",
           "Không thuộc kỳ báo cáo")
    page.get_by_role("button", name="Loại số liệu").click()
    expect(counts(page, "chấp nhận 0, sửa 1, loại 1")).to_be_visible()
    expect(row.get_by_role("combobox")).to_have_value(re.compile(r"^#5 "))  # the next undecided one
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 1250})
    page.get_by_role("tab", name="✎ Sửa").click()
    page.get_by_role("heading", name="3. Rà soát số liệu").evaluate("(h) => h.scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "intake.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})

    # Add the 23 meetings the reader passed over, from their number in the text.
    adding = page.get_by_test_id("stExpander").filter(has_text="Thêm số liệu máy bỏ sót")
    adding.get_by_text("Thêm số liệu máy bỏ sót").click()
    choose(page, adding.get_by_test_id("stSelectbox").filter(has_text="Từ số trong văn bản"), "«23»",
           re.compile("«23»"))
    expect(current(page, adding.get_by_label("Câu chứa số liệu"))).to_have_value(re.compile(r"tổ chức 23 buổi gặp gỡ"))
    choose(page, adding.get_by_test_id("stSelectbox").filter(has_text="Chỉ tiêu"), "đối thoại",
           "Cuộc đối thoại với Nhân dân")
    adding.get_by_role("button", name="Thêm số liệu").click()
    expect(counts(page, "chấp nhận 0, sửa 1, loại 1, bổ sung 1, chưa quyết định 3")).to_be_visible()


    # Publish: the progress, then what changed.
    page.get_by_role("button", name="Công bố", exact=True).click()
    expect(page.get_by_text(re.compile(
        r"^Đã công bố: \+5 số liệu, sửa 1, loại 1, bổ sung 1; Gia Lai · cuộc đối thoại với Nhân dân nay 2022; "
        r"Gia Lai · đoàn đông người nay 2022; Gia Lai · lượt tiếp công dân nay 2021–2024\. "))).to_be_visible()
    expect(page.get_by_text("Cơ sở dữ liệu: 127 số liệu từ 45 nguồn.")).to_be_visible()

    # Sign out: the page leaves the navigation; its form is all there is.
    page.get_by_role("button", name="Đăng xuất").click()
    only_the_sign_in_form(page)

    # The new figures on Xu hướng: the corrected 2021 and the new 2022 beside the years there were.
    page.goto(f"{server}/xu-huong?indicator=reception_turns&loc=gia-lai")
    page.wait_for_function("""() => { const g = document.querySelector('.js-plotly-plot');
        return g && g.data && g.data.some(t => t.name === 'Gia Lai' && Array.from(t.x).includes(2021)); }""")
    assert trends_gia_lai(page) == {"2021": 1986, "2022": 2104, "2023": 2743, "2024": 2861}

    # Someone else, opening the page's URL: nothing but the sign-in form.
    viewer = new_tab(browser)
    viewer.goto(f"{server}/nap-bao-cao")
    only_the_sign_in_form(viewer)
