"""Every e-mail the portal sent before the outbox now leaves through it: one row per recipient,
sent once, in the recipient's language."""

import re

import pytest
from django.core import mail
from django.utils import translation

from events import services as event_services
from knowledge import services as knowledge_services
from knowledge.models import Resource
from members import services as member_services
from network.models import EmailPreferences, OutboxMessage
from tests.events.factories import EventFactory
from tests.factories import PersonFactory
from tests.knowledge.factories import ResourceFactory, ThreadFactory

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


def kinds():
    return sorted(OutboxMessage.objects.values_list("kind", flat=True))


def assert_all_sent():
    rows = list(OutboxMessage.objects.all())
    assert rows and all(row.state == State.SENT and row.attempts == 1 for row in rows)
    assert len(mail.outbox) == len(rows)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.recipient for r in rows)


def test_joining_emails(
    outsider, organisation, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = member_services.request_to_join(user=outsider, organisation=organisation)
    assert kinds() == ["members.join_request", "members.join_request"]
    assert sorted(m.to[0] for m in mail.outbox) == [coordinator.email, editor.email]
    with django_capture_on_commit_callbacks(execute=True):
        member_services.approve_join_request(join_request=request, decided_by=editor)
    assert kinds().count("members.join_decision") == 1
    assert mail.outbox[-1].to == [outsider.email]
    assert_all_sent()


def test_registration_emails(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        seat = event_services.register(event=event, person=first)
        event_services.register(event=event, person=second)
        event_services.cancel_registration(registration=seat)
        event_services.notify_event_changed(event=event)
        event_services.email_registrants(event=event, subject="Boots", message="Bring boots")
        event_services.cancel_event(event=event)
    assert kinds() == sorted(
        [
            "events.confirmation",
            "events.waiting",
            "events.cancellation",
            "events.promotion",
            "events.event_changed",
            "events.message",
            "events.event_cancelled",
        ]
    )
    assert_all_sent()
    confirmation = OutboxMessage.objects.get(kind="events.confirmation")
    assert confirmation.attachments[0][0].endswith(".ics")
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


def test_a_person_without_an_account_is_written_to_at_their_contact_address(
    django_capture_on_commit_callbacks,
):
    person = PersonFactory(user=None, email="guest@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(event=EventFactory(), person=person)
    assert mail.outbox[0].to == ["guest@example.org"]
    assert OutboxMessage.objects.get().user is None


def test_review_emails(member, coordinator, django_capture_on_commit_callbacks):
    resource = ResourceFactory(created_by=member, status=Resource.Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_services.emails.queue_review_request(resource)
        knowledge_services.return_resource(resource=resource, by=coordinator, comment="ที่มา?")
    assert kinds() == ["knowledge.review_decision", "knowledge.review_requested"]
    assert_all_sent()


def test_the_author_of_a_thread_is_told_of_a_reply_unless_switched_off(
    member, editor, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(author=member, title="แผนรับมือคลื่นความร้อน")
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_services.reply(user=editor, thread=thread, body="ลองดูแผนของหาดใหญ่")
        knowledge_services.reply(user=member, thread=thread, body="ขอบคุณครับ")  # own reply
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "แผนรับมือคลื่นความร้อน" in message.subject
    assert "ลองดูแผนของหาดใหญ่" in message.body
    assert "ลองดูแผนของหาดใหญ่" in message.alternatives[0][0]
    assert "/accounts/preferences/" in message.body  # why, and where to change it

    EmailPreferences.objects.create(user=member, replies=False)
    member.refresh_from_db()
    thread.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        knowledge_services.reply(user=editor, thread=thread, body="อีกเรื่องหนึ่ง")
    assert len(mail.outbox) == 1


def test_thai_account_emails_name_the_site_in_thai(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {
                "email": "newcomer@example.org",
                "password1": "a-long-pass-phrase-2557",
                "password2": "a-long-pass-phrase-2557",
            },
        )
    (row,) = OutboxMessage.objects.all()
    assert row.kind == "account.email_confirmation_signup" and row.state == State.SENT
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    with translation.override("th"):
        thai_name = translation.gettext("Thailand Urban Climate Resilience Network")
    assert thai_name != "Thailand Urban Climate Resilience Network"
    assert f"สวัสดีจาก {thai_name}" in html
    assert "สวัสดีจาก !" not in html + message.body
    assert "Thailand Urban Climate Resilience Network" not in message.body
    assert not re.search(r"จาก\s*!", message.body)


def test_account_emails_are_transactional_without_unsubscribe_headers(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert OutboxMessage.objects.get().kind.startswith("account.")
