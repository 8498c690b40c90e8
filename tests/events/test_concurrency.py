import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.factories import PersonFactory

from .factories import EventFactory


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_registrations_for_ten_seats_confirm_exactly_ten():
    event = EventFactory(capacity=10)
    persons = [PersonFactory() for _ in range(30)]
    barrier = threading.Barrier(30)
    errors = []

    def attempt(person):
        try:
            barrier.wait()
            services.register(event=event, person=person)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in persons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 10
    assert statuses.count(Registration.Status.WAITING) == 20
