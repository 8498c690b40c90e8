import pytest

from tests.events.factories import PastEventFactory

pytestmark = pytest.mark.django_db


def test_member_comment_on_an_event_report_shows_under_the_report(client_for, member):
    event = PastEventFactory(report_summary_en="We saw the Mae Kok Noi restoration.")
    client = client_for(member)

    response = client.post(
        f"/en/knowledge/events/{event.slug}/comment/", {"body": "We will try this on our canals."}
    )
    assert response.status_code == 302

    html = client_for(None).get(f"/en/events/{event.slug}/").content.decode()
    assert "Comments on the report" in html
    assert "We will try this on our canals." in html


def test_outsider_cannot_comment_on_an_event_report(client_for, outsider):
    event = PastEventFactory(report_summary_en="Summary.")
    response = client_for(outsider).post(
        f"/en/knowledge/events/{event.slug}/comment/", {"body": "Spam"}
    )
    assert response.status_code in (403, 404)
    html = client_for(None).get(f"/en/events/{event.slug}/").content.decode()
    assert "Spam" not in html


def test_events_without_a_report_have_no_comment_section(client):
    event = PastEventFactory()
    assert "Comments on the report" not in client.get(f"/en/events/{event.slug}/").content.decode()
