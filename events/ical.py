"""iCalendar (.ics) for one event, the public feed and a person's own feed."""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from .models import Event

PRODID = "-//Thai City Climate Network//Events//EN"


def uid(prefix: str, pk) -> str:
    """A stable identifier of one calendar entry: ``<prefix>-<pk>@<site's host>``."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"{prefix}-{pk}@{host}"


def _uid(event: Event) -> str:
    return uid("event", event.pk)


def event_component(event: Event, *, include_online_link: bool = False) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", _uid(event))
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.start)
    item.add("dtend", event.end)
    item.add("summary", event.title)
    item.add("last-modified", event.updated)
    description = event.description
    if include_online_link and event.online_link:
        description = f"{description}\n\n{event.online_link}".strip()
    if description:
        item.add("description", description)
    location = ", ".join(part for part in (event.venue_name, event.address) if part)
    if location:
        item.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    return item


def new_calendar(name: str = "") -> icalendar.Calendar:
    """An empty published VCALENDAR of the site, in Thailand's time zone."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def calendar(events: Iterable[Event], *, name: str = "", online_links_for=()) -> bytes:
    """A VCALENDAR of ``events``; online links only for events whose pk is in ``online_links_for``."""
    cal = new_calendar(name)
    for event in events:
        cal.add_component(event_component(event, include_online_link=event.pk in online_links_for))
    return cal.to_ical()


def response(content: bytes, filename: str) -> HttpResponse:
    """``content`` served as a calendar file apps can subscribe to."""
    answer = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'inline; filename="{filename}"'
    return answer
