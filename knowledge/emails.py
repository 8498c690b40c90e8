"""The review flow's e-mails, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from members.models import User
from network.lib import emails

from .models import Flag, Resource


def _language(user) -> str:
    person = getattr(user, "person", None)
    return person.language if person is not None and person.language else "th"


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def _coordinators():
    return User.objects.filter(is_coordinator=True, is_active=True).select_related("person")


def send_review_request(resource: Resource) -> int:
    """Tell every coordinator that a member's resource waits for review."""
    coordinators = _coordinators()
    poster = resource.created_by
    sent = 0
    for user in coordinators:
        if not user.email:
            continue
        language = _language(user)
        with translation.override(language):
            emails.send(
                "knowledge/emails/review_requested",
                to=[user.email],
                language=language,
                context={
                    "resource": resource,
                    "title": resource.title,
                    "poster": str(getattr(poster, "person", None) or poster or ""),
                    "resource_url": _url("knowledge:detail", language, slug=resource.slug),
                    "review_url": _url("knowledge:review", language),
                },
            )
        sent += 1
    return sent


def send_review_decision(resource: Resource) -> bool:
    """Tell the poster that their resource was published, or returned with the reviewer's comment."""
    poster = resource.created_by
    if poster is None or not poster.email:
        return False
    language = _language(poster)
    published = resource.status == Resource.Status.PUBLISHED
    with translation.override(language):
        emails.send(
            "knowledge/emails/review_decision",
            to=[poster.email],
            language=language,
            context={
                "resource": resource,
                "title": resource.title,
                "published": published,
                "comment": resource.review_comment,
                "resource_url": _url("knowledge:detail", language, slug=resource.slug),
                "edit_url": _url("knowledge:edit", language, slug=resource.slug),
            },
        )
    return True


def send_flag_raised(flag: Flag) -> int:
    """Tell every coordinator what was reported, why, and where to read and moderate it."""
    reporter = flag.reporter
    sent = 0
    for user in _coordinators():
        if not user.email:
            continue
        language = _language(user)
        with translation.override(language):
            emails.send(
                "knowledge/emails/flag_raised",
                to=[user.email],
                language=language,
                context={
                    "reason": flag.get_reason_display(),
                    "note": flag.note,
                    "text": flag.flagged_text,
                    "reporter": str(getattr(reporter, "person", None) or reporter),
                    "content_url": settings.SITE_URL + flag.content.get_absolute_url(),
                    "flag_url": settings.SITE_URL
                    + reverse("admin:knowledge_flag_change", args=[flag.pk]),
                },
            )
        sent += 1
    return sent
