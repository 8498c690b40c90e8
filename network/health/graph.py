"""The handbook's graph view of the network: organisations are nodes, shared work makes ties.

A tie between two organisations gains weight from each *occasion* they share:
- an event both took part in (hosting it, people registered for it and not cancelled, or a
  visiting delegation) — ``events``;
- a resource both published or whose authors belong to both — ``resources``;
- a reply by someone of one to a discussion started by someone of the other — ``replies``;
- a study visit, between each visiting delegation and the host — ``visits`` (on top of the
  shared event: a visit is a stronger tie than sitting in the same seminar);
- a joint project, between its lead and each partner and among the partners, from the day the
  later of the two joined it (counted in a tie's weight, not a column of the exports).

PostgreSQL pairs the organisations of each occasion and sums the pairs (``tie_rows``), so Python
only ever holds organisation-level ties, whatever the number of people and events.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx
from django.db import connection

from events.models import Delegation, Event, Registration
from knowledge.models import Reply, Resource, Thread
from members.models import Membership, Organisation, Person, Project, ProjectPartner

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


def _tables() -> dict[str, str]:
    """Quoted table names for the tie query (our models' own names, never user input)."""
    models = {
        "event": Event, "event_hosts": Event.hosts.through, "registration": Registration,
        "delegation": Delegation, "membership": Membership, "resource": Resource,
        "resource_orgs": Resource.organisations.through,
        "resource_authors": Resource.authors.through, "reply": Reply, "thread": Thread,
        "person": Person, "project": Project, "project_partner": ProjectPartner,
    }  # fmt: skip
    return {key: connection.ops.quote_name(model._meta.db_table) for key, model in models.items()}


# Every shared occasion as one row per pair of organisations (a < b) with its date and kind,
# then summed per pair: PostgreSQL does the pairing and the counting, Python only receives the
# organisation-level ties (at most n(n-1)/2 rows for n organisations, however many people,
# registrations or replies there are).
TIES_SQL = """
WITH held AS (
    SELECT id, start, host_city_id FROM {event}
    WHERE status = ANY(%(held)s) AND start <= %(now)s
), hosts AS (
    SELECT h.event_id, h.organisation_id FROM {event_hosts} h JOIN held ON held.id = h.event_id
    UNION
    SELECT id, host_city_id FROM held WHERE host_city_id IS NOT NULL
), visitors AS (
    SELECT DISTINCT d.event_id, d.organisation_id
    FROM {delegation} d JOIN held ON held.id = d.event_id
    WHERE d.organisation_id IS NOT NULL
), together AS (
    SELECT event_id, organisation_id FROM hosts
    UNION
    SELECT event_id, organisation_id FROM visitors
    UNION
    SELECT r.event_id, r.organisation_id FROM {registration} r JOIN held ON held.id = r.event_id
    WHERE r.status = ANY(%(present)s) AND r.organisation_id IS NOT NULL
    UNION
    SELECT r.event_id, m.organisation_id FROM {registration} r JOIN held ON held.id = r.event_id
    JOIN {membership} m ON m.person_id = r.person_id
    WHERE r.status = ANY(%(present)s) AND r.organisation_id IS NULL
), makers AS (
    SELECT ro.resource_id, ro.organisation_id
    FROM {resource_orgs} ro JOIN {resource} res ON res.id = ro.resource_id
    WHERE res.status = %(published)s
    UNION
    SELECT ra.resource_id, m.organisation_id
    FROM {resource_authors} ra JOIN {resource} res ON res.id = ra.resource_id
    JOIN {membership} m ON m.person_id = ra.person_id
    WHERE res.status = %(published)s
), project_orgs AS (
    SELECT id AS project_id, lead_id AS organisation_id, created AS at FROM {project}
    UNION ALL
    SELECT pp.project_id, pp.organisation_id, pp.created
    FROM {project_partner} pp JOIN {project} p ON p.id = pp.project_id
    WHERE pp.organisation_id <> p.lead_id
), occasions AS (
    SELECT a.organisation_id AS a, b.organisation_id AS b, held.start AS at, 'e' AS kind
    FROM together a
    JOIN together b ON b.event_id = a.event_id AND a.organisation_id < b.organisation_id
    JOIN held ON held.id = a.event_id
    UNION ALL
    SELECT LEAST(v.organisation_id, h.organisation_id),
           GREATEST(v.organisation_id, h.organisation_id), held.start, 'v'
    FROM visitors v
    JOIN hosts h ON h.event_id = v.event_id AND h.organisation_id <> v.organisation_id
    JOIN held ON held.id = v.event_id
    UNION ALL
    SELECT a.organisation_id, b.organisation_id, res.created, 'r'
    FROM makers a
    JOIN makers b ON b.resource_id = a.resource_id AND a.organisation_id < b.organisation_id
    JOIN {resource} res ON res.id = a.resource_id
    UNION ALL
    SELECT LEAST(ma.organisation_id, mb.organisation_id),
           GREATEST(ma.organisation_id, mb.organisation_id), r.created, 'q'
    FROM {reply} r JOIN {thread} t ON t.id = r.thread_id
    JOIN {person} pa ON pa.user_id = r.author_id
    JOIN {membership} ma ON ma.person_id = pa.id
    JOIN {person} pb ON pb.user_id = t.author_id
    JOIN {membership} mb ON mb.person_id = pb.id
    WHERE NOT r.is_hidden AND NOT t.is_hidden AND r.created <= %(now)s
      AND NOT EXISTS (SELECT 1 FROM {membership} m
                      WHERE m.person_id = pa.id AND m.organisation_id = mb.organisation_id)
    UNION ALL
    SELECT a.organisation_id, b.organisation_id, GREATEST(a.at, b.at), 'p'
    FROM project_orgs a
    JOIN project_orgs b ON b.project_id = a.project_id AND a.organisation_id < b.organisation_id
    WHERE GREATEST(a.at, b.at) <= %(now)s
)
SELECT a, b, count(*) AS weight, count(*) FILTER (WHERE kind = 'e'),
       count(*) FILTER (WHERE kind = 'r'), count(*) FILTER (WHERE kind = 'q'),
       count(*) FILTER (WHERE kind = 'v'){window_columns}
FROM occasions {window}
GROUP BY a, b
ORDER BY weight DESC, a, b
"""


def tie_rows(now: dt.datetime, start=None, end=None, windows=(), chunk_size: int = 2000):
    """Rows (a, b, weight, events, resources, replies, visits), a < b, strongest first, for
    occasions in [start, end) (all of them up to ``now`` without a window), in one query read
    in chunks. Each of ``windows`` ((start, end) pairs) adds a column: the pair's weight in it.

    An occasion is an event held by ``now`` (every pair among its hosts, the organisations of
    the people present and its visiting delegations; plus each delegation with each host, a
    *visit*), a published resource (every pair among its organisations and its authors'
    organisations), a reply up to ``now`` (each organisation of the one who replied with each
    organisation of the one who asked that is not also the replier's), a joint project (every
    pair among its lead and partners, dated when the later of the two joined).
    """
    params = {
        "now": now, "start": start, "end": end, "held": list(HELD_STATUSES),
        "present": list(PRESENT), "published": Resource.Status.PUBLISHED,
    }  # fmt: skip
    window = []
    if start is not None:
        window.append("at >= %(start)s")
    if end is not None:
        window.append("at < %(end)s")
    columns = []
    for index, (window_start, window_end) in enumerate(windows):
        params[f"start_{index}"], params[f"end_{index}"] = window_start, window_end
        columns.append(f"count(*) FILTER (WHERE at >= %(start_{index})s AND at < %(end_{index})s)")
    sql = TIES_SQL.format(
        window="WHERE " + " AND ".join(window) if window else "",
        window_columns="".join(f", {column}" for column in columns),
        **_tables(),
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows


def tie_weights(now: dt.datetime, start=None, end=None) -> dict[tuple[int, int], dict[str, int]]:
    """{(a, b): {kind: count}} for occasions in [start, end): for small networks and tests."""
    return {
        (a, b): dict(zip(TIE_KINDS, counts, strict=True))
        for a, b, _weight, *counts in tie_rows(now, start, end)
    }


class Components:
    """Connected components by union-find: no adjacency kept, whatever the number of ties."""

    def __init__(self, nodes):
        self.nodes = list(nodes)
        self.parent: dict[int, int] = {}
        self.linked = False

    def find(self, node: int) -> int:
        root = node
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while node != root:  # path compression
            self.parent[node], node = root, self.parent.get(node, node)
        return root

    def union(self, a: int, b: int) -> None:
        self.linked = True
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[int]]:
        """Components, largest first; equal sizes in the order of their first node (what
        networkx's ``connected_components`` sorted by size gives)."""
        found: dict[int, list[int]] = {}
        for node in self.nodes:
            found.setdefault(self.find(node), []).append(node)
        return sorted(found.values(), key=len, reverse=True)


@dataclass
class TieGraph:
    """The tie graph among ``nodes`` kept compactly: the rows themselves, plus per organisation
    what the figures need (degree, strength, the kinds and regions it reaches, its strongest
    ties). No per-pair Python objects beyond the rows."""

    nodes: dict[int, dict]
    keep_edges: bool = True  # the rows are needed to store the graph, not for badges
    edges: list[list[int]] = field(default_factory=list)
    edge_count: int = 0
    degree: Counter = field(default_factory=Counter)
    strength: Counter = field(default_factory=Counter)
    kinds: dict[int, set] = field(default_factory=lambda: defaultdict(set))
    regions: dict[int, set] = field(default_factory=lambda: defaultdict(set))
    strongest: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    connected: Components = None

    def __post_init__(self):
        self.connected = Components(self.nodes)

    def add(self, row) -> None:
        a, b, weight = row[0], row[1], row[2]
        if a not in self.nodes or b not in self.nodes:
            return
        self.edge_count += 1
        if self.keep_edges:
            self.edges.append(list(row[: len(EDGE_FIELDS)]))
        for node, other in ((a, b), (b, a)):
            self.degree[node] += 1
            self.strength[node] += weight
            self.kinds[node].add(self.nodes[other]["kind"])
            self.regions[node].add(self.nodes[other]["region"])
            # Rows come strongest first, then by (a, b): for one organisation that is
            # (-weight, other organisation), the order ``backbone`` keeps.
            if len(self.strongest[node]) < BACKBONE_TIES:
                self.strongest[node].append((other, weight))
        self.connected.union(a, b)

    def components(self) -> list[list[int]]:
        return self.connected.groups()

    def sorted_edges(self) -> list[list[int]]:
        """The rows as stored and exported: each tie named from the organisation that comes first
        in the directory's order, strongest first, then by those ids (as networkx listed them
        before the ties were summed in PostgreSQL, so exports keep their order)."""
        rank = {node: index for index, node in enumerate(self.nodes)}
        for edge in self.edges:
            if rank[edge[0]] > rank[edge[1]]:
                edge[0], edge[1] = edge[1], edge[0]
        self.edges.sort(key=lambda e: (-e[2], e[0], e[1]))
        return self.edges

    def bridging(self, node) -> tuple[int, int]:
        """How many kinds and regions other than its own an organisation is tied to."""
        own = self.nodes[node]
        return (
            len(self.kinds.get(node, set()) - {own["kind"]}),
            len(self.regions.get(node, set()) - {own["region"], ""}),
        )

    def backbone(self) -> nx.Graph:
        """Each organisation with its BACKBONE_TIES strongest ties (all of them when it has fewer).

        In a large network where nearly everyone met everyone once, brokerage is a matter of the
        strong ties; keeping them makes betweenness both meaningful and affordable.
        """
        kept = nx.Graph()
        kept.add_nodes_from(self.nodes)
        for node in self.nodes:
            for other, weight in self.strongest.get(node, ()):
                kept.add_edge(node, other, distance=1 / weight)
        return kept

    def betweenness(self) -> dict[int, float]:
        """Betweenness centrality on the backbone, over tie *distance* (1 / weight): strong ties
        are short paths."""
        if not self.edge_count:
            return dict.fromkeys(self.nodes, 0.0)
        strong = self.backbone()
        sample = BETWEENNESS_SOURCES if strong.number_of_nodes() > BETWEENNESS_SAMPLE else None
        return nx.betweenness_centrality(
            strong, k=sample, weight="distance", normalized=True, seed=11
        )

    def density(self) -> float:
        n = len(self.nodes)
        return 2 * self.edge_count / (n * (n - 1)) if n > 1 else 0.0


class WindowTies:
    """What the scorecard needs from the ties of one window, added up row by row: the number of
    tied pairs, the share of tie weight linking organisations of different kinds (sectors), and
    the share of ``among`` in the largest group connected by ties between its members."""

    def __init__(self, nodes: dict[int, dict], among: set[int]):
        self.nodes, self.among = nodes, among
        self.pairs = self.total = self.across = 0
        self.linked = Components(among)

    def add(self, a: int, b: int, weight: int) -> None:
        if not weight:
            return
        self.pairs += 1
        if a in self.nodes and b in self.nodes:
            self.total += weight
            self.across += weight if self.nodes[a]["kind"] != self.nodes[b]["kind"] else 0
        if a in self.among and b in self.among:
            self.linked.union(a, b)

    def figures(self) -> dict:
        largest = 0.0
        if self.among and self.linked.linked:
            largest = len(self.linked.groups()[0]) / len(self.among)
        return {
            "pairs": self.pairs,
            "cross_kind_share": self.across / self.total if self.total else 0.0,
            "largest_component_share": largest,
        }


def tie_graph(
    nodes: dict[int, dict], now: dt.datetime, keep_edges: bool = True, windows=(), among=()
) -> tuple[TieGraph, dict]:
    """The all-time tie graph among ``nodes`` as of ``now``, and {window: its figures} for each
    of ``windows`` ((start, end) pairs; ``among`` as for :class:`WindowTies`), from one query."""
    graph = TieGraph(nodes, keep_edges)
    found = {window: WindowTies(nodes, set(among)) for window in windows}
    for row in tie_rows(now, windows=windows):
        graph.add(row)
        for index, window in enumerate(windows):
            found[window].add(row[0], row[1], row[len(EDGE_FIELDS) + index])
    return graph, {window: ties.figures() for window, ties in found.items()}


def organisation_nodes() -> dict[int, dict]:
    """The graph's nodes: organisations listed in the directory (active members and alumni)."""
    return {
        pk: {"name_th": th, "name_en": en or th, "slug": slug, "kind": kind, "region": region or ""}
        for pk, th, en, slug, kind, region in Organisation.objects.listed().values_list(
            "pk", "name_th", "name_en", "slug", "kind", "region"
        )
    }


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
