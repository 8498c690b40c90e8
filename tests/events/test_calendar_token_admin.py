"""Coordinators cannot read anyone's calendar-feed token in the admin; they can revoke it."""

import pytest
from django.urls import reverse

from events.models import CalendarToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(member):
    return CalendarToken.objects.create(user=member)


def test_list_and_detail_pages_do_not_show_the_token(client_for, coordinator, token):
    client = client_for(coordinator)
    listing = client.get(reverse("admin:events_calendartoken_changelist"))
    assert listing.status_code == 200
    assert "member@example.org" in listing.content.decode()
    assert token.token not in listing.content.decode()
    detail = client.get(reverse("admin:events_calendartoken_change", args=[token.pk]))
    assert detail.status_code == 200
    assert token.token not in detail.content.decode()


def test_the_token_cannot_be_guessed_through_list_filters(client_for, coordinator, token):
    client = client_for(coordinator)
    client.raise_request_exception = False
    url = reverse("admin:events_calendartoken_changelist")
    for lookup in ("token__startswith", "token", "token__regex"):
        response = client.get(url, {lookup: token.token[:1]})
        # A refused lookup is a suspicious operation: 400, with nothing listed.
        assert response.status_code == 400, lookup
        assert "member@example.org" not in response.content.decode()


def test_tokens_cannot_be_added_or_edited(client_for, coordinator, token):
    client = client_for(coordinator)
    assert client.get(reverse("admin:events_calendartoken_add")).status_code == 403
    response = client.post(
        reverse("admin:events_calendartoken_change", args=[token.pk]),
        {"user": token.user_id, "token": "chosen-by-coordinator"},
    )
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.token != "chosen-by-coordinator"


def test_a_coordinator_revokes_a_token_and_the_person_gets_a_new_address(
    client_for, coordinator, member, token
):
    old = token.token
    client = client_for(coordinator)
    response = client.post(
        reverse("admin:events_calendartoken_delete", args=[token.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert client_for(None).get(reverse("events:personal_ics", args=[old])).status_code == 404
    page = client_for(member).get(reverse("events:mine")).content.decode()
    new = CalendarToken.objects.get(user=member).token
    assert new != old and new in page


@pytest.mark.parametrize("persona", [None, "outsider", "member", "editor"])
def test_only_coordinators_open_the_token_admin(request, client_for, token, persona):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(reverse("admin:events_calendartoken_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
