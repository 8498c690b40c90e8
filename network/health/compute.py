"""The figures of the coordinators' dashboard, computed in one pass and stored as a snapshot.

``compute_and_store()`` is what the Celery beat task and ``manage.py compute_network_health``
run; the dashboard only reads the newest :class:`HealthSnapshot`. Every measure is explained in
docs/network-health.md.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.models import Event, Pledge, PledgeUpdate, Registration
from knowledge.models import Reply, Thread
from members.models import Organisation, Person, Region

from . import activity as activity_module
from . import graph as graphs
from .models import HealthSnapshot

DAY = dt.timedelta(days=1)
QUIET_DAYS = 90
YEAR = 365 * DAY
KEEP_SNAPSHOTS = 30
QUIET_LIST_LIMIT = 200
PICTURE_NODES = 150
PICTURE_EDGES = 600
SEVEN = (
    "perception",
    "vision",
    "benefit",
    "participation",
    "complementary",
    "interdependence",
    "interaction",
)
# The kinds of event where the network sets its direction together (component 2).
VISION_EVENT_KINDS = (Event.Kind.ANNUAL, Event.Kind.EXCHANGE)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _iso(value):
    return value.isoformat() if value else None


def _month_starts(now: dt.datetime, count: int) -> list[dt.datetime]:
    local = timezone.localtime(now)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - DAY).replace(day=1)
    return list(reversed(months))


def participation(act, members: set[int], orgs: dict[int, dict], now) -> dict:
    active_org_ids = {pk for pk, o in orgs.items() if o["status"] == Organisation.Status.ACTIVE}
    result = {"people_total": len(members), "organisations_total": len(active_org_ids)}
    for days in (30, 90):
        people, organisations = act.active(now - days * DAY, now + DAY)
        people &= members
        organisations &= active_org_ids
        result[f"people_{days}"] = len(people)
        result[f"people_{days}_share"] = _share(len(people), len(members))
        result[f"organisations_{days}"] = len(organisations)
        result[f"organisations_{days}_share"] = _share(len(organisations), len(active_org_ids))
    trend = []
    starts = _month_starts(now, 12)
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else now + DAY
        people, organisations = act.active(start, end)
        trend.append(
            {
                "month": start.date().isoformat(),
                "people": len(people & members),
                "organisations": len(organisations & active_org_ids),
            }
        )
    result["trend"] = trend
    result["trend_max"] = max([row["people"] for row in trend] + [1])
    _people, active90 = act.active(now - QUIET_DAYS * DAY, now + DAY)
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for pk in active_org_ids:
        cell = table[orgs[pk]["kind"]][orgs[pk]["region"] or "none"]
        cell[1] += 1
        cell[0] += pk in active90
    result["sector_region"] = {kind: dict(cells) for kind, cells in table.items()}
    return result


def quiet(act, members: set[int], orgs: dict[int, dict], people: dict[int, dict], now) -> dict:
    """Active organisations and member people with no activity for QUIET_DAYS days."""
    cutoff = now - QUIET_DAYS * DAY

    def order(item):  # the most recently active first: they have only just gone quiet
        return (item["last"] is None, -(item["last_ts"] or 0), item["name_en"])

    quiet_orgs = []
    for pk, org in orgs.items():
        last = act.last_org.get(pk)
        if org["status"] == Organisation.Status.ACTIVE and (last is None or last < cutoff):
            quiet_orgs.append(
                {"id": pk, "name_th": org["name_th"], "name_en": org["name_en"],
                 "slug": org["slug"], "last": _iso(last),
                 "last_ts": last.timestamp() if last else None}
            )  # fmt: skip
    quiet_people = []
    for pk in members:
        last = act.last_person.get(pk)
        if last is None or last < cutoff:
            person = people.get(pk, {})
            quiet_people.append(
                {"id": pk, "name_th": person.get("name_th", ""),
                 "name_en": person.get("name_en", ""), "last": _iso(last),
                 "last_ts": last.timestamp() if last else None,
                 "reachable": person.get("reachable", False)}
            )  # fmt: skip
    quiet_orgs.sort(key=order)
    quiet_people.sort(key=order)
    return {
        "days": QUIET_DAYS,
        "organisations_count": len(quiet_orgs),
        "people_count": len(quiet_people),
        "organisations": quiet_orgs[:QUIET_LIST_LIMIT],
        "people": quiet_people[:QUIET_LIST_LIMIT],
    }


def reciprocity(act, orgs: dict[int, dict], now) -> dict:
    """Who gives as well as receives in the last year, replies across organisations, answers."""
    start = now - YEAR
    giving_people, giving_orgs = act.active(start, now + DAY, activity_module.GIVING)
    all_people, all_orgs = act.active(start, now + DAY)
    receivers_only = all_orgs - giving_orgs
    counts = Counter()
    for person_id, org_id in act.window(start, now + DAY):
        counts.update(act.organisations_of(person_id, org_id))
    only_receive = sorted(
        (pk for pk in receivers_only if pk in orgs),
        key=lambda pk: (-counts[pk], orgs[pk]["name_en"]),
    )[:20]
    result = {
        "people_active": len(all_people),
        "people_giving": len(giving_people),
        "people_receiving_only": len(all_people - giving_people),
        "people_giving_share": _share(len(giving_people), len(all_people)),
        "organisations_active": len(all_orgs),
        "organisations_giving": len(giving_orgs),
        "organisations_receiving_only": len(receivers_only),
        "only_receive": [
            {
                "id": pk,
                "name_th": orgs[pk]["name_th"],
                "name_en": orgs[pk]["name_en"],
                "slug": orgs[pk]["slug"],
                "activities": counts[pk],
            }
            for pk in only_receive
        ],  # fmt: skip
    }
    # Replies across organisations: the replier and the asker share no organisation.
    replies = across = 0
    for author_id, asker_id in (
        Reply.objects.filter(is_hidden=False, created__gte=start, author__isnull=False)
        .values_list("author_id", "thread__author_id")
        .iterator()
    ):
        replies += 1
        mine = act.person_orgs.get(act.user_person.get(author_id), set())
        theirs = act.person_orgs.get(act.user_person.get(asker_id), set())
        across += bool(mine and theirs and not (mine & theirs))
    result.update(
        replies=replies, replies_across=across, replies_across_share=_share(across, replies)
    )
    # Questions answered by someone else, and how fast the first answer came.
    first_answer: dict[int, dt.datetime] = {}
    questions = Thread.objects.filter(
        kind=Thread.Kind.QUESTION, is_hidden=False, created__gte=start, created__lte=now
    )
    for thread_id, when in (
        Reply.objects.filter(thread__in=questions, is_hidden=False)
        .exclude(author_id=F("thread__author_id"))
        .values_list("thread_id", "created")
        .iterator()
    ):
        if thread_id not in first_answer or when < first_answer[thread_id]:
            first_answer[thread_id] = when
    asked = dict(questions.values_list("pk", "created"))
    hours = [
        (first_answer[pk] - created).total_seconds() / 3600
        for pk, created in asked.items()
        if pk in first_answer
    ]
    result.update(
        questions=len(asked),
        questions_answered=len(hours),
        questions_answered_share=_share(len(hours), len(asked)),
        median_hours_to_answer=round(statistics.median(hours), 1) if hours else None,
    )
    return result


def ties(graph: graphs.TieGraph, orgs: dict[int, dict]) -> tuple[dict, dict]:
    """Figures of the all-time tie graph, and the graph itself as stored for exports."""
    nodes = graph.nodes
    central = graph.betweenness()
    components = graph.components()
    component_of = {node: index + 1 for index, c in enumerate(components) for node in c}
    stored_nodes = []
    for node, attributes in nodes.items():
        kinds, regions = graph.bridging(node)
        stored_nodes.append(
            {"id": node, **attributes, "degree": graph.degree[node],
             "strength": graph.strength[node],
             "betweenness": round(central.get(node, 0.0), 5), "component": component_of[node],
             "kinds_bridged": kinds, "regions_bridged": regions}
        )  # fmt: skip
    stored_nodes.sort(key=lambda n: (-n["betweenness"], -n["strength"], n["name_en"]))
    # Compact rows [source, target, weight, events, resources, replies, visits], strongest
    # first: a large network has a hundred thousand ties (graphs.EDGE_FIELDS names the columns).
    edges = graph.sorted_edges()
    active = {pk for pk, o in orgs.items() if o["status"] == Organisation.Status.ACTIVE}
    isolated = [n for n in stored_nodes if n["degree"] == 0 and n["id"] in active]
    isolated.sort(key=lambda n: n["name_en"])
    brokers = [n for n in stored_nodes if n["betweenness"] > 0][:15]
    names = {n["id"]: n for n in stored_nodes}
    strongest = []
    for edge in graphs.edge_dicts(edges[:30]):
        a, b = names[edge["source"]], names[edge["target"]]
        strongest.append(
            {**edge, "source_name_th": a["name_th"], "source_name_en": a["name_en"],
             "target_name_th": b["name_th"], "target_name_en": b["name_en"]}
        )  # fmt: skip
    figures = {
        "nodes": len(nodes),
        "edges": len(edges),
        "density": round(graph.density(), 4),
        "components": len(components),
        "largest_component": len(components[0]) if components else 0,
        "isolated": [
            {"id": n["id"], "name_th": n["name_th"], "name_en": n["name_en"], "slug": n["slug"]}
            for n in isolated
        ],  # fmt: skip
        "brokers": brokers,
        "strongest": strongest,
        "betweenness_sampled": len(nodes) > graphs.BETWEENNESS_SAMPLE,
        "picture": picture(stored_nodes, edges),
    }
    return figures, {"nodes": stored_nodes, "edges": edges, "edge_fields": graphs.EDGE_FIELDS}


def picture(nodes: list[dict], edges: list[list]) -> dict:
    """What the interactive picture draws: all of a small network, the core of a large one."""
    shown = {n["id"] for n in sorted(nodes, key=lambda n: -n["strength"])[:PICTURE_NODES]}
    kept = [e for e in edges if e[0] in shown and e[1] in shown][:PICTURE_EDGES]
    return {
        "nodes": [
            {
                "id": n["id"],
                "th": n["name_th"],
                "en": n["name_en"],
                "kind": n["kind"],
                "region": n["region"],
                "b": n["betweenness"],
                "slug": n["slug"],
            }
            for n in nodes
            if n["id"] in shown
        ],  # fmt: skip
        "edges": [{"s": e[0], "t": e[1], "w": e[2]} for e in kept],
        "all_nodes": len(nodes),
        "all_edges": len(edges),
    }


def rotation(now) -> dict:
    """Events per region per year, months since the last event in each region, the next region."""
    local = timezone.localtime(now)
    years = list(range(local.year - 4, local.year + 1))
    counts: dict[str, Counter] = defaultdict(Counter)
    last: dict[str, dt.datetime] = {}
    events = Event.objects.filter(status__in=(Event.Status.PUBLISHED, Event.Status.COMPLETED))
    for start, region, city_region in events.values_list(
        "start", "region", "host_city__region"
    ).iterator():
        region = region or city_region or ""
        if not region:
            continue
        year = timezone.localtime(start).year
        if year in years:
            counts[region][year] += 1
        if start <= now and (region not in last or start > last[region]):
            last[region] = start
    rows = []
    for code, _label in Region.choices:
        since = last.get(code)
        months = None
        if since:
            then = timezone.localtime(since)
            months = (local.year - then.year) * 12 + local.month - then.month
        rows.append(
            {"region": code, "years": [counts[code][y] for y in years],
             "last": _iso(since), "months_since": months}
        )  # fmt: skip
    # Never visited first, then the longest wait; ties go to the region with fewer events.
    waiting = sorted(
        rows,
        key=lambda r: (r["months_since"] is not None, -(r["months_since"] or 0), sum(r["years"])),
    )
    return {"years": years, "regions": rows, "suggested": waiting[0]["region"] if rows else None}


def tie_windows(now, length) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The scorecard's two windows of ``length``: the last one (up to tomorrow) and the one
    before it."""
    return ((now - length, now + DAY), (now - 2 * length, now - length))


def scorecard(act, members, orgs, nodes, window_ties, now) -> list[dict]:
    """The handbook's seven components, each now and one period earlier (its trend)."""
    active_orgs = {pk for pk, o in orgs.items() if o["status"] == Organisation.Status.ACTIVE}

    def windows(length):
        return tie_windows(now, length)

    def perception(start, end):
        # Organisations active in the window whose events or resources were on the network's
        # five most common topics of that window.
        from knowledge.models import Resource

        events = Event.objects.filter(
            start__gte=start, start__lt=end, status__in=activity_module.HELD_STATUSES
        )
        resources = Resource.objects.filter(
            created__gte=start, created__lt=end, status=Resource.Status.PUBLISHED
        )
        topic_counts = Counter(events.values_list("topics", flat=True)) + Counter(
            resources.values_list("topics", flat=True)
        )
        topic_counts.pop(None, None)
        top = [t for t, _n in topic_counts.most_common(5)]
        _p, active = act.active(start, end)
        active &= active_orgs
        on_topic = set(events.filter(topics__in=top).values_list("hosts", flat=True)) | set(
            resources.filter(topics__in=top).values_list("organisations", flat=True)
        )
        there = Registration.objects.filter(
            event__in=events.filter(topics__in=top), status__in=graphs.PRESENT
        )
        for person_id, org_id in there.values_list("person_id", "organisation_id"):
            on_topic |= act.organisations_of(person_id, org_id)
        return _share(len(active & on_topic), len(active)), len(active & on_topic), len(active)

    def vision(start, end):
        meetings = Event.objects.filter(
            kind__in=VISION_EVENT_KINDS, start__gte=start, start__lt=end,
            status__in=activity_module.HELD_STATUSES,
        )  # fmt: skip
        there = set(meetings.values_list("hosts", flat=True)) | set(
            meetings.values_list("delegations__organisation", flat=True)
        )
        for person_id, org_id, status in meetings.values_list(
            "registrations__person", "registrations__organisation", "registrations__status"
        ):
            if status in graphs.PRESENT:
                there |= act.organisations_of(person_id, org_id)
        part = active_orgs & there
        return _share(len(part), len(active_orgs)), len(part), len(active_orgs)

    done_at = {}
    for pledge_id, when in PledgeUpdate.objects.filter(status=Pledge.Status.DONE).values_list(
        "pledge_id", "created"
    ):
        done_at[pledge_id] = min(when, done_at.get(pledge_id, when))
    pledges = list(
        Pledge.objects.filter(due__isnull=False).values_list("pk", "due", "status", "updated")
    )

    def benefit(start, end):
        due = [p for p in pledges if start.date() <= p[1] < end.date()]
        kept = 0
        for pk, _due, status, updated in due:
            when = done_at.get(pk) or (updated if status == Pledge.Status.DONE else None)
            kept += bool(when and when < end)
        return _share(kept, len(due)), kept, len(due)

    def taking_part(start, end):
        _p, active = act.active(start, end)
        part = active & active_orgs
        return _share(len(part), len(active_orgs)), len(part), len(active_orgs)

    def ties_in(start, end):  # components 5 and 6, from the query of the all-time graph
        return window_ties[(start, end)], len(active_orgs & set(nodes))

    def complementary(start, end):
        figures, _among = ties_in(start, end)
        return round(figures["cross_kind_share"], 4), figures["pairs"], None

    def interdependence(start, end):
        figures, among = ties_in(start, end)
        share = figures["largest_component_share"]
        return round(share, 4), round(share * among), among

    def interaction(start, end):
        givers, _o = act.active(start, end, activity_module.GIVING)
        everyone, _o = act.active(start, end)
        return _share(len(givers), len(everyone)), len(givers), len(everyone)

    measures = {
        "perception": (perception, YEAR),
        "vision": (vision, YEAR),
        "benefit": (benefit, YEAR),
        "participation": (taking_part, QUIET_DAYS * DAY),
        "complementary": (complementary, YEAR),
        "interdependence": (interdependence, YEAR),
        "interaction": (interaction, QUIET_DAYS * DAY),
    }
    card = []
    for key in SEVEN:
        measure, length = measures[key]
        (now_window, before_window) = windows(length)
        value, part, whole = measure(*now_window)
        earlier, _part, _whole = measure(*before_window)
        card.append(
            {"key": key, "value": value, "previous": earlier, "trend": round(value - earlier, 4),
             "part": part, "whole": whole, "window_days": length.days}
        )  # fmt: skip
    return card


def compute(now: dt.datetime | None = None) -> tuple[dict, dict]:
    """(figures, graph) of the network as of ``now``."""
    now = now or timezone.now()
    # Two years back: the scorecard compares the last year with the year before.
    act = activity_module.collect(now, now - 2 * YEAR - DAY)
    members = activity_module.member_people()
    orgs = {
        pk: {"name_th": th, "name_en": en or th, "slug": slug, "kind": kind, "region": region or "",
             "status": status}
        for pk, th, en, slug, kind, region, status in Organisation.objects.values_list(
            "pk", "name_th", "name_en", "slug", "kind", "region", "status")
    }  # fmt: skip
    people = {
        pk: {"name_th": th or en, "name_en": en or th, "reachable": bool(email or account)}
        for pk, th, en, email, account in Person.objects.filter(pk__in=members)
        .values_list("pk", "name_th", "name_en", "email", "user__email")
        .iterator()
    }
    nodes = graphs.organisation_nodes()
    active_orgs = {pk for pk, o in orgs.items() if o["status"] == Organisation.Status.ACTIVE}
    graph, window_ties = graphs.tie_graph(
        nodes, now, windows=tie_windows(now, YEAR), among=active_orgs & set(nodes)
    )
    tie_figures, stored_graph = ties(graph, orgs)
    del graph  # the stored rows live on in stored_graph; the rest is not needed any more
    figures = {
        "as_of": now.isoformat(),
        "participation": participation(act, members, orgs, now),
        "quiet": quiet(act, members, orgs, people, now),
        "reciprocity": reciprocity(act, orgs, now),
        "ties": tie_figures,
        "rotation": rotation(now),
        "scorecard": scorecard(act, members, orgs, nodes, window_ties, now),
    }
    return figures, stored_graph


def summary_line(figures: dict, seconds: float) -> str:
    p, t, r = figures["participation"], figures["ties"], figures["rotation"]
    return (
        f"{p['organisations_90']}/{p['organisations_total']} organisations and "
        f"{p['people_90']}/{p['people_total']} people active in 90 days; "
        f"{figures['quiet']['organisations_count']} quiet organisations; "
        f"{t['nodes']} organisations, {t['edges']} ties, density {t['density']:.3f}, "
        f"{t['components']} components; next region: {r['suggested'] or '-'}; "
        f"computed in {seconds:.1f} s"
    )


def compute_and_store(now: dt.datetime | None = None) -> HealthSnapshot:
    """Compute the figures and store them as the newest snapshot (older ones beyond 30 pruned)."""
    started = time.monotonic()
    now = now or timezone.now()
    figures, stored_graph = compute(now)
    seconds = time.monotonic() - started
    with transaction.atomic():
        snapshot = HealthSnapshot.objects.create(
            computed_at=now,
            duration_ms=round(seconds * 1000),
            summary=summary_line(figures, seconds)[:300],
            figures=figures,
            graph=stored_graph,
        )
        old = HealthSnapshot.objects.order_by("-computed_at", "-pk").values_list("pk", flat=True)[
            KEEP_SNAPSHOTS:
        ]
        HealthSnapshot.objects.filter(pk__in=list(old)).delete()
        # Only the newest graph is exported; older snapshots keep their figures, not their ties.
        HealthSnapshot.objects.exclude(pk=snapshot.pk).exclude(graph={}).update(graph={})
    return snapshot
