"""Texts written about events: pledges and their follow-ups are capped, event texts render once."""

import pytest
from django.urls import reverse

from events.models import Event, Pledge
from network.lib import textlimits

from .factories import EventFactory, PastEventFactory, PledgeFactory

pytestmark = pytest.mark.django_db

# reverse() gives the Thai (default-language) address: the message is in Thai there.
TOO_LONG = "ข้อความนี้ยาวเกินไป"


def test_a_pledge_over_the_limit_is_refused_and_kept(client_for, member, organisation):
    event = PastEventFactory(kind=Event.Kind.STUDY_VISIT)
    action = "นำไปใช้ " + "p" * textlimits.SHORT
    response = client_for(member).post(
        reverse("events:pledge_create", args=[event.slug]),
        {"action": action, "organisation": organisation.pk, "due": "2027-06-30"},
    )
    html = response.content.decode()
    assert TOO_LONG in html and action in html
    assert not Pledge.objects.exists()


def test_a_pledge_update_note_over_the_limit_is_refused(
    client_for, member, django_assert_max_num_queries
):
    pledge = PledgeFactory(person=member.person)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.post(
            reverse("events:pledge_update", args=[pledge.pk]),
            {"status": "done", "note": "n" * (textlimits.SHORT + 1)},
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_LONG in html and "n" * (textlimits.SHORT + 1) in html
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PLANNED and not pledge.updates.exists()


def test_event_texts_are_shown_from_their_stored_html(client):
    event = EventFactory(
        description_en="Meet at **Hat Yai** city hall.",
        lessons_en="- keep the canals clear",
    )
    event.refresh_from_db()
    assert event.description_html_en == "<p>Meet at <strong>Hat Yai</strong> city hall.</p>"
    Event.objects.filter(pk=event.pk).update(description_html_en="<p>stored once</p>")
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "stored once" in html
