import pytest
from django.utils import translation

from events.models import Event, Pledge
from network.demo import events as demo_events
from network.demo import members as demo_members

pytestmark = pytest.mark.django_db


def test_demo_events_load_twice_without_duplicates():
    demo_members.load()
    demo_events.load()
    counts = (Event.objects.count(), Pledge.objects.count())
    demo_events.load()
    assert (Event.objects.count(), Pledge.objects.count()) == counts


def test_demo_has_the_handbook_events_and_upcoming_ones():
    demo_events.load()  # without the members demo: organisations are created as needed
    visit = Event.objects.get(slug="chiang-rai-study-visit-2014")
    with translation.override("en"):
        assert (visit.start.day, visit.start.month, visit.start.year) == (6, 3, 2014)
    hat_yai = Event.objects.get(slug="hat-yai-study-visit-2014")
    assert hat_yai.delegations.count() == 8
    third = Event.objects.get(slug="exchange-meeting-3")
    assert third.resolutions_en.count("\n") == 11
    assert Pledge.objects.filter(action__contains="แม่กกน้อย").exists()
    assert Event.objects.upcoming().published().count() >= 4
    regions = set(Event.objects.upcoming().values_list("region", flat=True))
    assert len(regions) >= 4
