"""Against a real local SMTP server: temporary failures are retried, permanent ones recorded, and
two worker processes draining the same outbox send every message once."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from network.lib import emails
from network.models import OutboxMessage
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
        db = django_settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "network.settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(server.port),
        }
        workers = [
            subprocess.Popen([sys.executable, "-c", WORKER, order], cwd=ROOT, env=env)
            for order in ("forward", "reverse")
        ]
        for worker in workers:
            assert worker.wait(timeout=120) == 0
    recipients = sorted(r for rcpt_tos, _ in server.accepted for r in rcpt_tos)
    assert recipients == sorted(r.recipient for r in rows)
    assert OutboxMessage.objects.filter(state=State.SENT, attempts=1).count() == count
