"""The join flow's e-mails, each in its recipient's language, recorded in the outbox."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from network.lib import emails

from . import access
from .models import AdviceRequest, JoinRequest, Membership, Organisation, User


def _language(user) -> str:
    person = getattr(user, "person", None)
    return (person.language if person is not None else "") or settings.LANGUAGE_CODE


def _url(name: str, language: str, **kwargs) -> str:
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


def queue_join_request_notices(join_request: JoinRequest) -> int:
    """Tell every editor and coordinator who may decide about a pending request."""
    queued = 0
    for user in join_request_deciders(join_request):
        language = _language(user)
        with translation.override(language):  # the organisation's name in their language
            queued += _queue_notice(join_request, user, language)
    return queued


def _queue_notice(join_request: JoinRequest, user, language: str) -> bool:
    return bool(
        emails.queue(
            "members/emails/join_request",
            kind="members.join_request",
            to=user,
            about=join_request,
            context={
                "join_request": join_request,
                "person": join_request.person,
                "organisation_name": join_request.organisation_name,
                "review_url": _url("members:requests", language),
            },
        )
    )


def queue_join_decision(join_request: JoinRequest) -> bool:
    """Tell the applicant whether the request was approved or declined."""
    user = join_request.person.user
    if user is None or not user.email:
        return False
    language = join_request.person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return _queue_decision(join_request, user, language)


def _queue_decision(join_request: JoinRequest, user, language: str) -> bool:
    organisation_url = (
        _url("members:organisation", language, slug=join_request.organisation.slug)
        if join_request.organisation_id
        else ""
    )
    return bool(
        emails.queue(
            "members/emails/join_decision",
            kind="members.join_decision",
            to=user,
            language=language,
            about=join_request,
            period=join_request.status,
            context={
                "join_request": join_request,
                "approved": join_request.status == JoinRequest.Status.APPROVED,
                "organisation_name": join_request.organisation_name,
                "organisation_url": organisation_url,
                "directory_url": _url("members:directory", language),
            },
        )
    )


# --- Advice requests (issue 12) ------------------------------------------------------------------


def _organisation_names(person) -> str:
    """The listed organisations a person belongs to, in the active language."""
    names = [
        m.organisation.name
        for m in person.memberships.select_related("organisation").filter(
            organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
        )
    ]
    return ", ".join(names)


def queue_advice_request(advice_request: AdviceRequest) -> bool:
    """Send the request to the adviser in their language. Replying answers the requester (their
    address is the Reply-To); the adviser's own address is never shown to the requester."""
    adviser, requester = advice_request.adviser, advice_request.requester
    user = adviser.user
    if user is None or not user.email or requester.user is None:
        return False
    language = adviser.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "advice_request": advice_request,
            "requester": requester,
            "requester_name": requester.name or requester.user.email,
            "requester_organisations": _organisation_names(requester),
            "requester_url": _url("members:person", language, pk=requester.pk),
            "answered_url": _url(
                "members:advice_reply",
                language,
                token=access.advice_token(advice_request, "answered"),
            ),
            "decline_url": _url(
                "members:advice_reply",
                language,
                token=access.advice_token(advice_request, "declined"),
            ),
            "advice_url": _url("members:advice", language),
        }
        return bool(
            emails.queue(
                "members/emails/advice_request",
                kind="members.advice_request",
                to=user,
                language=language,
                about=advice_request,
                context=context,
                reply_to=[requester.user.email],
            )
        )


def queue_advice_declined(advice_request: AdviceRequest) -> bool:
    """Tell the requester the adviser declined: the adviser's name, never their address."""
    requester = advice_request.requester
    user = requester.user
    if user is None or not user.email:
        return False
    language = requester.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return bool(
            emails.queue(
                "members/emails/advice_declined",
                kind="members.advice_declined",
                to=user,
                language=language,
                about=advice_request,
                context={
                    "advice_request": advice_request,
                    "adviser_name": advice_request.adviser.name,
                    "advisers_url": _url("members:people", language) + "?advisers=1",
                },
            )
        )
