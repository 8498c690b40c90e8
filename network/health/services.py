"""Writes of the health dashboard: nudging a quiet person or organisation."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import Membership, Organisation, Person

from .models import Nudge


class AlreadyNudged(Exception):
    """A nudge to this person or organisation was already sent in this period."""


class NobodyToNudge(Exception):
    """The person or organisation has no e-mail address the portal can write to."""


def current_period(now: dt.datetime | None = None) -> str:
    """Nudges go at most once a quarter ("2026-Q4"): quiet means 90 days without activity."""
    local = timezone.localtime(now or timezone.now())
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def nudge_address(*, person: Person | None = None, organisation: Organisation | None = None):
    """(address, person to greet) for a nudge: a person's own address; for an organisation, its
    focal point's, else an editor's, else the organisation's contact address."""
    if person is not None:
        address = (person.user.email if person.user_id else "") or person.email
        return address, person
    links = (
        Membership.objects.filter(organisation=organisation)
        .select_related("person__user")
        .order_by(
            "-is_focal_point", "-role", "pk"
        )  # focal points, then editors ("editor" > "member")
    )
    for link in links:
        address = (link.person.user.email if link.person.user_id else "") or link.person.email
        if address:
            return address, link.person
    return organisation.email, None


def nudge(
    *, sent_by, person: Person | None = None, organisation: Organisation | None = None
) -> Nudge:
    """Record a nudge for this period and queue its e-mail in the outbox, which sends it after
    commit; once per period per recipient (the Nudge row and the outbox key both say so)."""
    from .emails import send_nudge_email

    address, _greeted = nudge_address(person=person, organisation=organisation)
    if not address:
        raise NobodyToNudge
    try:
        with transaction.atomic():
            made = Nudge.objects.create(
                person=person,
                organisation=organisation,
                period=current_period(),
                recipient=address,
                sent_by=sent_by,
            )
            send_nudge_email(made)
    except IntegrityError as exc:
        raise AlreadyNudged from exc
    return made
