"""Writes that span models or send mail: joining, deciding, roles."""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.lib.thai import slug_text

from . import emails
from .models import (
    AdviceRequest,
    JoinRequest,
    Membership,
    Organisation,
    Person,
    Province,
    name_key,
)

# Paths under /members/ that an organisation's slug must never take.
RESERVED_SLUGS = {"map", "join", "requests", "people", "me", "advice"}
# Each request e-mails its deciders (every coordinator, for a new organisation), so one person may
# send only this many in a day, of which this many propose a new organisation.
JOIN_REQUESTS_PER_DAY = 5
PROPOSALS_PER_DAY = 2


class MembershipError(Exception):
    """A membership change that cannot be made; ``str()`` is a message for the user."""


class AlreadyMember(MembershipError):
    pass


class AlreadyRequested(MembershipError):
    pass


class AlreadyDecided(MembershipError):
    pass


class LastEditor(MembershipError):
    pass


class TooManyRequests(MembershipError):
    pass


class AlreadyProposed(MembershipError):
    """Someone else's proposal of the same organisation is pending (who is not said)."""


def unique_slug(*texts: str, fallback: str = "organisation") -> str:
    """A free slug from the first of ``texts`` that gives one (English, else romanised Thai)."""
    base = slug_text(*texts)[:70].strip("-") or fallback
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def person_for(*, user) -> Person:
    """The user's profile, made empty the first time they register for an event or pledge."""
    person, _created = Person.objects.get_or_create(user=user)
    return person


def request_to_join(
    *,
    user,
    organisation: Organisation | None = None,
    proposed_name_th: str = "",
    proposed_name_en: str = "",
    proposed_kind: str = "",
    proposed_province: Province | None = None,
    message: str = "",
    profile: dict | None = None,
    language: str = "th",
) -> JoinRequest:
    """Record a request to join ``organisation`` (or to add a proposed one) and tell the deciders.

    ``profile`` (names, position) creates the person's profile when the account has none.
    """
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(user=user).first()
        if person is None:
            person = Person.objects.create(
                user=user, email=user.email, language=language, **(profile or {})
            )
        _check_join_rate(person, proposing=organisation is None)
        if organisation is None:
            _check_not_proposed(person, [proposed_name_th, proposed_name_en])
        else:
            if Membership.objects.filter(person=person, organisation=organisation).exists():
                raise AlreadyMember(str(organisation))
            if (
                JoinRequest.objects.pending()
                .filter(person=person, organisation=organisation)
                .exists()
            ):
                raise AlreadyRequested(str(organisation))
        join_request = JoinRequest.objects.create(
            person=person,
            organisation=organisation,
            proposed_name_th="" if organisation else proposed_name_th,
            proposed_name_en="" if organisation else proposed_name_en,
            proposed_kind="" if organisation else proposed_kind,
            proposed_province=None if organisation else proposed_province,
            message=message,
        )
        emails.queue_join_request_notices(join_request)
    return join_request


def _check_join_rate(person: Person, *, proposing: bool) -> None:
    """Raise TooManyRequests past the day's allowance (the person's row is locked by the caller,
    so parallel requests are counted one after the other)."""
    since = timezone.now() - dt.timedelta(days=1)
    recent = JoinRequest.objects.filter(person=person, created__gte=since)
    limit = getattr(settings, "MEMBERS_JOIN_REQUESTS_PER_DAY", JOIN_REQUESTS_PER_DAY)
    if recent.count() >= limit:
        raise TooManyRequests(
            _(
                "You have sent %(limit)d requests to join in the last 24 hours. Please wait for "
                "the answers, or try again tomorrow."
            )
            % {"limit": limit}
        )
    limit = getattr(settings, "MEMBERS_PROPOSALS_PER_DAY", PROPOSALS_PER_DAY)
    if proposing and recent.filter(organisation__isnull=True).count() >= limit:
        raise TooManyRequests(
            _(
                "You have proposed %(limit)d new organisations in the last 24 hours. Please wait "
                "for a coordinator's answer, or try again tomorrow."
            )
            % {"limit": limit}
        )


def _check_not_proposed(person: Person, names: list[str]) -> None:
    """Refuse a proposal of an organisation that is already proposed and waiting."""
    names = [name for name in names if name_key(name)]
    # Two people proposing the same name at once: the second waits for the first's commit (keys
    # locked in one order, so two proposals naming each other's names cannot deadlock).
    with connection.cursor() as cursor:
        for key in sorted({name_key(name) for name in names}):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"join-proposal:{key}"])
    for name in names:
        pending = JoinRequest.objects.pending().proposing(name)
        if pending.filter(person=person).exists():
            raise AlreadyRequested(name)
        if pending.exists():
            raise AlreadyProposed(
                _(
                    "An organisation with this name has already been proposed and is waiting for "
                    "a coordinator. Once it is approved, you can ask to join it here."
                )
            )


def approve_join_request(*, join_request: JoinRequest, decided_by) -> Membership:
    """Approve: the person becomes a member (the editor of a proposed organisation, now created)."""
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise AlreadyDecided(join_request.get_status_display())
        role = Membership.Role.MEMBER
        organisation = join_request.organisation
        if organisation is None:
            province = join_request.proposed_province
            organisation = Organisation.objects.create(
                name_th=join_request.proposed_name_th,
                name_en=join_request.proposed_name_en,
                kind=join_request.proposed_kind or Organisation.Kind.NGO,
                province=province,
                region=province.region if province else "",
                slug=unique_slug(join_request.proposed_name_en, join_request.proposed_name_th),
                # A proposal has no description or map location yet: it stays out of the public
                # directory until someone completes it (list_when_complete).
                status=Organisation.Status.APPLICANT,
                joined_on=timezone.localdate(),
            )
            join_request.organisation = organisation
            role = Membership.Role.EDITOR
        membership, _ = Membership.objects.get_or_create(
            person=join_request.person, organisation=organisation, defaults={"role": role}
        )
        join_request.status = JoinRequest.Status.APPROVED
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.save()
        emails.queue_join_decision(join_request)
    return membership


def missing_basics(organisation: Organisation) -> list[str]:
    """Names of the fields a listed organisation needs and ``organisation`` lacks."""
    missing = []
    if not (organisation.description_th.strip() or organisation.description_en.strip()):
        missing.append("description_th")
    if organisation.province_id is None:
        missing.append("province")
    if organisation.latitude is None or organisation.longitude is None:
        missing.append("latitude")
    return missing


def is_approved_proposal(organisation: Organisation) -> bool:
    """True for an organisation created by approving a member's proposal."""
    return (
        JoinRequest.objects.filter(organisation=organisation, status=JoinRequest.Status.APPROVED)
        .exclude(proposed_name_th="")
        .exists()
    )


def save_organisation_profile(*, form) -> bool:
    """Save an organisation's profile form (a ModelForm bound to the organisation) and, in the same
    transaction, list an approved proposal once it has the basics. True when it was just listed."""
    with transaction.atomic():
        return list_when_complete(organisation=form.save())


def list_when_complete(*, organisation: Organisation) -> bool:
    """List an approved proposal in the directory once it has a description and a location.

    Returns True when this call listed it. Other applicants wait for a coordinator's decision.
    """
    if organisation.status != Organisation.Status.APPLICANT or missing_basics(organisation):
        return False
    if not is_approved_proposal(organisation):
        return False
    organisation.status = Organisation.Status.ACTIVE
    organisation.save(update_fields=["status"])
    return True


def decline_join_request(*, join_request: JoinRequest, decided_by) -> JoinRequest:
    with transaction.atomic():
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise AlreadyDecided(join_request.get_status_display())
        join_request.status = JoinRequest.Status.DECLINED
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.save()
        emails.queue_join_decision(join_request)
    return join_request


def _keeps_an_editor(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Membership.Role.EDITOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def set_membership_role(*, membership: Membership, role: str) -> Membership:
    """Promote to editor or make a plain member; an organisation always keeps one editor."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        demoting = role == Membership.Role.MEMBER and membership.role == Membership.Role.EDITOR
        if demoting and not _keeps_an_editor(membership):
            raise LastEditor(str(membership.organisation))
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def remove_membership(*, membership: Membership) -> None:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Membership.Role.EDITOR and not _keeps_an_editor(membership):
            raise LastEditor(str(membership.organisation))
        membership.delete()


# --- Advice requests (issue 12) ------------------------------------------------------------------

# Each request e-mails a volunteer: one member may send only this many in a day.
ADVICE_REQUESTS_PER_DAY = 3


class AdviceError(Exception):
    """A request for advice that cannot be sent or changed; ``str()`` is a message for the user."""


class TooManyAdviceRequests(AdviceError):
    pass


class AlreadyAsked(AdviceError):
    pass


class AdviceClosed(AdviceError):
    pass


def advice_requests_per_day() -> int:
    return getattr(settings, "MEMBERS_ADVICE_REQUESTS_PER_DAY", ADVICE_REQUESTS_PER_DAY)


def ask_for_advice(
    *, requester: Person, adviser: Person, subject: str, message: str
) -> AdviceRequest:
    """Record a request and e-mail it to the adviser (Reply-To: the requester).

    Raises TooManyAdviceRequests past the day's allowance and AlreadyAsked while an earlier
    request to the same adviser waits. The requester's row is locked, so parallel requests are
    counted one after the other.
    """
    with transaction.atomic():
        requester = (
            Person.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=requester.pk)
        )
        limit = advice_requests_per_day()
        since = timezone.now() - dt.timedelta(days=1)
        if AdviceRequest.objects.filter(requester=requester).sent_since(since).count() >= limit:
            raise TooManyAdviceRequests(
                _(
                    "You have sent %(limit)d requests for advice in the last 24 hours. Advisers "
                    "are volunteers: please wait for their answers, or try again tomorrow."
                )
                % {"limit": limit}
            )
        if AdviceRequest.objects.open().filter(requester=requester, adviser=adviser).exists():
            raise AlreadyAsked(
                _(
                    "Your earlier request to this adviser is still waiting for an answer. You can "
                    "see it under “My requests for advice”."
                )
            )
        advice_request = AdviceRequest.objects.create(
            requester=requester, adviser=adviser, subject=subject, message=message
        )
        emails.queue_advice_request(advice_request)
    return advice_request


def _close_advice_request(advice_request: AdviceRequest, status: str) -> AdviceRequest:
    with transaction.atomic():
        advice_request = (
            AdviceRequest.objects.select_for_update(of=("self",))
            .select_related("requester__user", "adviser__user")
            .get(pk=advice_request.pk)
        )
        if advice_request.status != AdviceRequest.Status.SENT:
            raise AdviceClosed(advice_request.get_status_display())
        advice_request.status = status
        advice_request.closed_at = timezone.now()
        advice_request.save(update_fields=["status", "closed_at"])
        if status == AdviceRequest.Status.DECLINED:
            emails.queue_advice_declined(advice_request)
    return advice_request


def mark_advice_answered(*, advice_request: AdviceRequest) -> AdviceRequest:
    """The adviser says they answered by e-mail (counted for the coordinators)."""
    return _close_advice_request(advice_request, AdviceRequest.Status.ANSWERED)


def decline_advice_request(*, advice_request: AdviceRequest) -> AdviceRequest:
    """The adviser declines; the requester is told (without the adviser's address)."""
    return _close_advice_request(advice_request, AdviceRequest.Status.DECLINED)
