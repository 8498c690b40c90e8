"""Long and hostile Markdown in the library and the discussions: pages stay up, limits are clear."""

import pytest
from django.urls import reverse

from knowledge import services
from knowledge.models import Comment, Reply, Resource
from network.lib import textlimits

from .factories import ResourceFactory, ThreadFactory
from .test_posting import NEW, form_data

pytestmark = pytest.mark.django_db

TOO_LONG = "This text is too long"


def reply_url(thread):
    return f"/en/knowledge/discussions/{thread.pk}/reply/"


def test_a_reply_of_20000_brackets_is_stored_once_and_its_page_answers(
    client_for, member, django_assert_max_num_queries
):
    """Python-Markdown took minutes on this, on every view; now it is rendered once, on save."""
    thread = ThreadFactory()
    client = client_for(member)
    assert client.post(reply_url(thread), {"body": "[" * 20_000}).status_code == 302
    reply = Reply.objects.get()
    assert reply.body_html.count("[") == 20_000
    with django_assert_max_num_queries(9):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "[" * 20_000 in response.content.decode()


def test_a_reply_over_the_limit_comes_back_with_the_message_and_the_text(
    client_for, member, django_assert_max_num_queries
):
    thread = ThreadFactory()
    text = "คำตอบที่ยาวมาก " + "x" * textlimits.VERY_LONG
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.post(reply_url(thread), {"body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_LONG in html and "20,000" in html
    assert text in html  # in the textarea, to shorten
    assert not Reply.objects.exists()


def test_the_limit_message_is_in_thai_on_thai_pages(client_for, member):
    thread = ThreadFactory()
    response = client_for(member).post(
        f"/knowledge/discussions/{thread.pk}/reply/", {"body": "ก" * (textlimits.VERY_LONG + 1)}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "ข้อความนี้ยาวเกินไป" in html and TOO_LONG not in html


def test_a_reply_at_the_limit_is_accepted(client_for, member):
    thread = ThreadFactory()
    response = client_for(member).post(reply_url(thread), {"body": "ก" * textlimits.VERY_LONG})
    assert response.status_code == 302 and Reply.objects.count() == 1


def test_a_comment_over_the_limit_comes_back_in_its_form(
    client_for, member, django_assert_max_num_queries
):
    resource = ResourceFactory()
    url = reverse("knowledge:comment", kwargs={"slug": resource.slug})
    text = "ความเห็น " + "y" * textlimits.LONG
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.post(url, {"body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_LONG in html and text in html and f'action="{url}"' in html
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused_in_its_form_too(client_for, member):
    resource = ResourceFactory()
    url = reverse("knowledge:comment", kwargs={"slug": resource.slug})
    response = client_for(member).post(url, {"body": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_a_resource_text_over_the_limit_is_refused_and_kept(client_for, member):
    body = "เนื้อหา " + "z" * textlimits.DOCUMENT
    response = client_for(member).post(NEW, form_data(body_en=body, context_en="ok"))
    assert response.status_code == 400
    html = response.content.decode()
    assert TOO_LONG in html and "50,000" in html and body in html
    assert not Resource.objects.exists()


def test_a_case_study_section_over_the_limit_is_refused(client_for, member):
    response = client_for(member).post(NEW, form_data(lessons_th="l" * (textlimits.LONG + 1)))
    assert response.status_code == 400 and TOO_LONG in response.content.decode()


def test_editing_a_resource_renders_its_new_text_once_into_the_page(client_for, coordinator):
    resource = ResourceFactory(body_en="old words", created_by=coordinator)
    response = client_for(coordinator).post(
        reverse("knowledge:edit", kwargs={"slug": resource.slug}),
        form_data(title_en="Changed", body_en="**new** words", outcomes_en="- fewer floods"),
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.body_html_en == "<p><strong>new</strong> words</p>"
    assert "<li>fewer floods</li>" in resource.outcomes_html_en
    html = client_for(coordinator).get(resource.get_absolute_url()).content.decode()
    assert "<strong>new</strong> words" in html and "old words" not in html


def test_the_page_shows_the_stored_html_not_a_fresh_rendering(client):
    """Proof that views read the column: a row whose HTML differs from its Markdown shows the HTML."""
    resource = ResourceFactory(body_th="ข้อความ", language="th")
    Resource.objects.filter(pk=resource.pk).update(body_html_th="<p>stored once</p>")
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "stored once" in html


# --- The preview ------------------------------------------------------------------------------------

PREVIEW = "/en/knowledge/preview/"


def test_preview_of_hostile_markdown_answers_quickly_enough_to_use(client_for, member):
    response = client_for(member).post(PREVIEW, {"text": "[" * 20_000})
    assert response.status_code == 200 and response.json()["html"].count("[") == 20_000


def test_preview_refuses_text_longer_than_any_field(client_for, member):
    response = client_for(member).post(PREVIEW, {"text": "a" * (textlimits.DOCUMENT + 1)})
    assert response.status_code == 400
    assert TOO_LONG in response.json()["error"]


def test_preview_has_a_budget_of_characters_a_minute(client_for, member, monkeypatch):
    monkeypatch.setattr(services, "PREVIEW_CHARS_PER_MINUTE", 25_000)
    client = client_for(member)
    for _ in range(2):
        assert client.post(PREVIEW, {"text": "a" * 10_000}).status_code == 200
    response = client.post(PREVIEW, {"text": "a" * 10_000})
    assert response.status_code == 429 and "wait a minute" in response.json()["error"]


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("outsider", 403)])
def test_preview_is_for_members_only(request, client_for, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).post(PREVIEW, {"text": "**x**"}).status_code == status
