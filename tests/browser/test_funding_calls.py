"""A member finds a funding call for their city, proposes another, and a coordinator publishes it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from knowledge.models import FundingCall
from members.models import Membership, Topic
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.knowledge.factories import FundingCallFactory

from .conftest import shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_finds_a_call_and_proposes_one_that_a_coordinator_publishes(page, open_page):
    city = OrganisationFactory(name_th="เทศบาลนครหาดใหญ่", name_en="Hat Yai City", slug="hat-yai")
    member = UserFactory(email="suda@hatyai.example.org")
    MembershipFactory(
        person=PersonFactory(user=member, name_th="สุดา ศรีสุข", name_en="Suda Srisuk"),
        organisation=city,
        role=Membership.Role.MEMBER,
    )
    coordinator = UserFactory(email="chanida@tei.example.org", is_coordinator=True, is_staff=True)
    PersonFactory(user=coordinator, name_th="ชนิดา", name_en="Chanida", language="en")
    flooding = Topic.objects.get(slug="flooding")
    FundingCallFactory(
        title_th="ทุนชุมชนริมคลองรับมือน้ำท่วม",
        title_en="Canal communities flood grant",
        regions=["south"],
        organisation_kinds=["municipality", "community"],
        deadline=timezone.now() + dt.timedelta(days=12),
        topics=[flooding],
    )
    FundingCallFactory(
        title_th="ทุนภาคเหนือ", title_en="Northern grant", regions=["north"], topics=[flooding]
    )

    member_page = open_page(member, PASSWORD)
    member_page.goto("/knowledge/")
    member_page.get_by_role("link", name="แหล่งทุน").first.click()
    member_page.wait_for_url("**/funding/")
    member_page.locator("#id_region").select_option("south")
    member_page.get_by_role("button", name="กรอง").click()
    member_page.wait_for_url("**/funding/?*region=south*")
    assert member_page.get_by_text("ทุนภาคเหนือ").count() == 0
    shoot(member_page, "calls for the south")
    member_page.get_by_role("link", name="ทุนชุมชนริมคลองรับมือน้ำท่วม").click()
    assert "เหลืออีก 12 วัน" in member_page.locator("main").inner_text()
    shoot(member_page, "the call")

    member_page.goto("/funding/new/")
    member_page.locator("input[name=title_th]").fill("ทุนปลูกป่าชายเลนของเมือง")
    member_page.locator("input[name=funder]").fill("มูลนิธิตัวอย่าง")
    member_page.locator("input[name=amount_max]").fill("400000")
    member_page.locator("input[name=deadline_date]").fill("15/05/2570")
    member_page.locator("input[name=organisation_kinds][value=municipality]").check()
    shoot(member_page, "proposing a call")
    member_page.get_by_role("button", name="ส่งให้ตรวจสอบ").click()
    member_page.wait_for_url("**/funding/*/")
    assert "รอการตรวจสอบ" in member_page.locator("main").inner_text()
    proposal = FundingCall.objects.get(title_th="ทุนปลูกป่าชายเลนของเมือง")
    assert proposal.status == FundingCall.Status.PROPOSED
    request = wait_for_mail(mail.outbox, 1)
    assert request.to == [coordinator.email]

    coordinator_page = open_page(coordinator, PASSWORD)
    coordinator_page.goto("/en/knowledge/review/")
    shoot(coordinator_page, "the review queue")
    coordinator_page.locator(f"form[action$='/funding/{proposal.slug}/publish/'] button").click()
    coordinator_page.wait_for_url("**/en/knowledge/review/")
    decision = wait_for_mail(mail.outbox, 2)
    assert decision.to == [member.email]
    proposal.refresh_from_db()
    assert proposal.status == FundingCall.Status.PUBLISHED

    member_page.goto("/funding/")
    assert member_page.get_by_text("ทุนปลูกป่าชายเลนของเมือง").count() == 1
    assert "15 พฤษภาคม 2570" in member_page.locator("main").inner_text()
    shoot(member_page, "the published call in the list")
