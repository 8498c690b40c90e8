"""A visitor reads the portal: Thai home page, English, the directory, an event and a resource."""

import pytest
from django.utils import timezone

from events.models import Event
from knowledge.models import Resource
from members.models import Organisation
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory

from .conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network(db):
    city = OrganisationFactory(
        name_th="เทศบาลนครเชียงราย",
        name_en="Chiang Rai City Municipality",
        slug="chiang-rai",
        description_th="เมืองสมาชิกที่ทำงานเรื่องการจัดการน้ำท่วมในลุ่มน้ำกก",
        description_en="A member city working on flood management in the Kok river basin.",
    )
    OrganisationFactory(
        kind=Organisation.Kind.ACADEMIC,
        name_th="มหาวิทยาลัยแม่ฟ้าหลวง",
        name_en="Mae Fah Luang University",
        slug="mfu",
    )
    event = EventFactory(
        title_th="เสวนาการรับมือน้ำท่วมเมืองเชียงราย",
        title_en="Seminar on urban flooding in Chiang Rai",
        slug="chiang-rai-flood-seminar",
        hosts=[city],
        status=Event.Status.PUBLISHED,
    )
    resource = Resource.objects.create(
        title_th="บทเรียนการฟื้นฟูลำน้ำแม่กกน้อย",
        title_en="Lessons from restoring the Mae Kok Noi",
        slug="mae-kok-noi-lessons",
        summary_th="ชุมชนและเทศบาลร่วมกันฟื้นฟูลำน้ำ",
        summary_en="The community and the city restored the stream together.",
        body_en="How the **city** and the community worked together.",
        status=Resource.Status.PUBLISHED,
        visibility="public",
        published_on=timezone.localdate(),
    )
    return city, event, resource


def test_visitor_reads_home_in_thai_then_english_directory_event_and_resource(page, network):
    city, event, resource = network

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "th"
    shoot(page, "home in Thai")

    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    shoot(page, "home in English")

    page.get_by_role("navigation").get_by_role("link", name="Members", exact=True).click()
    page.wait_for_url("**/en/members/")
    page.get_by_role("link", name=city.name_en).first.click()
    page.wait_for_url(f"**/en/members/{city.slug}/")
    assert city.name_en in page.locator("h1").inner_text()
    shoot(page, "organisation")

    page.get_by_role("navigation").get_by_role("link", name="Events", exact=True).click()
    page.wait_for_url("**/en/events/")
    page.get_by_role("link", name=event.title_en).first.click()
    page.wait_for_url(f"**/en/events/{event.slug}/")
    assert event.title_en in page.locator("h1").inner_text()
    shoot(page, "event")

    page.get_by_role("navigation").get_by_role("link", name="Knowledge", exact=True).click()
    page.wait_for_url("**/en/knowledge/")
    page.get_by_role("link", name=resource.title_en).first.click()
    page.wait_for_url(f"**/en/knowledge/{resource.slug}/")
    assert resource.title_en in page.locator("h1").inner_text()
    shoot(page, "resource")

    # Back to Thai on the same page.
    page.locator(".lang-switch").get_by_role("link", name="ไทย").click()
    page.wait_for_url(f"**/knowledge/{resource.slug}/")
    assert resource.title_th in page.locator("h1").inner_text()
