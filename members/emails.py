"""The join flow's e-mails, each in its recipient's language."""

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from network.lib import emails

from .models import JoinRequest, Membership, User


def _language(user) -> str:
    person = getattr(user, "person", None)
    return person.language if person is not None else "th"


def _url(name: str, language: str, **kwargs) -> str:
    from django.conf import settings

    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def join_request_deciders(join_request: JoinRequest):
    """Who is told about a request: coordinators, plus the editors of an existing organisation."""
    who = Q(is_coordinator=True)
    if join_request.organisation_id:
        who |= Q(
            person__memberships__organisation_id=join_request.organisation_id,
            person__memberships__role=Membership.Role.EDITOR,
        )
    return User.objects.filter(who, is_active=True).select_related("person").distinct()


def send_join_request_notice(join_request: JoinRequest, user) -> None:
    """Tell one editor or coordinator about a pending request, in their language."""
    language = _language(user)
    with translation.override(language):
        emails.send(
            "members/emails/join_request",
            to=[user.email],
            language=language,
            context={
                "join_request": join_request,
                "person": join_request.person,
                "organisation_name": join_request.organisation_name,
                "review_url": _url("members:requests", language),
            },
        )


def send_join_decision(join_request: JoinRequest) -> bool:
    user = join_request.person.user
    if user is None or not user.email:
        return False
    language = join_request.person.language or "th"
    with translation.override(language):
        organisation_url = (
            _url("members:organisation", language, slug=join_request.organisation.slug)
            if join_request.organisation_id
            else ""
        )
        emails.send(
            "members/emails/join_decision",
            to=[user.email],
            language=language,
            context={
                "join_request": join_request,
                "approved": join_request.status == JoinRequest.Status.APPROVED,
                "organisation_name": join_request.organisation_name,
                "organisation_url": organisation_url,
                "directory_url": _url("members:directory", language),
            },
        )
    return True
