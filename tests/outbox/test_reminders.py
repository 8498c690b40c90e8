"""Reminders reach the right people only, once, and follow a moved event only when needed."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services as event_services
from events.models import Event, Pledge, Registration
from members.models import Membership
from network.models import EmailPreferences
from network.reminders import send_reminders
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))
Status = Registration.Status


def register(event, status, created=NOW - dt.timedelta(days=20), **person):
    return Registration.objects.create(
        event=event, person=PersonFactory(**person), status=status, created=created
    )


def run(at, mailoutbox=None):
    outcome = send_reminders(at=at)
    return outcome


@pytest.fixture
def event():
    return EventFactory(
        title_en="Heat forum",
        title_th="เวทีความร้อน",
        start=NOW + dt.timedelta(days=6, hours=2),
        status=Event.Status.PUBLISHED,
    )


def sent_to(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox)


def test_confirmed_registrants_only_are_reminded_a_week_and_a_day_before(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = register(event, Status.CONFIRMED, language="en")
    register(event, Status.WAITING)
    register(event, Status.CANCELLED)
    register(event, Status.PENDING)
    late = register(event, Status.CONFIRMED, created=NOW - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert str(run(NOW)) == "reminders: 1 sent, 0 already sent"
    assert sent_to(mailoutbox) == [confirmed.person.user.email]
    (message,) = mailoutbox
    assert message.subject == "Coming up: Heat forum"
    assert "List-Unsubscribe" in message.extra_headers
    with django_capture_on_commit_callbacks(execute=True):
        assert str(run(NOW + dt.timedelta(hours=1))) == "reminders: 0 sent, 1 already sent"
        # The day before: everyone confirmed before that, the late registrant too.
        run(NOW + dt.timedelta(days=5, hours=6))
    day_before = [m for m in mailoutbox if m.subject.startswith("Tomorrow")]
    assert sorted(m.to[0] for m in day_before) == [confirmed.person.user.email]
    thai = [m for m in mailoutbox if "พรุ่งนี้" in m.subject]
    assert [m.to[0] for m in thai] == [late.person.user.email]


def test_no_reminder_for_a_cancelled_event(event, mailoutbox):
    register(event, Status.CONFIRMED)
    event_services.cancel_event(event=event)
    mailoutbox.clear()
    assert run(NOW).sent == 0


def move(event, by):
    Event.objects.filter(pk=event.pk).update(start=event.start + by, end=event.end + by)


def test_a_moved_event_is_reminded_again_only_when_its_day_changes(event):
    register(event, Status.CONFIRMED)
    assert run(NOW).sent == 1
    move(event, dt.timedelta(hours=3))
    assert str(run(NOW + dt.timedelta(minutes=5))) == "reminders: 0 sent, 1 already sent"
    move(event, -dt.timedelta(days=2))  # earlier, to another day: a new reminder
    assert run(NOW + dt.timedelta(minutes=10)).sent == 1


def test_switching_reminders_off_is_respected(event):
    registration = register(event, Status.CONFIRMED)
    EmailPreferences.objects.create(user=registration.person.user, reminders=False)
    assert run(NOW).sent == 0


def test_pledges_due_and_three_months_after_a_study_visit(
    mailoutbox, django_capture_on_commit_callbacks
):
    seminar = EventFactory(start=NOW - dt.timedelta(days=40))
    visit = EventFactory(
        kind=Event.Kind.STUDY_VISIT,
        start=NOW - dt.timedelta(days=92),
        end=NOW - dt.timedelta(days=91),
    )
    due = Pledge.objects.create(
        event=seminar,
        person=PersonFactory(),
        action="ขุดลอกคลอง",
        due=(NOW + dt.timedelta(days=3)).date(),
    )
    Pledge.objects.create(
        event=seminar,
        person=PersonFactory(),
        action="ไกลเกินไป",
        due=(NOW + dt.timedelta(days=30)).date(),
    )
    Pledge.objects.create(
        event=seminar,
        person=PersonFactory(),
        action="เสร็จแล้ว",
        due=(NOW + dt.timedelta(days=2)).date(),
        status=Pledge.Status.DONE,
    )
    follow = Pledge.objects.create(event=visit, person=PersonFactory(), action="ธนาคารน้ำใต้ดิน")
    with django_capture_on_commit_callbacks(execute=True):
        assert run(NOW).sent == 2
    assert sent_to(mailoutbox) == sorted([due.person.user.email, follow.person.user.email])
    for message in mailoutbox:
        pledge = due if message.to[0] == due.person.user.email else follow
        assert f"/events/pledges/{pledge.pk}/update/" in message.body
    assert run(NOW + dt.timedelta(hours=2)).sent == 0


def test_organisers_are_asked_for_the_report_and_coordinators_get_the_overdue_list(
    organisation, editor, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    ended = EventFactory(
        title_th="เวทีที่จบแล้ว", start=NOW - dt.timedelta(days=20), end=NOW - dt.timedelta(days=19)
    )
    ended.hosts.add(organisation)
    reported = EventFactory(
        start=NOW - dt.timedelta(days=5), end=NOW - dt.timedelta(days=4), report_summary_th="สรุป"
    )
    reported.hosts.add(organisation)
    overdue = Pledge.objects.create(
        event=ended,
        person=PersonFactory(),
        action="แผนที่เสี่ยงภัย",
        due=(NOW - dt.timedelta(days=3)).date(),
    )
    MembershipFactory(
        person=PersonFactory(), organisation=organisation, role=Membership.Role.MEMBER
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(NOW)
    report = [m for m in mailoutbox if m.to == [editor.email]]
    assert len(report) == 1 and "เวทีที่จบแล้ว" in report[0].subject
    (summary,) = [m for m in mailoutbox if m.to == [coordinator.email]]
    assert "แผนที่เสี่ยงภัย" in summary.body and "เวทีที่จบแล้ว" in summary.body
    assert overdue.person.user.email not in sent_to(mailoutbox)
    assert run(NOW + dt.timedelta(hours=1)).sent == 0


def test_the_command_prints_one_line_and_is_idempotent(event):
    register(event, Status.CONFIRMED)
    out = io.StringIO()
    call_command("send_reminders", "--at", "2026-12-01T09:00", stdout=out)
    call_command("send_reminders", "--at", "2026-12-01T09:30", stdout=out)
    assert (
        out.getvalue() == "reminders: 1 sent, 0 already sent\nreminders: 0 sent, 1 already sent\n"
    )


def test_a_person_without_an_account_is_reminded_at_their_address(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    Registration.objects.create(
        event=event,
        person=PersonFactory(user=None, email="guest@example.org", language="en"),
        status=Status.CONFIRMED,
        created=NOW - dt.timedelta(days=20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(NOW)
    assert [m.to for m in mailoutbox] == [["guest@example.org"]]
    assert mailoutbox[0].subject == "Coming up: Heat forum"
