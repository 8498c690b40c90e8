"""Recognition on the person and organisation pages, through the members app's panels."""

from django.utils.translation import gettext_lazy as _

from members.access import is_coordinator
from members.models import Person
from members.panels import Panel

from .models import Standing
from .presentation import badges
from .rules import level_for


def _panel(standing, honours):
    if standing is None and not honours:
        return None
    return Panel(
        title=_("Recognition"),
        template="network/recognition/_panel.html",
        context={
            "standing": standing,
            "level": level_for(standing.points) if standing else None,
            "badges": badges(standing.badges) if standing else [],
            "honours": honours,
        },
    )


def person_recognition(request, person):
    # People who show their details to nobody are not singled out in public, here either.
    own = request.user.is_authenticated and person.user_id == request.user.pk
    if person.contact_visibility == Person.ContactVisibility.HIDDEN and not (
        own or is_coordinator(request.user)
    ):
        return None
    return _panel(Standing.objects.filter(person=person).first(), list(person.honours.all()))


def organisation_recognition(request, organisation):
    return _panel(
        Standing.objects.filter(organisation=organisation).first(), list(organisation.honours.all())
    )
