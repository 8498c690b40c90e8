"""Points, levels and badges recomputed from the records: ``rebuild()`` rewrites the ledger.

Nothing counts up when something happens, so nothing can drift: the ledger
(:class:`~network.recognition.models.Contribution`) is deleted and written again from the apps'
records, one line per point-earning record, each naming its source ("knowledge.reply:42").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from events.models import Delegation, Event, Pledge, PledgeUpdate, Registration
from knowledge.models import Reply, Resource
from members.models import JoinRequest, Membership, Person
from network.lib import pagecache
from network.lib.bulk import copy_rows

from .models import Contribution, Standing
from .rules import BRIDGE_MIN_OTHERS, POINTS, Action, Badge, level_for

HELD = (Event.Status.PUBLISHED, Event.Status.COMPLETED)
# Rows read per chunk from PostgreSQL, and ledger lines written per COPY.
CHUNK = 5000
LEDGER_FIELDS = ["person", "organisation", "action", "points", "occurred_at", "source"]
STANDING_FIELDS = ["person", "organisation", "points", "level", "badges", "computed_at"]


@dataclass
class Entry:
    person_id: int | None
    organisation_id: int | None
    action: str
    occurred_at: dt.datetime
    source: str


def entries(now: dt.datetime) -> Iterator[Entry]:
    """Every point-earning record, read in a fixed number of queries and yielded one by one
    (the big sources are read in chunks, so memory does not grow with the records)."""
    user_person = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))

    # Resources published: to their authors (or whoever posted them) and their organisations.
    published = Resource.objects.filter(status=Resource.Status.PUBLISHED)
    for pk, person_id, created in (
        Resource.authors.through.objects.filter(resource__in=published)
        .values_list("resource_id", "person_id", "resource__created")
        .iterator(chunk_size=CHUNK)
    ):
        yield Entry(person_id, None, Action.RESOURCE_PUBLISHED, created, f"knowledge.resource:{pk}")
    for pk, poster, created in (
        published.filter(authors__isnull=True, created_by__isnull=False)
        .values_list("pk", "created_by_id", "created")
        .iterator(chunk_size=CHUNK)
    ):
        if poster in user_person:
            yield Entry(
                user_person[poster], None, Action.RESOURCE_PUBLISHED, created,
                f"knowledge.resource:{pk}",
            )  # fmt: skip
    for pk, org_id, created in (
        Resource.organisations.through.objects.filter(resource__in=published)
        .values_list("resource_id", "organisation_id", "resource__created")
        .iterator(chunk_size=CHUNK)
    ):
        yield Entry(None, org_id, Action.RESOURCE_PUBLISHED, created, f"knowledge.resource:{pk}")

    # Answers the asker marked helpful.
    for pk, author, created in (
        Reply.objects.filter(is_helpful=True, is_hidden=False, author__isnull=False)
        .values_list("pk", "author_id", "created")
        .iterator(chunk_size=CHUNK)
    ):
        if author in user_person:
            yield Entry(
                user_person[author], None, Action.ANSWER_HELPFUL, created, f"knowledge.reply:{pk}"
            )

    # Events hosted (held, already started): to the host organisations and the host city.
    held = Event.objects.filter(status__in=HELD, start__lte=now)
    hosting = set(
        Event.hosts.through.objects.filter(event__in=held).values_list(
            "event_id", "organisation_id"
        )
    )
    hosting |= set(held.filter(host_city__isnull=False).values_list("pk", "host_city_id"))
    starts = dict(held.values_list("pk", "start"))
    for event_id, org_id in sorted(hosting):
        yield Entry(None, org_id, Action.EVENT_HOSTED, starts[event_id], f"events.event:{event_id}")

    # Attendance recorded by the organisers.
    for pk, person_id, org_id, start in (
        Registration.objects.filter(status=Registration.Status.ATTENDED, event__in=held)
        .values_list("pk", "person_id", "organisation_id", "event__start")
        .iterator(chunk_size=CHUNK)
    ):
        yield Entry(person_id, None, Action.EVENT_ATTENDED, start, f"events.registration:{pk}")
        if org_id:
            yield Entry(None, org_id, Action.EVENT_ATTENDED, start, f"events.registration:{pk}")

    # Study-visit delegations: to the visiting organisation and the person who led it.
    for pk, org_id, lead_id, start in (
        Delegation.objects.filter(event__in=held)
        .values_list("pk", "organisation_id", "lead_id", "event__start")
        .iterator(chunk_size=CHUNK)
    ):
        yield Entry(None, org_id, Action.STUDY_VISIT, start, f"events.delegation:{pk}")
        if lead_id:
            yield Entry(lead_id, None, Action.STUDY_VISIT, start, f"events.delegation:{pk}")

    # Pledges carried out: when they were marked done.
    done_at = {}
    for pledge_id, when in PledgeUpdate.objects.filter(status=Pledge.Status.DONE).values_list(
        "pledge_id", "created"
    ):
        done_at[pledge_id] = min(when, done_at.get(pledge_id, when))
    for pk, person_id, org_id, updated in (
        Pledge.objects.filter(status=Pledge.Status.DONE)
        .values_list("pk", "person_id", "organisation_id", "updated")
        .iterator(chunk_size=CHUNK)
    ):
        when = done_at.get(pk, updated)
        yield Entry(person_id, None, Action.PLEDGE_DONE, when, f"events.pledge:{pk}")
        if org_id:
            yield Entry(None, org_id, Action.PLEDGE_DONE, when, f"events.pledge:{pk}")

    # New members: a person whose proposed organisation was approved brought it into the network;
    # an organisation that approved a person's request brought that person in.
    for pk, person_id, org_id, proposed, decided in JoinRequest.objects.filter(
        status=JoinRequest.Status.APPROVED, organisation__isnull=False
    ).values_list("pk", "person_id", "organisation_id", "proposed_name_th", "decided_at"):
        when = decided or now
        if proposed:
            yield Entry(
                person_id, None, Action.MEMBER_BROUGHT_IN, when, f"members.joinrequest:{pk}"
            )
        else:
            yield Entry(None, org_id, Action.MEMBER_BROUGHT_IN, when, f"members.joinrequest:{pk}")


BADGE_OF_ACTION = {
    Action.RESOURCE_PUBLISHED: Badge.FIRST_RESOURCE,
    Action.ANSWER_HELPFUL: Badge.HELPFUL_ANSWER,
    Action.STUDY_VISIT: Badge.STUDY_VISIT_DELEGATE,
    Action.PLEDGE_DONE: Badge.PLEDGE_KEPT,
    Action.MEMBER_BROUGHT_IN: Badge.DOOR_OPENER,
    Action.EVENT_HOSTED: Badge.HOST_CITY,
}


def recipients(entry: Entry):
    """(("person" | "organisation", pk), …) the entry credits."""
    if entry.person_id:
        yield ("person", entry.person_id)
    if entry.organisation_id:
        yield ("organisation", entry.organisation_id)


def other_badges(now: dt.datetime, earned: dict[tuple[str, int], set[str]]) -> None:
    """Badges that do not come from one ledger line: study visits attended, bridge builders."""
    # Study visits also count for the people who went with a delegation and attended.
    for person_id in (
        Registration.objects.filter(
            status=Registration.Status.ATTENDED,
            event__kind=Event.Kind.STUDY_VISIT,
            event__start__lte=now,
        )
        .values_list("person_id", flat=True)
        .distinct()
        .iterator(chunk_size=CHUNK)
    ):
        earned[("person", person_id)].add(Badge.STUDY_VISIT_DELEGATE)
    # Bridge builders: tied to organisations of several other kinds or regions (the health
    # dashboard's tie graph, summed in PostgreSQL; only its per-organisation figures are kept).
    from network.health import graph

    nodes = graph.organisation_nodes()
    tie_graph, _windows = graph.tie_graph(nodes, now, keep_edges=False)
    for node in nodes:
        kinds, regions = tie_graph.bridging(node)
        if max(kinds, regions) >= BRIDGE_MIN_OTHERS:
            earned[("organisation", node)].add(Badge.BRIDGE_BUILDER)
    # People: answered discussions started by people of several other organisations.
    person_orgs = defaultdict(set)
    for person_id, org_id in Membership.objects.values_list(
        "person_id", "organisation_id"
    ).iterator(chunk_size=CHUNK):
        person_orgs[person_id].add(org_id)
    user_person = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    reached = defaultdict(set)
    for author, asker in (
        Reply.objects.filter(is_hidden=False, author__isnull=False)
        .values_list("author_id", "thread__author_id")
        .iterator(chunk_size=CHUNK)
    ):
        mine = person_orgs.get(user_person.get(author), set())
        reached[user_person.get(author)] |= person_orgs.get(user_person.get(asker), set()) - mine
    for person_id, others in reached.items():
        if person_id and len(others) >= BRIDGE_MIN_OTHERS:
            earned[("person", person_id)].add(Badge.BRIDGE_BUILDER)


def rebuild(now: dt.datetime | None = None) -> dict:
    """Rewrite the ledger and the standings from the records; returns counts for a summary.

    The entries are streamed into the ledger with COPY while the totals and badges (one small
    figure per person and organisation) add up, so memory stays flat however many records there
    are, and no model instance is built per line.
    """
    now = now or timezone.now()
    totals: dict[tuple[str, int], int] = defaultdict(int)
    earned: dict[tuple[str, int], set[str]] = defaultdict(set)
    order = [Badge(b) for b in Badge.values]

    def ledger():
        """Ledger rows for COPY, adding up totals and badges on the way."""
        for entry in entries(now):
            points = POINTS[entry.action]
            badge = BADGE_OF_ACTION.get(entry.action)
            for recipient in recipients(entry):
                totals[recipient] += points
                if badge is not None:
                    earned[recipient].add(badge)
            yield (entry.person_id, entry.organisation_id, Action(entry.action).value, points,
                   entry.occurred_at, entry.source)  # fmt: skip

    # One announcement for the page cache, and a plain DELETE: QuerySet.delete() would load
    # every row to send its post_delete signal.
    with transaction.atomic(), pagecache.one_change():
        with connection.cursor() as cursor:
            for model in (Contribution, Standing):  # table names are our own constants
                cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608
        lines = copy_rows(Contribution, LEDGER_FIELDS, ledger(), chunk=CHUNK)
        other_badges(now, earned)
        copy_rows(
            Standing,
            STANDING_FIELDS,
            (
                (
                    pk if kind == "person" else None,
                    pk if kind == "organisation" else None,
                    totals.get((kind, pk), 0),
                    level_for(totals.get((kind, pk), 0)).number,
                    [b.value for b in order if b in earned.get((kind, pk), set())],
                    now,
                )
                for kind, pk in sorted(set(totals) | set(earned))
            ),  # fmt: skip
        )
    people = sum(1 for kind, _pk in set(totals) | set(earned) if kind == "person")
    return {
        "contributions": lines,
        "people": people,
        "organisations": len(set(totals) | set(earned)) - people,
        "points": sum(totals.values()),
    }
