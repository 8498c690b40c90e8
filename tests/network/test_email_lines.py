"""HTML e-mail parts keep their lines within SMTP's 998 bytes, so they travel as 8bit."""

import datetime as dt

from django.utils.safestring import mark_safe

from network.lib.emails import MAX_LINE_BYTES, build, short_lines

LONG = (
    "<ul>"
    + "".join(
        f'<li style="margin:0"><a href="/r/{n}" style="color:#0b6e4f">เรื่องภาษาไทย {n}</a></li>'
        for n in range(60)
    )
    + "</ul>"
)


def test_long_lines_are_broken_inside_tags_only_and_as_few_times_as_needed():
    html = "<p>สวัสดี</p>\n" + LONG
    broken = short_lines(html)
    lines = broken.split("\n")
    assert all(len(line.encode()) <= MAX_LINE_BYTES for line in lines)
    assert len(lines) <= 2 + len(LONG.encode()) // (MAX_LINE_BYTES // 2)
    # Each break replaced the space between a tag's name and its attributes, nothing else.
    assert lines[0] == "<p>สวัสดี</p>" and " ".join(lines[1:]) == LONG


def test_short_html_and_text_without_tags_are_left_alone():
    assert short_lines("<p>a</p>\n<p>b</p>") == "<p>a</p>\n<p>b</p>"
    text = "ก" * 400  # 1,200 bytes and nowhere to break: sent quoted-printable, unchanged
    assert short_lines(text) == text


def test_a_built_message_with_a_long_line_has_an_8bit_html_part():
    today = dt.date(2026, 12, 2)
    message = build(
        "network/emails/digest",
        to=["somchai@example.org"],
        language="th",
        context={"sections_html": mark_safe(LONG), "since": today, "until": today, "count": 1},  # noqa: S308
    )
    html = message.alternatives[0][0]
    assert LONG not in html and LONG in html.replace("\n", " ")
    parts = {p.get_content_type(): p for p in message.message().walk()}
    assert parts["text/html"]["Content-Transfer-Encoding"] == "8bit"
