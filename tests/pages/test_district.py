"""Địa bàn run headless (AppTest): an old district's profile names its successors and links to them; a new
unit's names what it was formed from and shows the old districts' figures apart; the search by old or new name;
the era, province and place filters, the link and bad parameters."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts, traces, unescape

PLACE = "pages/district.py"


def _buttons(at: AppTest, prefix: str) -> list[tuple[str, str]]:
    return [(b.key.removeprefix(prefix), unescape(b.label)) for b in at.button if b.key.startswith(prefix)]


def _chosen(at: AppTest) -> tuple[str, str, str]:
    return (at.radio(key="district.era").value, at.selectbox(key="district.province").value,
            at.selectbox(key="district.place").value)


def test_old_district_profile_names_what_took_its_area():
    at = ok(open_page(PLACE))
    assert at.title[0].value == "Hồ sơ địa bàn"
    assert _chosen(at) == ("old", "ha-noi", "ha-noi.soc-son")
    assert at.subheader[0].value == "huyện Sóc Sơn (Hà Nội) — đến 30/06/2025"
    assert unescape(at.info[0].value) == (
        "Huyện Sóc Sơn (Hà Nội) không còn từ 01/07/2025: cấp huyện chấm dứt sau ngày 30/06/2025. Địa bàn của huyện "
        "Sóc Sơn nay thuộc 5 xã, phường dưới đây; trong ngoặc là phần địa bàn của huyện Sóc Sơn mà mỗi nơi nhận. "
        "Số liệu của huyện Sóc Sơn không nối tiếp thành số liệu của nơi nào.")
    assert _buttons(at, "place.after.") == [
        ("ha-noi.xa-da-phuc", "xã Đa Phúc (một phần)"), ("ha-noi.xa-kim-anh", "xã Kim Anh (một phần)"),
        ("ha-noi.xa-noi-bai", "xã Nội Bài (một phần)"), ("ha-noi.xa-soc-son", "xã Sóc Sơn (một phần)"),
        ("ha-noi.xa-trung-gia", "xã Trung Giã (một phần)")]
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_recognized", "dialogues", "dialogue_opinions"]
    assert {tuple(chart_spec(c)["localities"]) for c in charts(at)} == {("ha-noi.soc-son",)}
    assert traces(charts(at)[1])["Đối thoại đột xuất — lũy kế"]["customdata"][0][2] == "hơn 40 cuộc"
    assert len(at.dataframe) == 3
    # a successor's link opens its profile on the same page, in the new era
    at.button(key="place.after.ha-noi.xa-soc-son").click().run()
    assert _chosen(ok(at)) == ("new", "ha-noi", "ha-noi.xa-soc-son")
    assert at.query_params["place"] == "ha-noi.xa-soc-son"


def test_the_place_list_of_each_era():
    at = ok(open_page(PLACE))
    places = at.selectbox(key="district.place")
    assert len(places.options) == 30
    assert places.options[:2] == ["quận Ba Đình (Hà Nội) — đến 30/06/2025",
                                  "quận Hoàn Kiếm (Hà Nội) — đến 30/06/2025 — 2 số liệu"]
    assert "huyện Sóc Sơn (Hà Nội) — đến 30/06/2025 — 10 số liệu" in places.options
    at.radio(key="district.era").set_value("new").run()
    ok(at)
    # the new era: Hà Nội's 126 communes and wards; the place becomes one that took Sóc Sơn's area, with figures
    assert len(at.selectbox(key="district.place").options) == 126
    assert at.selectbox(key="district.province").options[:1] == ["Hà Nội"]
    assert len(at.selectbox(key="district.province").options) == 34
    assert _chosen(at)[2] in {"ha-noi.xa-da-phuc", "ha-noi.xa-kim-anh", "ha-noi.xa-noi-bai", "ha-noi.xa-soc-son",
                              "ha-noi.xa-trung-gia"}
    at.selectbox(key="district.province").set_value("gia-lai-2025").run()
    assert len(ok(at).selectbox(key="district.place").options) == 135
    at.radio(key="district.era").set_value("old").run()
    # old Gia Lai stands for the merged one in the old era
    assert _chosen(ok(at))[:2] == ("old", "gia-lai")
    assert at.selectbox(key="district.province").options == [
        "Hà Nội", "Bắc Kạn (đến 30/06/2025)", "Bình Định (đến 30/06/2025)", "Gia Lai (đến 30/06/2025)",
        "Lâm Đồng (đến 30/06/2025)"]


def test_district_filters_change_the_profile():
    at = ok(open_page(PLACE))
    at.selectbox(key="district.place").set_value("ha-noi.tay-ho").run()
    assert [chart_spec(c)["indicator"] for c in charts(ok(at))] == ["models_registered", "models_recognized"]
    at.selectbox(key="district.province").set_value("gia-lai").run()
    ok(at)
    assert at.selectbox(key="district.place").value == "gia-lai.an-khe"  # the first district with figures
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_registered"]
    assert unescape(at.info[0].value).startswith("Thị xã An Khê (Gia Lai) không còn từ 01/07/2025")
    at.selectbox(key="district.place").set_value("gia-lai.pleiku").run()
    assert not charts(ok(at))
    assert "Chưa có số liệu nào của thành phố Pleiku." in texts(at)


def test_district_url_and_bad_params():
    at = ok(open_page(PLACE, {"province": "gia-lai", "place": "gia-lai.dak-po"}))
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["dialogue_opinions"]
    # a place alone chooses its era and province
    alone = ok(open_page(PLACE, {"place": "gia-lai-2025.phuong-dien-hong"}))
    assert _chosen(alone) == ("new", "gia-lai-2025", "gia-lai-2025.phuong-dien-hong")
    bad = ok(open_page(PLACE, {"province": "gia-lai", "place": "gia-lai.khong-co"}))
    assert [w.value for w in bad.warning] == [
        "Tham số “place=gia-lai.khong-co” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."]
    assert bad.selectbox(key="district.place").value == "gia-lai.an-khe"


def test_search_by_old_or_new_name_says_what_became_of_each(reform):
    at = ok(open_page(PLACE))
    at.text_input(key="district.q").set_value("  soc son ").run()  # without tone marks, spaces around
    ok(at)
    assert at.query_params["q"] == "soc son"
    found = [unescape(m.value) for m in at.markdown if m.value.startswith("**") and "—" in m.value]
    assert found == ["**huyện Sóc Sơn (Hà Nội) — đến 30/06/2025**",
                     "**thị trấn Sóc Sơn (Sóc Sơn, Hà Nội) — đến 30/06/2025**",
                     "**xã Sóc Sơn (Hà Nội) — từ 01/07/2025**"]
    details = [unescape(c.value) for c in at.caption if c.value.startswith(("Nay thuộc", "Hình thành"))]
    assert details == [
        "Nay thuộc: xã Đa Phúc (một phần), xã Kim Anh (một phần), xã Nội Bài (một phần), xã Sóc Sơn (một phần), "
        "xã Trung Giã (một phần).",
        "Nay thuộc: xã Sóc Sơn (toàn bộ).",
        "Hình thành từ: huyện Sóc Sơn (một phần): xã Đông Xuân (toàn bộ), xã Mai Đình (một phần), xã Phù Linh (toàn "
        "bộ), xã Phù Lỗ (toàn bộ), xã Phú Minh (một phần), xã Quang Tiến (một phần), thị trấn Sóc Sơn (toàn bộ), "
        "xã Tân Minh (toàn bộ), xã Tiên Dược (toàn bộ).",
    ]
    assert _buttons(at, "place.found.") == [
        ("ha-noi.soc-son", "Mở hồ sơ huyện Sóc Sơn (Hà Nội) — đến 30/06/2025 — 10 số liệu"),
        # a former commune: a link to what took its area
        ("ha-noi.soc-son.thi-tran-soc-son.ha-noi.xa-soc-son", "xã Sóc Sơn (toàn bộ)"),
        ("ha-noi.xa-soc-son", "Mở hồ sơ xã Sóc Sơn (Hà Nội) — từ 01/07/2025 — 2 số liệu"),
    ]
    at.button(key="place.found.ha-noi.xa-soc-son").click().run()
    assert _chosen(ok(at)) == ("new", "ha-noi", "ha-noi.xa-soc-son")
    at.text_input(key="district.q").set_value("Atlantis").run()
    assert "Không tìm thấy địa bàn nào có tên “Atlantis”." in texts(ok(at))


def test_a_new_ward_shows_its_own_figures_and_its_old_districts_apart(reform):
    at = ok(open_page(PLACE, {"place": "ha-noi.phuong-ba-dinh"}))
    assert at.subheader[0].value == "phường Ba Đình (Hà Nội)"
    assert unescape(at.info[0].value).startswith(
        "Phường Ba Đình (Hà Nội) là đơn vị mới từ 01/07/2025, hình thành từ các địa bàn cũ dưới đây;")
    assert _buttons(at, "place.before.") == [("ha-noi.ba-dinh", "quận Ba Đình (một phần)"),
                                              ("ha-noi.hoan-kiem", "quận Hoàn Kiếm (một phần) — 2 số liệu"),
                                              ("ha-noi.tay-ho", "quận Tây Hồ (một phần) — 8 số liệu")]
    assert unescape(at.caption[1].value) == (
        "Các xã, phường, thị trấn cũ: phường Điện Biên (một phần), phường Đội Cấn (một phần), phường Kim Mã (một "
        "phần), phường Ngọc Hà (một phần), phường Quán Thánh (toàn bộ), phường Trúc Bạch (toàn bộ)")
    # its own series: only its own figures, the nine months of 2026 and of 2025 (a report's "cùng kỳ")
    assert {tuple(chart_spec(c)["localities"]) for c in charts(at)} == {("ha-noi.phuong-ba-dinh",)}
    reception = next(c for c in charts(at) if chart_spec(c)["indicator"] == "reception_turns")
    assert sorted(y for tr in reception["data"] for y in tr["y"]) == [400.0, 412.0]
    # the old districts' figures: one table per district, below, never drawn with the ward's own
    assert "Trước 01/07/2025: số liệu của các quận, huyện cũ (để tham khảo)" in [s.value for s in at.subheader]
    assert [unescape(m.value) for m in at.markdown if m.value.startswith("**quận")] == [
        "**quận Ba Đình (một phần)**", "**quận Hoàn Kiếm (một phần)**", "**quận Tây Hồ (một phần)**"]
    assert "Chưa có số liệu." in texts(at)  # quận Ba Đình has none
    reception_table, models_table, *context = [d.value for d in at.dataframe]
    assert (len(reception_table), len(models_table), [len(t) for t in context]) == (2, 1, [2, 8])
    assert [list(t["Chỉ tiêu"].unique()) for t in context] == [
        ["Khen thưởng về công tác dân vận"],
        ['Mô hình "Dân vận khéo" đăng ký, xây dựng', 'Mô hình "Dân vận khéo" được công nhận']]
    assert list(context[0]["Kỳ"]) == ["năm 2024", "năm 2024"]
    # a figure of the ward for a period that began before the ward existed is marked
    periods = [p for d in at.dataframe for p in d.value["Kỳ"]]
    assert "9 tháng 2025 (bắt đầu trước ngày 01/07/2025, ngày đầu của đơn vị)" in periods
