"""Joint projects' e-mails, each in its recipient's language, recorded in the outbox."""

from django.utils import translation

from network.lib import emails

from .emails import _language, _url
from .models import Membership, ProjectJoinRequest, User


def lead_editors(project):
    """Who decides about a project: the active editors of its lead organisation."""
    return (
        User.objects.filter(
            is_active=True,
            person__memberships__organisation_id=project.lead_id,
            person__memberships__role=Membership.Role.EDITOR,
        )
        .select_related("person")
        .distinct()
    )


def queue_project_join_request(join_request: ProjectJoinRequest) -> int:
    """Tell the lead organisation's editors that an organisation wants to join their project."""
    queued = 0
    project = join_request.project
    for user in lead_editors(project):
        language = _language(user)
        with translation.override(language):  # names in their language
            queued += bool(
                emails.queue(
                    "members/emails/project_join_request",
                    kind="members.project_join_request",
                    to=user,
                    language=language,
                    about=join_request,
                    context={
                        "join_request": join_request,
                        "project_title": project.title,
                        "organisation_name": join_request.organisation.name,
                        "project_url": _url("projects:detail", language, slug=project.slug),
                    },
                )
            )
    return queued


def queue_project_join_decision(join_request: ProjectJoinRequest) -> bool:
    """Tell whoever asked whether their organisation was accepted into the project."""
    user = join_request.requested_by
    if not user.is_active or not user.email:
        return False
    language = _language(user)
    project = join_request.project
    with translation.override(language):
        return bool(
            emails.queue(
                "members/emails/project_join_decision",
                kind="members.project_join_decision",
                to=user,
                language=language,
                about=join_request,
                period=join_request.status,
                context={
                    "accepted": join_request.status == ProjectJoinRequest.Status.ACCEPTED,
                    "project_title": project.title,
                    "organisation_name": join_request.organisation.name,
                    "project_url": _url("projects:detail", language, slug=project.slug),
                },
            )
        )
