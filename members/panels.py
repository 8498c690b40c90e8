"""Extension points for the organisation and person pages.

``members`` imports no other app, yet an organisation's page shows the events it hosted and the
resources it published. Apps that depend on ``members`` register a panel in their
``AppConfig.ready()``; the members views render whatever is registered, in order.

A panel is ``func(request, obj) -> Panel | None`` (``None`` hides it, e.g. when there is nothing to
show). Panels must keep their own query count constant (select/prefetch what they show).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)


_organisation_panels: list[Callable] = []
_person_panels: list[Callable] = []


def register_organisation_panel(func: Callable) -> Callable:
    if func not in _organisation_panels:
        _organisation_panels.append(func)
    return func


def register_person_panel(func: Callable) -> Callable:
    if func not in _person_panels:
        _person_panels.append(func)
    return func


def organisation_panels(request, organisation) -> list[Panel]:
    return [p for p in (func(request, organisation) for func in _organisation_panels) if p]


def person_panels(request, person) -> list[Panel]:
    return [p for p in (func(request, person) for func in _person_panels) if p]


def render_panels(request, panels: list[Panel]) -> list[tuple[str, str]]:
    """(title, HTML) pairs for ``members/_panels.html``."""
    from django.template.loader import render_to_string

    return [(p.title, render_to_string(p.template, p.context, request=request)) for p in panels]


# --- Members' own panels ------------------------------------------------------------------------


def organisation_mentoring(request, organisation):
    """Mentoring pairs (issue 12): whom this organisation helps and who helps it, both listed."""
    from django.db.models import Q
    from django.utils.translation import gettext_lazy as _

    from .models import MentoringPair, Organisation

    listed = [Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
    pairs = list(
        MentoringPair.objects.filter(Q(mentor=organisation) | Q(mentee=organisation))
        .filter(mentor__status__in=listed, mentee__status__in=listed)
        .select_related("mentor", "mentee")
        .prefetch_related("topics")
        .order_by("-since", "pk")
    )
    if not pairs:
        return None
    return Panel(
        title=_("Mentoring"),
        template="members/_mentoring_panel.html",
        context={
            "helps": [p for p in pairs if p.mentor_id == organisation.pk],
            "helped_by": [p for p in pairs if p.mentee_id == organisation.pk],
        },
    )
