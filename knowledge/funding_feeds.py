"""The funding calls' feeds: RSS of newly published calls, iCal of their deadlines."""

import datetime as dt

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from events import ical
from network.lib.dates import format_date

from .models import FundingCall

FEED_SIZE = 30
# The deadlines feed: calls that closed within this many days stay in it (calendars keep history).
ICAL_PAST_DAYS = 90
ICAL_SIZE = 500


class FundingCallFeed(Feed):
    title = gettext_lazy("Thai City Climate Network: funding calls")
    description = gettext_lazy(
        "Funding calls published for the members of the Thailand Urban Climate Resilience Network."
    )

    def link(self):
        return reverse("funding:list")

    def items(self):
        return FundingCall.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.funder, item.amount_display(), _("Deadline: %(date)s") % {
            "date": format_date(item.deadline, "datetime")
        }]  # fmt: skip
        return " · ".join(part for part in parts if part)

    def item_pubdate(self, item):
        return item.published_at or item.created

    def item_updateddate(self, item):
        return item.updated


def deadline_component(call: FundingCall) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", ical.uid("funding-deadline", call.pk))
    item.add("dtstamp", timezone.now())
    # A deadline is a moment: no DTEND (RFC 5545 wants it later than DTSTART), so it ends as it starts.
    item.add("dtstart", call.deadline)
    item.add("summary", _("Deadline: %(title)s") % {"title": call.title})
    item.add("last-modified", call.updated)
    description = " · ".join(part for part in (call.funder, call.amount_display()) if part)
    if description:
        item.add("description", description)
    item.add("url", f"{settings.SITE_URL}{call.get_absolute_url()}")
    item.add("transp", "TRANSPARENT")
    return item


@require_safe
def deadlines_ics(request):
    """Deadlines of published calls, open ones and those closed lately."""
    since = timezone.now() - dt.timedelta(days=ICAL_PAST_DAYS)
    calls = FundingCall.objects.published().filter(deadline__gte=since).order_by("deadline", "pk")
    cal = ical.new_calendar(_("Funding deadlines, Thai City Climate Network"))
    for call in calls[:ICAL_SIZE]:
        cal.add_component(deadline_component(call))
    return ical.response(cal.to_ical(), "funding-deadlines.ics")
