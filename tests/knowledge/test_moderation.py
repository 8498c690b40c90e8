"""Moderation in the admin: what was flagged, only flaggable kinds, confirmation, e-mail."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from knowledge.admin import FLAGGABLE_MODELS
from knowledge.models import Flag
from tests.factories import PersonFactory, UserFactory

from .factories import CommentFactory, ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db

FLAGS = "/en/admin/knowledge/flag/"


def test_flag_list_shows_the_flagged_text_and_links(
    client_for, coordinator, member, django_assert_max_num_queries
):
    reply = ReplyFactory(body="Buy cheap watches at example.com")
    Flag.objects.create(content=reply, reporter=member, reason="spam")
    for _ in range(5):
        Flag.objects.create(content=CommentFactory(), reporter=member, reason="abuse")
    client = client_for(coordinator)
    with django_assert_max_num_queries(16):
        html = client.get(FLAGS).content.decode()
    flagged = html.split('class="field-flagged">')[-1].split("</td>")[0]
    assert "Buy cheap watches at example.com" in flagged
    assert f'href="{reply.get_absolute_url()}"' in flagged
    assert f'href="/en/admin/knowledge/reply/{reply.pk}/change/"' in html


def test_flag_detail_shows_the_whole_post(client_for, coordinator, member):
    thread = ThreadFactory(title="Spam thread", body="A long message " * 30)
    flag = Flag.objects.create(content=thread, reporter=member, reason="spam")
    html = client_for(coordinator).get(f"{FLAGS}{flag.pk}/change/").content.decode()
    assert "Spam thread" in html
    assert ("A long message " * 30).strip() in html
    assert f'href="{thread.get_absolute_url()}"' in html


def test_kind_filter_lists_only_what_members_can_flag(client_for, coordinator):
    html = client_for(coordinator).get(FLAGS).content.decode()
    ids = ContentType.objects.get_for_models(*FLAGGABLE_MODELS)
    for content_type in ids.values():
        assert f"?content_type={content_type.pk}" in html
    # Nothing else: three kinds, not every table in the database.
    assert html.count("?content_type=") == 3
    assert "?content_type__id__exact" not in html


def test_coordinators_cannot_invent_a_flag(client_for, coordinator):
    assert client_for(coordinator).get(f"{FLAGS}add/").status_code == 403


def test_hiding_selected_replies_asks_first(client_for, coordinator):
    reply = ReplyFactory(body="Rude words")
    client = client_for(coordinator)
    url = reverse("admin:knowledge_reply_changelist")
    data = {"action": "hide_selected", "_selected_action": [reply.pk]}
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Rude words" in page.content.decode()
    reply.refresh_from_db()
    assert not reply.is_hidden
    client.post(url, {**data, "confirmed": "yes"})
    reply.refresh_from_db()
    assert reply.is_hidden


def test_members_flag_and_coordinators_get_an_email_with_the_text_and_a_link(
    client_for, member, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    thai_coordinator = UserFactory(email="thai@example.org", is_coordinator=True, is_staff=True)
    PersonFactory(user=thai_coordinator, language="th")
    coordinator.person.language = "en"
    coordinator.person.save()
    reply = ReplyFactory(body="Buy cheap watches")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            f"/en/knowledge/flag/reply/{reply.pk}/", {"reason": "spam", "note": "It is an advert"}
        )
    assert response.status_code == 302
    flag = Flag.objects.get()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"coordinator@example.org", "thai@example.org"}
    english = by_address["coordinator@example.org"]
    assert english.subject == "Reported post: Spam or advertising"
    assert "Buy cheap watches" in english.body
    assert "It is an advert" in english.body
    assert f"/en/admin/knowledge/flag/{flag.pk}/change/" in english.body
    assert reply.get_absolute_url() in english.body
    html = english.alternatives[0][0]
    assert "Buy cheap watches" in html
    assert f"/en/admin/knowledge/flag/{flag.pk}/change/" in html
    thai = by_address["thai@example.org"]
    assert "มีการรายงานโพสต์" in thai.subject
    assert f"/admin/knowledge/flag/{flag.pk}/change/" in thai.body
    assert "/en/" not in thai.body.split("admin/knowledge")[0][-40:]
    assert "รายงานโพสต์ด้วยเหตุผล" in thai.alternatives[0][0]
