"""What the home page shows from each app. The apps know nothing about the home page."""


def home_sections(request) -> dict:
    """Latest public resources and upcoming events for the visitor, as unevaluated querysets."""
    from events.models import Event

    upcoming_events = Event.objects.upcoming().published().visible_to(request.user).for_cards()[:4]
    from knowledge.models import Resource

    latest_resources = Resource.objects.published().public().newest_first().for_cards()[:6]
    return {"upcoming_events": upcoming_events, "latest_resources": latest_resources}
