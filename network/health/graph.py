"""The handbook's graph view of the network: organisations are nodes, shared work makes ties.

A tie between two organisations gains weight from each *occasion* they share:
- an event both took part in (hosting it, people registered for it and not cancelled, or a
  visiting delegation) — ``events``;
- a resource both published or whose authors belong to both — ``resources``;
- a reply by someone of one to a discussion started by someone of the other — ``replies``;
- a study visit, between each visiting delegation and the host — ``visits`` (on top of the
  shared event: a visit is a stronger tie than sitting in the same seminar);
- a joint project, between its lead and each partner and among the partners — ``projects``
  (``project_pairs``; counted in a tie's weight, not stored as a column of the exports).

Occasions are collected once with their dates, so a graph for any window is cheap to build.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, combinations

import networkx as nx

from events.models import Delegation, Event, Registration
from knowledge.models import Reply, Resource
from members.models import Organisation, ProjectPartner

from .activity import HELD_STATUSES

TIE_KINDS = ("events", "resources", "replies", "visits")
EDGE_FIELDS = ("source", "target", "weight", *TIE_KINDS)
# Betweenness is computed on each organisation's strongest ties (see ``backbone``), exactly up to
# BETWEENNESS_SAMPLE organisations and estimated from a sample of BETWEENNESS_SOURCES of them
# (networkx's ``k``, fixed seed) above: at 500 organisations that is seconds instead of minutes.
BACKBONE_TIES = 10
BETWEENNESS_SAMPLE = 200
BETWEENNESS_SOURCES = 100
PRESENT = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


@dataclass(frozen=True)
class Occasion:
    when: dt.datetime
    kind: str
    organisations: tuple[int, ...]  # every pair among them is tied once by this occasion


def occasions(person_orgs: dict[int, set[int]], user_person: dict[int, int], now) -> list[Occasion]:
    """Every shared occasion up to ``now``, read in a fixed number of queries."""
    found: list[Occasion] = []
    held = Event.objects.filter(status__in=HELD_STATUSES, start__lte=now)
    starts = dict(held.values_list("pk", "start"))
    present: dict[int, set[int]] = defaultdict(set)
    hosts: dict[int, set[int]] = defaultdict(set)
    for event_id, org_id in Event.hosts.through.objects.filter(event__in=held).values_list(
        "event_id", "organisation_id"
    ):
        hosts[event_id].add(org_id)
    for event_id, org_id in held.filter(host_city__isnull=False).values_list("pk", "host_city_id"):
        hosts[event_id].add(org_id)
    for event_id, person_id, org_id in (
        Registration.objects.filter(event__in=held, status__in=PRESENT)
        .values_list("event_id", "person_id", "organisation_id")
        .iterator()
    ):
        present[event_id] |= {org_id} if org_id else person_orgs.get(person_id, set())
    visitors: dict[int, set[int]] = defaultdict(set)
    for event_id, org_id in Delegation.objects.filter(event__in=held).values_list(
        "event_id", "organisation_id"
    ):
        visitors[event_id].add(org_id)
    for event_id, when in starts.items():
        together = present[event_id] | hosts[event_id] | visitors[event_id]
        if len(together) > 1:
            found.append(Occasion(when, "events", tuple(sorted(together))))
        for visitor in visitors[event_id]:
            for host in hosts[event_id] - {visitor}:
                found.append(Occasion(when, "visits", (visitor, host)))

    published = Resource.objects.filter(status=Resource.Status.PUBLISHED)
    created = dict(published.values_list("pk", "created").iterator())
    makers: dict[int, set[int]] = defaultdict(set)
    for resource_id, org_id in (
        Resource.organisations.through.objects.filter(resource__in=published)
        .values_list("resource_id", "organisation_id")
        .iterator()
    ):
        makers[resource_id].add(org_id)
    for resource_id, person_id in (
        Resource.authors.through.objects.filter(resource__in=published)
        .values_list("resource_id", "person_id")
        .iterator()
    ):
        makers[resource_id] |= person_orgs.get(person_id, set())
    for resource_id, orgs in makers.items():
        if len(orgs) > 1 and resource_id in created:
            found.append(Occasion(created[resource_id], "resources", tuple(sorted(orgs))))

    for when, author_id, asker_id in (
        Reply.objects.filter(is_hidden=False, thread__is_hidden=False, created__lte=now)
        .values_list("created", "author_id", "thread__author_id")
        .iterator()
    ):
        answering = person_orgs.get(user_person.get(author_id), set())
        asking = person_orgs.get(user_person.get(asker_id), set())
        for a in answering:
            for b in asking - answering:
                found.append(Occasion(when, "replies", (a, b)))
    return found


def tie_weights(found: list[Occasion], start=None, end=None) -> dict[tuple[int, int], Counter]:
    """{(a, b): Counter(kind → count)} from occasions in [start, end)."""
    ties: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for occasion in found:
        if (start and occasion.when < start) or (end and occasion.when >= end):
            continue
        for a, b in combinations(occasion.organisations, 2):
            ties[(a, b) if a < b else (b, a)][occasion.kind] += 1
    return ties


def project_pairs():
    """((a, b), n) for every two organisations working in n joint projects together (the lead
    and its partners; ideas that found no partner tie nobody). One query, streamed."""
    shared: Counter = Counter()
    rows = (
        ProjectPartner.objects.order_by("project_id")
        .values_list("project_id", "project__lead_id", "organisation_id")
        .iterator(chunk_size=2000)
    )
    current, members = None, set()
    for project, lead, organisation in chain(rows, [(None, None, None)]):
        if project != current:
            for a, b in combinations(sorted(members), 2):
                shared[(a, b)] += 1
            current, members = project, {lead}
        members.add(organisation)
    yield from shared.items()


def with_project_ties(ties: dict[tuple[int, int], Counter]) -> dict[tuple[int, int], Counter]:
    """``ties`` with each pair's shared joint projects added under the kind ``projects``."""
    for pair, n in project_pairs():
        ties.setdefault(pair, Counter())["projects"] += n
    return ties


def build(nodes: dict[int, dict], ties: dict[tuple[int, int], Counter]) -> nx.Graph:
    """A weighted graph of ``nodes`` (id → attributes); ties to unknown organisations are left out."""
    graph = nx.Graph()
    for pk, attributes in nodes.items():
        graph.add_node(pk, **attributes)
    for (a, b), kinds in ties.items():
        if a in nodes and b in nodes:
            weight = sum(kinds.values())
            graph.add_edge(
                a, b, weight=weight, distance=1 / weight, **{k: kinds[k] for k in TIE_KINDS}
            )
    return graph


def organisation_nodes() -> dict[int, dict]:
    """The graph's nodes: organisations listed in the directory (active members and alumni)."""
    return {
        pk: {"name_th": th, "name_en": en or th, "slug": slug, "kind": kind, "region": region or ""}
        for pk, th, en, slug, kind, region in Organisation.objects.listed().values_list(
            "pk", "name_th", "name_en", "slug", "kind", "region"
        )
    }


def backbone(graph: nx.Graph) -> nx.Graph:
    """Each organisation with its BACKBONE_TIES strongest ties (all of them when it has fewer).

    In a large network where nearly everyone met everyone once, brokerage is a matter of the
    strong ties; keeping them makes betweenness both meaningful and affordable.
    """
    kept = nx.Graph()
    kept.add_nodes_from(graph)
    for node in graph:
        ties = sorted(graph[node].items(), key=lambda item: (-item[1]["weight"], item[0]))
        for other, data in ties[:BACKBONE_TIES]:
            kept.add_edge(node, other, distance=data["distance"])
    return kept


def betweenness(graph: nx.Graph) -> dict[int, float]:
    """Betweenness centrality on the backbone, over tie *distance* (1 / weight): strong ties are
    short paths."""
    if graph.number_of_edges() == 0:
        return dict.fromkeys(graph, 0.0)
    strong = backbone(graph)
    sample = BETWEENNESS_SOURCES if strong.number_of_nodes() > BETWEENNESS_SAMPLE else None
    return nx.betweenness_centrality(strong, k=sample, weight="distance", normalized=True, seed=11)


def bridging(graph: nx.Graph, node) -> tuple[int, int]:
    """How many kinds and regions other than its own an organisation is tied to."""
    own = graph.nodes[node]
    kinds = {graph.nodes[n]["kind"] for n in graph[node]} - {own["kind"]}
    regions = {graph.nodes[n]["region"] for n in graph[node]} - {own["region"], ""}
    return len(kinds), len(regions)


def cross_kind_share(ties: dict[tuple[int, int], Counter], nodes: dict[int, dict]) -> float:
    """The share of tie weight that links organisations of different kinds (sectors)."""
    total = across = 0
    for (a, b), kinds in ties.items():
        if a in nodes and b in nodes:
            weight = sum(kinds.values())
            total += weight
            across += weight if nodes[a]["kind"] != nodes[b]["kind"] else 0
    return across / total if total else 0.0


def largest_component_share(ties: dict[tuple[int, int], Counter], among: set[int]) -> float:
    """The share of ``among`` in the largest group connected by ties between its members."""
    if not among:
        return 0.0
    graph = nx.Graph()
    graph.add_nodes_from(among)
    graph.add_edges_from(pair for pair in ties if pair[0] in among and pair[1] in among)
    if graph.number_of_edges() == 0:
        return 0.0
    return max(len(c) for c in nx.connected_components(graph)) / len(among)


def edge_dicts(rows):
    """Stored compact tie rows as dicts keyed by EDGE_FIELDS."""
    for row in rows:
        yield dict(zip(EDGE_FIELDS, row, strict=True))


def to_graphml(stored: dict) -> bytes:
    """GraphML of a stored graph (``HealthSnapshot.graph``), readable by networkx and Gephi."""
    graph = nx.Graph()
    for node in stored.get("nodes", []):
        graph.add_node(
            str(node["id"]),
            label=node["name_en"],
            name_th=node["name_th"],
            slug=node["slug"],
            kind=node["kind"],
            region=node["region"],
            degree=node["degree"],
            betweenness=node["betweenness"],
        )
    for edge in edge_dicts(stored.get("edges", [])):
        graph.add_edge(
            str(edge["source"]),
            str(edge["target"]),
            weight=edge["weight"],
            **{kind: edge[kind] for kind in TIE_KINDS},
        )
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
