"""E-mails about events, recorded in the outbox in the transaction that changed the registration."""

from django.conf import settings
from django.utils import timezone, translation

from members.models import Person
from network.lib import composer, emails

from . import ical
from .models import Event, Registration

# E-mails that carry the event as an .ics attachment.
WITH_ICS = {"confirmation", "promotion", "event_changed"}
# Statuses told about changes to the event and the organisers' messages.
NOTIFIED_STATUSES = (
    Registration.Status.PENDING,
    Registration.Status.CONFIRMED,
    Registration.Status.WAITING,
)


def recipient_of(registration: Registration):
    """The account when the person has one (so preferences apply), else their contact address."""
    person = registration.person
    if person.user_id and person.user.email:
        return person.user
    return person.email


def _event_url(event: Event, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{event.get_absolute_url()}"


def queue_registration_email(
    registration: Registration,
    name: str,
    *,
    language: str | None = None,
    period: str = "",
    subject: str = "",
    message: str = "",
):
    """Queue e-mail ``name`` (confirmation, waiting, pending, promotion, cancellation,
    event_changed, event_cancelled, message) to one registration's person."""
    event = registration.event
    person = registration.person
    language = language or person.language or settings.LANGUAGE_CODE
    attachments = []
    with translation.override(language):
        if name in WITH_ICS:
            content = ical.calendar(
                [event], online_links_for={event.pk} if registration.holds_seat else ()
            )
            attachments.append((f"{event.slug}.ics", content, "text/calendar"))
        return emails.queue(
            f"events/emails/{name}",
            kind=f"events.{name}",
            to=recipient_of(registration),
            language=language,
            about=registration,
            # One e-mail per change of the registration (its ``updated`` moves on every save).
            period=period or registration.updated.isoformat(),
            context={
                "event": event,
                "registration": registration,
                "person": person,
                "event_url": _event_url(event, language),
                "custom_subject": subject,
                "custom_message": message,
            },
            attachments=attachments,
        )


def queue_event_notices(event: Event, name: str, *, subject: str = "", message: str = "") -> int:
    """Queue e-mail ``name`` to everyone registered, each in their own language."""
    if name == "event_cancelled":
        period = "cancelled"
    elif name == "event_changed":
        period = f"changed:{event.updated.isoformat()}"
    else:
        period = f"{name}:{timezone.now().isoformat()}"
    registrations = event.registrations.filter(status__in=NOTIFIED_STATUSES).select_related(
        "event", "person__user"
    )
    return sum(
        queue_registration_email(r, name, period=period, subject=subject, message=message)
        is not None
        for r in registrations
    )


def preview_message(event: Event, *, subject: str, message: str) -> list[dict]:
    """The organisers' message to registrants as it will read, in each language (admin preview).
    The first person registered stands in for every recipient."""
    registration = (
        event.registrations.filter(status__in=NOTIFIED_STATUSES).select_related("person").first()
    )
    person = registration.person if registration else Person(name_th="…", name_en="…")
    return composer.preview(
        "events/emails/message",
        context={
            "event": event,
            "registration": registration,
            "person": person,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
            "custom_subject": subject,
            "custom_message": message,
        },
    )
