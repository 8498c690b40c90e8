"""The digest: what is new in the network since the last one, for each member who wants it.

The content of a period is read once (a handful of queries); members are then taken in batches
whose query count does not depend on the batch's size or on how many members there are. What a
member may see is decided by the access helpers (members-only items only for members); what
matches their topics and regions comes first. Nothing new for someone: no digest for them.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from events.models import Event, Pledge
from knowledge.models import FundingCall, Resource, Thread
from knowledge.models import Visibility as ResourceVisibility
from members.access import is_member
from members.models import Membership, Organisation, Project, User
from network.lib.emails import Stencil

from .outbox import service
from .outbox.models import EmailPreferences, Frequency, OutboxMessage

KIND = "digest"
TEMPLATE = "network/emails/digest"
WINDOWS = {
    Frequency.DAILY: dt.timedelta(days=1),
    Frequency.WEEKLY: dt.timedelta(days=7),
    Frequency.MONTHLY: dt.timedelta(days=30),
}
BATCH_SIZE = 500
MAX_ITEMS = 8  # per section
UPCOMING_DAYS = 60
# A funding call is recalled as "closing soon" once per digest frequency: in the digest of the
# period in which its deadline comes within this many days.
FUNDING_CLOSING_DAYS = 14
SECTIONS = (
    "resources", "funding_new", "funding_closing", "events", "threads", "organisations",
    "memberships", "projects",
)  # fmt: skip
# What the subject counts as new items.
COUNTED = ("resources", "funding_new", "events", "threads", "projects")


def period_key(frequency: str, at: dt.datetime) -> str:
    local = timezone.localtime(at)
    if frequency == Frequency.DAILY:
        return f"daily:{local.date().isoformat()}"
    if frequency == Frequency.WEEKLY:
        year, week, _day = local.isocalendar()
        return f"weekly:{year}-W{week:02d}"
    return f"monthly:{local:%Y-%m}"


@dataclass
class Content:
    """Everything new in one period, read once for every recipient."""

    since: dt.datetime
    until: dt.datetime
    resources: list = field(default_factory=list)
    events: list = field(default_factory=list)
    threads: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    memberships: list = field(default_factory=list)
    funding_new: list = field(default_factory=list)
    funding_closing: list = field(default_factory=list)
    projects: list = field(default_factory=list)
    pledges_by_person: dict = field(default_factory=dict)


def gather(frequency: str, at: dt.datetime) -> Content:
    since = at - WINDOWS[frequency]
    first_day, last_day = timezone.localdate(since), timezone.localdate(at)
    content = Content(since=since, until=at)
    content.resources = list(
        Resource.objects.published()
        .filter(published_on__gte=first_day, published_on__lt=last_day)
        .prefetch_related("topics")
        .order_by("-published_on", "-pk")[:200]
    )
    content.events = [
        event
        for event in Event.objects.filter(
            status=Event.Status.PUBLISHED, start__gt=at, start__lte=at + dt.timedelta(UPCOMING_DAYS)
        )
        .prefetch_related("topics")
        .order_by("start", "pk")[:200]
        if event.registration_is_open(now=at)
    ]
    content.threads = list(
        Thread.objects.shown()
        .filter(created__gt=since, created__lte=at)
        .prefetch_related("topics")
        .order_by("-created", "-pk")[:200]
    )
    content.organisations = list(
        Organisation.objects.listed()
        .filter(created__gt=since, created__lte=at)
        .order_by("-created")[:MAX_ITEMS]
    )
    content.memberships = list(
        Membership.objects.filter(created__gt=since, created__lte=at)
        .select_related("person", "organisation")
        .order_by("-created")[:MAX_ITEMS]
    )
    content.projects = list(
        Project.objects.filter(status=Project.Status.PARTNERS, created__gt=since, created__lte=at)
        .select_related("lead")
        .prefetch_related("topics")
        .order_by("-created", "-pk")[:200]
    )
    content.funding_new = list(
        FundingCall.objects.published()
        .filter(published_at__gt=since, published_at__lte=at, deadline__gt=at)
        .prefetch_related("topics")
        .order_by("deadline", "pk")[:200]
    )
    new_ids = {call.pk for call in content.funding_new}
    closing = dt.timedelta(days=FUNDING_CLOSING_DAYS)
    content.funding_closing = [
        call
        for call in FundingCall.objects.published()
        .filter(
            deadline__gt=max(at, since + closing),
            deadline__lte=at + closing,
        )
        .prefetch_related("topics")
        .order_by("deadline", "pk")[:200]
        if call.pk not in new_ids
    ]
    due_until = timezone.localdate(at + WINDOWS[frequency] + dt.timedelta(days=7))
    pledges = defaultdict(list)
    for pledge in (
        Pledge.objects.filter(
            status__in=[Pledge.Status.PLANNED, Pledge.Status.IN_PROGRESS], due__lte=due_until
        )
        .select_related("event")
        .order_by("due", "pk")
    ):
        pledges[pledge.person_id].append(pledge)
    content.pledges_by_person = dict(pledges)
    return content


def _matches(topic_ids: set, regions: set, item_topics, item_regions) -> bool:
    return bool(topic_ids & {t.pk for t in item_topics}) or bool(regions & set(item_regions))


def _pick(items, allowed, interest) -> list:
    """The items the member may see, what interests them first, at most MAX_ITEMS."""
    visible = [item for item in items if allowed(item)]
    visible.sort(key=lambda item: not interest(item))  # stable: keeps the period's order
    return visible[:MAX_ITEMS]


def sections_for(content: Content, *, member: bool, topic_ids: frozenset, regions: frozenset):
    public = ResourceVisibility.PUBLIC

    def seen(item):
        return member or item.visibility == public

    return {
        "resources": _pick(
            content.resources,
            seen,
            lambda r: _matches(topic_ids, regions, r.topics.all(), r.regions),
        ),
        "events": _pick(
            content.events,
            lambda e: member or e.visibility == Event.Visibility.PUBLIC,
            lambda e: _matches(topic_ids, regions, e.topics.all(), [e.region] if e.region else []),
        ),
        "threads": _pick(
            content.threads, seen, lambda t: _matches(topic_ids, regions, t.topics.all(), [])
        ),
        "organisations": _pick(
            content.organisations,
            lambda o: True,
            lambda o: o.region in regions,
        ),
        "memberships": content.memberships,
        # Funding calls are public; a call open to every region suits every reader.
        "funding_new": _pick(
            content.funding_new,
            lambda c: True,
            lambda c: _matches(topic_ids, regions, c.topics.all(), c.regions),
        ),
        "funding_closing": _pick(
            content.funding_closing,
            lambda c: True,
            lambda c: _matches(topic_ids, regions, c.topics.all(), c.regions),
        ),
        "projects": _pick(
            content.projects,
            lambda p: member or p.is_public,
            lambda p: _matches(topic_ids, regions, p.topics.all(), p.regions),
        ),
    }


class Renderer:
    """Renders the shared part of digests once per (language, member?, topics, regions), and the
    whole digest once per such key for everyone without pledges due (a stencil that only needs
    the member's name and unsubscribe link filled in)."""

    def __init__(self, content: Content, frequency: str):
        self.content = content
        self.frequency = frequency
        self.cache = {}
        self.stencils = {}

    def sections(self, *, language: str, member: bool, topic_ids: frozenset, regions: frozenset):
        key = (language, member, topic_ids, regions)
        if key not in self.cache:
            sections = sections_for(
                self.content, member=member, topic_ids=topic_ids, regions=regions
            )
            if not any(sections[name] for name in SECTIONS):
                self.cache[key] = None
            else:
                context = {**sections, "site_url": settings.SITE_URL, "language": language}
                with translation.override(language):
                    self.cache[key] = (
                        mark_safe(
                            render_to_string("network/emails/_digest_sections.html", context)
                        ),  # noqa: S308 - our template
                        render_to_string("network/emails/_digest_sections.txt", context),
                        sum(len(sections[name]) for name in COUNTED),
                    )
        return self.cache[key]

    def context(self, sections, person, pledges) -> dict:
        html, text, count = sections or ("", "", 0)
        return {
            "person": person,
            "sections_html": html,
            "sections_text": text,
            "count": count,
            "pledges": pledges,
            "frequency": self.frequency,
            "since": self.content.since,
            "until": self.content.until,
        }

    def stencil(self, *, language: str, key: tuple, sections, named: bool):
        """The digest of everyone with these sections and no pledges due, their name (when they
        have one) and unsubscribe link left to fill in."""
        if (key, named) not in self.stencils:
            person = {"name": Stencil.marker("name")} if named else None
            self.stencils[key, named] = service.stencil(
                TEMPLATE,
                kind=KIND,
                language=language,
                context=self.context(sections, person, []),
                personal=("name",) if named else (),
                bulk=True,
            )
        return self.stencils[key, named]


@dataclass
class Outcome:
    sent: int = 0
    empty: int = 0
    already: int = 0
    batches: int = 0

    def __str__(self):
        return f"digests: {self.sent} sent, {self.empty} empty, {self.already} already sent"


def recipients(frequency: str):
    """Active accounts with a verified address whose digest is ``frequency`` (weekly by default)."""
    wanted = Q(email_preferences__digest=frequency)
    if frequency == Frequency.WEEKLY:
        wanted |= Q(email_preferences__isnull=True)
    return (
        User.objects.filter(wanted, is_active=True)
        .filter(emailaddress__verified=True, emailaddress__primary=True)
        .exclude(email="")
        .select_related("person", "email_preferences")
        .order_by("pk")
    )


def send_digests(*, frequency: str, at: dt.datetime | None = None, deliver: bool = True) -> Outcome:
    """Record the digests of ``frequency`` due at ``at`` (now) in the outbox; each member gets at
    most one per period, however often this runs."""
    if frequency not in WINDOWS:
        raise ValueError(f"Unknown digest frequency: {frequency}")
    at = at or timezone.now()
    period = period_key(frequency, at)
    renderer = Renderer(gather(frequency, at), frequency=period.split(":", 1)[0])
    outcome = Outcome()
    last_pk = 0
    while True:
        batch = list(recipients(frequency).filter(pk__gt=last_pk)[:BATCH_SIZE])
        if not batch:
            break
        last_pk = batch[-1].pk
        outcome.batches += 1
        _send_batch(batch, renderer, period, outcome, wake=deliver)
    if deliver and outcome.sent:
        with transaction.atomic():
            service.enqueue_sweep_on_commit()
    return outcome


def _send_batch(batch, renderer: Renderer, period: str, outcome: Outcome, wake=False) -> None:
    ids = [user.pk for user in batch]
    addresses = [user.email.lower() for user in batch]
    already = set(
        OutboxMessage.objects.filter(kind=KIND, period=period, recipient__in=addresses).values_list(
            "recipient", flat=True
        )
    )
    topics = defaultdict(set)
    for prefs_id, topic_id in EmailPreferences.topics.through.objects.filter(
        emailpreferences__user_id__in=ids
    ).values_list("emailpreferences_id", "topic_id"):
        topics[prefs_id].add(topic_id)
    memberships = defaultdict(list)
    for link in Membership.objects.filter(person__user_id__in=ids).select_related(
        "organisation", "person"
    ):
        memberships[link.person.user_id].append(link)
    rows = []
    for user in batch:
        if user.email.lower() in already:
            outcome.already += 1
            continue
        user._network_memberships = memberships.get(user.pk, [])  # primes the access helper
        prefs = service.preferences_of(user)
        language = service.language_of(user)
        key = (
            language,
            is_member(user),
            frozenset(topics.get(prefs.pk, ()) if prefs else ()),
            frozenset(prefs.regions if prefs else ()),
        )
        sections = renderer.sections(
            language=language, member=key[1], topic_ids=key[2], regions=key[3]
        )
        person = getattr(user, "person", None)
        pledges = renderer.content.pledges_by_person.get(person.pk, []) if person else []
        if sections is None and not pledges:
            outcome.empty += 1
            continue
        if pledges:  # rendered whole for this member
            how = {"context": renderer.context(sections, person, pledges)}
        else:
            with translation.override(language):  # the name in the member's language
                name = person.name if person else ""
            how = {
                "stencil": renderer.stencil(
                    language=language, key=key, sections=sections, named=bool(name)
                ),
                "personal": {"name": name} if name else {},
            }
        row = service.prepare(
            TEMPLATE,
            kind=KIND,
            to=user,
            period=period,
            bulk=True,
            language=language,
            check_existing=False,
            **how,
        )
        if row is not None:
            rows.append(row)
    with transaction.atomic():
        recorded = service.record_many(rows)
        if wake and recorded:
            # Workers start sending this batch while the next one is built.
            service.enqueue_sweep_on_commit(workers=1)
    outcome.sent += recorded
    outcome.already += len(rows) - recorded  # a run at the same time recorded them first
