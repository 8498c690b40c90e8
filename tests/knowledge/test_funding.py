"""Funding calls at /funding/: open calls by nearest deadline, the archive, feeds, proposals
through the review queue, who may do what, and flat query counts."""

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from knowledge.models import FundingCall, FundingCallDocument
from tests.factories import topic

from .factories import FundingCallFactory, pdf_bytes, upload

pytestmark = pytest.mark.django_db

LIST = "/en/funding/"
ARCHIVE = "/en/funding/archive/"
NEW = "/en/funding/new/"


def days_from_now(days: int, hour: int = 16) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def titles(response) -> list[str]:
    return [call.title_en for call in response.context["calls"]]


def html_part(message) -> str:
    return next(body for body, mimetype in message.alternatives if mimetype == "text/html")


def form_data(**extra):
    data = {
        "title_th": "ทุนเมืองรับมือน้ำท่วม",
        "title_en": "Flood-ready cities grant",
        "funder": "Example Foundation",
        "programme": "Resilient towns",
        "description_en": "Grants for **community** flood work.",
        "amount_min": "50000",
        "amount_max": "500000",
        "deadline_date": (timezone.localdate() + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
        "deadline_time": "16:30",
        "organisation_kinds": ["municipality", "community"],
        "regions": ["south"],
        "topics": [topic("flooding").pk],
        "language": "both",
        "url": "https://example.org/call",
    }
    data.update(extra)
    return data


# --- The list, the archive, days left ---------------------------------------------------------


def test_open_calls_are_listed_by_nearest_deadline_and_closed_ones_are_archived(client):
    FundingCallFactory(title_en="Later", deadline=days_from_now(40))
    FundingCallFactory(title_en="Sooner", deadline=days_from_now(3))
    FundingCallFactory(title_en="Closed last week", deadline=days_from_now(-7))
    FundingCallFactory(title_en="Closed last year", deadline=days_from_now(-300))
    FundingCallFactory(title_en="Proposed", status=FundingCall.Status.PROPOSED)
    FundingCallFactory(title_en="Declined", status=FundingCall.Status.REJECTED)
    assert titles(client.get(LIST)) == ["Sooner", "Later"]
    assert titles(client.get(ARCHIVE)) == ["Closed last week", "Closed last year"]


def test_a_call_moves_to_the_archive_when_its_deadline_passes(client):
    call = FundingCallFactory(
        title_en="Just closed", deadline=timezone.now() + dt.timedelta(hours=1)
    )
    assert titles(client.get(LIST)) == ["Just closed"]
    FundingCall.objects.filter(pk=call.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    from network.lib import pagecache

    pagecache.content_changed()
    assert titles(client.get(LIST)) == []
    assert titles(client.get(ARCHIVE)) == ["Just closed"]


def test_days_left_in_english_with_plurals_and_closes_today(client):
    FundingCallFactory(title_en="Three", deadline=days_from_now(3))
    FundingCallFactory(title_en="One", deadline=days_from_now(1))
    FundingCallFactory(title_en="Today", deadline=timezone.now() + dt.timedelta(minutes=5))
    html = client.get(LIST).content.decode()
    assert "3 days left" in html
    assert "1 day left" in html
    assert "Closes today" in html


def test_days_left_and_buddhist_era_deadline_in_thai(client):
    deadline = days_from_now(3)
    FundingCallFactory(title_th="ทุนสามวัน", deadline=deadline)
    FundingCallFactory(title_th="ทุนวันนี้", deadline=timezone.now() + dt.timedelta(minutes=5))
    html = client.get("/funding/").content.decode()
    assert "ทุนสามวัน" in html
    assert "เหลืออีก 3 วัน" in html
    assert "ปิดรับวันนี้" in html
    assert str(timezone.localtime(deadline).year + 543) in html


def test_the_detail_page_in_both_languages(client):
    call = FundingCallFactory(
        title_th="ทุนชุมชน",
        title_en="Community grant",
        description_en="Read **this**.",
        description_th="อ่าน **ข้อนี้**",
        amount_min=100000,
        amount_max=1000000,
        deadline=timezone.make_aware(dt.datetime(2027, 5, 15, 16, 30)),
        organisation_kinds=["municipality"],
        regions=["north"],
    )
    english = client.get(f"/en/funding/{call.slug}/").content.decode()
    assert "Community grant" in english and "<strong>this</strong>" in english
    assert "100,000–1,000,000 baht" in english
    assert "15 May 2027, 16:30" in english
    assert "Municipality" in english and "North" in english
    thai = client.get(f"/funding/{call.slug}/").content.decode()
    assert "ทุนชุมชน" in thai and "<strong>ข้อนี้</strong>" in thai
    assert "15 พฤษภาคม 2570 เวลา 16:30 น." in thai


def test_filters_by_topic_kind_region_and_amount(client):
    flooding, heat = topic("flooding"), topic("heat")
    FundingCallFactory(title_en="Any", amount_max=300000, topics=[flooding])
    FundingCallFactory(
        title_en="Cities in the south",
        organisation_kinds=["municipality"],
        regions=["south"],
        amount_min=1000000,
        amount_max=5000000,
        topics=[heat],
    )
    assert titles(client.get(LIST, {"topic": "heat"})) == ["Cities in the south"]
    assert titles(client.get(LIST, {"kind": "ngo"})) == ["Any"]
    assert set(titles(client.get(LIST, {"kind": "municipality"}))) == {"Any", "Cities in the south"}
    assert titles(client.get(LIST, {"region": "north"})) == ["Any"]
    assert titles(client.get(LIST, {"amount": "2000000"})) == ["Cities in the south"]
    assert titles(client.get(LIST, {"amount": "200000"})) == ["Any"]
    # Nonsense is ignored, never an error page.
    assert client.get(LIST, {"amount": "lots", "kind": "x" * 500, "page": "-1"}).status_code == 200


def test_an_example_call_says_so_on_its_page_and_card(client):
    call = FundingCallFactory(is_example=True)
    assert "This is an example" in client.get(f"/en/funding/{call.slug}/").content.decode()
    assert "Example" in client.get(LIST).content.decode()


# --- Feeds -----------------------------------------------------------------------------------------


def test_the_ical_feed_has_the_deadlines_of_published_calls():
    FundingCallFactory(title_en="Open grant", deadline=days_from_now(10))
    FundingCallFactory(title_en="Recently closed", deadline=days_from_now(-10))
    FundingCallFactory(title_en="Long closed", deadline=days_from_now(-400))
    FundingCallFactory(title_en="Proposal", status=FundingCall.Status.PROPOSED)
    from django.test import Client

    response = Client().get("/en/funding/deadlines.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = sorted(str(event["summary"]) for event in events)
    assert summaries == ["Deadline: Open grant", "Deadline: Recently closed"]
    for event in events:
        assert event.decoded("dtstart").tzinfo is not None
        assert str(event["url"]).startswith("http")
    assert len({str(event["uid"]) for event in events}) == 2


def test_the_rss_feed_lists_published_calls_newest_first(client):
    FundingCallFactory(title_en="Older", published_at=timezone.now() - dt.timedelta(days=3))
    FundingCallFactory(title_en="Newer", amount_max=200000)
    FundingCallFactory(title_en="Proposal", status=FundingCall.Status.PROPOSED)
    response = client.get("/en/funding/feed/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer", "Older"]
    assert "up to 200,000 baht" in items[0].findtext("description")
    assert (
        items[0]
        .findtext("link")
        .endswith(f"/en/funding/{FundingCall.objects.get(title_en='Newer').slug}/")
    )


# --- Proposals and review --------------------------------------------------------------------------


def test_a_members_proposal_goes_to_the_review_queue_and_coordinators_are_emailed(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(NEW, form_data())
    call = FundingCall.objects.get()
    assert response.status_code == 302
    assert call.status == FundingCall.Status.PROPOSED
    assert call.proposed_by == member
    assert call.organisation_kinds == ["municipality", "community"]
    assert timezone.localtime(call.deadline).time() == dt.time(16, 30)
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "ทุนเมืองรับมือน้ำท่วม" in message.subject  # the coordinator reads Thai
    assert "/knowledge/review/" in message.body and "/knowledge/review/" in html_part(message)
    assert "Example Foundation" in message.body and "Example Foundation" in html_part(message)
    # Not public yet; the member and coordinators see it, and it waits in the queue.
    assert client_for(None).get(f"/en/funding/{call.slug}/").status_code == 404
    assert client_for(member).get(f"/en/funding/{call.slug}/").status_code == 200
    queue = client_for(coordinator).get("/en/knowledge/review/").content.decode()
    assert "Flood-ready cities grant" in queue
    assert reverse("funding:publish", kwargs={"slug": call.slug}) in queue


def test_the_review_request_in_english(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    coordinator.person.language = "en"
    coordinator.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(NEW, form_data())
    [message] = mail.outbox
    assert message.subject == "Funding call to review: Flood-ready cities grant"
    assert "has proposed the funding call" in message.body
    assert "has proposed the funding call" in html_part(message)


def test_a_coordinators_call_is_published_at_once(client_for, coordinator):
    response = client_for(coordinator).post(NEW, form_data())
    call = FundingCall.objects.get()
    assert response.status_code == 302
    assert call.status == FundingCall.Status.PUBLISHED and call.published_at is not None
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["th", "en"])
def test_publishing_tells_the_member_in_their_language(
    client_for, member, coordinator, django_capture_on_commit_callbacks, language
):
    member.person.language = language
    member.person.save()
    call = FundingCallFactory(
        status=FundingCall.Status.PROPOSED, proposed_by=member, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("funding:publish", kwargs={"slug": call.slug})
        )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == FundingCall.Status.PUBLISHED and call.reviewed_by == coordinator
    [message] = mail.outbox
    assert message.to == [member.email]
    assert f"/funding/{call.slug}/" in message.body and f"/funding/{call.slug}/" in html_part(
        message
    )
    expected = {"th": "เผยแพร่", "en": "Funding call published"}[language]
    assert expected in message.subject
    assert titles(client_for(None).get(LIST)) == [call.title_en]


@pytest.mark.parametrize("language", ["th", "en"])
def test_declining_tells_the_member_why_in_their_language(
    client_for, member, coordinator, django_capture_on_commit_callbacks, language
):
    member.person.language = language
    member.person.save()
    call = FundingCallFactory(
        status=FundingCall.Status.PROPOSED, proposed_by=member, published_at=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            reverse("funding:decline", kwargs={"slug": call.slug}),
            {"comment": "The call closed in <b>2024</b>."},
        )
    call.refresh_from_db()
    assert call.status == FundingCall.Status.REJECTED
    [message] = mail.outbox
    assert "The call closed in <b>2024</b>." in message.body
    assert "The call closed in &lt;b&gt;2024&lt;/b&gt;." in html_part(message)
    expected = {"th": "ไม่ได้เผยแพร่", "en": "Funding call not published"}[language]
    assert expected in message.subject
    assert client_for(None).get(f"/en/funding/{call.slug}/").status_code == 404


def test_a_call_is_reviewed_once(client_for, coordinator, member):
    call = FundingCallFactory(status=FundingCall.Status.PUBLISHED, proposed_by=member)
    client_for(coordinator).post(
        reverse("funding:decline", kwargs={"slug": call.slug}), {"comment": "x"}
    )
    call.refresh_from_db()
    assert call.status == FundingCall.Status.PUBLISHED
    assert mail.outbox == []


def test_the_form_keeps_the_text_and_shows_errors(client_for, member):
    response = client_for(member).post(
        NEW,
        form_data(
            amount_min="900000",
            amount_max="1000",
            title_en="",
            title_th="",
            deadline_date="31/02/2570",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Grants for **community** flood work." in html
    assert "The largest grant cannot be smaller than the smallest." in html
    assert "Give the call a title in Thai or in English." in html
    assert FundingCall.objects.count() == 0


def test_a_thai_deadline_in_the_buddhist_era_is_understood(client_for, coordinator):
    client_for(coordinator).post(NEW, form_data(deadline_date="15/05/2570", deadline_time=""))
    deadline = timezone.localtime(FundingCall.objects.get().deadline)
    assert (deadline.year, deadline.month, deadline.day) == (2027, 5, 15)
    assert deadline.time() == dt.time(23, 59)


def test_the_proposer_edits_while_it_waits_and_not_after(client_for, member):
    call = FundingCallFactory(status=FundingCall.Status.PROPOSED, proposed_by=member)
    edit = f"/en/funding/{call.slug}/edit/"
    assert client_for(member).get(edit).status_code == 200
    response = client_for(member).post(edit, form_data(title_en="Renamed"))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title_en == "Renamed" and call.status == FundingCall.Status.PROPOSED
    FundingCall.objects.filter(pk=call.pk).update(status=FundingCall.Status.PUBLISHED)
    assert client_for(member).post(edit, form_data(title_en="Again")).status_code == 403
    call.refresh_from_db()
    assert call.title_en == "Renamed"


def test_documents_are_checked_stored_and_served_with_the_calls_access(
    client_for, member, coordinator
):
    data = form_data(documents=[upload("guidelines.pdf", pdf_bytes())])
    client_for(member).post(NEW, data)
    call = FundingCall.objects.get()
    [document] = call.documents.all()
    assert document.file_kind == "pdf" and document.filename == "guidelines.pdf"
    url = document.get_absolute_url()
    assert client_for(None).get(url).status_code == 404  # a proposal's file is not public
    assert client_for(member).get(url).status_code == 200
    FundingCall.objects.filter(pk=call.pk).update(status=FundingCall.Status.PUBLISHED)
    assert client_for(None).get(url).status_code == 200
    assert client_for(None).get(url.replace("guidelines", "other")).status_code == 404


def test_a_refused_upload_stores_nothing(client_for, member):
    response = client_for(member).post(NEW, form_data(documents=[upload("run.exe", b"MZ\x90\x00")]))
    assert response.status_code == 400
    assert FundingCall.objects.count() == 0
    assert FundingCallDocument.objects.count() == 0


# --- Who may do what (outsiders) -------------------------------------------------------------------


def test_anonymous_visitors_sign_in_and_outsiders_cannot_propose(client_for, outsider):
    assert client_for(None).get(NEW).status_code == 302
    assert client_for(None).post(NEW, form_data()).status_code == 302
    assert client_for(outsider).get(NEW).status_code == 403
    assert client_for(outsider).post(NEW, form_data()).status_code == 403
    assert FundingCall.objects.count() == 0


def test_outsiders_and_other_members_cannot_edit_or_see_a_proposal(
    client_for, outsider, editor, member
):
    call = FundingCallFactory(
        status=FundingCall.Status.PROPOSED, proposed_by=member, title_en="Mine"
    )
    for user in (None, outsider, editor):
        client = client_for(user)
        assert client.get(f"/en/funding/{call.slug}/").status_code == 404
        response = client.post(f"/en/funding/{call.slug}/edit/", form_data(title_en="Taken"))
        assert response.status_code in (302, 404)
    call.refresh_from_db()
    assert call.title_en == "Mine"


def test_members_cannot_edit_a_published_call(client_for, member, outsider):
    call = FundingCallFactory(title_en="Published")
    assert client_for(member).post(f"/en/funding/{call.slug}/edit/", form_data()).status_code == 403
    assert (
        client_for(outsider).post(f"/en/funding/{call.slug}/edit/", form_data()).status_code == 403
    )
    call.refresh_from_db()
    assert call.title_en == "Published"


def test_only_coordinators_publish_or_decline(client_for, member, outsider, editor):
    call = FundingCallFactory(status=FundingCall.Status.PROPOSED, proposed_by=member)
    for user in (outsider, member, editor):
        client = client_for(user)
        assert (
            client.post(reverse("funding:publish", kwargs={"slug": call.slug})).status_code == 403
        )
        decline = reverse("funding:decline", kwargs={"slug": call.slug})
        assert client.post(decline, {"comment": "no"}).status_code == 403
    assert (
        client_for(None).post(reverse("funding:publish", kwargs={"slug": call.slug})).status_code
        == 302
    )
    call.refresh_from_db()
    assert call.status == FundingCall.Status.PROPOSED
    assert mail.outbox == []


def test_only_editors_of_the_call_remove_its_documents(client_for, member, outsider):
    call = FundingCallFactory(status=FundingCall.Status.PROPOSED, proposed_by=member)
    document = FundingCallDocument.objects.create(
        call=call, file=upload("a.pdf", pdf_bytes()), filename="a.pdf", file_kind="pdf",
        content_type="application/pdf", size=10,
    )  # fmt: skip
    url = reverse("funding:delete_document", kwargs={"slug": call.slug, "pk": document.pk})
    assert client_for(outsider).post(url).status_code == 404
    assert FundingCallDocument.objects.count() == 1
    assert client_for(member).post(url).status_code == 302
    assert FundingCallDocument.objects.count() == 0


# --- Queries ---------------------------------------------------------------------------------------


def _queries_for(client, url, django_assert_max_num_queries, budget=12) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_assert_max_num_queries(budget), CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [LIST, ARCHIVE])
def test_list_pages_stay_within_budget_and_flat(
    client_for, member, django_assert_max_num_queries, url
):
    flooding = topic("flooding")
    days = 10 if url == LIST else -10
    for user in (None, member):
        FundingCall.objects.all().delete()
        FundingCallFactory(deadline=days_from_now(days), topics=[flooding])
        client = client_for(user)
        client.get(url)  # the session's first touches are not the page's
        cache.clear()  # both counts read the session from the database
        few = _queries_for(client, url + "?topic=flooding", django_assert_max_num_queries)
        FundingCallFactory.create_batch(15, deadline=days_from_now(days), topics=[flooding])
        cache.clear()
        many = _queries_for(client, url + "?topic=flooding", django_assert_max_num_queries)
        assert few == many


def test_detail_page_stays_within_budget_and_flat(
    client_for, member, coordinator, django_assert_max_num_queries
):
    call = FundingCallFactory(topics=[topic("flooding"), topic("heat")])
    url = f"/en/funding/{call.slug}/"
    for user in (None, member, coordinator):
        cache.clear()
        few = _queries_for(client_for(user), url, django_assert_max_num_queries)
        for n in range(5):
            FundingCallDocument.objects.create(
                call=call, file=upload(f"{n}.pdf", pdf_bytes()), filename=f"{n}.pdf",
                file_kind="pdf", content_type="application/pdf", size=10,
            )  # fmt: skip
        cache.clear()
        many = _queries_for(client_for(user), url, django_assert_max_num_queries)
        assert few == many
        FundingCallDocument.objects.all().delete()
