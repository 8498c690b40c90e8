"""Points, levels and badges recomputed from the records: ``rebuild()`` rewrites the ledger.

Nothing counts up when something happens, so nothing can drift: the ledger
(:class:`~network.recognition.models.Contribution`) is deleted and written again from the apps'
records, one line per point-earning record, each naming its source ("knowledge.reply:42").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from events.models import Delegation, Event, Pledge, PledgeUpdate, Registration
from knowledge.models import Reply, Resource
from members.models import JoinRequest, Membership, Person
from network.lib import pagecache

from .models import Contribution, Standing
from .rules import BRIDGE_MIN_OTHERS, POINTS, Action, Badge, level_for

HELD = (Event.Status.PUBLISHED, Event.Status.COMPLETED)


@dataclass
class Entry:
    person_id: int | None
    organisation_id: int | None
    action: str
    occurred_at: dt.datetime
    source: str


def entries(now: dt.datetime) -> list[Entry]:
    """Every point-earning record, read in a fixed number of queries."""
    found: list[Entry] = []
    user_person = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))

    # Resources published: to their authors (or whoever posted them) and their organisations.
    published = Resource.objects.filter(status=Resource.Status.PUBLISHED)
    authors = defaultdict(set)
    for resource_id, person_id in (
        Resource.authors.through.objects.filter(resource__in=published)
        .values_list("resource_id", "person_id")
        .iterator()
    ):
        authors[resource_id].add(person_id)
    for pk, poster, created in published.values_list("pk", "created_by_id", "created").iterator():
        credited = authors.get(pk) or ({user_person[poster]} if poster in user_person else set())
        for person_id in credited:
            found.append(
                Entry(
                    person_id, None, Action.RESOURCE_PUBLISHED, created, f"knowledge.resource:{pk}"
                )
            )
    for pk, org_id, created in (
        Resource.organisations.through.objects.filter(resource__in=published)
        .values_list("resource_id", "organisation_id", "resource__created")
        .iterator()
    ):
        found.append(
            Entry(None, org_id, Action.RESOURCE_PUBLISHED, created, f"knowledge.resource:{pk}")
        )

    # Answers the asker marked helpful.
    for pk, author, created in Reply.objects.filter(
        is_helpful=True, is_hidden=False, author__isnull=False
    ).values_list("pk", "author_id", "created"):
        if author in user_person:
            found.append(
                Entry(
                    user_person[author],
                    None,
                    Action.ANSWER_HELPFUL,
                    created,
                    f"knowledge.reply:{pk}",
                )
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
        found.append(
            Entry(None, org_id, Action.EVENT_HOSTED, starts[event_id], f"events.event:{event_id}")
        )

    # Attendance recorded by the organisers.
    for pk, person_id, org_id, start in (
        Registration.objects.filter(status=Registration.Status.ATTENDED, event__in=held)
        .values_list("pk", "person_id", "organisation_id", "event__start")
        .iterator()
    ):
        found.append(
            Entry(person_id, None, Action.EVENT_ATTENDED, start, f"events.registration:{pk}")
        )
        if org_id:
            found.append(
                Entry(None, org_id, Action.EVENT_ATTENDED, start, f"events.registration:{pk}")
            )

    # Study-visit delegations: to the visiting organisation and the person who led it.
    for pk, org_id, lead_id, start in Delegation.objects.filter(event__in=held).values_list(
        "pk", "organisation_id", "lead_id", "event__start"
    ):
        found.append(Entry(None, org_id, Action.STUDY_VISIT, start, f"events.delegation:{pk}"))
        if lead_id:
            found.append(Entry(lead_id, None, Action.STUDY_VISIT, start, f"events.delegation:{pk}"))

    # Pledges carried out: when they were marked done.
    done_at = {}
    for pledge_id, when in PledgeUpdate.objects.filter(status=Pledge.Status.DONE).values_list(
        "pledge_id", "created"
    ):
        done_at[pledge_id] = min(when, done_at.get(pledge_id, when))
    for pk, person_id, org_id, updated in Pledge.objects.filter(
        status=Pledge.Status.DONE
    ).values_list("pk", "person_id", "organisation_id", "updated"):
        when = done_at.get(pk, updated)
        found.append(Entry(person_id, None, Action.PLEDGE_DONE, when, f"events.pledge:{pk}"))
        if org_id:
            found.append(Entry(None, org_id, Action.PLEDGE_DONE, when, f"events.pledge:{pk}"))

    # New members: a person whose proposed organisation was approved brought it into the network;
    # an organisation that approved a person's request brought that person in.
    for pk, person_id, org_id, proposed, decided in JoinRequest.objects.filter(
        status=JoinRequest.Status.APPROVED, organisation__isnull=False
    ).values_list("pk", "person_id", "organisation_id", "proposed_name_th", "decided_at"):
        when = decided or now
        if proposed:
            found.append(
                Entry(person_id, None, Action.MEMBER_BROUGHT_IN, when, f"members.joinrequest:{pk}")
            )
        else:
            found.append(
                Entry(None, org_id, Action.MEMBER_BROUGHT_IN, when, f"members.joinrequest:{pk}")
            )
    return found


def badges(found: list[Entry], now: dt.datetime) -> dict[tuple[str, int], set[str]]:
    """{("person" | "organisation", pk): badge codes} from the entries and the ties they show."""
    earned: dict[tuple[str, int], set[str]] = defaultdict(set)
    by_action = {
        Action.RESOURCE_PUBLISHED: Badge.FIRST_RESOURCE,
        Action.ANSWER_HELPFUL: Badge.HELPFUL_ANSWER,
        Action.STUDY_VISIT: Badge.STUDY_VISIT_DELEGATE,
        Action.PLEDGE_DONE: Badge.PLEDGE_KEPT,
        Action.MEMBER_BROUGHT_IN: Badge.DOOR_OPENER,
        Action.EVENT_HOSTED: Badge.HOST_CITY,
    }
    for entry in found:
        badge = by_action.get(entry.action)
        if badge is None:
            continue
        if entry.person_id:
            earned[("person", entry.person_id)].add(badge)
        if entry.organisation_id:
            earned[("organisation", entry.organisation_id)].add(badge)
    # Study visits also count for the people who went with a delegation and attended.
    for person_id in Registration.objects.filter(
        status=Registration.Status.ATTENDED,
        event__kind=Event.Kind.STUDY_VISIT,
        event__start__lte=now,
    ).values_list("person_id", flat=True):
        earned[("person", person_id)].add(Badge.STUDY_VISIT_DELEGATE)
    # Bridge builders: tied to organisations of several other kinds or regions.
    from network.health import graph

    person_orgs = defaultdict(set)
    for person_id, org_id in Membership.objects.values_list("person_id", "organisation_id"):
        person_orgs[person_id].add(org_id)
    user_person = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    nodes = graph.organisation_nodes()
    tie_graph = graph.build(
        nodes, graph.tie_weights(graph.occasions(person_orgs, user_person, now))
    )
    for node in tie_graph:
        kinds, regions = graph.bridging(tie_graph, node)
        if max(kinds, regions) >= BRIDGE_MIN_OTHERS:
            earned[("organisation", node)].add(Badge.BRIDGE_BUILDER)
    # People: answered discussions started by people of several other organisations.
    reached = defaultdict(set)
    for author, asker in Reply.objects.filter(is_hidden=False, author__isnull=False).values_list(
        "author_id", "thread__author_id"
    ):
        mine = person_orgs.get(user_person.get(author), set())
        reached[user_person.get(author)] |= person_orgs.get(user_person.get(asker), set()) - mine
    for person_id, others in reached.items():
        if person_id and len(others) >= BRIDGE_MIN_OTHERS:
            earned[("person", person_id)].add(Badge.BRIDGE_BUILDER)
    return earned


def rebuild(now: dt.datetime | None = None) -> dict:
    """Rewrite the ledger and the standings from the records; returns counts for a summary."""
    now = now or timezone.now()
    found = entries(now)
    earned = badges(found, now)
    totals: dict[tuple[str, int], int] = defaultdict(int)
    for entry in found:
        if entry.person_id:
            totals[("person", entry.person_id)] += POINTS[entry.action]
        if entry.organisation_id:
            totals[("organisation", entry.organisation_id)] += POINTS[entry.action]
    order = [Badge(b) for b in Badge.values]
    # One announcement for the page cache, and a plain DELETE: QuerySet.delete() would load
    # every row to send its post_delete signal.
    with transaction.atomic(), pagecache.one_change():
        with connection.cursor() as cursor:
            for model in (Contribution, Standing):  # table names are our own constants
                cursor.execute(f'DELETE FROM "{model._meta.db_table}"')  # noqa: S608
        Contribution.objects.bulk_create(
            (
                Contribution(
                    person_id=e.person_id,
                    organisation_id=e.organisation_id,
                    action=e.action,
                    points=POINTS[e.action],
                    occurred_at=e.occurred_at,
                    source=e.source,
                )
                for e in found
            ),
            batch_size=5000,
        )
        Standing.objects.bulk_create(
            (
                Standing(
                    person_id=pk if kind == "person" else None,
                    organisation_id=pk if kind == "organisation" else None,
                    points=totals.get((kind, pk), 0),
                    level=level_for(totals.get((kind, pk), 0)).number,
                    badges=[b.value for b in order if b in earned.get((kind, pk), set())],
                    computed_at=now,
                )
                for kind, pk in sorted(set(totals) | set(earned))
            ),
            batch_size=5000,
        )
    people = sum(1 for kind, _pk in set(totals) | set(earned) if kind == "person")
    return {
        "contributions": len(found),
        "people": people,
        "organisations": len(set(totals) | set(earned)) - people,
        "points": sum(totals.values()),
    }
