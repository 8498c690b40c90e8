"""Site-wide template helpers, loaded as builtins: dates, language links, bilingual text.

There is deliberately no Markdown filter: user Markdown is rendered once, when it is saved, into the
``*_html`` columns of its model (network.lib.markup), and templates show those.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe

from network.lib import dates, pagecache

register = template.Library()


@register.filter
def thaidate(value, style="date"):
    """``{{ event.start|thaidate }}`` → "6 มีนาคม 2557" in Thai, "6 March 2014" in English.

    Styles: date (default), short, datetime, weekday, month, time, year.
    """
    return dates.format_date(value, style)


@register.simple_tag
def daterange(start, end=None):
    return dates.format_range(start, end)


@register.simple_tag(takes_context=True)
def lang_url(context, language):
    """The current page in another language (``/en/events/`` ↔ ``/events/``)."""
    request = context.get("request")
    if request is None:
        return "/" if language == "th" else f"/{language}/"
    # translate_url resolves the path in the active language and reverses it in the other one.
    return translate_url(site_path(request.get_full_path()), language)


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, parts, shows=None):
        self.nodelist = nodelist
        self.parts = parts
        self.shows = shows

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        shows = None
        if self.shows is not None:
            shows = [scope for scope in str(self.shows.resolve(context)).split(",") if scope]
        token = context.get("csrf_token")
        if token is None:
            return pagecache.fragment(parts, lambda: self.nodelist.render(context), shows=shows)
        # Forms inside carry a slot where the token goes; the visitor's own is put in here.
        slot = pagecache.csrf_slot()

        def render():
            with context.push(csrf_token=slot):
                return self.nodelist.render(context)

        html = pagecache.fragment(parts, render, shows=shows)
        if slot not in html:
            return html
        return mark_safe(html.replace(slot, str(token)))  # noqa: S308 - a token is [a-zA-Z0-9]


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" part... [shows="scope,scope"] %}…{% endshared_fragment %}``: a
    piece of a page kept in the page cache's budget until the next change
    (``network.lib.pagecache.fragment``). ``shows`` names the scopes it depends on besides the
    generation (``shows=""``: none); without it, every scope. A ``{% csrf_token %}`` inside is
    each visitor's own (``pagecache.csrf_slot``)."""
    parts, shows = [], None
    for bit in token.split_contents()[1:]:
        if bit.startswith("shows="):
            shows = parser.compile_filter(bit.removeprefix("shows="))
        else:
            parts.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parts, shows)


@register.simple_tag
def absolute(path):
    """``path`` on the configured site (``SITE_URL``), whatever host the request named."""
    return f"{settings.SITE_URL}{site_path(path)}"


def site_path(path: str) -> str:
    """``path`` as a path on this site: a request for ``//evil.example/x`` (or ``/\\evil.example``)
    has a path that browsers and ``build_absolute_uri`` read as another host; one slash keeps it
    on ours."""
    return "/" + str(path).lstrip("/\\")
