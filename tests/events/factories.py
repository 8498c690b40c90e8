"""factory_boy factories for events."""

import datetime as dt

import factory
from django.utils import timezone

from events.models import Event, Pledge, Registration
from tests.factories import PersonFactory


def in_days(days: float, hour: int = 9) -> dt.datetime:
    base = timezone.localtime() + dt.timedelta(days=days)
    return base.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.SEMINAR
    title_th = factory.Sequence(lambda n: f"เสวนาทดสอบ {n}")
    title_en = factory.Sequence(lambda n: f"Test seminar {n}")
    slug = factory.Sequence(lambda n: f"test-event-{n}")
    description_th = "รายละเอียด **เสวนา**"
    description_en = "About the **seminar**"
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=7))
    venue_name = "Town hall"
    region = "north"
    status = Event.Status.PUBLISHED
    visibility = Event.Visibility.PUBLIC
    capacity = 50

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if create and extracted:
            self.hosts.set(extracted)


class PastEventFactory(EventFactory):
    start = factory.LazyFunction(lambda: in_days(-30))
    status = Event.Status.COMPLETED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    status = Registration.Status.CONFIRMED


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    event = factory.SubFactory(PastEventFactory)
    person = factory.SubFactory(PersonFactory)
    action = "Restore our canals the way Chiang Rai restored the Mae Kok Noi"
