import icalendar
import pytest
from django.utils import translation

from events import services
from events.models import Event, Registration
from tests.factories import PersonFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def html_of(message):
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def ics_of(message):
    files = [a for a in message.attachments if a[0].endswith(".ics")]
    assert len(files) == 1
    filename, content, mimetype = files[0]
    assert mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


@pytest.fixture
def event():
    return EventFactory(
        title_en="Flood seminar",
        title_th="เสวนาน้ำท่วม",
        capacity=1,
        online_link="https://meet.example.org/flood",
    )


def test_confirmation_has_both_parts_and_a_parseable_ics(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(name_en="Somsak")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=person)
    (message,) = mailoutbox
    assert message.to == [person.user.email]
    assert message.subject == "You are registered: Flood seminar"
    assert "Your seat is confirmed" in message.body and "Dear Somsak" in message.body
    assert "Your seat is confirmed" in html_of(message)
    vevent = ics_of(message).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Flood seminar"
    assert vevent.decoded("DTSTART") == event.start
    assert "https://meet.example.org/flood" in str(vevent["DESCRIPTION"])


def test_thai_confirmation_is_in_thai_with_buddhist_era(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("th"), django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=PersonFactory())
    (message,) = mailoutbox
    assert "เสวนาน้ำท่วม" in message.subject
    assert str(event.start.year + 543) in message.body
    assert str(event.start.year + 543) in html_of(message)


def test_waiting_list_email(event, mailoutbox, django_capture_on_commit_callbacks):
    services.register(event=event, person=PersonFactory())
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=PersonFactory())
    (message,) = mailoutbox
    assert message.subject.startswith("You are on the waiting list")
    assert "waiting list" in message.body and "waiting list" in html_of(message)
    assert not message.attachments
    assert "meet.example.org" not in message.body + html_of(message)


def test_promotion_email_carries_the_ics(event, mailoutbox, django_capture_on_commit_callbacks):
    seat = services.register(event=event, person=PersonFactory(language="en"))
    waiting = services.register(event=event, person=PersonFactory(language="en"))
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=seat)
    promotion = next(m for m in mailoutbox if m.to == [waiting.person.user.email])
    assert promotion.subject == "A seat is yours: Flood seminar"
    assert "moved up from the waiting list" in promotion.body
    assert "moved up from the waiting list" in html_of(promotion)
    assert ics_of(promotion).walk("VEVENT")
    cancellation = next(m for m in mailoutbox if m.to == [seat.person.user.email])
    assert cancellation.subject == "Registration cancelled: Flood seminar"
    assert "is cancelled" in cancellation.body and "is cancelled" in html_of(cancellation)


def test_notices_to_registrants_follow_each_persons_language(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    services.register(event=event, person=PersonFactory(language="en"))
    services.register(event=event, person=PersonFactory(language="th"))
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event)
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects[0] == "Cancelled: Flood seminar"
    assert "เสวนาน้ำท่วม" in subjects[1]


def test_event_changed_notice_goes_to_everyone_registered(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    a = services.register(event=event, person=PersonFactory(language="en"))
    b = services.register(event=event, person=PersonFactory(language="en"))
    gone = services.register(event=EventFactory(), person=PersonFactory(language="en"))
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert services.notify_event_changed(event=event) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.person.user.email, b.person.user.email])
    assert gone.person.user.email not in [m.to[0] for m in mailoutbox]
    message = mailoutbox[0]
    assert message.subject == "Changed: Flood seminar"
    assert "new details" in message.body and "new details" in html_of(message)
    assert ics_of(message).walk("VEVENT")


def test_event_cancelled_notice(event, mailoutbox, django_capture_on_commit_callbacks):
    services.register(event=event, person=PersonFactory(language="en"))
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event)
    (message,) = mailoutbox
    assert message.subject == "Cancelled: Flood seminar"
    assert "cancelled this event" in message.body and "cancelled this event" in html_of(message)
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_pending_email_when_approval_is_needed(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(requires_approval=True, title_en="Closed workshop")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, person=PersonFactory())
    (message,) = mailoutbox
    assert message.subject == "Registration received: Closed workshop"
    assert "organisers confirm" in message.body and "organisers confirm" in html_of(message)


def test_coordinator_message_to_registrants(event, mailoutbox, django_capture_on_commit_callbacks):
    services.register(event=event, person=PersonFactory(language="en"))
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.email_registrants(
            event=event, subject="Bring boots", message="The site is muddy & wet."
        )
    (message,) = mailoutbox
    assert message.subject == "Bring boots – Flood seminar"
    assert "The site is muddy & wet." in message.body
    assert "The site is muddy &amp; wet." in html_of(message)
