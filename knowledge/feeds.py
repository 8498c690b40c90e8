"""RSS and Atom feeds of the public library (``?kind=news`` for the news alone)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Resource

FEED_SIZE = 30


class ResourceFeed(Feed):
    description = _(
        "New resources in the library of the Thailand Urban Climate Resilience Network."
    )

    def get_object(self, request, *args, **kwargs):
        kind = request.GET.get("kind", "")
        return kind if kind in Resource.Kind.values else ""

    def title(self, kind):
        base = _("Thai City Climate Network library")
        return f"{base}: {Resource.Kind(kind).label}" if kind else base

    def link(self, kind):
        return reverse("knowledge:library") + (f"?kind={kind}" if kind else "")

    def items(self, kind):
        items = Resource.objects.published().public().newest_first().select_related("created_by")
        if kind:
            items = items.filter(kind=kind)
        return items[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        if item.published_on:
            return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(9)))
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.get_kind_display()]


class ResourceAtomFeed(ResourceFeed):
    feed_type = Atom1Feed
    subtitle = ResourceFeed.description
