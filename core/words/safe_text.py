"""Text from reports, tables and links shown as typed: Markdown characters escaped."""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:])")
_LINE_START_DASH = re.compile(r"(?m)^(\s*)-")
# "1. x" would start a numbered list ("2) x" too, but ")" is escaped anyway)
_LINE_START_NUMBER = re.compile(r"(?m)^(\s*\d+)(\.)(?=\s|$)")


def plain_md(text: object) -> str:
    """Safe for st.markdown / st.caption / st.warning: shows exactly the characters given, never markup
    or HTML. A dash, or a number's dot, is escaped only where it could start a list ("- x", "1. x");
    inside words and numbers ("2.861") it stays."""
    escaped = _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return _LINE_START_NUMBER.sub(r"\1\\\2", _LINE_START_DASH.sub(r"\1\\-", escaped))
