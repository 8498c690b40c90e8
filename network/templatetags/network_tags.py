"""Site-wide template helpers, loaded as builtins: dates, language links, bilingual text.

There is deliberately no Markdown filter: user Markdown is rendered once, when it is saved, into the
``*_html`` columns of its model (network.lib.markup), and templates show those.
"""

from django import template
from django.urls import translate_url

from network.lib import dates

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
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def absolute(context, path):
    from django.conf import settings

    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL}{path}"
