"""What visitors and members stumbled on around events: members-only events they could not
find, "0 seats left", cancelling without a question, calendar files for 2014, date pickers."""

import pytest
from django.urls import reverse

from events.models import Event, Pledge

from .factories import EventFactory, PastEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def members_only(**kwargs):
    return EventFactory(
        visibility=Event.Visibility.MEMBERS, title_en="Secret study visit", **kwargs
    )


@pytest.mark.parametrize("url", ["/en/events/", "/en/events/calendar/"])
def test_visitors_are_told_how_many_members_only_events_exist(client, url):
    members_only()
    members_only()
    EventFactory(title_en="Open seminar")
    html = client.get(url).content.decode()
    assert "There are also 2 members-only events here." in html
    assert "Secret study visit" not in html
    assert f'/en/accounts/login/?next={url}"' in html


def test_outsiders_are_invited_to_join_and_members_see_the_events(client_for, outsider, member):
    members_only()
    html = client_for(outsider).get("/en/events/").content.decode()
    assert "There is also 1 members-only event here." in html
    assert "/en/members/join/" in html
    html = client_for(member).get("/en/events/").content.decode()
    assert "members-only event" not in html
    assert "Secret study visit" in html


def test_a_members_only_event_is_a_404_that_offers_sign_in_without_its_title(client):
    event = members_only()
    response = client.get(f"/en/events/{event.slug}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Secret study visit" not in html
    assert f'/en/accounts/login/?next=/en/events/{event.slug}/"' in html


def test_a_full_event_says_full_not_zero_seats(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Full" in html
    assert "0 seats left" not in html


def test_cancelling_asks_first(client_for, member):
    event = EventFactory()
    RegistrationFactory(event=event, person=member.person)
    html = client_for(member).get(f"/en/events/{event.slug}/").content.decode()
    # The button opens the question; only the second button posts.
    details = html.split('<details class="cancel-registration">')[1].split("</details>")[0]
    assert "<summary" in details
    assert "Your seat goes to the next person on the waiting list." in details
    assert f'action="/en/events/{event.slug}/cancel/"' in details


def test_no_calendar_file_offered_for_past_events(client):
    past = PastEventFactory()
    html = client.get(f"/en/events/{past.slug}/").content.decode()
    assert reverse("events:event_ics", args=[past.slug]) not in html
    assert "Add to calendar" not in html
    upcoming = EventFactory()
    html = client.get(f"/en/events/{upcoming.slug}/").content.decode()
    assert "Add to calendar" in html


def test_pledge_due_date_is_typed_day_month_year_in_either_era(client_for, member, organisation):
    event = PastEventFactory(kind=Event.Kind.STUDY_VISIT)
    html = client_for(member).get(f"/events/{event.slug}/").content.decode()
    assert 'type="date"' not in html
    assert 'placeholder="วว/ดด/ปปปป"' in html
    response = client_for(member).post(
        reverse("events:pledge_create", args=[event.slug]),
        {"action": "Restore the canal", "organisation": organisation.pk, "due": "30/06/2570"},
    )
    assert response.status_code == 302
    assert str(Pledge.objects.get().due) == "2027-06-30"
