"""Reading text files in the encodings analysts send: UTF-8 (with or without BOM), UTF-16, Windows-1258."""
from __future__ import annotations

import codecs
from pathlib import Path

from etl.errors import InputError
from etl.inputfile import read_input
from etl.textnorm import nfc

BINARY = "tệp nhị phân, không phải văn bản (binary file, not text)"
# Letters that only occur in Vietnamese text decoded correctly; used to choose cp1258 over a guess.
_VI_HINT = set("ăâđêôơưĂÂĐÊÔƠƯ")


def decode_bytes(data: bytes, where: str) -> str:
    """Decode bytes to NFC text or raise InputError naming the file and the problem."""
    if not data.strip():
        raise InputError("tệp rỗng (empty file)", where=where)
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[3:], "utf-8", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16", where)
    for encoding, zeros, others in (("utf-16-le", data[1::2], data[0::2]), ("utf-16-be", data[0::2], data[1::2])):
        # UTF-16 text without a BOM: every other byte is zero, the bytes between are not.
        if len(data) >= 4 and zeros.count(0) > 0.4 * len(zeros) and others.count(0) < 0.05 * len(others):
            return _text_or_binary(_checked(data, encoding, where), where)
    if b"\x00" in data:
        raise InputError(BINARY, where=where)
    try:
        return _text_or_binary(nfc(data.decode("utf-8")), where)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = nfc(data.decode("cp1258"))
    except UnicodeDecodeError:
        raise InputError(
            f"không đọc được mã hóa: không phải UTF-8, UTF-16 hay Windows-1258 (byte {utf8_error.start})",
            where=where,
        ) from None
    if not _VI_HINT.intersection(text):
        raise InputError(
            f"mã hóa không rõ: không phải UTF-8 (byte {utf8_error.start}) và không giống tiếng Việt Windows-1258",
            where=where,
        )
    return text


def _text_or_binary(text: str, where: str) -> str:
    """Text has few control characters; junk that happens to decode has many."""
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20000):
        raise InputError(BINARY, where=where)
    return text


def _checked(data: bytes, encoding: str, where: str) -> str:
    try:
        return nfc(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise InputError(f"tệp {encoding} bị hỏng tại byte {exc.start}", where=where) from None


def read_text(path: Path) -> str:
    """A regular text file's contents (etl/inputfile.py: no link, no pipe, within the size limit)."""
    return decode_bytes(read_input(path, str(path)), str(path))
