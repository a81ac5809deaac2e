"""Text from reports, tables and links shown as typed: Markdown characters escaped."""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$:])")
_LINE_START_DASH = re.compile(r"(?m)^(\s*)-")


def plain_md(text: object) -> str:
    """Safe for st.markdown / st.caption / st.warning: shows exactly the characters given, never markup
    or HTML. A dash is escaped only where it could start a list ("- x"); inside words it stays."""
    escaped = _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return _LINE_START_DASH.sub(r"\1\\-", escaped)
