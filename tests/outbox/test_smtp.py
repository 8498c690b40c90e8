"""Against a real local SMTP server: temporary failures are retried, permanent ones recorded, and
two worker processes draining the same outbox send every message once — one by one or in claimed
batches over one connection, where a failure touches only its own message."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from network.lib import emails
from network.models import OutboxMessage
from network.outbox import delivery
from network.tasks import deliver_outbox, send_outbox_message

from .smtp import SMTPServer, free_port

pytestmark = pytest.mark.integration
State = OutboxMessage.State
ROOT = Path(__file__).resolve().parents[2]


def queue_one(address="somchai@example.org", kind="test.smtp"):
    return emails.queue(
        "members/emails/join_decision",
        kind=kind,
        to=address,
        language="en",
        context={"approved": False, "organisation_name": "Udon Thani"},
    )


def make_due(row):
    OutboxMessage.objects.filter(pk=row.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_a_4xx_reply_is_retried_later_and_the_message_is_sent_once(settings):
    with SMTPServer(["451 4.3.0 Try again later"]) as server:
        server.use_in(settings)
        row = queue_one()
        assert send_outbox_message(row.pk) == "retrying"
        row.refresh_from_db()
        assert row.state == State.RETRYING and row.attempts == 1
        assert row.last_error.startswith("451") and row.next_attempt_at > timezone.now()
        assert send_outbox_message(row.pk) == "not claimed"  # not before its time
        make_due(row)
        assert deliver_outbox() == 1
        assert deliver_outbox() == 0
    row.refresh_from_db()
    assert row.state == State.SENT and row.attempts == 2
    assert server.handler.attempts == 2
    assert len(server.accepted) == 1 and server.accepted[0][0] == ["somchai@example.org"]


@pytest.mark.django_db
def test_a_5xx_reply_is_recorded_as_failed_and_not_retried(settings):
    with SMTPServer(["550 5.1.1 No such mailbox"]) as server:
        server.use_in(settings)
        row = queue_one()
        assert send_outbox_message(row.pk) == "failed"
        make_due(row)
        assert send_outbox_message(row.pk) == "not claimed"
        assert deliver_outbox() == 0
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 1
    assert "550" in row.last_error and "No such mailbox" in row.last_error
    assert server.handler.attempts == 1 and not server.accepted


@pytest.mark.django_db
def test_a_refused_connection_is_temporary(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    row = queue_one()
    assert send_outbox_message(row.pk) == "retrying"
    row.refresh_from_db()
    assert row.state == State.RETRYING and "ConnectionRefused" in row.last_error


@pytest.mark.django_db
def test_after_the_last_attempt_a_temporary_failure_is_final(settings):
    with SMTPServer(["421 4.7.0 Busy"] * 10) as server:
        server.use_in(settings)
        row = queue_one()
        for _ in range(10):
            make_due(row)
            send_outbox_message(row.pk)
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 6 and "421" in row.last_error


def smtp_settings(port):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_TIMEOUT": 5,
    }


def worker_env(port):
    db = django_settings.DATABASES["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }


WORKER = """
import django, sys
django.setup()
from network.models import OutboxMessage
from network.tasks import deliver_outbox, send_outbox_message
pks = list(OutboxMessage.objects.order_by("pk").values_list("pk", flat=True))
if sys.argv[1] == "reverse":
    pks.reverse()
for pk in pks:
    send_outbox_message(pk)
deliver_outbox()
"""


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_send_each_message_once():
    count = 60
    with mock.patch("network.outbox.service.enqueue"):  # no worker in this process
        rows = [queue_one(f"person{n}@example.org") for n in range(count)]
    with SMTPServer() as server:
        env = worker_env(server.port)
        workers = [
            subprocess.Popen([sys.executable, "-c", WORKER, order], cwd=ROOT, env=env)
            for order in ("forward", "reverse")
        ]
        for worker in workers:
            assert worker.wait(timeout=120) == 0
    recipients = sorted(r for rcpt_tos, _ in server.accepted for r in rcpt_tos)
    assert recipients == sorted(r.recipient for r in rows)
    assert OutboxMessage.objects.filter(state=State.SENT, attempts=1).count() == count


# --- a claimed batch over one connection --------------------------------------------------------


def queue_many(count, kind="test.batch"):
    with mock.patch("network.outbox.service.enqueue"):  # no worker: the batch sends them
        return [queue_one(f"person{n}@example.org", kind=kind) for n in range(count)]


def states(rows):
    found = dict(
        OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "state")
    )
    return [found[r.pk] for r in rows]


def accepted_recipients(server):
    return sorted(r for rcpt_tos, _ in server.accepted for r in rcpt_tos)


@pytest.mark.django_db
def test_a_batch_goes_over_one_connection_and_records_each_message(settings):
    rows = queue_many(5)
    with SMTPServer() as server:
        server.use_in(settings)
        assert delivery.deliver_batch(10) == 5
        assert delivery.deliver_batch(10) == 0
    assert len(server.handler.sessions) == 1
    assert accepted_recipients(server) == sorted(r.recipient for r in rows)
    assert (
        OutboxMessage.objects.filter(state=State.SENT, attempts=1, sent_at__isnull=False).count()
        == 5
    )


@pytest.mark.django_db
def test_a_4xx_in_the_middle_of_a_batch_retries_only_that_message(settings):
    rows = queue_many(5)
    with SMTPServer(["250 OK", "451 4.3.0 Try again later"]) as server:
        server.use_in(settings)
        assert delivery.deliver_batch(10) == 5
        assert states(rows) == [State.SENT, State.RETRYING, State.SENT, State.SENT, State.SENT]
        retried = OutboxMessage.objects.get(pk=rows[1].pk)
        assert retried.attempts == 1 and retried.last_error.startswith("451")
        assert retried.next_attempt_at > timezone.now()
        assert delivery.deliver_batch(10) == 0  # not before its time
        make_due(retried)
        assert delivery.deliver_batch(10) == 1
    assert states(rows) == [State.SENT] * 5
    assert OutboxMessage.objects.get(pk=rows[1].pk).attempts == 2
    # Every recipient once; the batch went on over a new connection after the failure.
    assert accepted_recipients(server) == sorted(r.recipient for r in rows)
    assert server.handler.attempts == 6 and len(server.handler.sessions) == 3


@pytest.mark.django_db
def test_a_5xx_in_the_middle_of_a_batch_fails_only_that_message(settings):
    rows = queue_many(4)
    with SMTPServer(["250 OK", "250 OK", "550 5.1.1 No such mailbox"]) as server:
        server.use_in(settings)
        assert delivery.deliver_batch(10) == 4
        OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        assert delivery.deliver_batch(10) == 0
    assert states(rows) == [State.SENT, State.SENT, State.FAILED, State.SENT]
    failed = OutboxMessage.objects.get(pk=rows[2].pk)
    assert failed.attempts == 1 and "No such mailbox" in failed.last_error
    assert accepted_recipients(server) == sorted(r.recipient for i, r in enumerate(rows) if i != 2)


@pytest.mark.django_db
def test_an_unreachable_server_gives_the_rest_of_the_batch_back_without_using_their_attempts(
    settings,
):
    rows = queue_many(4)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    assert delivery.deliver_batch(10) == 4
    assert states(rows) == [State.RETRYING] * 4
    first, *rest = OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).order_by("pk")
    assert first.attempts == 1 and "ConnectionRefused" in first.last_error
    assert all(r.attempts == 0 and "ConnectionRefused" in r.last_error for r in rest)
    assert all(r.next_attempt_at > timezone.now() and r.claimed_until is None for r in rest)
    assert delivery.deliver_batch(10) == 0  # nobody hammers the server: the next try is later


BATCH_WORKER = """
import django, sys
django.setup()
from network.outbox import delivery
while delivery.deliver_batch(int(sys.argv[1])):
    pass
"""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_leaves_its_claims_to_expire_and_nothing_is_sent_twice():
    rows = queue_many(12)
    # The 5th message is held in flight until the worker process has been killed.
    with SMTPServer(["250 OK"] * 4 + ["HANG"]) as server:
        worker = subprocess.Popen(
            [sys.executable, "-c", BATCH_WORKER, "50"], cwd=ROOT, env=worker_env(server.port)
        )
        try:
            assert server.handler.hanging.wait(timeout=60)
        finally:
            worker.kill()
            worker.wait(timeout=30)
        server.release()
        # What the server accepted is recorded; the rest (the one in flight too) stays claimed.
        assert states(rows) == [State.SENT] * 4 + [State.SENDING] * 8
        with override_settings(**smtp_settings(server.port)):
            assert delivery.deliver_batch(50) == 0  # the claims have not expired yet
            OutboxMessage.objects.filter(state=State.SENDING).update(
                claimed_until=timezone.now() - dt.timedelta(seconds=1)
            )
            assert delivery.deliver_batch(50) == 8
    assert states(rows) == [State.SENT] * 12
    assert accepted_recipients(server) == sorted(r.recipient for r in rows)
    assert (
        list(OutboxMessage.objects.order_by("pk").values_list("attempts", flat=True))
        == [1] * 4 + [2] * 8
    )


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_sweeping_in_batches_send_each_message_once():
    count = 150
    rows = queue_many(count)
    with SMTPServer() as server:
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", BATCH_WORKER, "7"], cwd=ROOT, env=worker_env(server.port)
            )
            for _ in range(2)
        ]
        for worker in workers:
            assert worker.wait(timeout=120) == 0
    assert accepted_recipients(server) == sorted(r.recipient for r in rows)
    assert OutboxMessage.objects.filter(state=State.SENT, attempts=1).count() == count
