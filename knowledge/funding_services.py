"""Writes of the funding calls: proposing, publishing, declining, files.

Coordinators' calls are published at once; a member's call is a proposal that waits in the review
queue (``knowledge:review``) and its proposer is told the decision by e-mail, like a resource.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from members.access import is_coordinator
from network.lib.thai import slug_text
from network.lib.uploads import CheckedFile

from . import emails
from .models import FundingCall
from .services import NotInReview, add_files, check_rate

# Paths under /funding/ that a call's slug must never take.
RESERVED_SLUGS = {"new", "archive", "feed", "deadlines", "files"}


class NotProposed(NotInReview):
    pass


def unique_funding_slug(*titles: str) -> str:
    base = slug_text(*titles)[:80].strip("-") or "funding-call"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or FundingCall.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_funding_call(*, user, form, files: list[tuple[object, CheckedFile]] = ()) -> FundingCall:
    """Save a new or edited call from ``form``. A coordinator's new call is published; a
    member's is proposed and every coordinator is told it waits for review."""
    creating = form.instance.pk is None
    if creating:
        check_rate(user)
    with transaction.atomic():
        call = form.save(commit=False)
        proposed = False
        if creating:
            call.proposed_by = user
            call.slug = unique_funding_slug(call.title_en, call.title_th)
            if is_coordinator(user):
                call.publish(by=user)
            else:
                call.status = FundingCall.Status.PROPOSED
                proposed = True
        call.save()
        form.save_m2m()
        add_files(call.documents, list(files))
        if proposed:
            emails.queue_funding_review_request(call)
    return call


def publish_funding_call(*, call: FundingCall, by) -> FundingCall:
    """A coordinator publishes a proposed call; the member who proposed it is told."""
    with transaction.atomic():
        call = FundingCall.objects.select_for_update().get(pk=call.pk)
        if call.status != FundingCall.Status.PROPOSED:
            raise NotProposed(_("This funding call is not waiting for review."))
        call.publish(by=by)
        call.save()
        emails.queue_funding_review_decision(call)
    return call


def reject_funding_call(*, call: FundingCall, by, comment: str) -> FundingCall:
    """A coordinator declines a proposed call, saying why; the member who proposed it is told."""
    with transaction.atomic():
        call = FundingCall.objects.select_for_update().get(pk=call.pk)
        if call.status != FundingCall.Status.PROPOSED:
            raise NotProposed(_("This funding call is not waiting for review."))
        call.status = FundingCall.Status.REJECTED
        call.review_comment = comment
        call.reviewed_by = by
        call.save()
        emails.queue_funding_review_decision(call)
    return call
