"""domain/links.py: only http(s) addresses with a host are links."""
import pytest

from domain.links import is_web_link


@pytest.mark.parametrize(("url", "web"), [
    ("https://nhandan.vn/bai-viet-1.html", True),
    ("http://baogialai.com.vn/x?y=1#z", True),
    ("HTTPS://EXAMPLE.ORG", True),
    ("javascript:alert(document.cookie)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("data:text/html;base64,PHNjcmlwdD4=", False),
    ("vbscript:msgbox", False),
    ("ftp://example.org/a", False),
    ("https://", False),
    ("https:///etc/passwd", False),
    ("//example.org/a", False),
    ("nhandan.vn/bai-viet", False),
    ("https://example.org/a b", False),
    ("https://exa\x00mple.org", False),
    ("http://[::1", False),
    ("", False),
    (None, False),
    (float("nan"), False),
])
def test_only_http_and_https_addresses_are_links(url, web):
    assert is_web_link(url) is web
