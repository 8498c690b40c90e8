"""The nudge e-mail, recorded in the outbox and sent from there."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from network.lib import emails

from .models import Nudge
from .services import nudge_address


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name)


def send_nudge_email(nudge: Nudge) -> bool:
    """Queue one nudge in the recipient's language, replying to the coordinator, in the
    outbox (one per recipient and period there too). Call it inside the nudge's transaction."""
    address, greeted = nudge_address(person=nudge.person, organisation=nudge.organisation)
    address = nudge.recipient or address
    if not address:
        return False
    language = greeted.language if greeted is not None else "th"
    sender = nudge.sent_by
    sender_person = getattr(sender, "person", None) if sender else None
    with translation.override(language):
        queued = emails.queue(
            "network/emails/nudge",
            kind="nudge",
            about=nudge.person or nudge.organisation,
            period=nudge.period,
            to=address,
            language=language,
            reply_to=[sender.email] if sender else [],
            context={
                "person": greeted,
                "organisation": nudge.organisation,
                "sender_name": (sender_person.name if sender_person else "")
                or (sender.email if sender else ""),
                "events_url": _url("events:upcoming", language),
                "library_url": _url("knowledge:library", language),
                "discussions_url": _url("knowledge:discussions", language),
                "recognition_url": _url("recognition:roll", language),
            },
        )
    if queued is None:
        return False
    nudge.sent_at = timezone.now()
    nudge.save(update_fields=["sent_at"])
    return True
