"""What the home page shows from each app. The apps know nothing about the home page."""


def home_sections(request) -> dict:
    """Latest public resources and upcoming events for the visitor (filled in as the apps land)."""
    from events.models import Event

    upcoming_events = list(
        Event.objects.upcoming().published().visible_to(request.user).for_cards()[:4]
    )
    from knowledge.models import Resource

    latest_resources = list(
        Resource.objects.published().public().newest_first().for_cards()[:6]
    )
    return {"upcoming_events": upcoming_events, "latest_resources": latest_resources}
