"""Announcements: segment, recipient count and preview in both languages, sent through the
outbox once, optionally published as news."""

import pytest

from events.models import Registration
from knowledge.models import Resource
from members.models import Topic
from network import announcements
from network.models import Announcement, EmailPreferences, OutboxMessage
from network.tasks import deliver_outbox
from tests.events.factories import EventFactory
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "/en/admin/network/announcement/"


def announce(**kwargs):
    defaults = {
        "title_th": "ประชุมประจำปีเครือข่าย",
        "title_en": "The network's annual meeting",
        "body_th": "ขอเชิญสมาชิกทุกท่านร่วมประชุม",
        "body_en": "Every member is invited.",
    }
    return Announcement.objects.create(**{**defaults, **kwargs})


def test_segments_choose_the_right_people(
    member, editor, outsider, coordinator, other_organisation
):
    assert {u.email for u in announcements.recipients(announce())} == {
        member.email,
        editor.email,
        outsider.email,
        coordinator.email,
    }
    editors = announcements.recipients(announce(segment="editors"))
    assert [u.email for u in editors] == [editor.email]
    north = announcements.recipients(announce(segment="region", region="north"))
    assert {u.email for u in north} == {member.email, editor.email}
    assert announcements.recipients(announce(segment="region", region="south")) == []
    flooding = Topic.objects.get(slug="flooding")
    EmailPreferences.objects.create(user=outsider).topics.add(flooding)
    topical = announcements.recipients(announce(segment="topic", topic=flooding))
    assert [u.email for u in topical] == [outsider.email]
    event = EventFactory()
    Registration.objects.create(event=event, person=member.person, status="confirmed")
    Registration.objects.create(
        event=event, person=PersonFactory(user=None, email="guest@example.org"), status="waiting"
    )
    Registration.objects.create(event=event, person=editor.person, status="cancelled")
    registrants = announcements.recipients(announce(segment="event", event=event))
    assert sorted(r if isinstance(r, str) else r.email for r in registrants) == [
        "guest@example.org",
        member.email,
    ]


def test_sending_goes_through_the_outbox_once_in_each_language(
    member, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    outsider.person.language = "en"
    outsider.person.save()
    EmailPreferences.objects.create(user=member, announcements=False)
    item = announce(publish_as_news=True)
    assert announcements.recipient_count(item) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert announcements.send(item) == 1
        assert announcements.send(item) == 0  # a second press reaches nobody twice
    deliver_outbox()
    (message,) = mailoutbox
    assert message.to == [outsider.email] and message.subject == "The network's annual meeting"
    assert "Every member is invited." in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutboxMessage.objects.get().kind == "announcement"
    item.refresh_from_db()
    assert item.sent_at and item.recipients == 1
    news = Resource.objects.get(pk=item.news_id)
    assert news.kind == "news" and news.status == "published" and news.title_th == item.title_th


def test_the_admin_shows_count_and_both_previews_then_sends(
    client_for,
    coordinator,
    member,
    mailoutbox,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    item = announce()
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        html = client.get(f"{URL}{item.pk}/change/").content.decode()
    assert "This e-mail will go to 2 people." in html
    assert "ประชุมประจำปีเครือข่าย" in html and "The network&#x27;s annual meeting" in html
    assert "Every member is invited." in html and "ขอเชิญสมาชิกทุกท่านร่วมประชุม" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{item.pk}/send/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == [coordinator.email, member.email]


def test_a_segment_without_its_choice_is_refused_with_a_clear_error(client_for, coordinator):
    response = client_for(coordinator).post(
        f"{URL}add/",
        {"title_th": "ทดสอบ", "body_th": "ข้อความ", "segment": "region", "region": ""},
    )
    assert response.status_code == 200
    assert "Choose who receives it for this segment." in response.content.decode()
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("persona", [None, "outsider", "member"])
def test_only_coordinators_compose_and_send(client_for, persona, request, mailoutbox):
    user = request.getfixturevalue(persona) if persona else None
    item = announce()
    assert client_for(user).get(f"{URL}{item.pk}/change/").status_code == 302
    assert client_for(user).post(f"{URL}{item.pk}/send/").status_code == 302
    assert not OutboxMessage.objects.exists()
    item.refresh_from_db()
    assert item.sent_at is None
