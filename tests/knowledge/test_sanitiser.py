"""Whatever members write, the rendered Markdown carries no script."""

import re
from html.parser import HTMLParser

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


class _Tags(HTMLParser):
    """The elements and attributes a browser would build from the HTML (not text that merely looks
    like a tag: escaped ``&lt;a href=…&gt;`` inside a code block is harmless text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def is_safe(html: str) -> bool:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        if tag in {"script", "iframe", "object", "embed", "svg", "form", "style", "body"}:
            return False
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                return False
            if name in {"href", "src"}:
                # Browsers ignore whitespace and control characters inside a URL's scheme.
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.\-]*):", url)
                if (scheme and scheme.group(1) not in {"http", "https", "mailto"}) or (
                    "javascript" in url
                ):
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
