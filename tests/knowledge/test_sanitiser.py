"""Whatever members write, the rendered Markdown carries no script."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from network.lib.markup import render_markdown

DANGEROUS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "![i](javascript:alert(1))",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">',
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<scr<script>ipt>alert(1)</script>",
    '<p onclick="alert(1)">hi</p>',
    "<object data=x></object>",
    "<form action=javascript:alert(1)><button>go</button></form>",
]
pieces = st.sampled_from(DANGEROUS) | st.text(
    alphabet=st.sampled_from(list("<>\"'=/ :()[]!&#;abcjsvrtipno\n\tเมือง")), max_size=40
)


def is_safe(html: str) -> bool:
    lowered = html.lower()
    if re.search(r"<\s*(script|iframe|object|embed|svg|form|style|body)\b", lowered):
        return False
    if re.search(r"<[^>]*\son[a-z]+\s*=", lowered):
        return False
    for url in re.findall(r"(?:href|src)\s*=\s*[\"']?([^\"' >]*)", lowered):
        scheme = re.match(r"^([a-z][a-z0-9+.\-]*):", url)
        if (scheme and scheme.group(1) not in {"http", "https", "mailto"}) or "javascript" in url:
            return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=6).map("".join))
def test_no_script_event_handler_or_javascript_url_survives(text):
    assert is_safe(str(render_markdown(text)))


def test_every_known_attack_is_neutralised():
    for attack in DANGEROUS:
        assert is_safe(str(render_markdown(attack))), attack


def test_ordinary_markdown_still_renders():
    html = str(render_markdown("**หนา** [link](https://example.org)"))
    assert "<strong>หนา</strong>" in html
    assert 'href="https://example.org"' in html
