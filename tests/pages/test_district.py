"""Quận/huyện run headless (AppTest): a district's profile, its filters, its link and bad parameters."""
from __future__ import annotations

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts, traces

DISTRICT = "pages/district.py"


def test_district_profile_soc_son():
    at = ok(open_page(DISTRICT))
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_recognized", "dialogues", "dialogue_opinions"]
    assert {tuple(chart_spec(c)["localities"]) for c in charts(at)} == {("ha-noi.soc-son",)}
    note = at.info[0].value
    assert "Sóc Sơn là huyện của Hà Nội đến hết ngày 30/06/2025" in note and "trực thuộc Hà Nội" in note
    dialogues = traces(charts(at)[1])
    assert dialogues["Đối thoại đột xuất — lũy kế"]["customdata"][0][2] == "hơn 40 cuộc"
    assert len(at.dataframe) == 3


def test_district_filters_change_the_profile():
    at = ok(open_page(DISTRICT))
    at.selectbox(key="district.district").set_value("ha-noi.tay-ho").run()
    assert [chart_spec(c)["indicator"] for c in charts(ok(at))] == ["models_registered", "models_recognized"]
    at.selectbox(key="district.province").set_value("gia-lai").run()
    ok(at)
    assert at.selectbox(key="district.district").value == "gia-lai.an-khe"  # the first district with figures
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["models_registered"]
    assert "trực thuộc Gia Lai (từ 01/07/2025)" in at.info[0].value
    at.selectbox(key="district.district").set_value("gia-lai.pleiku").run()
    assert not charts(ok(at))
    assert "Chưa có số liệu nào của Pleiku." in texts(at)


def test_district_url_and_bad_params():
    at = ok(open_page(DISTRICT, {"province": "gia-lai", "district": "gia-lai.dak-po"}))
    assert [chart_spec(c)["indicator"] for c in charts(at)] == ["dialogue_opinions"]
    bad = ok(open_page(DISTRICT, {"province": "gia-lai", "district": "gia-lai.khong-co"}))
    assert [w.value for w in bad.warning] == [
        "Tham số “district=gia-lai.khong-co” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."]
    assert bad.selectbox(key="district.district").value == "gia-lai.an-khe"
