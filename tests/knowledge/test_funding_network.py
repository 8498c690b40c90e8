"""Funding calls in what the network does as a whole: site search, the sitemap, the digest,
the coordinators' admin, and the demo."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from knowledge.models import FundingCall
from network import digests
from network.search.index import index_object
from network.tasks import deliver_outbox

from .factories import FundingCallFactory

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2026, 11, 30, 7, 0))  # a Monday morning in Bangkok


def test_published_calls_are_found_in_site_search_and_proposals_are_not(client):
    index_object(FundingCallFactory(title_en="Mangrove restoration grant", funder="Coastal Fund"))
    index_object(
        FundingCallFactory(title_en="Mangrove proposal", status=FundingCall.Status.PROPOSED)
    )
    response = client.get("/en/search/", {"q": "mangrove"})
    results = response.context["found"]["results"]
    assert [r["entry"].title for r in results] == ["Mangrove restoration grant"]
    assert results[0]["kind_label"] == "Funding calls"
    assert client.get("/en/search/", {"q": "Coastal Fund"}).context["found"]["results"]


def test_the_sitemap_lists_published_calls_and_the_funding_pages(client):
    published = FundingCallFactory()
    proposed = FundingCallFactory(status=FundingCall.Status.PROPOSED)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/funding/{published.slug}/" in xml
    assert f"/en/funding/{published.slug}/" in xml
    assert f"/funding/{proposed.slug}/" not in xml
    assert "/funding/archive/" in xml


def test_the_digest_announces_new_calls_and_recalls_calls_closing_soon(member, mailoutbox):
    FundingCallFactory(
        title_th="ทุนใหม่สำหรับเมือง",
        title_en="New grant for cities",
        published_at=AT - dt.timedelta(days=2),
        deadline=AT + dt.timedelta(days=60),
    )
    FundingCallFactory(
        title_en="Closing grant",
        title_th="ทุนใกล้ปิดรับ",
        published_at=AT - dt.timedelta(days=90),
        deadline=AT + dt.timedelta(days=9),
    )
    FundingCallFactory(
        title_th="ทุนเก่าที่ยังไม่ใกล้ปิด",
        published_at=AT - dt.timedelta(days=90),
        deadline=AT + dt.timedelta(days=40),
    )
    FundingCallFactory(
        title_th="ทุนที่รอตรวจ",
        status=FundingCall.Status.PROPOSED,
        published_at=None,
        deadline=AT + dt.timedelta(days=5),
    )
    digests.send_digests(frequency="weekly", at=AT)
    deliver_outbox()
    (message,) = [m for m in mailoutbox if m.to == [member.email]]
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "ทุนใหม่สำหรับเมือง" in part and "ทุนใกล้ปิดรับ" in part
        assert "ทุนเก่าที่ยังไม่ใกล้ปิด" not in part and "ทุนที่รอตรวจ" not in part
        assert "ใกล้ปิดรับ" in part and "2570" in part  # B.E. deadline (2027)
    # Recalled once: next week the same call is not "closing soon" again.
    content = digests.gather("weekly", AT + dt.timedelta(days=7))
    assert content.funding_closing == []


def test_the_digest_in_english(member, mailoutbox):
    member.person.language = "en"
    member.person.save()
    FundingCallFactory(title_en="New grant for cities", published_at=AT - dt.timedelta(days=1),
                       deadline=AT + dt.timedelta(days=20))  # fmt: skip
    digests.send_digests(frequency="weekly", at=AT)
    deliver_outbox()
    (message,) = [m for m in mailoutbox if m.to == [member.email]]
    assert "New grant for cities" in message.body and "Funding calls" in message.body
    assert "New grant for cities" in message.alternatives[0][0]


def thai(name, *args):
    from django.urls import reverse

    with translation.override("th"):
        return reverse(name, args=args or None)


def test_coordinators_manage_calls_in_the_thai_admin_with_buddhist_era_dates(
    client_for, coordinator, member
):
    call = FundingCallFactory(
        deadline=timezone.make_aware(dt.datetime(2027, 5, 15, 16, 30)),
        status=FundingCall.Status.PROPOSED,
        proposed_by=member,
        published_at=None,
    )
    client = client_for(coordinator)
    listing = client.get(thai("admin:knowledge_fundingcall_changelist")).content.decode()
    assert "15 พ.ค. 2570" in listing
    change = client.get(thai("admin:knowledge_fundingcall_change", call.pk)).content.decode()
    assert "15/05/2570" in change
    assert "autocomplete" in change  # topics and the proposer are picked by typing
    response = client.post(
        thai("admin:knowledge_fundingcall_changelist"),
        {"action": "publish_selected", "_selected_action": [call.pk]},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == FundingCall.Status.PUBLISHED and call.published_at is not None
    change = client.get(thai("admin:knowledge_fundingcall_change", call.pk)).content.decode()
    assert str(timezone.localtime(call.published_at).year + 543) in change.split("published_at")[-1]


def test_a_deadline_typed_in_the_buddhist_era_in_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        thai("admin:knowledge_fundingcall_add"),
        {
            "title_th": "ทุนทดสอบ",
            "slug": "admin-grant",
            "funder": "Example Foundation",
            "deadline_0": "15/05/2570",
            "deadline_1": "16:30",
            "organisation_kinds": ["ngo"],
            "language": "th",
            "status": "published",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call = FundingCall.objects.get(slug="admin-grant")
    assert timezone.localtime(call.deadline).date() == dt.date(2027, 5, 15)
    assert call.organisation_kinds == ["ngo"]
    assert call.published_at is not None


def test_the_demo_calls_are_examples_and_say_so(client):
    call_command("load_demo")
    calls = FundingCall.objects.all()
    assert calls.exists() and all(call.is_example for call in calls)
    assert FundingCall.objects.open().exists() and FundingCall.objects.closed().exists()
    html = client.get("/en/funding/").content.decode()
    assert "Example" in html
    page = client.get(calls.first().get_absolute_url()).content.decode()
    assert "not a real funding call" in page or "ไม่ใช่ประกาศทุนจริง" in page
    call_command("load_demo")  # idempotent
    assert FundingCall.objects.count() == calls.count()
