"""Who did what, when: the activity the apps record, read in a fixed number of queries.

Each source yields rows ``(person_id, organisation_id, when, kind)``; a row names a person, an
organisation or both. Kinds that *give* to the network (posting, answering, hosting) are told
apart from those that only *receive* (registering, attending, signing in), the handbook's
two-way interaction.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import compress

from events.models import Delegation, Event, Pledge, PledgeUpdate, Registration, Session
from knowledge.models import Comment, Reply, Resource, Thread
from members.models import Membership, Organisation, Person

GIVING = {"post", "answer", "host"}
RECEIVING = {"register", "attend", "visit", "pledge", "sign_in"}
POSTED_STATUSES = (Resource.Status.PUBLISHED, Resource.Status.IN_REVIEW)
HELD_STATUSES = (Event.Status.PUBLISHED, Event.Status.COMPLETED)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)
KINDS = ("post", "answer", "host", "register", "attend", "visit", "pledge", "sign_in")
_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


@dataclass
class Activity:
    """Activity rows since ``since`` plus everyone's last activity ever.

    At bench size there are hundreds of thousands of rows, so they are kept as four typed
    columns (person, organisation, time, kind: 25 bytes a row) rather than tuples of Python
    objects (about 180 bytes a row); 0 stands for "no person" or "no organisation".
    """

    now: dt.datetime
    since: dt.datetime
    person_orgs: dict[int, set[int]]
    user_person: dict[int, int]
    last_person: dict[int, dt.datetime] = field(default_factory=dict)
    last_org: dict[int, dt.datetime] = field(default_factory=dict)
    persons: array = field(default_factory=lambda: array("q"))
    orgs: array = field(default_factory=lambda: array("q"))
    times: array = field(default_factory=lambda: array("q"))  # microseconds since 1970, exact
    kinds: array = field(default_factory=lambda: array("B"))
    indexed: bool = False

    def append(self, person_id: int | None, org_id: int | None, when: dt.datetime, kind: str):
        self.persons.append(person_id or 0)
        self.orgs.append(org_id or 0)
        self.times.append(_micros(when))
        self.kinds.append(_KIND_CODE[kind])
        self.indexed = False

    def __len__(self) -> int:
        return len(self.times)

    def organisations_of(self, person_id: int | None, organisation_id: int | None) -> set[int]:
        """The organisations a row counts for: the one it names, else all of the person's."""
        if organisation_id:
            return {organisation_id}
        return self.person_orgs.get(person_id, set()) if person_id else set()

    def index(self) -> None:
        """Sort the rows by time, so that a window is one slice of them."""
        order = sorted(range(len(self.times)), key=self.times.__getitem__)
        for name in ("persons", "orgs", "times", "kinds"):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, (column[i] for i in order)))
        self.indexed = True

    def _columns(self, start: dt.datetime, end: dt.datetime, kinds=None):
        """The person and organisation columns of rows with start <= when < end (slices of the
        typed arrays), optionally of some kinds only."""
        if not self.indexed:
            self.index()
        first = bisect_left(self.times, _micros(start))
        last = bisect_left(self.times, _micros(end))
        persons, orgs = self.persons[first:last], self.orgs[first:last]
        if kinds is not None:
            codes = {_KIND_CODE[k] for k in kinds}
            keep = [code in codes for code in self.kinds[first:last]]
            persons, orgs = list(compress(persons, keep)), list(compress(orgs, keep))
        return persons, orgs

    def window(self, start: dt.datetime, end: dt.datetime, kinds=None):
        """Rows (person_id, organisation_id) with start <= when < end, optionally of some kinds
        only; None where the row names no person or no organisation."""
        persons, orgs = self._columns(start, end, kinds)
        for person_id, org_id in zip(persons, orgs, strict=True):
            yield person_id or None, org_id or None

    def active(self, start: dt.datetime, end: dt.datetime, kinds=None):
        """(people, organisations) with activity in [start, end), optionally of some kinds only."""
        persons, named = self._columns(start, end, kinds)
        # Set operations on the columns run in C; only rows naming no organisation need a look.
        people = set(persons)
        orgs = set(named)
        through_people = {p for p, o in zip(persons, named, strict=True) if not o}
        for column in (people, orgs, through_people):
            column.discard(0)
        # Resolved once per person rather than once per row: far fewer people than rows.
        for person_id in through_people:
            orgs.update(self.person_orgs.get(person_id, ()))
        return people, orgs


def _micros(when: dt.datetime) -> int:
    return (when - EPOCH) // MICROSECOND


def _latest(store: dict, key, when) -> None:
    if key and when and (key not in store or when > store[key]):
        store[key] = when


def collect(now: dt.datetime, since: dt.datetime) -> Activity:
    """Read every source once: rows since ``since``, last activity ever per person and organisation."""
    person_orgs: dict[int, set[int]] = defaultdict(set)
    for person_id, org_id in Membership.objects.values_list("person_id", "organisation_id"):
        person_orgs[person_id].add(org_id)
    user_person = dict(
        Person.objects.filter(user__isnull=False).values_list("user_id", "pk").iterator()
    )
    activity = Activity(now, since, dict(person_orgs), user_person)

    def add(person_id, org_id, when, kind):
        if when is None or when > now:
            return
        _latest(activity.last_person, person_id, when)
        for org in activity.organisations_of(person_id, org_id):
            _latest(activity.last_org, org, when)
        if when >= since and (person_id or org_id):
            activity.append(person_id, org_id, when, kind)

    def by_user(user_id):
        return user_person.get(user_id)

    # Posting: resources (by who posted them, their authors and their organisations).
    resources = Resource.objects.filter(status__in=POSTED_STATUSES)
    for user_id, when in (
        resources.filter(created_by__isnull=False)
        .values_list("created_by_id", "created")
        .iterator()
    ):
        add(by_user(user_id), None, when, "post")
    authors = Resource.authors.through.objects.filter(resource__status__in=POSTED_STATUSES)
    for person_id, when in authors.values_list("person_id", "resource__created").iterator():
        add(person_id, None, when, "post")
    publishers = Resource.organisations.through.objects.filter(resource__status__in=POSTED_STATUSES)
    for org_id, when in publishers.values_list("organisation_id", "resource__created").iterator():
        add(None, org_id, when, "post")
    # Discussions: questions and comments are posts, replies are answers.
    for model, kind in ((Thread, "post"), (Comment, "post"), (Reply, "answer")):
        for user_id, when in (
            model.objects.filter(author__isnull=False)
            .values_list("author_id", "created")
            .iterator()
        ):
            add(by_user(user_id), None, when, kind)
    # Events: registering, attending, hosting, speaking, visiting.
    for person_id, org_id, when, status, start in Registration.objects.values_list(
        "person_id", "organisation_id", "created", "status", "event__start"
    ).iterator():
        add(person_id, org_id, when, "register")
        if status == Registration.Status.ATTENDED:
            add(person_id, org_id, start, "attend")
    held = Event.objects.filter(status__in=HELD_STATUSES)
    for org_id, when in (
        Event.hosts.through.objects.filter(event__in=held)
        .values_list("organisation_id", "event__start")
        .iterator()
    ):
        add(None, org_id, when, "host")
    speakers = Session.speakers.through.objects.filter(session__event__in=held)
    for person_id, when in speakers.values_list("person_id", "session__event__start").iterator():
        add(person_id, None, when, "host")
    for org_id, lead_id, when in Delegation.objects.filter(event__in=held).values_list(
        "organisation_id", "lead_id", "event__start"
    ):
        add(lead_id, org_id, when, "visit")
    # Pledges and their progress.
    for person_id, org_id, when in Pledge.objects.values_list(
        "person_id", "organisation_id", "created"
    ).iterator():
        add(person_id, org_id, when, "pledge")
    for person_id, org_id, when in PledgeUpdate.objects.values_list(
        "pledge__person_id", "pledge__organisation_id", "created"
    ).iterator():
        add(person_id, org_id, when, "pledge")
    # Signing in: only the last sign-in is recorded.
    for person_id, when in (
        Person.objects.filter(user__last_login__isnull=False)
        .values_list("pk", "user__last_login")
        .iterator()
    ):
        add(person_id, None, when, "sign_in")
    return activity


def member_people() -> set[int]:
    """People who belong to an active member organisation: the denominator of participation."""
    return set(
        Membership.objects.filter(organisation__status=Organisation.Status.ACTIVE)
        .values_list("person_id", flat=True)
        .distinct()
    )
