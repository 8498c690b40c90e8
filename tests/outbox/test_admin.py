"""Coordinators see the outbox in the admin, filter and search it, read why a message failed and
resend it; nobody else sees it."""

import pytest

from network.lib import emails
from network.models import OutboxMessage

pytestmark = pytest.mark.django_db
State = OutboxMessage.State
URL = "/en/admin/network/outboxmessage/"


@pytest.fixture
def rows():
    made = [
        emails.queue(
            "members/emails/join_decision",
            kind=kind,
            to=address,
            language="en",
            context={"organisation_name": "Phuket"},
        )
        for kind, address in [
            ("digest", "daily@example.org"),
            ("announcement", "news@example.org"),
            ("events.confirmation", "bounced@example.org"),
        ]
    ]
    OutboxMessage.objects.filter(pk=made[2].pk).update(
        state=State.FAILED, attempts=1, last_error="550 5.1.1 No such mailbox"
    )
    return made


@pytest.mark.parametrize("persona", [None, "outsider", "member"])
def test_only_coordinators_see_the_outbox(client_for, persona, request, rows):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(URL)
    assert response.status_code == 302  # to the admin login
    response = client_for(user).post(
        URL, {"action": "resend_failed", "_selected_action": [rows[2].pk]}
    )
    assert response.status_code == 302
    assert OutboxMessage.objects.get(pk=rows[2].pk).state == State.FAILED


def test_the_changelist_filters_by_state_and_kind_and_searches_recipients(
    client_for, coordinator, rows, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        html = client.get(URL, {"state": "failed"}).content.decode()
    assert "bounced@example.org" in html and "daily@example.org" not in html
    html = client.get(URL, {"kind": "digest"}).content.decode()
    assert "daily@example.org" in html and "news@example.org" not in html
    html = client.get(URL, {"q": "news@"}).content.decode()
    assert "news@example.org" in html and "bounced@example.org" not in html
    html = client.get(URL, {"created__gte": "2000-01-01"}).content.decode()
    assert "news@example.org" in html


def test_a_coordinator_reads_the_reason_and_resends_a_failed_message(
    client_for, coordinator, rows, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    page = client.get(f"{URL}{rows[2].pk}/change/").content.decode()
    assert "550 5.1.1 No such mailbox" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"action": "resend_failed", "_selected_action": [r.pk for r in rows]}
        )
    assert response.status_code == 302
    failed = OutboxMessage.objects.get(pk=rows[2].pk)
    assert failed.state == State.SENT and failed.attempts == 1
    assert [m.to for m in mailoutbox] == [["bounced@example.org"]]
