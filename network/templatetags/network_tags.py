"""Site-wide template helpers, loaded as builtins: dates, language links, bilingual text.

There is deliberately no Markdown filter: user Markdown is rendered once, when it is saved, into the
``*_html`` columns of its model (network.lib.markup), and templates show those.
"""

import re
import weakref

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import translate_url
from django.utils.html import conditional_escape
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


class MemoNode(template.Node):
    """Renders its block once per process for each key; see ``memo``."""

    def __init__(self, nodelist, parts, slots):
        self.nodelist = nodelist
        self.parts = parts
        self.slots = slots  # {name: FilterExpression}
        self.rendered = {}
        _memo_nodes.add(self)

    def render(self, context):
        key = tuple(part.resolve(context) for part in self.parts)
        html = self.rendered.get(key)
        if html is None:
            markers = {name: f"\ue000{name}\ue001" for name in self.slots}
            with context.push(markers):
                html = self.nodelist.render(context)
            if len(self.rendered) >= MEMO_MAX_KEYS:
                self.rendered.clear()
            self.rendered[key] = html
        if not self.slots:
            return html
        values = {
            name: conditional_escape(value.resolve(context) or "")
            for name, value in self.slots.items()
        }
        # One pass: a slot's value is never read again for markers.
        return mark_safe(SLOT.sub(lambda found: values[found[1]], html))  # noqa: S308 - escaped


SLOT = re.compile("\ue000(\\w+)\ue001")
# Keys kept per {% memo %} block: the layout's keys (language, role, section) are a few dozen.
MEMO_MAX_KEYS = 256
_memo_nodes = weakref.WeakSet()


@receiver(setting_changed)
def forget_memos(**kwargs):
    """A test that changes settings (site name, addresses) sees its own layout."""
    for node in list(_memo_nodes):
        node.rendered.clear()


NAV_SECTIONS = {
    "members": "members",
    "projects": "projects",
    "events": "events",
    "knowledge": "knowledge",
    "funding": "knowledge",
}


@register.filter
def nav_section(match):
    """The main menu's item a page belongs to (``request.resolver_match|nav_section``)."""
    if match is None:
        return ""
    if match.url_name == "about" and not match.namespace:
        return "about"
    return NAV_SECTIONS.get(match.namespace, "")


@register.tag
def memo(parser, token):
    """``{% memo key... [with name=value...] %}…{% endmemo %}``: the block rendered once per
    process for each combination of the keys, for the layout every page repeats (header, footer).
    The keys must name everything the block reads that varies between requests, except the
    ``with`` slots: inside the block ``{{ name }}`` prints a marker, replaced on each request by
    the value, escaped (so a slot is printed as it is, never tested or filtered). Templates change
    only with a release, which restarts the processes."""
    bits = token.split_contents()[1:]
    parts, slots = [], {}
    if "with" in bits:
        at = bits.index("with")
        bits, slot_bits = bits[:at], bits[at + 1 :]
        for bit in slot_bits:
            name, _, value = bit.partition("=")
            if not value:
                raise template.TemplateSyntaxError(f"memo: '{bit}' is not name=value")
            slots[name] = parser.compile_filter(value)
    parts = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, parts, slots)


@register.simple_tag
def absolute(path):
    """``path`` on the configured site (``SITE_URL``), whatever host the request named."""
    return f"{settings.SITE_URL}{site_path(path)}"


def site_path(path: str) -> str:
    """``path`` as a path on this site: a request for ``//evil.example/x`` (or ``/\\evil.example``)
    has a path that browsers and ``build_absolute_uri`` read as another host; one slash keeps it
    on ours."""
    return "/" + str(path).lstrip("/\\")
