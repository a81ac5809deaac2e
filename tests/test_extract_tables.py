"""Tables read as the text is: tab-separated and markdown tables inside a text report, and tables
a Word or PDF reader puts in `Report.tables`. A row per indicator or per place, a column per year
or period; "—", "-", "x" or an empty cell is no figure; the unit in a header. Each table has traps
beside its figures (percentages, money, an ordinal column, a quota row)."""
from __future__ import annotations

import pytest

from etl.document import Cell, Table, Where
from etl.extract import Extractor
from etl.report import parse_report
from tests.extract_helpers import line, lines, report_text

LEAD = ("Ban Dân vận Tỉnh ủy Gia Lai tổng hợp kết quả công tác dân vận của tỉnh trong hai năm gần đây "
        "như bảng dưới.\n\n")
Y23, Y24 = "2023-01-01..2023-12-31", "2024-01-01..2024-12-31"

CASES = [
    # a row per indicator, a column per year, the unit in its own column, "—" for no figure
    (LEAD + "Bảng 1. Một số chỉ tiêu của tỉnh Gia Lai\n"
            "STT\tChỉ tiêu\tĐVT\t2023\t2024\n"
            "1\tSố lượt tiếp công dân\tlượt\t2.743\t2.861\n"
            "2\tĐơn khiếu nại, tố cáo tiếp nhận\tđơn\t196\t—\n"
            "3\tTỷ lệ giải quyết đơn\t%\t92,5\t94\n"
            "4\tKinh phí hỗ trợ mô hình\ttriệu đồng\t350\t420\n",
     [f"Gia Lai | reception_turns/total | {Y23} | 2743", f"Gia Lai | reception_turns/total | {Y24} | 2861",
      f"Gia Lai | petitions/complaint_denunciation | {Y23} | 196"]),
    # markdown: a row per place, a column per indicator with the unit in brackets, the year in the caption
    (LEAD + "Kết quả tiếp công dân năm 2024 của một số địa phương:\n\n"
            "| Đơn vị | Tiếp công dân (lượt) | Đơn thư tiếp nhận (đơn) | Tỷ lệ giải quyết (%) |\n"
            "|---|---:|---:|---:|\n"
            "| Huyện Chư Sê | 420 | 150 | 95 |\n"
            "| Thị xã An Khê | 215 | x | 90 |\n"
            "| Toàn tỉnh | 2.861 | 1.020 | 93 |\n",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y24} | 420", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 150",
      f"An Khê, Gia Lai | reception_turns/total | {Y24} | 215", f"Gia Lai | reception_turns/total | {Y24} | 2861",
      f"Gia Lai | petitions/total | {Y24} | 1020"]),  # row by row
    # a row per place, a column per year, what is counted in the caption
    (LEAD + "Số mô hình “Dân vận khéo” được công nhận qua các năm (ĐVT: mô hình)\n"
            "Địa phương\tNăm 2023\tNăm 2024\n"
            "Huyện Kbang\t18\t22\n"
            "Huyện Đức Cơ\t-\t15\n",
     [f"Kbang, Gia Lai | models_recognized/total | {Y23} | 18",
      f"Kbang, Gia Lai | models_recognized/total | {Y24} | 22",
      f"Đức Cơ, Gia Lai | models_recognized/total | {Y24} | 15"]),
    # a row per year, the unit in the header
    (LEAD + "Đối thoại của người đứng đầu cấp ủy, chính quyền tỉnh Gia Lai\n"
            "| Năm | Số cuộc đối thoại | Ý kiến, kiến nghị tại đối thoại |\n"
            "| --- | --- | --- |\n"
            "| 2023 | 210 | 1.300 |\n"
            "| 2024 | 236 | |\n",
     [f"Gia Lai | dialogues/total | {Y23} | 210", f"Gia Lai | dialogue_opinions/total | {Y23} | 1300",
      f"Gia Lai | dialogues/total | {Y24} | 236"]),
    # a total row names no place: the caption's or the report's; "kỳ trước" is the same span a year before
    (LEAD + "Bảng 3. Tiếp công dân năm 2024 theo địa phương\n"
            "Địa phương\tLượt tiếp\tĐoàn đông người\n"
            "Huyện Chư Sê\t420\t3\nHuyện Kbang\t215\t-\nTổng cộng\t635\t3\n",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y24} | 420",
      f"Chư Sê, Gia Lai | group_delegations/total | {Y24} | 3",
      f"Kbang, Gia Lai | reception_turns/total | {Y24} | 215", f"Gia Lai | reception_turns/total | {Y24} | 635",
      f"Gia Lai | group_delegations/total | {Y24} | 3"]),
    (LEAD + "Tiếp công dân năm 2024 so với năm trước\n| Nội dung | ĐVT | Kỳ trước | Kỳ này |\n|---|---|---|---|\n"
            "| Tiếp công dân | Lượt | 2.743 | 2.861 |\n",
     [f"Gia Lai | reception_turns/total | {Y23} | 2743", f"Gia Lai | reception_turns/total | {Y24} | 2861"]),
    # a row whose own unit counts nothing of the catalog ("vụ", "hộ") borrows no unit from the caption
    (LEAD + "Bảng 2. Tiếp công dân, xử lý đơn thư năm 2023 và năm 2024\n"
            "Chỉ tiêu\tĐVT\tNăm 2023\tNăm 2024\n"
            "Tiếp công dân\tlượt\t2.514\t2.730\n"
            "Vụ việc thuộc thẩm quyền\tvụ\t143\t121\n"
            "Hộ được hỗ trợ\thộ\t35\t40\n",
     [f"Gia Lai | reception_turns/total | {Y23} | 2514", f"Gia Lai | reception_turns/total | {Y24} | 2730"]),
    # the caption plays the sentence for every cell: its "Dân vận khéo" and its verb; a money column is no count
    (LEAD + "Mô hình “Dân vận khéo” được công nhận năm 2024\n\n"
            "| Huyện | Số mô hình | Kinh phí hỗ trợ mô hình (triệu đồng) |\n|---|---|---|\n"
            "| Huyện Kbang | 18 | 250 |\n| Huyện Đức Cơ | 15 | 120 |\n",
     [f"Kbang, Gia Lai | models_recognized/total | {Y24} | 18",
      f"Đức Cơ, Gia Lai | models_recognized/total | {Y24} | 15"]),
    (LEAD + "Mô hình “Dân vận khéo” năm 2023 và năm 2024\n"
            "Chỉ tiêu\tĐVT\tNăm 2023\tNăm 2024\n"
            "Số mô hình được hỗ trợ kinh phí\ttriệu đồng\t350\t420\n"
            "Số mô hình được công nhận\tmô hình\t35\t42\n",
     [f"Gia Lai | models_recognized/total | {Y23} | 35", f"Gia Lai | models_recognized/total | {Y24} | 42"]),
    # "Cùng kỳ năm 2023" heads the column of that year; a change column is no figure
    (LEAD + "Bảng 4. Kết quả tiếp công dân, xử lý đơn thư\n"
            "| Chỉ tiêu | Cùng kỳ năm 2023 | Năm 2024 | Tăng/giảm |\n|---|---|---|---|\n"
            "| Lượt tiếp công dân | 2.743 | 2.861 | +118 |\n| Đơn tiếp nhận | 1.196 | 1.171 | -25 |\n",
     [f"Gia Lai | reception_turns/total | {Y23} | 2743", f"Gia Lai | reception_turns/total | {Y24} | 2861",
      f"Gia Lai | petitions/total | {Y23} | 1196", f"Gia Lai | petitions/total | {Y24} | 1171"]),
    # the caption says what the bare "lượt" and "người" columns count; persons follow the turns of their row
    (LEAD + "Kết quả tiếp công dân năm 2024\n"
            "Đơn vị\tSố lượt\tSố người\tĐoàn đông người\n"
            "Huyện Chư Sê\t420\t515\t3\nHuyện Kbang\t215\t240\t-\n",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y24} | 420",
      f"Chư Sê, Gia Lai | reception_persons/total | {Y24} | 515",
      f"Chư Sê, Gia Lai | group_delegations/total | {Y24} | 3", f"Kbang, Gia Lai | reception_turns/total | {Y24} | 215",
      f"Kbang, Gia Lai | reception_persons/total | {Y24} | 240"]),
    (LEAD + "Hội nghị đối thoại năm 2024\n"  # people at a dialogue are not persons received
            "Đơn vị\tSố cuộc\tSố người dự\n"
            "Huyện Chư Sê\t12\t850\n",
     [f"Chư Sê, Gia Lai | dialogues/total | {Y24} | 12"]),
    # a two-row header: the year over each pair of columns; the caption says the petitions were received
    (LEAD + "Phụ lục: Kết quả tiếp công dân, tiếp nhận đơn của các huyện\n"
            "Địa phương\tNăm 2023\t\tNăm 2024\t\n\tLượt tiếp\tĐơn\tLượt tiếp\tĐơn\n"
            "Huyện Chư Sê\t380\t120\t412\t158\n",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y23} | 380", f"Chư Sê, Gia Lai | petitions/total | {Y23} | 120",
      f"Chư Sê, Gia Lai | reception_turns/total | {Y24} | 412", f"Chư Sê, Gia Lai | petitions/total | {Y24} | 158"]),
    # a row per year, a column per indicator with its unit in brackets; a bare petitions column of a table
    # counts those received, unless the caption or labels say they were handled
    (LEAD + "Số liệu của huyện Chư Sê qua các năm:\n\n"
            "Năm\tTiếp công dân (lượt)\tĐơn thư (đơn)\tĐối thoại (cuộc)\n2022\t475\t-\t17\n2023\t503\t197\tx\n",
     ["Chư Sê, Gia Lai | reception_turns/total | 2022-01-01..2022-12-31 | 475",
      "Chư Sê, Gia Lai | dialogues/total | 2022-01-01..2022-12-31 | 17",
      f"Chư Sê, Gia Lai | reception_turns/total | {Y23} | 503", f"Chư Sê, Gia Lai | petitions/total | {Y23} | 197"]),
    (LEAD + "Số liệu của huyện Chư Sê qua các năm:\n\n"
            "Năm\tĐơn thư đã giải quyết (đơn)\tĐơn thư xử lý (đơn)\n2023\t150\t160\n", []),
    (LEAD + "Phụ lục: Kết quả giải quyết đơn của các huyện năm 2024\n"  # resolved, not received
            "Địa phương\tĐơn\nHuyện Chư Sê\t120\n", []),
    # trap: a table of targets and of people reached, no figure of the catalog
    (LEAD + "Chỉ tiêu năm 2025 của các huyện\n"
            "Huyện\tSố hộ được tuyên truyền\tKinh phí (triệu đồng)\n"
            "Huyện Chư Sê\t1.200\t50\n"
            "Huyện Kbang\t800\t30\n",
     []),
]


CASES += [
    # a total column beside year columns covers their span, not the report's date
    (LEAD + "| Nội dung (ĐVT) | 2023 | 2024 | Cộng |\n|---|---|---|---|\n"
            "| Tiếp công dân (lượt) | 2.743 | 2.861 | 5.604 |\n",
     [f"Gia Lai | reception_turns/total | {Y23} | 2743", f"Gia Lai | reception_turns/total | {Y24} | 2861",
      "Gia Lai | reception_turns/total | 2023-01-01..2024-12-31 | 5604"]),
    (LEAD + "Chỉ tiêu\tNăm 2023\tNăm 2024\tTổng cộng\nĐối thoại (cuộc)\t210\t236\t446\n",
     [f"Gia Lai | dialogues/total | {Y23} | 210", f"Gia Lai | dialogues/total | {Y24} | 236",
      "Gia Lai | dialogues/total | 2023-01-01..2024-12-31 | 446"]),
    # trap: a total column beside places is no span of years
    (LEAD + "Kết quả tiếp công dân năm 2024:\n\n| Nội dung | Chư Sê | Kbang | Tổng |\n|---|---|---|---|\n"
            "| Tiếp công dân (lượt) | 300 | 200 | 500 |\n",
     [f"Chư Sê, Gia Lai | reception_turns/total | {Y24} | 300", f"Kbang, Gia Lai | reception_turns/total | {Y24} | 200",
      f"Gia Lai | reception_turns/total | {Y24} | 500"]),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_tables_in_text(body, expected):
    assert lines(body, published="2024-12-20") == expected


def test_a_text_table_is_not_read_as_a_paragraph_and_keeps_its_caption():
    r = parse_report(report_text(CASES[0][0]), "t.txt")
    assert [len(p.split("\t")) for p in r.paragraphs] == [1, 1]
    assert [(t.caption, t.after_paragraph, t.width, len(t.rows)) for t in r.tables] == [
        ("Bảng 1. Một số chỉ tiêu của tỉnh Gia Lai", 1, 5, 5)]


def test_every_table_figure_says_which_cell_it_came_from():
    figs = Extractor().extract(parse_report(report_text(CASES[0][0], published="2024-12-20"), "t.txt"))
    assert [(f.where, f.value) for f in figs] == [
        ("bảng 1, hàng 2, cột 4", 2743), ("bảng 1, hàng 2, cột 5", 2861), ("bảng 1, hàng 3, cột 4", 196)]


def _word_table(rows: list[list[str]], caption: str) -> Table:
    return Table([[Cell(t) for t in r] for r in rows], caption=caption, where=Where(page=2, table=1), after_paragraph=0)


def test_a_table_a_reader_gives_reads_the_same_way():
    r = parse_report(report_text("Báo cáo tổng kết công tác dân vận năm 2024 của Ban Dân vận Huyện ủy Chư Sê, "
                                 "tỉnh Gia Lai gửi các cơ quan.", published="2024-12-20"), "t.docx")
    r.tables.append(_word_table([["Nội dung", "Năm 2023", "Năm 2024"],
                                 ["Lượt tiếp công dân", "380", "x"],
                                 ["Mô hình “Dân vận khéo” đăng ký", "45", "52"],
                                 ["Hội thi “Dân vận khéo” (đội)", "12", "14"]], "Kết quả chủ yếu"))
    figs = Extractor().extract(r)
    assert [(line(f), f.where) for f in figs] == [
        (f"Chư Sê, Gia Lai | reception_turns/total | {Y23} | 380", "trang 2, bảng 1, hàng 2, cột 2"),
        (f"Chư Sê, Gia Lai | models_registered/total | {Y23} | 45", "trang 2, bảng 1, hàng 3, cột 2"),
        (f"Chư Sê, Gia Lai | models_registered/total | {Y24} | 52", "trang 2, bảng 1, hàng 3, cột 3")]

