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
    """Mentoring pairs (issue 12): whom this organisation helps and who helps it, both listed.

    Reads ``organisation.mentoring_pairs`` (JSON objects annotated by
    ``access.get_organisation_for_view``), else asks the database once.
    """
    import datetime as dt

    from django.contrib.postgres.expressions import ArraySubquery
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from network.lib.i18n import localized

    from .models import MentoringPair, Organisation

    rows = getattr(organisation, "mentoring_pairs", None)
    if rows is None:
        rows = (
            Organisation.objects.filter(pk=organisation.pk)
            .values_list(
                ArraySubquery(MentoringPair.objects.as_json_of(organisation.pk)), flat=True
            )
            .first()
        )
    if not rows:
        return None
    helps, helped_by = [], []
    for row in rows:
        side = "mentee" if row["mentor_id"] == organisation.pk else "mentor"
        item = {
            "name": localized(_Row(row), f"{side}_name"),
            "url": reverse("members:organisation", kwargs={"slug": row[f"{side}_slug"]}),
            "since": dt.date.fromisoformat(row["since"]) if row["since"] else None,
            "notes": localized(_Row(row), "notes"),
            "topics": _localized_list(row),
        }
        (helps if side == "mentee" else helped_by).append(item)
    return Panel(
        title=_("Mentoring"),
        template="members/_mentoring_panel.html",
        context={"helps": helps, "helped_by": helped_by},
    )


class _Row:
    """A JSON row read like a model by ``localized``."""

    def __init__(self, row: dict):
        self.__dict__.update(row)


def _localized_list(row: dict) -> list[str]:
    from network.lib.i18n import current_language

    first, second = ("en", "th") if current_language() == "en" else ("th", "en")
    names = row[f"topics_{first}"] or []
    fallback = row[f"topics_{second}"] or []
    return [name or other for name, other in zip(names, fallback, strict=False)]
