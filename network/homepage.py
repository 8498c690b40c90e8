"""What the home page shows from each app. The apps know nothing about the home page."""


def member_counts() -> dict:
    """Active member organisations: the total, and (kind, label, count) for each kind present.

    Partner networks (the handbook's examples: TCCN, APAN, the Municipal League…) are listed in
    the directory but are not members, so they are counted apart, as ``partners``.
    """
    from django.db.models import Count

    from members.models import Organisation

    rows = dict(
        Organisation.objects.active().values_list("kind").annotate(n=Count("id")).order_by()
    )
    partners = rows.pop(Organisation.Kind.NETWORK, 0)
    return {
        "total": sum(rows.values()),
        "partners": partners,
        "by_kind": [
            (kind, label, rows[kind]) for kind, label in Organisation.Kind.choices if kind in rows
        ],
    }


def home_sections(request) -> dict:
    """Latest public resources and upcoming events for the visitor, as unevaluated querysets."""
    from events.models import Event

    upcoming_events = Event.objects.upcoming().published().visible_to(request.user).for_cards()[:4]
    from knowledge.models import Resource

    latest_resources = Resource.objects.published().public().newest_first().for_cards()[:6]
    return {"upcoming_events": upcoming_events, "latest_resources": latest_resources}
