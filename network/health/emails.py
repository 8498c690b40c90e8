"""The nudge e-mail. Its one sending function is where the outbox takes over at merge time."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from network.lib import emails

from .models import Nudge
from .services import nudge_address


def _url(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name)


def send_nudge_email(nudge: Nudge) -> bool:
    """Render and send one nudge in the recipient's language, replying to the coordinator.

    The outbox (network.lib.emails.queue) replaces the ``emails.send`` call below with
    ``emails.queue(..., kind="nudge", about=nudge.person or nudge.organisation,
    period=nudge.period)``; the Nudge row keeps its own once-per-period guarantee meanwhile.
    """
    address, greeted = nudge_address(person=nudge.person, organisation=nudge.organisation)
    address = nudge.recipient or address
    if not address:
        return False
    language = greeted.language if greeted is not None else "th"
    sender = nudge.sent_by
    sender_person = getattr(sender, "person", None) if sender else None
    with translation.override(language):
        emails.send(
            "network/emails/nudge",
            to=[address],
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
    return True
