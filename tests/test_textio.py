import codecs
import unicodedata

import pytest

from etl.errors import InputError
from etl.textio import decode_bytes

TEXT = "Năm 2023, tỉnh Gia Lai tiếp 2.743 lượt công dân; Hoà Bình, Đắk Lắk."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"),
])
def test_decodes_common_encodings(data):
    assert decode_bytes(data, "x.txt") == TEXT


def to_cp1258(text: str) -> bytes:
    """How Windows-1258 writes Vietnamese: base letters (â, ư…) precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258():
    # The text comes back NFC, as if it had been UTF-8.
    assert decode_bytes(to_cp1258(TEXT), "x.txt") == TEXT


@pytest.mark.parametrize(("data", "message"), [
    (b"", "rỗng"),
    (b"   \n", "rỗng"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "nhị phân"),
])
def test_bad_bytes_say_what_is_wrong(data, message):
    with pytest.raises(InputError, match=message) as exc:
        decode_bytes(data, "bad.txt")
    assert exc.value.where == "bad.txt"
