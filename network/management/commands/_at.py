"""``--at ISO-DATETIME`` for the digest and reminder commands: a naive time is Asia/Bangkok."""

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone


def parse_at(value: str | None) -> dt.datetime:
    if not value:
        return timezone.now()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--at: not an ISO date and time: {value}") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # TIME_ZONE is Asia/Bangkok
    return moment
