"""The month view answers every ?month= with a page or a 404, never a server error."""

import pytest
from django.urls import reverse

from .factories import EventFactory

pytestmark = pytest.mark.django_db

URL = "/en/events/calendar/"


@pytest.mark.parametrize(
    "month", ["9999-12", "1-1", "99999999999999999999-1", "1949-12", "2101-1", "10000-1", "0-1"]
)
def test_a_month_outside_the_calendar_years_is_not_found(client, month):
    assert client.get(URL, {"month": month}).status_code == 404


@pytest.mark.parametrize(
    "month", ["garbage", "2024-13", "2024-0", "2024", "2024-1-1", "-1", "1" * 5000 + "-1", ""]
)
def test_a_malformed_month_shows_this_month(client, month):
    response = client.get(URL, {"month": month})
    assert response.status_code == 200
    assert response.context["first"].day == 1


def test_first_and_last_months_have_no_link_beyond_the_calendar(client):
    first = client.get(URL, {"month": "1950-1"}).content.decode()
    assert 'rel="prev"' not in first and '?month=1950-2"' in first
    last = client.get(URL, {"month": "2100-12"}).content.decode()
    assert 'rel="next"' not in last and '?month=2100-11"' in last


def test_thai_page_shows_the_buddhist_era_year(client):
    EventFactory()
    html = client.get(reverse("events:calendar"), {"month": "2014-3"}).content.decode()
    assert "2557" in html
