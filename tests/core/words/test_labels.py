"""core.words.labels: places named for charts and for lists (the era visible), written only when asked for."""
import pandas as pd
import pytest

from core.words import labels

D = pd.Timestamp
LOCALITIES = pd.DataFrame([
    ("ha-noi", "Hà Nội", "thành phố", "province", None, None, None),
    ("gia-lai", "Gia Lai", "tỉnh", "province", None, None, D("2025-06-30")),
    ("gia-lai-2025", "Gia Lai", "tỉnh", "province", None, D("2025-07-01"), None),
    ("ha-noi.soc-son", "Sóc Sơn", "huyện", "district", "Hà Nội", None, D("2025-06-30")),
    ("ha-noi.xa-soc-son", "Sóc Sơn", "xã", "commune", "Hà Nội", D("2025-07-01"), None),
], columns=["id", "name", "kind", "level", "parent_name", "valid_from", "valid_to"])


@pytest.mark.parametrize(("lang", "charts", "lists"), [
    ("vi",
     ["Hà Nội", "Gia Lai", "Gia Lai (từ 01/07/2025)", "Sóc Sơn (Hà Nội)", "xã Sóc Sơn (Hà Nội)"],
     ["Hà Nội", "Gia Lai (đến 30/06/2025)", "Gia Lai (từ 01/07/2025)", "huyện Sóc Sơn (Hà Nội) — đến 30/06/2025",
      "xã Sóc Sơn (Hà Nội)"]),
    ("en",
     ["Hà Nội", "Gia Lai", "Gia Lai (from 01/07/2025)", "Sóc Sơn (Hà Nội)", "xã Sóc Sơn (Hà Nội)"],
     ["Hà Nội", "Gia Lai (until 30/06/2025)", "Gia Lai (from 01/07/2025)",
      "huyện Sóc Sơn (Hà Nội) — until 30/06/2025", "xã Sóc Sơn (Hà Nội)"]),
])
def test_chart_and_list_labels(lang, charts, lists):
    assert list(labels.locality_labels(LOCALITIES, lang).values()) == charts
    assert list(labels.place_option_labels(LOCALITIES, lang).values()) == lists


def test_labels_are_written_when_asked_for():
    written = labels.place_option_labels(LOCALITIES)
    assert written._done == {}  # noqa: SLF001 - nothing written until a label is read
    assert written["ha-noi.xa-soc-son"] == "xã Sóc Sơn (Hà Nội)"
    assert list(written._done) == ["ha-noi.xa-soc-son"]  # noqa: SLF001
    assert len(written) == 5 and written.get("nowhere") is None


@pytest.mark.parametrize(("names", "ordered"), [
    (["Trung Giã", "Đa Phúc", "Kim Anh", "Dương Nội"], ["Đa Phúc", "Dương Nội", "Kim Anh", "Trung Giã"]),
    (["Ô Chợ Dừa", "Ba Đình", "Ô Diên"], ["Ba Đình", "Ô Chợ Dừa", "Ô Diên"]),
])
def test_sort_key(names, ordered):
    assert sorted(names, key=labels.sort_key) == ordered
