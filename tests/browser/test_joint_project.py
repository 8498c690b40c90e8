"""A city's editor finds a funding call and starts a joint project for it; a university asks to
join, the city accepts, and the university shows as a partner on the project and on its own page."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from members.models import FundingApplication, Membership, Project, ProjectJoinRequest, Topic
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.knowledge.factories import FundingCallFactory

from .conftest import SCREENSHOTS, shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_starts_a_project_for_a_call_and_a_partner_joins(page, open_page):
    city = OrganisationFactory(name_th="เทศบาลนครหาดใหญ่", name_en="Hat Yai City", slug="hat-yai")
    editor = UserFactory(email="somchai@hatyai.example.org")
    MembershipFactory(
        person=PersonFactory(user=editor, name_th="สมชาย ใจดี", name_en="Somchai Jaidee"),
        organisation=city,
        role=Membership.Role.EDITOR,
    )
    university = OrganisationFactory(
        name_th="มหาวิทยาลัยสงขลานครินทร์",
        name_en="Prince of Songkla University",
        slug="psu",
        kind="university",
    )
    researcher = UserFactory(email="anna@psu.example.org")
    MembershipFactory(
        person=PersonFactory(user=researcher, name_th="แอนนา", name_en="Anna", language="en"),
        organisation=university,
        role=Membership.Role.MEMBER,
    )
    flooding = Topic.objects.get(slug="flooding")
    call = FundingCallFactory(
        title_th="ทุนชุมชนริมคลองรับมือน้ำท่วม",
        title_en="Canal communities flood grant",
        regions=["south"],
        deadline=timezone.now() + dt.timedelta(days=20),
        topics=[flooding],
    )
    FundingCallFactory(title_th="ทุนภาคเหนือ", title_en="Northern grant", regions=["north"])

    # The city's editor finds the call in Thai and starts a project from its page.
    editor_page = open_page(editor, PASSWORD)
    editor_page.goto("/funding/")
    editor_page.locator("#id_region").select_option("south")
    editor_page.get_by_role("button", name="กรอง").click()
    editor_page.wait_for_url("**/funding/?*region=south*")
    assert editor_page.get_by_text("ทุนภาคเหนือ").count() == 0
    editor_page.get_by_role("link", name="ทุนชุมชนริมคลองรับมือน้ำท่วม").click()
    editor_page.wait_for_url(f"**/funding/{call.slug}/")
    shoot(editor_page, "the call with the start link")
    # The header, with Projects, the editor's buttons and Thai labels, fits 1280 px on one line.
    header = editor_page.locator(".site-header")
    assert header.get_by_role("link", name="โครงการร่วม").is_visible()
    assert editor_page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert header.locator(".navbar").bounding_box()["height"] < 80
    # On the phone it is in the menu.
    editor_page.set_viewport_size({"width": 390, "height": 844})
    header.get_by_role("button", name="เปิดเมนู").click()
    editor_page.wait_for_selector("#site-nav.show")  # the menu has finished opening
    assert header.get_by_role("link", name="โครงการร่วม").is_visible()
    editor_page.screenshot(path=SCREENSHOTS / editor_page.journey / "phone-menu-th.png")
    editor_page.set_viewport_size({"width": 1280, "height": 900})
    editor_page.get_by_role("link", name="เริ่มโครงการร่วมเพื่อขอทุนนี้").click()
    editor_page.wait_for_url(f"**/projects/new/?call={call.slug}")
    assert editor_page.locator("#id_funding-0-call").input_value() == str(call.pk)
    form = editor_page.locator("main form")
    form.locator("input[name=title_th]").fill("คลองสะอาดรับมือน้ำท่วม")
    form.locator("input[name=title_en]").fill("Clean canals against floods")
    form.locator("textarea[name=summary_th]").fill("เมืองและมหาวิทยาลัยร่วมกันดูแลคลอง")
    form.locator("input[name=budget-0-funder]").fill("เทศบาลนครหาดใหญ่")
    form.locator("input[name=budget-0-amount]").fill("300000")
    form.locator("input[name=milestones-0-title_th]").fill("สำรวจคลองทั้งหมด")
    form.locator("input[name=milestones-0-due]").fill("30/09/2570")
    shoot(editor_page, "the project form with the call chosen")
    form.get_by_role("button", name="บันทึก").click()
    editor_page.wait_for_url("**/projects/clean-canals-against-floods/")
    project = Project.objects.get()
    assert project.lead == city
    assert project.budget_lines.get().amount == 300000
    assert project.milestones.get().due == dt.date(2027, 9, 30)
    assert FundingApplication.objects.get().call == call
    text = editor_page.locator("main").inner_text()
    assert "สำรวจคลองทั้งหมด" in text and "2570" in text  # the milestone, in the Buddhist Era
    assert "ทุนชุมชนริมคลองรับมือน้ำท่วม" in text
    shoot(editor_page, "the new project")

    # A researcher of the university finds it in English and asks to join.
    partner_page = open_page(researcher, PASSWORD)
    partner_page.goto("/en/projects/")
    partner_page.set_viewport_size({"width": 390, "height": 844})
    partner_page.locator(".site-header").get_by_role("button", name="Open menu").click()
    partner_page.wait_for_selector("#site-nav.show")
    menu_link = partner_page.locator(".site-header").get_by_role("link", name="Projects")
    assert menu_link.is_visible() and "active" in menu_link.get_attribute("class")
    partner_page.screenshot(path=SCREENSHOTS / partner_page.journey / "phone-menu-en.png")
    partner_page.set_viewport_size({"width": 1280, "height": 900})
    partner_page.get_by_role("link", name="Clean canals against floods").click()
    partner_page.wait_for_url("**/en/projects/clean-canals-against-floods/")
    assert partner_page.get_by_text("Prince of Songkla University").count() == 0
    partner_page.get_by_role("link", name="We want to join").click()
    partner_page.locator("textarea[name=message]").fill("Our hydrology lab can model the canals.")
    shoot(partner_page, "asking to join")
    partner_page.get_by_role("button", name="Send").click()
    partner_page.wait_for_url("**/en/projects/clean-canals-against-floods/")
    assert "Your request was sent" in partner_page.locator("main").inner_text()
    request = wait_for_mail(mail.outbox, 1)
    assert request.to == [editor.email]
    assert "Our hydrology lab" in request.body
    join_request = ProjectJoinRequest.objects.get()
    assert join_request.organisation == university

    # The city's editor sees the request on the project, and accepts it.
    editor_page.goto("/projects/clean-canals-against-floods/")
    editor_page.locator("a[href$='/projects/clean-canals-against-floods/requests/']").click()
    editor_page.wait_for_url("**/projects/clean-canals-against-floods/requests/")
    assert "Our hydrology lab can model the canals." in editor_page.locator("main").inner_text()
    shoot(editor_page, "the requests page")
    editor_page.locator("button[name=decision][value=accept]").click()
    editor_page.wait_for_url("**/projects/clean-canals-against-floods/")
    decision = wait_for_mail(mail.outbox, 2)
    assert decision.to == [researcher.email]
    assert "Clean canals against floods" in decision.subject + decision.body

    # The university is now a partner: on the project's page and on its own page.
    partner_page.reload()
    assert "Prince of Songkla University" in partner_page.locator("main").inner_text()
    assert partner_page.get_by_role("link", name="We want to join").count() == 0
    shoot(partner_page, "the project with its partner")
    partner_page.goto("/en/members/psu/")
    panel = partner_page.locator("main").inner_text()
    assert "Clean canals against floods" in panel and "partner" in panel
    shoot(partner_page, "the university's page")
