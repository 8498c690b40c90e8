"""What the organisation and person pages show about events (registered in EventsConfig.ready)."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from members.panels import Panel

from .models import Delegation, Event, Pledge, Registration

LIMIT = 10


def organisation_events(request, organisation):
    visible = Event.objects.visible_to(request.user)
    hosted_here = Event.hosts.through.objects.filter(
        event=OuterRef("pk"), organisation=organisation
    )
    hosts = Event.hosts.through.objects.filter(organisation=organisation).values("event_id")
    attended_here = Registration.objects.filter(
        organisation=organisation, status=Registration.Status.ATTENDED
    ).values("event_id")
    delegated_here = Delegation.objects.filter(organisation=organisation).values("event_id")
    # Hosted and taken part in, in one query: the panel must not add a query per list. Each way
    # of taking part is a list of event ids of its own (a join of every registration, then
    # DISTINCT, read 50,000 rows for every organisation page).
    events = list(
        visible.filter(Q(pk__in=hosts) | Q(pk__in=attended_here) | Q(pk__in=delegated_here))
        .annotate(is_host=Exists(hosted_here))
        .order_by("-start")[: LIMIT * 2]
    )
    hosted = [e for e in events if e.is_host][:LIMIT]
    attended = [e for e in events if not e.is_host][:LIMIT]
    pledges = list(
        Pledge.objects.filter(organisation=organisation, event__in=visible).select_related("event")[
            :LIMIT
        ]
    )
    if not (hosted or attended or pledges):
        return None
    return Panel(
        title=_("Events"),
        template="events/_organisation_panel.html",
        context={"hosted": hosted, "attended": attended, "pledges": pledges},
    )


def person_events(request, person):
    visible = Event.objects.visible_to(request.user)
    pledges = list(
        Pledge.objects.filter(person=person, event__in=visible).select_related("event")[:LIMIT]
    )
    attended = list(
        visible.filter(
            registrations__person=person, registrations__status=Registration.Status.ATTENDED
        ).order_by("-start")[:LIMIT]
    )
    if not (pledges or attended):
        return None
    return Panel(
        title=_("Events and pledges"),
        template="events/_person_panel.html",
        context={"pledges": pledges, "attended": attended},
    )
