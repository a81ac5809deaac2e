import pytest

from etl.errors import InputError
from etl.vnnumbers import NUMBER_RE, WORD_NUMBER_RE, number_from_words, parse_vietnamese_number


@pytest.mark.parametrize(("text", "count", "expected"), [
    ("13.663", True, 13663),
    ("160.013", True, 160013),
    ("1.234.567", True, 1234567),
    ("81,5", False, 81.5),
    ("5,7", False, 5.7),
    ("42,5", True, 42.5),
    ("1,327", True, 1327),  # English-style copy of a count
    ("1,327", False, 1.327),
    ("2861", True, 2861),
    ("0", True, 0),
])
def test_parse_vietnamese_number(text, count, expected):
    assert parse_vietnamese_number(text, count=count) == expected


@pytest.mark.parametrize("text", ["abc", "", "1.2.3,4,5", "12a"])
def test_parse_vietnamese_number_rejects(text):
    with pytest.raises(InputError):
        parse_vietnamese_number(text)


@pytest.mark.parametrize(("sentence", "numbers"), [
    ("tiếp 2.861 lượt, tăng 118 lượt", ["2.861", "118"]),
    ("giai đoạn 2009-2019 có 493 mô hình", ["493"]),
    ("ngày 23/7/2024 và quý I/2023", []),
    ("Chỉ thị số 07-CT/TU", []),
    ("giải quyết 19/33 vụ việc", []),
    ("đạt 81,5 tỷ đồng.", ["81,5"]),
    ("lúc 08:14 có 5 cuộc", ["5"]),
    ("tiếp 2.861 lượt/3.150 người", ["2.861", "3.150"]),  # turns/persons: a word before the "/"
    ("so với quý IV/2018, quý III/2024", []),
])
def test_number_tokens(sentence, numbers):
    assert [m.group(0) for m in NUMBER_RE.finditer(sentence)] == numbers


@pytest.mark.parametrize(("text", "numbers"), [
    ("hai đoàn", [("hai", 2)]),
    ("mười cuộc", [("mười", 10)]),
    ("mười bảy cuộc", [("mười bảy", 17)]),
    ("mười lăm tập thể", [("mười lăm", 15)]),
    ("hai mươi cuộc", [("hai mươi", 20)]),
    ("hai mươi mốt lượt", [("hai mươi mốt", 21)]),
    ("ba mươi tư mô hình", [("ba mươi tư", 34)]),
    ("chín mươi lăm đơn", [("chín mươi lăm", 95)]),
    ("một mô hình", []),  # "một" is as often "a" as "one"
    ("hai mươi năm", [("hai mươi", 20), ("năm", 5)]),  # "năm" after "mươi" is no digit of it
    ("hai bên", [("hai", 2)]),  # a number word; whether it counts is for a unit after it to say
])
def test_numbers_in_words(text, numbers):
    assert [(m.group(0), number_from_words(m)) for m in WORD_NUMBER_RE.finditer(text)] == numbers
