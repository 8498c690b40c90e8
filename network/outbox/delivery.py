"""Claiming rows and handing them to SMTP.

A claim is one conditional UPDATE (like healthchecks' ``sendalerts``): only the worker whose UPDATE
changed the row sends it. A claim expires after ``CLAIM_SECONDS``, so a worker killed after
claiming only delays its messages. A message accepted by SMTP whose worker dies before recording
"sent" is sent again after the expiry: the one case where the outbox cannot know.
"""

import base64
import contextlib
import datetime as dt
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

State = OutboxMessage.State
CLAIM_SECONDS = 600
MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 60


class PermanentFailure(Exception):
    pass


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 4, 16, 64, 256 minutes after the 1st … 5th failed attempt."""
    return dt.timedelta(seconds=BASE_DELAY_SECONDS * 4 ** max(attempts - 1, 0))


def claim(pk: int) -> OutboxMessage | None:
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.due(now)
        .filter(pk=pk)
        .update(
            state=State.SENDING,
            claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
    )
    return OutboxMessage.objects.filter(pk=pk).first() if claimed else None


def claim_batch(size: int) -> list[OutboxMessage]:
    """Claim up to ``size`` due rows at once; parallel sweeps skip each other's rows."""
    now = timezone.now()
    table = OutboxMessage._meta.db_table
    with db.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} SET state = %s, claimed_until = %s, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM {table}
                WHERE (state IN (%s, %s) AND next_attempt_at <= %s)
                   OR (state = %s AND claimed_until < %s)
                ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED
            )
            RETURNING id
            """,  # noqa: S608 - the table name is ours, every value is a parameter
            [
                State.SENDING,
                now + dt.timedelta(seconds=CLAIM_SECONDS),
                State.QUEUED,
                State.RETRYING,
                now,
                State.SENDING,
                now,
                size,
            ],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return list(OutboxMessage.objects.filter(pk__in=ids).order_by("pk"))


def as_email(row: OutboxMessage, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_email,
        to=[row.recipient],
        headers=row.headers or {},
        reply_to=row.reply_to or [],
        connection=connection,
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for filename, content, mimetype in row.attachments or []:
        message.attach(filename, base64.b64decode(content), mimetype or None)
    return message


def classify(error: Exception) -> tuple[bool, str]:
    """(permanent?, reason). 5xx replies are permanent; 4xx, refused or dropped connections and
    timeouts are temporary."""
    code = None
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, text = next(iter(error.recipients.values()))
        reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    elif isinstance(error, smtplib.SMTPResponseException):
        code = error.smtp_code
        text = error.smtp_error
        reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    else:
        reason = f"{type(error).__name__}: {error}"
    permanent = code is not None and 500 <= int(code) < 600
    return permanent, reason[:2000]


def mark_sent(row: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=row.pk, state=State.SENDING).update(
        state=State.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
    )


def mark_failed(row: OutboxMessage, error: Exception) -> dt.timedelta | None:
    """Record a failed attempt; the delay until the next one, or None when it will not be retried."""
    permanent, reason = classify(error)
    if permanent or row.attempts >= MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=row.pk).update(
            state=State.FAILED, claimed_until=None, last_error=reason
        )
        log.warning("Outbox message %s failed for good: %s", row.pk, reason)
        return None
    delay = retry_delay(row.attempts)
    OutboxMessage.objects.filter(pk=row.pk).update(
        state=State.RETRYING,
        claimed_until=None,
        next_attempt_at=timezone.now() + delay,
        last_error=reason,
    )
    log.info("Outbox message %s will be retried in %s: %s", row.pk, delay, reason)
    return delay


def is_reply(error: Exception) -> bool:
    """Whether the SMTP server answered this message (4xx/5xx), as opposed to a connection that
    could not be opened, was dropped or timed out."""
    return isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


def _send(row: OutboxMessage, connection=None) -> Exception | None:
    """Hand a claimed row to SMTP; the error, or None when the server accepted it."""
    try:
        as_email(row, connection).send()
    except Exception as error:
        if connection is not None:
            # A broken SMTP session would fail every later message of the batch; start anew.
            with contextlib.suppress(Exception):  # closing a dead connection may fail too
                connection.close()
        return error
    return None


def deliver(row: OutboxMessage, connection=None) -> dt.timedelta | None | bool:
    """Send a claimed row. True when sent; otherwise what ``mark_failed`` returned."""
    error = _send(row, connection)
    if error is not None:
        return mark_failed(row, error)
    mark_sent(row)
    return True


def release(rows: list[OutboxMessage], reason: str) -> int:
    """Give claimed, unsent rows back without counting the attempt their claim counted: they are
    due again after the first retry delay (the server could not be reached for an earlier one)."""
    return OutboxMessage.objects.filter(
        pk__in=[row.pk for row in rows], state=State.SENDING
    ).update(
        state=State.RETRYING,
        attempts=F("attempts") - 1,
        claimed_until=None,
        next_attempt_at=timezone.now() + retry_delay(1),
        last_error=reason,
    )


def deliver_batch(size: int = 100) -> int:
    """Claim up to ``size`` due rows and send them over one SMTP connection; how many were claimed.

    Each message's outcome is recorded as soon as the server answers it, exactly as for a single
    send: a worker killed in the middle of a batch leaves only the message in flight in doubt, and
    its other claimed rows are sent by a later sweep once their claim expires. A 4xx reply retries
    only that message and a 5xx fails only that one; the next message goes on a new connection. When
    the connection itself fails (refused, dropped, timed out), the rest of the batch is given back
    to wait for the first retry delay rather than each waiting for its own time-out.
    """
    rows = claim_batch(size)
    if not rows:
        return 0
    connection = get_connection()
    try:
        for index, row in enumerate(rows):
            # Opened here, the connection stays open between sends (a send that opens its own
            # closes it); after a failure this opens a new one. An error here recurs in the send.
            with contextlib.suppress(Exception):
                connection.open()
            error = _send(row, connection)
            if error is None:
                mark_sent(row)
                continue
            mark_failed(row, error)
            if not is_reply(error) and index + 1 < len(rows):
                released = release(rows[index + 1 :], classify(error)[1])
                log.info("SMTP unreachable: %s outbox messages given back for later", released)
                break
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return len(rows)


def resend(queryset) -> int:
    """Put failed rows back in the queue (the admin's "resend" action)."""
    return queryset.filter(state=State.FAILED).update(
        state=State.QUEUED, attempts=0, next_attempt_at=timezone.now(), claimed_until=None
    )
