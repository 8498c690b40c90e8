"""User Markdown: rendered in linear time, sanitised, and stored once when the text is saved."""

import cProfile
import pstats

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.models import Comment, Reply, Resource, Thread
from members.models import Organisation, Person
from network.lib.markup import RenderedMarkdownField, render_markdown, rendered_fields, rerender
from tests.factories import OrganisationFactory, PersonFactory
from tests.knowledge.factories import ReplyFactory, ResourceFactory, ThreadFactory

# --- Linear time ------------------------------------------------------------------------------------


def work(text: str, render=render_markdown) -> int:
    """Python function calls (builtins included) made rendering ``text``: a count, not a clock."""
    profile = cProfile.Profile()
    profile.enable()
    render(text)
    profile.disable()
    return pstats.Stats(profile).total_calls


def growth(make, render=render_markdown, n: int = 2_000) -> float:
    """How much more work 4n costs than n. Linear: about 4. Quadratic: about 16.

    n is large enough to be past the renderer's fixed look-ahead limits: below ~1,000 characters
    some shapes (``[((`` then ``!``) still grow faster while those limits are not yet reached.
    """
    return work(make(4 * n), render) / work(make(n), render)


def repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# Shapes that have made Markdown renderers quadratic or worse, each growing with n.
FAMILIES = {
    "brackets": repeat("["),
    "closing brackets": repeat("]"),
    "images": repeat("!["),
    "unclosed links": repeat("[a]("),
    "unclosed angle destinations": repeat("[a](<"),
    "nested brackets": lambda n: "[" * (n // 2) + "a" + "](u)" * (n // 8),
    "emphasis runs": repeat("*a"),
    "mixed emphasis": repeat("*a_"),
    "nested emphasis": lambda n: "*" * (n // 2) + "a" + "*" * (n // 2),
    "underscores": repeat("_a "),
    "strikethrough": repeat("~~a"),
    "backticks": repeat("`a"),
    "growing backtick runs": lambda n: "".join("`" * (i % 40) + "a" for i in range(n // 20)),
    "blockquotes": repeat("> a\n"),
    "nested quotes": repeat(">"),
    "nested list markers": repeat("- "),
    "indented lists": lambda n: "".join("  " * (i % 30) + "- a\n" for i in range(n // 30)),
    "ordered lists": repeat("1. "),
    "reference chain": lambda n: "".join(f"[r{i}]: /u{i}\n" for i in range(n // 12))
    + "".join(f"[x][r{i}]" for i in range(n // 12)),
    "unresolved references": repeat("[a][b]"),
    "table rows": lambda n: "|a|b|\n|-|-|\n" + "|a|b|\n" * (n // 6),
    "wide table": lambda n: "|a" * (n // 6) + "\n" + "|-" * (n // 6) + "\n" + "|a" * (n // 6),
    "raw html openers": repeat("<a "),
    "html comments": repeat("<!--"),
    "entities": repeat("&#"),
    "backslashes": repeat("\\"),
    "autolinks": repeat("<http://"),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_rendering_work_grows_linearly_on_pathological_input(family):
    assert growth(FAMILIES[family]) < 6, family


def test_the_measure_catches_a_quadratic_renderer():
    """The old failure's shape: every ``[`` scans the rest of the text for its ``]``."""

    def closes(char):
        return char == "]"

    def naive_links(text):
        for start, char in enumerate(text):
            if char == "[":
                any(closes(later) for later in text[start:])

    assert growth(repeat("["), naive_links, n=500) > 12


MARKUP = ["[", "]", "(", ")", "!", "*", "_", "~", "`", ">", "<", "-", "+", "#", "|", "\\",
          "&", ";", ":", "/", "=", "1.", "a", " ", "  ", "\n", "\t", "เมือง", "http://x"]  # fmt: skip


@st.composite
def pathological(draw):
    """n-sized text made of a short unit of Markdown syntax, optionally nested around a core."""
    unit = "".join(draw(st.lists(st.sampled_from(MARKUP), min_size=1, max_size=5)))
    closing = "".join(draw(st.lists(st.sampled_from(MARKUP), max_size=4)))
    core = draw(st.sampled_from(["", "a", "[x]: /u\n", "\n\n", "**b**"]))

    return Shape(unit, core, closing)


class Shape:
    """``Shape(unit, core, closing)(n)``: n characters of ``unit`` (and ``closing``) around ``core``."""

    def __init__(self, unit, core, closing):
        self.unit, self.core, self.closing = unit, core, closing

    def __call__(self, n):
        if self.closing:
            half = n // 2
            return repeat(self.unit)(half) + self.core + repeat(self.closing)(n - half)
        return repeat(self.unit)(n) + self.core

    def __repr__(self):
        return f"Shape({self.unit!r}, {self.core!r}, {self.closing!r})"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pathological())
def test_any_repeated_markdown_syntax_renders_in_linear_work(make):
    assert growth(make) < 6


def test_a_shape_that_grows_fast_below_the_limits_is_linear_past_them():
    """Found by Hypothesis: superlinear from 500 to 2,000 characters, linear from there on."""
    assert growth(Shape("[((", "", "!")) < 6


def test_the_input_that_took_minutes_renders():
    html = str(render_markdown("[" * 20_000))
    assert html.startswith("<p>[[[") and html.count("[") == 20_000


# --- What the renderer keeps ------------------------------------------------------------------------


def test_commonmark_and_gfm_tables_and_strikethrough_render():
    html = str(render_markdown("## Plan\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n~~old~~ *new*"))
    assert "<h2>Plan</h2>" in html
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert "<s>old</s>" in html and "<em>new</em>" in html


def test_raw_html_is_dropped_and_links_are_made_safe():
    html = str(render_markdown('<b onclick="x()">hi</b> [a](https://example.org) [b](javascript:x)'))
    assert "<b" not in html and "onclick" not in html and "hi" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert 'href="javascript' not in html


def test_empty_text_renders_to_nothing():
    assert render_markdown("") == "" and render_markdown("  \n ") == ""


# --- Stored HTML ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_saving_stores_the_rendered_html_next_to_the_markdown():
    resource = ResourceFactory(body_th="**หนา**", body_en="", context_th="- one")
    resource.refresh_from_db()
    assert resource.body_html_th == "<p><strong>หนา</strong></p>"
    assert resource.body_html_en == ""
    assert "<li>one</li>" in resource.context_html_th
    assert type(resource.body_html_th).__name__ == "SafeString"


@pytest.mark.django_db
def test_stored_html_follows_the_text_when_it_changes():
    thread = ThreadFactory(body="first")
    thread.body = "*second*"
    thread.save()
    thread.refresh_from_db()
    assert thread.body_html == "<p><em>second</em></p>"


@pytest.mark.django_db
def test_update_fields_naming_only_the_markdown_also_writes_its_html():
    person = PersonFactory(bio="old")
    person.bio = "**new**"
    person.save(update_fields=["bio"])
    person.refresh_from_db()
    assert person.bio_html == "<p><strong>new</strong></p>"


@pytest.mark.django_db
def test_bulk_create_renders_too():
    thread = ThreadFactory()
    author = thread.author
    Reply.objects.bulk_create([Reply(thread=thread, author=author, body="`x`")])
    assert Reply.objects.get().body_html == "<p><code>x</code></p>"


@pytest.mark.django_db
def test_rerender_fills_rows_whose_html_is_missing():
    """What the data migrations run on existing rows (and ``manage.py rerender_markdown``)."""
    organisation = OrganisationFactory(description_th="**ก**", resilience_plans="1. plan")
    reply = ReplyFactory(body="_r_")
    Organisation.objects.update(description_html_th="", resilience_plans_html="")
    Reply.objects.update(body_html="")
    assert rerender(Organisation) >= 1 and rerender(Reply) == 1
    organisation.refresh_from_db()
    reply.refresh_from_db()
    assert organisation.description_html_th == "<p><strong>ก</strong></p>"
    assert "<li>plan</li>" in organisation.resilience_plans_html
    assert reply.body_html == "<p><em>r</em></p>"


def test_every_model_with_stored_html_names_an_existing_markdown_source():
    models = [Resource, Thread, Reply, Comment, Organisation, Person]
    for model in models:
        fields = rendered_fields(model)
        assert fields, model
        for field in fields:
            assert isinstance(field, RenderedMarkdownField)
            assert model._meta.get_field(field.source).get_internal_type() == "TextField"
            assert not field.editable


@pytest.mark.django_db
def test_rerender_markdown_command_renders_every_model_again():
    from io import StringIO

    from django.core.management import call_command

    thread = ThreadFactory(body="**again**")
    Thread.objects.update(body_html="")
    out = StringIO()
    call_command("rerender_markdown", stdout=out)
    thread.refresh_from_db()
    assert thread.body_html == "<p><strong>again</strong></p>"
    assert "knowledge.Thread: 1 rows" in out.getvalue() and "members.Person:" in out.getvalue()
