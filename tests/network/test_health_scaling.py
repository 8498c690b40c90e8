"""The health computation and the recognition rebuild read in chunks: their number of queries
does not grow with the number of people, events, registrations, resources or replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Delegation, Event, Pledge, PledgeUpdate
from knowledge.models import Resource
from network.health.compute import compute_and_store
from network.recognition.models import Contribution
from network.recognition.points import rebuild
from tests.events.factories import EventFactory
from tests.knowledge.factories import ReplyFactory, ResourceFactory, ThreadFactory
from tests.network.test_health_metrics import ago, meeting, org, person_of

pytestmark = pytest.mark.django_db


def grow(round_: int) -> None:
    """One more slice of a network with every kind of record the two jobs read."""
    city = org(f"city-{round_}")
    university = org(f"uni-{round_}", kind="academic", region="south")
    ngo = org(f"ngo-{round_}", kind="ngo", region="central")
    seminar = meeting(city, university, ngo, days_ago=10 + round_)
    meeting(university, ngo, days_ago=400 + round_, kind=Event.Kind.EXCHANGE)
    asker, answerer = person_of(city), person_of(university)
    resource = ResourceFactory(status=Resource.Status.PUBLISHED, created_by=answerer.user)
    resource.organisations.set([city, ngo])
    resource.authors.add(answerer)
    thread = ThreadFactory(author=asker.user)
    ReplyFactory(thread=thread, author=answerer.user, is_helpful=True)
    visit = EventFactory(
        start=ago(30 + round_), status=Event.Status.COMPLETED, kind=Event.Kind.STUDY_VISIT,
        host_city=city,
    )  # fmt: skip
    Delegation.objects.create(event=visit, organisation=ngo, lead=answerer, participants=3)
    pledge = Pledge.objects.create(
        event=seminar, person=asker, organisation=city, action="Map the flood lanes",
        due=ago(5).date(), status=Pledge.Status.DONE,
    )  # fmt: skip
    PledgeUpdate.objects.create(pledge=pledge, status=Pledge.Status.DONE, note="Done")


def queries(job) -> int:
    with CaptureQueriesContext(connection) as captured:
        job()
    return len(captured)


def test_health_computation_queries_do_not_grow_with_the_network():
    grow(1)
    small = queries(compute_and_store)
    for round_ in range(2, 8):
        grow(round_)
    assert queries(compute_and_store) == small


def test_recognition_rebuild_queries_do_not_grow_with_the_records():
    grow(1)
    small = queries(rebuild)
    lines = Contribution.objects.count()
    for round_ in range(2, 8):
        grow(round_)
    assert queries(rebuild) == small
    assert Contribution.objects.count() == 7 * lines  # the records did grow, sevenfold
