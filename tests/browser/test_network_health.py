"""A coordinator reads the network's health, sees the tie graph drawn, nudges a quiet member;
a visitor reads the honour roll."""

import pytest
from django.core import mail

from network.health.compute import compute_and_store
from network.recognition.points import rebuild
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.network.test_health_metrics import meeting, org

from .conftest import shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_reads_health_and_nudges_a_quiet_member(page):
    coordinator = UserFactory(email="chanida@tei.example.org", is_coordinator=True, is_staff=True)
    PersonFactory(user=coordinator, name_th="ชนิดา ผู้ประสานงาน", name_en="Chanida Coordinator")
    cities = [org(f"city-{n}") for n in range(3)]
    universities = [org(f"uni-{n}", kind="academic", region="south") for n in range(3)]
    broker = OrganisationFactory(slug="tei", name_en="Thailand Environment Institute",
                                 name_th="สถาบันสิ่งแวดล้อมไทย", kind="ngo", region="central")  # fmt: skip
    meeting(*cities)
    meeting(*universities, region="south")
    meeting(broker, cities[0])
    meeting(broker, universities[0])
    quiet = OrganisationFactory(slug="quiet-town", name_en="Quiet Town", name_th="เทศบาลเงียบ")
    MembershipFactory(organisation=quiet, is_focal_point=True)
    compute_and_store()

    page.goto("/en/accounts/login/")
    form = page.locator("main form:has(input[name=password])")
    form.locator("input[name=login]").fill(coordinator.email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/en/network/health/")
    # Cytoscape draws its canvases inside the figure; the tables say the same without it.
    page.wait_for_selector("#tie-graph canvas")
    assert page.locator("#ties table").first.inner_text().startswith("Organisation")
    assert "Thailand Environment Institute" in page.locator("#ties table").first.inner_text()
    shoot(page, "health dashboard")

    page.locator("#quiet form:has(input[value=organisation]) button").first.click()
    page.wait_for_url("**/network/health/#quiet")
    assert "on its way to Quiet Town" in page.content()
    assert "เทศบาลเงียบ" in wait_for_mail(mail.outbox, 1).body  # in the focal point's language
    page.goto("/network/health/")
    shoot(page, "health dashboard in Thai")


def test_visitor_reads_the_honour_roll(page):
    city = OrganisationFactory(
        slug="chiang-rai", name_en="Chiang Rai City", name_th="เทศบาลนครเชียงราย"
    )
    from tests.events.factories import PastEventFactory

    for _ in range(3):
        PastEventFactory(hosts=[city])
    rebuild()
    page.goto("/recognition/")
    assert "เทศบาลนครเชียงราย" in page.content()
    assert "ภาคีที่เข้มแข็ง" in page.content()
    shoot(page, "honour roll")
