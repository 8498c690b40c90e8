"""The outbox API: one row per recipient, recorded in the transaction, sent once after commit."""

import datetime as dt
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from network.lib import emails
from network.models import EmailPreferences, OutboxMessage
from network.outbox import delivery
from network.tasks import deliver_outbox, send_outbox_message

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


def queue_decision(to, **kwargs):
    kwargs.setdefault("kind", "test.decision")
    return emails.queue(
        "members/emails/join_decision",
        to=to,
        context={"approved": False, "organisation_name": "Hat Yai"},
        **kwargs,
    )


def test_it_records_the_rendered_message_and_sends_it_after_commit(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = queue_decision(member, about=member)
    assert row.state == State.QUEUED and not mailoutbox
    assert row.recipient == "member@example.org" and row.language == "th"
    assert row.about == member and row.subject and row.body_text and row.body_html
    for callback in callbacks:
        callback()
    (message,) = mailoutbox
    assert message.to == ["member@example.org"]
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 1 and row.sent_at


def test_the_same_key_is_recorded_once(member, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_decision(member, about=member, period="2026-W48")
        second = queue_decision(member, about=member, period="2026-W48")
        other_period = queue_decision(member, about=member, period="2026-W49")
    assert first is not None and second is None and other_period is not None
    assert OutboxMessage.objects.count() == 2
    assert len(mailoutbox) == 2


def test_running_the_send_task_twice_sends_once(member, mailoutbox):
    row = queue_decision(member)
    assert send_outbox_message(row.pk) == "sent"
    assert send_outbox_message(row.pk) == "not claimed"
    assert deliver_outbox() == 0
    assert len(mailoutbox) == 1


def test_a_claim_left_by_a_killed_worker_expires_and_the_sweep_sends_it(member, mailoutbox):
    row = queue_decision(member)
    assert delivery.claim(row.pk) is not None  # the worker dies here
    assert send_outbox_message(row.pk) == "not claimed"
    assert deliver_outbox() == 0
    OutboxMessage.objects.filter(pk=row.pk).update(
        claimed_until=timezone.now() - dt.timedelta(seconds=1)
    )
    assert deliver_outbox() == 1
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert len(mailoutbox) == 1


def test_a_switched_off_notification_is_not_recorded(member, mailoutbox):
    EmailPreferences.objects.create(user=member, replies=False)
    member.refresh_from_db()
    assert queue_decision(member, kind="knowledge.reply") is None
    assert queue_decision(member, kind="members.join_decision") is not None


def test_the_language_comes_from_the_person_unless_given(member):
    member.person.language = "en"
    member.person.save()
    assert queue_decision(member).language == "en"
    assert queue_decision("someone@example.org").language == "th"
    assert queue_decision("else@example.org", language="en").subject.startswith("Your request")


def test_bulk_mail_carries_rfc_8058_headers_and_transactional_mail_does_not(member, mailoutbox):
    bulk = queue_decision(member, kind="announcement", bulk=True)
    plain = queue_decision(member, kind="members.join_decision")
    send_outbox_message(bulk.pk)
    send_outbox_message(plain.pk)
    bulk_message, plain_message = mailoutbox
    unsubscribe = bulk_message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/unsubscribe/" in unsubscribe
    assert bulk_message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe" not in plain_message.extra_headers
    assert "List-Unsubscribe-Post" not in plain_message.extra_headers
    assert "/unsubscribe/" in bulk_message.body and "/unsubscribe/" not in plain_message.body


def test_a_broker_that_is_down_never_fails_the_request_and_the_sweep_sends_later(
    member, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    with (
        mock.patch.object(
            send_outbox_message, "apply_async", side_effect=ConnectionRefusedError("redis down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = queue_decision(member)
    assert "the sweep will send it" in caplog.text
    row.refresh_from_db()
    assert row.state == State.QUEUED and not mailoutbox
    assert deliver_outbox() == 1
    assert len(mailoutbox) == 1


def test_nothing_is_recorded_when_the_transaction_rolls_back(member):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_decision(member)
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_retry_delays_grow():
    delays = [delivery.retry_delay(n).total_seconds() for n in range(1, 6)]
    assert delays == sorted(delays) and delays[0] == 60 and delays[-1] > 4 * 3600


def test_a_registration_made_while_the_broker_is_down_succeeds_and_its_email_is_kept(
    mailoutbox, django_capture_on_commit_callbacks
):
    from events import services
    from tests.events.factories import EventFactory
    from tests.factories import PersonFactory

    person = PersonFactory()
    with (
        mock.patch.object(
            send_outbox_message, "apply_async", side_effect=OSError("Error 111 connecting to redis")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        registration = services.register(event=EventFactory(), person=person)
    assert registration.pk and not mailoutbox
    row = OutboxMessage.objects.get(kind="events.confirmation")
    assert row.state == State.QUEUED
    assert deliver_outbox() == 1
    assert mailoutbox[0].to == [person.user.email]
