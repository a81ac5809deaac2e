"""What a source's link may be to be shown as a link: a web address (http or https) with a host.

Anything else a report or a table gives as `source_url` (javascript:…, file:///etc/passwd, data:…)
stays text: the ETL warns when it loads one, the deck writes it as plain text and the pages show no
link for it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_link(url: object) -> bool:
    """Whether `url` is an http(s) address with a host and no space or control character in it."""
    if not isinstance(url, str) or not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
