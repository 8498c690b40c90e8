"""/accounts/preferences/ and the one-click unsubscribe at /unsubscribe/<token>/ (RFC 8058)."""

import re

import pytest
from django.urls import reverse

from members.models import Topic
from network.models import EmailPreferences, Suppression
from network.outbox import service

pytestmark = pytest.mark.django_db


def test_preferences_ask_to_sign_in(client):
    response = client.get(reverse("preferences"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("preferences"), {"digest": "never"})
    assert response.status_code == 302 and not EmailPreferences.objects.exists()


def test_preferences_show_the_defaults_within_a_query_budget(
    client_for, member, django_assert_max_num_queries
):
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.get("/en/accounts/preferences/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'name="digest" value="weekly"[^>]*checked', html)
    assert re.search(r'name="language" value="th"[^>]*checked', html)
    assert "Topics of interest" in html and Topic.objects.get(slug="flooding").name_en in html


def test_an_outsider_saves_their_preferences_and_language(client_for, outsider):
    flooding = Topic.objects.get(slug="flooding")
    response = client_for(outsider).post(
        "/en/accounts/preferences/",
        {
            "digest": "monthly",
            "language": "en",
            "topics": [flooding.pk],
            "regions": ["south", "north"],
            "replies": "on",
            "reminders": "on",
        },
    )
    assert response.status_code == 302
    prefs = EmailPreferences.objects.get(user=outsider)
    assert prefs.digest == "monthly" and list(prefs.topics.all()) == [flooding]
    assert sorted(prefs.regions) == ["north", "south"]
    assert prefs.replies and prefs.reminders
    assert not (prefs.announcements or prefs.event_changes or prefs.review_results)
    outsider.person.refresh_from_db()
    assert outsider.person.language == "en"


def test_bad_input_re_renders_the_form_with_an_error(client_for, member):
    response = client_for(member).post(
        "/en/accounts/preferences/", {"digest": "hourly", "language": "fr"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not EmailPreferences.objects.exists()


def test_the_account_menu_links_to_the_preferences(client_for, member):
    html = client_for(member).get("/en/").content.decode()
    assert 'href="/en/accounts/preferences/"' in html


def unsubscribe_url(address, kind, prefix=""):
    return f"{prefix}/unsubscribe/{service.unsubscribe_token(address, kind)}/"


def test_unsubscribe_get_says_what_will_stop_and_changes_nothing(
    client, member, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(unsubscribe_url(member.email, "digest", "/en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "member@example.org will no longer receive the digest" in html
    assert "Unsubscribe</button>" in html
    assert not EmailPreferences.objects.exists()


def test_unsubscribe_post_without_signing_in_stops_the_digest(client, member):
    response = client.post(
        unsubscribe_url(member.email, "digest"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert EmailPreferences.objects.get(user=member).digest == "never"
    assert not service.wants(EmailPreferences.objects.get(user=member).user, "digest")
    # The confirmation page no longer offers the button.
    html = client.get(unsubscribe_url(member.email, "digest", "/en")).content.decode()
    assert "no longer receives the digest" in html and "Unsubscribe</button>" not in html


def test_unsubscribe_from_reminders_only_switches_reminders_off(client, member):
    client.post(unsubscribe_url(member.email, "reminder.event_1d"))
    prefs = EmailPreferences.objects.get(user=member)
    assert not prefs.reminders and prefs.digest == "weekly" and prefs.announcements


def test_an_address_without_an_account_is_suppressed(client):
    client.post(unsubscribe_url("guest@example.org", "announcement"))
    assert Suppression.objects.filter(address="guest@example.org", kind="announcement").exists()
    assert (
        service.record(
            "members/emails/join_decision",
            kind="announcement",
            to="guest@example.org",
            bulk=True,
            context={"organisation_name": "x"},
        )
        is None
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_altered_token_is_refused_with_a_clear_page(client, member, method):
    good = service.unsubscribe_token(member.email, "digest")
    for token in [good[:-2] + ("AA" if not good.endswith("AA") else "BB"), "forged", "a:b:c"]:
        response = getattr(client, method)(f"/en/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not EmailPreferences.objects.exists()
