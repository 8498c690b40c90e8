"""Writes that touch registrations, seats and e-mail. Every function locks what it counts."""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.access import is_member
from members.models import Organisation, Person
from network.lib import pagecache

from . import emails
from .models import CalendarToken, Event, Pledge, PledgeUpdate, Registration

Status = Registration.Status
NOTIFIED_STATUSES = emails.NOTIFIED_STATUSES


class EventError(Exception):
    """A refused action; ``str(error)`` is a message for the person who tried it."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(str(self.message))


class RegistrationClosed(EventError):
    message = _("Registration for this event is closed.")


class EventNotOpen(EventError):
    message = _("This event is not open for registration.")


class MembersOnly(EventError):
    message = _("Only members of the network can register for this event.")


class AlreadyRegistered(EventError):
    message = _("You are already registered for this event.")


class NotRegistered(EventError):
    message = _("You are not registered for this event.")


class PledgeNotAllowed(EventError):
    message = _("Pledges can be recorded once the event has taken place.")


def _language() -> str:
    return translation.get_language() or "th"


def _mail(registration: Registration, name: str) -> None:
    # The person acting (registering, cancelling) reads the e-mail in the language they use now.
    emails.queue_registration_email(registration, name, language=_language())


def _lock(event: Event) -> Event:
    # Every seat decision for an event happens while its row is locked, so two requests can never
    # both take the last seat.
    return Event.objects.select_for_update().get(pk=event.pk)


def _seats_free(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.registrations.holding_seats().count(), 0)


def register(
    *,
    event: Event,
    person: Person,
    organisation: Organisation | None = None,
    diet: str = "",
    access: str = "",
    interpretation: str = "",
) -> Registration:
    """Register ``person``: confirmed while seats are left, else on the waiting list; pending when
    the organisers approve registrations. Raises an :class:`EventError` when refused."""
    with transaction.atomic():
        event = _lock(event)
        if event.status != Event.Status.PUBLISHED or event.is_past:
            raise EventNotOpen
        if event.visibility == Event.Visibility.MEMBERS and not (
            person.user_id and is_member(person.user)
        ):
            raise MembersOnly
        if not event.registration_is_open():
            raise RegistrationClosed
        registration = Registration.objects.filter(event=event, person=person).first()
        if registration and registration.status != Status.CANCELLED:
            raise AlreadyRegistered
        if event.requires_approval:
            status = Status.PENDING
        else:
            free = _seats_free(event)
            status = Status.CONFIRMED if free is None or free > 0 else Status.WAITING
        registration = registration or Registration(event=event, person=person)
        registration.organisation = organisation
        registration.status = status
        registration.diet, registration.access, registration.interpretation = (
            diet,
            access,
            interpretation,
        )
        registration.created = timezone.now()  # a returning person queues again from the back
        registration.save()
        _mail(
            registration,
            {Status.PENDING: "pending", Status.CONFIRMED: "confirmation"}.get(status, "waiting"),
        )
    return registration


def _fill_seats(event: Event) -> list[Registration]:
    """Move people up from the waiting list, first come first served, while seats are free."""
    free = _seats_free(event)
    waiting = event.registrations.waiting()
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated"])
        # Moved up by someone else's cancellation: in the person's own language.
        emails.queue_registration_email(registration, "promotion")
    return promoted


def cancel_registration(*, registration: Registration) -> Registration:
    """Cancel a registration; a freed seat goes to the first person waiting."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise NotRegistered
        if event.is_past:
            raise EventNotOpen(_("This event is over; its registrations can no longer change."))
        freed = registration.holds_seat
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated"])
        _mail(registration, "cancellation")
        if freed and event.status == Event.Status.PUBLISHED:
            _fill_seats(event)
    return registration


def approve_registration(*, registration: Registration) -> Registration:
    """An organiser accepts a pending registration: confirmed if a seat is free, else waiting."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            raise EventError(_("Only registrations awaiting approval can be approved."))
        free = _seats_free(event)
        registration.status = Status.CONFIRMED if free is None or free > 0 else Status.WAITING
        registration.save(update_fields=["status", "updated"])
        _mail(
            registration, "confirmation" if registration.status == Status.CONFIRMED else "waiting"
        )
    return registration


def decline_registration(*, registration: Registration) -> Registration:
    with transaction.atomic():
        _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.PENDING:
            raise EventError(_("Only registrations awaiting approval can be declined."))
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated"])
        _mail(registration, "cancellation")
    return registration


def promote_waiting_list(*, event: Event) -> list[Registration]:
    """Fill every free seat from the waiting list (e.g. after capacity was raised)."""
    with transaction.atomic():
        return _fill_seats(_lock(event))


def mark_attended(*, registrations) -> int:
    """Mark confirmed (or no-show) registrations as attended; others are left alone."""
    with transaction.atomic():
        marked = registrations.filter(status__in=[Status.CONFIRMED, Status.NO_SHOW]).update(
            status=Status.ATTENDED, updated=timezone.now()
        )
        pagecache.content_changed()  # QuerySet.update sends no signal
        return marked


def _notify(event: Event, name: str, *, subject: str = "", message: str = "") -> int:
    return emails.queue_event_notices(event, name, subject=subject, message=message)


def publish_event(*, event: Event) -> Event:
    with transaction.atomic():
        event = _lock(event)
        event.status = Event.Status.PUBLISHED
        event.save(update_fields=["status", "updated"])
    return event


def cancel_event(*, event: Event) -> Event:
    """Cancel the event and tell everyone registered."""
    with transaction.atomic():
        event = _lock(event)
        if event.status == Event.Status.CANCELLED:
            return event
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status", "updated"])
        _notify(event, "event_cancelled")
    return event


def notify_event_changed(*, event: Event) -> int:
    """Tell everyone registered that the date, place or link changed."""
    with transaction.atomic():
        return _notify(event, "event_changed")


def email_registrants(*, event: Event, subject: str, message: str) -> int:
    """A coordinator's own message to everyone registered (confirmed, waiting or pending)."""
    with transaction.atomic():
        return _notify(event, "message", subject=subject, message=message)


def _next_year(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + 1)
    except ValueError:  # 29 February
        return value + dt.timedelta(days=365)


def duplicate_event(*, event: Event) -> Event:
    """A draft copy one year later (for the recurring calendar), with hosts, topics and agenda."""
    with transaction.atomic():
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.id = None
        base = f"{event.slug}-{event.start.year + 1}"[:90]
        slug, n = base, 2
        while Event.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        copy.slug = slug
        copy.status = Event.Status.DRAFT
        for field in ("start", "end", "registration_opens", "registration_closes"):
            setattr(copy, field, _next_year(getattr(event, field)))
        for field in ("lessons_th", "lessons_en", "report_summary_th", "report_summary_en",
                      "resolutions_th", "resolutions_en", "report_links"):  # fmt: skip
            setattr(copy, field, "")
        copy.save()
        copy.hosts.set(event.hosts.all())
        copy.co_organisers.set(event.co_organisers.all())
        copy.topics.set(event.topics.all())
        for session in event.sessions.all():
            speakers = list(session.speakers.all())
            session.pk = None
            session.event = copy
            session.day = _next_year(dt.datetime.combine(session.day, dt.time())).date()
            session.save()
            session.speakers.set(speakers)
    return copy


def record_pledge(
    *,
    event: Event,
    person: Person,
    action: str,
    organisation: Organisation | None = None,
    due: dt.date | None = None,
) -> Pledge:
    """A member records what they will apply at home after the event."""
    with transaction.atomic():
        if event.start > timezone.now() or event.status == Event.Status.DRAFT:
            raise PledgeNotAllowed
        if not (person.user_id and is_member(person.user)):
            raise PledgeNotAllowed(_("Only members of the network can record pledges."))
        pledge = Pledge.objects.create(
            event=event, person=person, organisation=organisation, action=action.strip(), due=due
        )
        PledgeUpdate.objects.create(pledge=pledge, status=pledge.status)
    return pledge


def update_pledge(*, pledge: Pledge, status: str, note: str = "") -> Pledge:
    """Move a pledge on (planned → in progress → done, or dropped), keeping the history."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        pledge.status = status
        pledge.save(update_fields=["status", "updated"])
        PledgeUpdate.objects.create(pledge=pledge, status=status, note=note.strip())
    return pledge


def calendar_token_for(*, user) -> CalendarToken:
    """The secret of the user's own calendar feed, made when their events page first shows it
    (and again after a coordinator revoked it)."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token
