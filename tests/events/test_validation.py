import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def errors_of(event):
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            event.full_clean()
        return {
            field: [str(m) for m in messages] for field, messages in info.value.message_dict.items()
        }


def test_end_before_start_is_refused():
    event = EventFactory.build(start=in_days(5), end=in_days(4))
    assert "cannot end before it starts" in errors_of(event)["end"][0]


def test_registration_closing_after_the_event_is_refused():
    event = EventFactory.build(registration_closes=in_days(30))
    assert "close before the event ends" in errors_of(event)["registration_closes"][0]


def test_negative_capacity_is_refused():
    event = EventFactory.build(capacity=-1)
    assert "capacity" in errors_of(event)


def test_multi_day_event_is_fine():
    event = EventFactory.build(start=in_days(5), end=in_days(6) + dt.timedelta(hours=8))
    event.full_clean()
