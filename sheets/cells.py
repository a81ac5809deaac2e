"""A text cell made safe for a spreadsheet: never read as a formula, never a character XLSX cannot hold.

A spreadsheet runs a cell that starts with = + - @ (also after spaces, tabs or line breaks) as a
formula, in XLSX and when it opens a CSV; such a cell gets a leading apostrophe, the usual remedy
(OWASP "CSV injection"), as does one that starts with a tab or a carriage return. XML 1.0, inside
every XLSX, cannot hold the other control characters (a vertical tab in one report sentence made the
whole download fail): each becomes U+FFFD. Numbers are never cells of text and stay numbers.
"""
from __future__ import annotations

import re

FORMULA_SIGNS = "=+-@"
BEFORE_SIGN = " \t\r\n"  # what a spreadsheet skips before it sees a formula sign
RISKY_START = "\t\r"  # a cell may not start with these either
# Characters XML 1.0 cannot hold (tab, line feed and carriage return it can).
NOT_IN_XML = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))) + "\ufffe\uffff"
REPLACEMENT = "\ufffd"
_NOT_IN_XML_RE = re.compile(f"[{re.escape(NOT_IN_XML)}]")


def safe_cell(text: str) -> str:
    """`text` as a spreadsheet cell shows it and never runs it."""
    text = _NOT_IN_XML_RE.sub(REPLACEMENT, text)
    first, sign = text[:1], text.lstrip(BEFORE_SIGN)[:1]
    if (first and first in RISKY_START) or (sign and sign in FORMULA_SIGNS):
        return "'" + text
    return text


def _re2_class(chars: str) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


# The texts safe_cell changes, as one RE2 pattern (pyarrow.compute finds them among millions of
# cells without Python; tests/test_sheets.py checks both agree).
NEEDS_CARE_RE2 = (f"^{_re2_class(BEFORE_SIGN)}*{_re2_class(FORMULA_SIGNS)}|^{_re2_class(RISKY_START)}"
                  f"|{_re2_class(NOT_IN_XML)}")
