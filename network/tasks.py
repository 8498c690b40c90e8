"""The outbox's tasks. They take an outbox row's pk or nothing: no task sends to an address given
as an argument (every message is rendered and recorded by ``network.lib.emails.queue`` first)."""

import contextlib
import time

from celery import shared_task

from .outbox import delivery

# Delays a retry may wait in the broker; longer ones are left to the sweep on the beat, because
# Redis re-delivers unacknowledged ETA tasks after its visibility timeout (one hour).
COUNTDOWN_LIMIT_SECONDS = 15 * 60
# A sweep stops claiming after this long so beat runs do not pile up; the next one goes on.
SWEEP_SECONDS = 240
SWEEP_BATCH = 200


@shared_task(ignore_result=True)
def send_outbox_message(pk: int) -> str:
    """Claim row ``pk`` and send it. A second run, or a second worker, finds nothing to claim."""
    row = delivery.claim(pk)
    if row is None:
        return "not claimed"
    outcome = delivery.deliver(row)
    if outcome is True:
        return "sent"
    if outcome is None:
        return "failed"
    if outcome.total_seconds() <= COUNTDOWN_LIMIT_SECONDS:
        # When the broker is down the sweep retries it instead.
        with contextlib.suppress(Exception):
            send_outbox_message.apply_async((pk,), countdown=outcome.total_seconds())
    return "retrying"


@shared_task(ignore_result=True)
def deliver_outbox() -> int:
    """The sweep: send every due row (never handed to a worker, due for a retry, or claimed by a
    worker that died), batch by batch over one SMTP connection. Runs on the beat every minute and
    after bulk runs (digests, reminders, announcements)."""
    sent = 0
    deadline = time.monotonic() + SWEEP_SECONDS
    while time.monotonic() < deadline:
        claimed = delivery.deliver_batch(SWEEP_BATCH)
        if not claimed:
            break
        sent += claimed
    return sent


@shared_task(ignore_result=True)
def send_daily_digests() -> str:
    from .digests import send_digests

    return str(send_digests(frequency="daily"))


@shared_task(ignore_result=True)
def send_weekly_digests() -> str:
    from .digests import send_digests

    return str(send_digests(frequency="weekly"))


@shared_task(ignore_result=True)
def send_monthly_digests() -> str:
    from .digests import send_digests

    return str(send_digests(frequency="monthly"))


@shared_task(ignore_result=True)
def send_reminders() -> str:
    from .reminders import send_reminders as run

    return str(run())


@shared_task(ignore_result=True)
def send_announcement(announcement_pk: int) -> int:
    """Record an announcement for its segment (the coordinator pressed "send" in the admin)."""
    from .announcements import send
    from .outbox.models import Announcement

    announcement = Announcement.objects.filter(pk=announcement_pk).first()
    if announcement is None:
        return 0
    return send(announcement, by=announcement.created_by)
