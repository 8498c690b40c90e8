"""Each health measure on a small hand-built network whose answers are known."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Delegation, Event, Pledge, Registration
from knowledge.models import Resource
from network.health import graph
from network.health.compute import compute
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.knowledge.factories import ReplyFactory, ResourceFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def org(slug, kind="municipality", region="north"):
    return OrganisationFactory(
        slug=slug, name_en=slug.title(), name_th=slug, kind=kind, region=region
    )


def person_of(organisation, **kwargs):
    person = PersonFactory(**kwargs)
    MembershipFactory(person=person, organisation=organisation)
    return person


def meeting(*organisations, days_ago=20, region="north", kind=Event.Kind.SEMINAR):
    """A past event every organisation attended through one of its people."""
    event = EventFactory(
        start=ago(days_ago), status=Event.Status.COMPLETED, region=region, kind=kind
    )
    for organisation in organisations:
        RegistrationFactory(
            event=event,
            person=person_of(organisation),
            organisation=organisation,
            status=Registration.Status.ATTENDED,
        )
    return event


@pytest.fixture
def two_groups():
    """Cities a1–a3 meet each other, universities b1–b3 meet each other, the NGO x meets one of
    each; z never takes part."""
    a1, a2, a3 = (org(f"a{n}") for n in (1, 2, 3))
    b1, b2, b3 = (org(f"b{n}", kind="academic", region="south") for n in (1, 2, 3))
    x = org("broker", kind="ngo", region="central")
    z = org("isolated", kind="community", region="east")
    meeting(a1, a2, a3)
    meeting(b1, b2, b3, region="south")
    meeting(x, a1)
    meeting(x, b1, region="south")
    return {"a1": a1, "b1": b1, "x": x, "z": z}


def test_broker_between_two_groups_has_the_highest_betweenness(two_groups):
    figures, stored = compute()
    brokers = figures["ties"]["brokers"]
    assert brokers[0]["slug"] == "broker"
    assert brokers[0]["betweenness"] > max(b["betweenness"] for b in brokers[1:])
    # It reaches cities and universities, in two other regions.
    assert brokers[0]["kinds_bridged"] == 2
    assert brokers[0]["regions_bridged"] == 2
    broker = next(n for n in stored["nodes"] if n["slug"] == "broker")
    assert broker["degree"] == 2


def test_isolated_organisation_is_listed_and_counts_as_its_own_component(two_groups):
    figures, _stored = compute()
    ties = figures["ties"]
    assert [o["slug"] for o in ties["isolated"]] == ["isolated"]
    assert ties["components"] == 2  # everyone linked through the broker, plus the isolated one
    assert ties["largest_component"] == 7
    assert ties["nodes"] == 8
    # 3 + 3 ties in the groups, 2 through the broker.
    assert ties["edges"] == 8
    assert ties["density"] == round(8 / 28, 4)


def test_ties_add_up_events_resources_replies_and_study_visits():
    city, university = org("city"), org("uni", kind="academic")
    asker, answerer = person_of(city), person_of(university)
    meeting(city, university)
    resource = ResourceFactory(status=Resource.Status.PUBLISHED)
    resource.organisations.set([city, university])
    thread = ThreadFactory(author=asker.user)
    ReplyFactory(thread=thread, author=answerer.user)
    visit = EventFactory(
        start=ago(40), status=Event.Status.COMPLETED, kind=Event.Kind.STUDY_VISIT, host_city=city
    )
    Delegation.objects.create(event=visit, organisation=university, participants=4)

    weights = graph.tie_weights(timezone.now())
    assert dict(weights[tuple(sorted((city.pk, university.pk)))]) == {
        "events": 2,  # the seminar and the visit itself
        "resources": 1,
        "replies": 1,
        "visits": 1,
    }


def test_region_without_events_for_longest_is_suggested():
    waited = {"east": 30, "north": 1, "northeast": 2, "central": 3, "west": 4, "south": 5,
              "bangkok": 6}  # fmt: skip
    for region, months in waited.items():
        EventFactory(start=ago(months * 30.5), status=Event.Status.COMPLETED, region=region)
    EventFactory(start=ago(-10), region="east")  # scheduled, not held yet: east still waits

    rotation = compute()[0]["rotation"]
    assert rotation["suggested"] == "east"
    east = next(r for r in rotation["regions"] if r["region"] == "east")
    assert east["months_since"] in (30, 31)  # calendar months, whatever the day of the month
    assert sum(east["years"]) == 2  # both counted per year: the held one and the scheduled one


def test_a_region_that_never_had_an_event_comes_before_any_other():
    for region in ("north", "northeast", "central", "east", "south", "bangkok"):
        EventFactory(start=ago(400), status=Event.Status.COMPLETED, region=region)
    assert compute()[0]["rotation"]["suggested"] == "west"


def test_participation_counts_people_and_organisations_active_in_30_and_90_days():
    recent, earlier, silent = org("recent"), org("earlier"), org("silent")
    r = person_of(recent)
    e = person_of(earlier)
    person_of(silent)
    RegistrationFactory(person=r, organisation=recent)
    Registration.objects.filter(person=r).update(created=ago(5))
    RegistrationFactory(person=e)
    Registration.objects.filter(person=e).update(created=ago(60))

    p = compute()[0]["participation"]
    assert (p["people_total"], p["organisations_total"]) == (3, 3)
    assert (p["people_30"], p["people_90"]) == (1, 2)
    assert (p["organisations_30"], p["organisations_90"]) == (1, 2)
    assert p["organisations_90_share"] == round(2 / 3, 4)
    assert sum(month["people"] for month in p["trend"][-3:]) >= 2
    # Sector × region: the three are northern municipalities, two of them active.
    assert p["sector_region"]["municipality"]["north"] == [2, 3]


def test_quiet_members_are_listed_with_their_last_activity():
    lively, quiet = org("lively"), org("quiet")
    talker = person_of(lively)
    sleeper = person_of(quiet)
    RegistrationFactory(person=talker)
    RegistrationFactory(person=sleeper)
    Registration.objects.filter(person=sleeper).update(created=ago(200))

    q = compute()[0]["quiet"]
    assert [o["slug"] for o in q["organisations"]] == ["quiet"]
    assert q["organisations"][0]["last"][:10] == ago(200).isoformat()[:10]
    assert [p["id"] for p in q["people"]] == [sleeper.pk]
    assert q["people"][0]["reachable"] is True


def test_reciprocity_tells_givers_from_receivers_and_measures_answers():
    giver_org, taker_org = org("giver"), org("taker", kind="ngo")
    giver, taker = person_of(giver_org), person_of(taker_org)
    RegistrationFactory(person=taker, organisation=taker_org)
    question = ThreadFactory(author=taker.user)
    ReplyFactory(thread=question, author=giver.user)
    unanswered = ThreadFactory(author=taker.user)
    ReplyFactory(thread=unanswered, author=taker.user)  # answering yourself is not an answer

    r = compute()[0]["reciprocity"]
    # The taker posted questions (giving), so only registering would not make it receive-only.
    assert r["questions"] == 2
    assert r["questions_answered"] == 1
    assert r["questions_answered_share"] == 0.5
    assert r["median_hours_to_answer"] is not None
    assert r["replies"] == 2
    assert r["replies_across"] == 1


def test_an_organisation_that_only_attends_is_listed_as_only_receiving():
    host, guest = org("host"), org("guest", kind="ngo")
    meeting(guest)  # attended, never gave
    resource = ResourceFactory(status=Resource.Status.PUBLISHED)
    resource.organisations.set([host])

    r = compute()[0]["reciprocity"]
    assert [o["slug"] for o in r["only_receive"]] == ["guest"]
    assert r["organisations_giving"] == 1


def test_scorecard_has_the_seven_components_with_values_and_trends(two_groups):
    pledger = person_of(two_groups["a1"])
    Pledge.objects.create(
        event=Event.objects.first(), person=pledger, action="Map flood-prone lanes",
        due=(timezone.now() - dt.timedelta(days=10)).date(), status=Pledge.Status.DONE,
    )  # fmt: skip
    Pledge.objects.create(
        event=Event.objects.first(), person=pledger, action="Train volunteers",
        due=(timezone.now() - dt.timedelta(days=20)).date(),
    )  # fmt: skip
    card = {row["key"]: row for row in compute()[0]["scorecard"]}
    assert list(card) == [
        "perception", "vision", "benefit", "participation", "complementary", "interdependence",
        "interaction",
    ]  # fmt: skip
    # 7 of the 8 member organisations took part in the last 90 days; none the 90 before.
    assert card["participation"]["value"] == round(7 / 8, 4)
    assert card["participation"]["trend"] == round(7 / 8, 4)
    assert card["benefit"]["value"] == 0.5
    # Two of the eight ties (broker–city, broker–university) cross sectors.
    assert card["complementary"]["value"] == round(2 / 8, 4)
    assert card["interdependence"]["value"] == round(7 / 8, 4)
    assert card["vision"]["value"] == 0.0  # no annual or exchange meeting in the year
