"""The account e-mail task goes through a real Celery worker and the Redis broker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from network.celery import app
from network.tasks import send_email_message


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_email_task_round_trips_through_redis_and_a_real_worker(settings):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = send_email_message.delay(
                subject="Round trip",
                body="plain part",
                html="<p>html part</p>",
                to=["worker@example.org"],
                from_email="noreply@example.org",
            )
            assert app.conf.broker_url.startswith(("redis://", "redis+socket://"))
            deadline = time.monotonic() + 30
            while not mail.outbox and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert result.id
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Round trip"
    assert mail.outbox[0].alternatives[0] == ("<p>html part</p>", "text/html")
