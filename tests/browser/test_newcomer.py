"""A newcomer signs up, verifies the address, joins a city, posts a Thai PDF and finds it."""

import io

import pytest
from django.core import mail
from pypdf import PdfWriter

from knowledge.models import Resource
from members.models import JoinRequest, Membership
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

from .conftest import link_in, shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "ฝนตกหนัก-2568-river"
TITLE = "แผนรับมือน้ำท่วมของชุมชนริมแม่น้ำกก"


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def city(db):
    city = OrganisationFactory(
        name_th="เทศบาลนครเชียงราย", name_en="Chiang Rai City Municipality", slug="chiang-rai"
    )
    editor = UserFactory(email="editor@chiangrai.example.org")
    MembershipFactory(
        person=PersonFactory(user=editor, name_th="เอกชัย ใจดี", name_en="Ekkachai Jaidee"),
        organisation=city,
        role=Membership.Role.EDITOR,
    )
    coordinator = UserFactory(
        email="coordinator@tei.example.org", is_coordinator=True, is_staff=True
    )
    PersonFactory(user=coordinator, name_th="ชนิดา ผู้ประสานงาน", name_en="Chanida Coordinator")
    return city, editor, coordinator


def test_newcomer_signs_up_joins_a_city_posts_a_thai_pdf_and_finds_it(page, open_page, city):
    city, editor, coordinator = city

    # Sign up, in Thai.
    page.goto("/accounts/signup/")
    form = page.locator("main form:has(input[name=password1])")
    form.locator("input[name=email]").fill("newcomer@chiangrai.example.org")
    form.locator("input[name=password1]").fill(NEW_PASSWORD)
    form.locator("input[name=password2]").fill(NEW_PASSWORD)
    shoot(page, "sign up")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    shoot(page, "check your mail")

    # Follow the link in the e-mail and confirm.
    message = wait_for_mail(mail.outbox, 1)
    assert message.to == ["newcomer@chiangrai.example.org"]
    page.goto(link_in(message, "/accounts/confirm-email/"))
    shoot(page, "confirm the address")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)

    # Ask to join the city.
    page.goto("/members/join/")
    form = page.locator("main form:has(select[name=organisation])")
    form.locator("select[name=organisation]").select_option(str(city.pk))
    form.locator("input[name=name_th]").fill("ณัฐพล ริมกก")
    form.locator("input[name=name_en]").fill("Natthaphon Rimkok")
    form.locator("input[name=position]").fill("นักวิชาการสิ่งแวดล้อม")
    form.locator("textarea[name=message]").fill("ทำงานด้านการจัดการน้ำของเทศบาล")
    shoot(page, "ask to join")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    asked = JoinRequest.objects.get(person__user__email="newcomer@chiangrai.example.org")
    assert asked.status == JoinRequest.Status.PENDING

    # The city's editor approves.
    editor_page = open_page(editor, PASSWORD)
    editor_page.goto("/members/requests/")
    shoot(editor_page, "editor sees the request")
    editor_page.locator(
        f"form[action$='/members/requests/{asked.pk}/decide/'] button[value=approved]"
    ).click()
    editor_page.wait_for_load_state()
    asked.refresh_from_db()
    assert asked.status == JoinRequest.Status.APPROVED
    assert Membership.objects.filter(
        person__user__email="newcomer@chiangrai.example.org", organisation=city
    ).exists()

    # The new member posts a resource in Thai with a PDF; a coordinator checks it first.
    page.goto("/knowledge/new/")
    form = page.locator("main form.resource-form")
    form.locator("input[name=title_th]").fill(TITLE)
    form.locator("textarea[name=summary_th]").fill("แนวทางเตรียมพร้อมรับน้ำหลากของชุมชนริมแม่น้ำกก")
    form.locator("textarea[name=body_th]").fill(
        "ชุมชนริมแม่น้ำกกร่วมกับเทศบาลทำแผนอพยพ จุดปลอดภัย และระบบแจ้งเตือนผ่านไลน์กลุ่ม"
    )
    form.locator("input[name=attachments]").set_input_files(
        files=[{"name": "แผนรับมือน้ำท่วม.pdf", "mimeType": "application/pdf", "buffer": a_pdf()}]
    )
    shoot(page, "post a resource")
    form.locator("button[name=submit]").click()
    page.wait_for_url(lambda url: "/knowledge/new/" not in url)
    resource = Resource.objects.get(title_th=TITLE)
    assert resource.status == Resource.Status.IN_REVIEW
    assert resource.attachments.get().file_kind == "pdf"
    shoot(page, "resource in review")

    coordinator_page = open_page(coordinator, PASSWORD)
    coordinator_page.goto("/knowledge/review/")
    shoot(coordinator_page, "review queue")
    coordinator_page.locator(f"form[action$='/knowledge/{resource.slug}/publish/'] button").click()
    coordinator_page.wait_for_load_state()
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED

    # Thai has no spaces between words; a word from the middle of the title finds it.
    page.goto("/")
    page.locator("#site-search-q").fill("น้ำท่วม")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    result = page.get_by_role("link", name=TITLE)
    assert result.count() >= 1
    shoot(page, "Thai search finds it")
    result.first.click()
    page.wait_for_url(f"**/knowledge/{resource.slug}/")
    assert page.locator("a[href*='/knowledge/files/']").count() >= 1  # the PDF is attached
