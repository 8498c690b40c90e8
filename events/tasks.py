"""E-mails about events. Tasks take primary keys and render in the language passed in."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from network.lib import emails

from . import ical
from .models import Event, Registration

# E-mails that carry the event as an .ics attachment.
WITH_ICS = {"confirmation", "promotion", "event_changed"}


def registration_email(
    registration: Registration, name: str, language: str, *, subject: str = "", message: str = ""
):
    """Build e-mail ``name`` (confirmation, waiting, pending, promotion, cancellation,
    event_changed, event_cancelled, message) for one registration."""
    event = registration.event
    person = registration.person
    recipient = (person.user.email if person.user_id else "") or person.email
    attachments = []
    if name in WITH_ICS:
        with translation.override(language):
            content = ical.calendar(
                [event],
                online_links_for={event.pk} if registration.holds_seat else (),
            )
        attachments.append((f"{event.slug}.ics", content, "text/calendar"))
    return emails.build(
        f"events/emails/{name}",
        to=[recipient],
        language=language,
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


def _event_url(event: Event, language: str) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{event.get_absolute_url()}"


@shared_task
def send_registration_email(
    registration_id: int, name: str, language: str = "th", subject: str = "", message: str = ""
):
    registration = (
        Registration.objects.select_related("event", "person__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    with translation.override(language):
        msg = registration_email(registration, name, language, subject=subject, message=message)
    if msg.to and msg.to[0]:
        msg.send()


@shared_task
def notify_registrants(
    event_id: int, name: str, language: str = "th", subject: str = "", message: str = ""
):
    """Fan out: one e-mail task per person registered."""
    from .services import NOTIFIED_STATUSES

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return
    for pk in event.registrations.filter(status__in=NOTIFIED_STATUSES).values_list("pk", flat=True):
        send_registration_email.delay(pk, name, language, subject, message)
