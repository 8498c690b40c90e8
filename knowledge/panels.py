"""What the library adds to organisation and person pages (registered in KnowledgeConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.panels import Panel

from .models import Resource

PANEL_SIZE = 6


def organisation_resources(request, organisation):
    resources = list(
        Resource.objects.visible_to(request.user)
        .filter(organisations=organisation)
        .newest_first()
        .for_cards()[:PANEL_SIZE]
    )
    if not resources:
        return None
    return Panel(
        title=_("Resources published"),
        template="knowledge/_resource_panel.html",
        context={"resources": resources},
    )


def person_resources(request, person):
    resources = list(
        Resource.objects.visible_to(request.user)
        .filter(authors=person)
        .newest_first()
        .for_cards()[:PANEL_SIZE]
    )
    if not resources:
        return None
    return Panel(
        title=_("Resources authored"),
        template="knowledge/_resource_panel.html",
        context={"resources": resources, "library_url": reverse("knowledge:library")},
    )


def event_report_comments(request, event) -> Panel | None:
    """Members discuss an event's outcome report under it."""
    if not event.has_report:
        return None
    from .views import event_comments

    return Panel(
        _("Comments on the report"),
        "knowledge/_event_comments.html",
        event_comments(request, event),
    )
