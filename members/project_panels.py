"""The organisation page's "Joint projects" panel (registered in MembersConfig.ready)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .access import is_member
from .models import Project
from .panels import Panel

LIMIT = 10


def organisation_projects(request, organisation):
    """Projects the organisation leads or is a partner in, that the visitor may see. The
    organisation page's fetch carries them (``project_cards``): no query of its own there."""
    cards = getattr(organisation, "project_cards", None)
    if cards is None:
        projects = list(
            Project.objects.visible_to(request.user)
            .filter(Q(lead=organisation) | Q(partnerships__organisation=organisation))
            .distinct()
            .order_by("-created", "-pk")[:LIMIT]
        )
    else:
        member = is_member(request.user)
        projects = [
            project for project in map(Project.from_card, cards) if member or project.is_public
        ][:LIMIT]
    if not projects:
        return None
    return Panel(
        title=_("Joint projects"),
        template="members/projects/_organisation_panel.html",
        context={"projects": projects, "organisation": organisation},
    )
