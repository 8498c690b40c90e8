"""The review flow's and discussions' e-mails, each in its recipient's language, via the outbox."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from members.models import User
from network.lib import emails

from .models import Flag, FundingCall, Reply, Resource


def _language(user) -> str:
    person = getattr(user, "person", None)
    return (person.language if person is not None else "") or settings.LANGUAGE_CODE


def _url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def _coordinators():
    return User.objects.filter(is_coordinator=True, is_active=True).select_related("person")


def _queue_for_coordinators(template: str, *, kind: str, about, period: str, context) -> int:
    """Queue ``template`` to every coordinator, ``context(language)`` rendered in theirs."""
    queued = 0
    for user in _coordinators():
        language = _language(user)
        with translation.override(language):
            queued += bool(
                emails.queue(
                    template, kind=kind, to=user, about=about, period=period,
                    context=context(language),
                )
            )  # fmt: skip
    return queued


def _poster_name(user) -> str:
    return str(getattr(user, "person", None) or user or "")


def queue_review_request(resource: Resource) -> int:
    """Tell every coordinator that a member's resource waits for review."""
    # Each submission is its own occasion: a resource returned and sent again is announced again.
    return _queue_for_coordinators(
        "knowledge/emails/review_requested",
        kind="knowledge.review_requested",
        about=resource,
        period=f"submitted:{timezone.now().isoformat()}",
        context=lambda language: {
            "resource": resource,
            "title": resource.title,
            "poster": _poster_name(resource.created_by),
            "resource_url": _url("knowledge:detail", language, slug=resource.slug),
            "review_url": _url("knowledge:review", language),
        },
    )


def queue_review_decision(resource: Resource) -> bool:
    """Tell the poster that their resource was published, or returned with the reviewer's comment."""
    poster = resource.created_by
    if poster is None or not poster.email:
        return False
    language = _language(poster)
    published = resource.status == Resource.Status.PUBLISHED
    with translation.override(language):
        return bool(
            emails.queue(
                "knowledge/emails/review_decision",
                kind="knowledge.review_decision",
                to=poster,
                about=resource,
                period=f"{resource.status}:{timezone.now().isoformat()}",
                context={
                    "resource": resource,
                    "title": resource.title,
                    "published": published,
                    "comment": resource.review_comment,
                    "resource_url": _url("knowledge:detail", language, slug=resource.slug),
                    "edit_url": _url("knowledge:edit", language, slug=resource.slug),
                },
            )
        )


def queue_reply_notice(reply: Reply) -> bool:
    """Tell a thread's author that someone replied (unless they replied themselves, or switched
    these notices off in their preferences)."""
    thread = reply.thread
    author = thread.author
    if author is None or not author.email or author.pk == reply.author_id or not author.is_active:
        return False
    language = _language(author)
    with translation.override(language):
        return bool(
            emails.queue(
                "knowledge/emails/reply",
                kind="knowledge.reply",
                to=author,
                about=reply,
                context={
                    "thread": thread,
                    "reply": reply,
                    "replier": str(getattr(reply.author, "person", None) or reply.author or ""),
                    "thread_url": _url("knowledge:thread", language, pk=thread.pk),
                },
            )
        )


def queue_flag_raised(flag: Flag) -> int:
    """Tell every coordinator what was reported, why, and where to read and moderate it."""
    reporter = flag.reporter
    queued = 0
    for user in _coordinators():
        language = _language(user)
        with translation.override(language):
            queued += bool(
                emails.queue(
                    "knowledge/emails/flag_raised",
                    kind="knowledge.flag_raised",
                    to=user,
                    about=flag,
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
            )
    return queued


# --- Funding calls -------------------------------------------------------------------------------


def queue_funding_review_request(call: FundingCall) -> int:
    """Tell every coordinator that a member proposed a funding call."""
    return _queue_for_coordinators(
        "knowledge/emails/funding_review_requested",
        kind="knowledge.funding_review_requested",
        about=call,
        period="proposed",
        context=lambda language: {
            "call": call,
            "title": call.title,
            "funder": call.funder,
            "poster": _poster_name(call.proposed_by),
            "call_url": _url("funding:detail", language, slug=call.slug),
            "review_url": _url("knowledge:review", language),
        },
    )


def queue_funding_review_decision(call: FundingCall) -> bool:
    """Tell the member who proposed a call that it was published, or why it was not."""
    poster = call.proposed_by
    if poster is None or not poster.email or call.reviewed_by_id == poster.pk:
        return False
    language = _language(poster)
    with translation.override(language):
        return bool(
            emails.queue(
                "knowledge/emails/funding_review_decision",
                kind="knowledge.funding_review_decision",
                to=poster,
                about=call,
                period=call.status,
                context={
                    "call": call,
                    "title": call.title,
                    "published": call.is_published,
                    "comment": call.review_comment,
                    "call_url": _url("funding:detail", language, slug=call.slug),
                },
            )
        )
