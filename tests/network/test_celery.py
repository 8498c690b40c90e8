"""An outbox e-mail goes through the Redis broker and a real Celery worker, after commit."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction

from network.celery import app
from network.lib import emails
from network.models import OutboxMessage


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_an_outbox_email_round_trips_through_redis_and_a_real_worker(settings):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with transaction.atomic():
                row = emails.queue(
                    "members/emails/join_decision",
                    kind="test.round_trip",
                    to="worker@example.org",
                    language="en",
                    context={"approved": False, "organisation_name": "Hat Yai"},
                )
                assert row.state == OutboxMessage.State.QUEUED
            assert app.conf.broker_url.startswith(("redis://", "redis+socket://"))
            deadline = time.monotonic() + 30
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(0.3)  # let the worker record the send
    finally:
        app.conf.task_always_eager = True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["worker@example.org"]
    assert "Hat Yai" in mail.outbox[0].subject + mail.outbox[0].body
    row.refresh_from_db()
    assert row.state == OutboxMessage.State.SENT and row.attempts == 1
