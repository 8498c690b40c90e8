import pytest
from django.utils import translation

from knowledge.models import Flag, Reply, Thread

from .factories import CommentFactory, ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db

LIST = "/en/knowledge/discussions/"


def test_public_reads_public_threads_only(client):
    ThreadFactory(title="Open question")
    ThreadFactory(title="Members question", visibility="members")
    ThreadFactory(title="Hidden question", is_hidden=True)
    html = client.get(LIST).content.decode()
    assert "Open question" in html
    assert "Members question" not in html and "Hidden question" not in html


def test_members_read_members_only_threads(client_for, member):
    thread = ThreadFactory(title="Members question", visibility="members")
    assert "Members question" in client_for(member).get(LIST).content.decode()
    assert client_for(member).get(thread.get_absolute_url()).status_code == 200


def test_members_only_and_hidden_threads_are_404_to_outsiders(client_for, outsider):
    for thread in (ThreadFactory(visibility="members"), ThreadFactory(is_hidden=True)):
        assert client_for(outsider).get(thread.get_absolute_url()).status_code == 404


def test_threads_filter_by_kind_and_topic(client):
    ThreadFactory(title="Need money", kind="funding")
    ThreadFactory(title="An idea", kind="idea")
    html = client.get(f"{LIST}?kind=funding").content.decode()
    assert "Need money" in html and "An idea" not in html


@pytest.mark.parametrize("rows", [1, 30])
def test_discussion_pages_query_count_is_flat(
    client_for, member, django_assert_max_num_queries, rows
):
    thread = ThreadFactory()
    for _ in range(rows):
        ThreadFactory()
        ReplyFactory(thread=thread)
    client = client_for(member)
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(thread.get_absolute_url()).status_code == 200


def test_member_starts_a_thread(client_for, member):
    response = client_for(member).post(
        "/en/knowledge/discussions/new/",
        {
            "kind": "question",
            "title": "How to map flood risk?",
            "body": "Any tools?",
            "visibility": "public",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and thread.author == member


def test_outsider_cannot_start_or_reply_and_nothing_is_stored(client_for, outsider):
    thread = ThreadFactory()
    client = client_for(outsider)
    assert (
        client.post(
            "/en/knowledge/discussions/new/",
            {"kind": "idea", "title": "x", "body": "y", "visibility": "public"},
        ).status_code
        == 403
    )
    assert (
        client.post(f"/en/knowledge/discussions/{thread.pk}/reply/", {"body": "hi"}).status_code
        == 403
    )
    assert Thread.objects.count() == 1 and not Reply.objects.exists()


def test_member_replies_and_the_thread_moves_up(client_for, member):
    thread = ThreadFactory()
    before = thread.last_activity
    response = client_for(member).post(
        f"/en/knowledge/discussions/{thread.pk}/reply/", {"body": "Try this"}
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"#reply-{Reply.objects.get().pk}"
    )
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_activity > before


def test_thread_author_marks_a_reply_helpful_and_others_cannot(client_for, member, outsider):
    thread = ThreadFactory(author=member)
    reply = ReplyFactory(thread=thread)
    url = f"/en/knowledge/discussions/{thread.pk}/replies/{reply.pk}/helpful/"
    assert client_for(outsider).post(url).status_code == 404
    reply.refresh_from_db()
    assert not reply.is_helpful
    client_for(member).post(url, {"helpful": "1"})
    reply.refresh_from_db()
    assert reply.is_helpful
    assert (
        "Helpful answer"
        in client_for(member).get(f"/en/knowledge/discussions/{thread.pk}/").content.decode()
    )


def test_member_flags_a_reply_once(client_for, member):
    reply = ReplyFactory()
    client = client_for(member)
    client.post(f"/en/knowledge/flag/reply/{reply.pk}/", {"reason": "spam", "note": "ad"})
    client.post(f"/en/knowledge/flag/reply/{reply.pk}/", {"reason": "abuse"})
    flag = Flag.objects.get()
    assert (flag.content, flag.reason, flag.reporter) == (reply, "spam", member)


def test_outsider_cannot_flag(client_for, outsider):
    comment = CommentFactory()
    assert (
        client_for(outsider)
        .post(f"/en/knowledge/flag/comment/{comment.pk}/", {"reason": "spam"})
        .status_code
        == 403
    )
    assert not Flag.objects.exists()


def test_flagging_a_members_only_thread_is_404_to_outsiders_and_bad_kinds_404(client_for, member):
    assert (
        client_for(member).post("/en/knowledge/flag/user/1/", {"reason": "spam"}).status_code == 404
    )


def test_coordinator_hides_flagged_content_in_the_admin_and_restores_it(
    coordinator, member, client_for
):
    reply = ReplyFactory(body="Buy cheap watches")
    flag = Flag.objects.create(content=reply, reporter=member, reason="spam")
    client = client_for(coordinator)
    action = {"action": "hide_content", "_selected_action": [flag.pk]}
    asking = client.post("/en/admin/knowledge/flag/", action)
    # First a confirmation page quoting the post; nothing is hidden yet.
    assert "Buy cheap watches" in asking.content.decode()
    assert 'name="confirmed" value="yes"' in asking.content.decode()
    reply.refresh_from_db()
    assert not reply.is_hidden
    client.post("/en/admin/knowledge/flag/", {**action, "confirmed": "yes"})
    reply.refresh_from_db()
    assert reply.is_hidden
    assert Flag.objects.get().status == Flag.Status.HIDDEN
    html = client_for(member).get(reply.thread.get_absolute_url()).content.decode()
    assert "Buy cheap watches" not in html
    client = client_for(coordinator)
    client.post(
        "/en/admin/knowledge/flag/", {"action": "restore_content", "_selected_action": [flag.pk]}
    )
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_coordinators_use_the_flag_admin(client_for, coordinator, member):
    Flag.objects.create(content=ReplyFactory(), reporter=member, reason="abuse")
    response = client_for(coordinator).get("/en/admin/knowledge/flag/")
    assert response.status_code == 200


def test_members_comment_on_an_event_report_and_the_tag_shows_it(client_for, member, rf):
    from django.template import Context, Template

    from tests.events.factories import PastEventFactory

    event = PastEventFactory()
    response = client_for(member).post(
        f"/en/knowledge/events/{event.slug}/comment/", {"body": "We *learned* a lot"}
    )
    assert response.status_code == 302
    assert event.comments.get().author == member
    request = rf.get("/")
    request.user = member
    with translation.override("th"):
        html = Template("{% load knowledge_tags %}{% event_comments event %}").render(
            Context({"request": request, "event": event})
        )
    assert "<em>learned</em>" in html
    assert f'action="/knowledge/events/{event.slug}/comment/"' in html


def test_outsider_cannot_comment_on_a_members_only_event(client_for, outsider):
    from tests.events.factories import PastEventFactory

    event = PastEventFactory(visibility="members")
    response = client_for(outsider).post(
        f"/en/knowledge/events/{event.slug}/comment/", {"body": "x"}
    )
    assert response.status_code == 404
    assert not event.comments.exists()
