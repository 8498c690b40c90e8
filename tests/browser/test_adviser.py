"""A member of a newer city finds an adviser in an experienced one, asks, and the adviser declines."""

import re

import pytest
from django.core import mail

from members.models import AdviceRequest, Organisation
from tests.conftest import PASSWORD
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    topic,
)

from .conftest import shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)

ADVISER_ADDRESS = "anucha.private@hatyai.example.org"


@pytest.fixture
def cities(db):
    hat_yai = OrganisationFactory(
        name_th="เทศบาลนครหาดใหญ่", name_en="Hat Yai City Municipality", slug="hat-yai",
        region="south",
    )  # fmt: skip
    patong = OrganisationFactory(
        name_th="เทศบาลเมืองป่าตอง", name_en="Patong Town Municipality", slug="patong",
        municipality_level=Organisation.MunicipalityLevel.TOWN, region="south",
    )  # fmt: skip
    adviser = PersonFactory(
        user=UserFactory(email=ADVISER_ADDRESS),
        name_th="อนุชา หมัดหมาน", name_en="Anucha Madman", is_adviser=True, speaks=["th"],
        contact_visibility="hidden", language="th",
    )  # fmt: skip
    adviser.expertise.add(topic("flooding"))
    MembershipFactory(person=adviser, organisation=hat_yai)
    member = UserFactory(email="chanphen@patong.example.org")
    MembershipFactory(
        person=PersonFactory(user=member, name_th="จันทร์เพ็ญ หาญทะเล", language="th"),
        organisation=patong,
    )
    return adviser, member


def test_member_finds_an_adviser_asks_and_is_told_of_the_decline(page, open_page, cities):
    adviser, member = cities
    asker = open_page(member, PASSWORD)

    # Find an adviser on flooding, in Thai.
    asker.goto("/members/people/")
    asker.get_by_role("link", name="ค้นหาที่ปรึกษา").first.click()
    asker.select_option("select[name=expertise]", "flooding")
    asker.locator("main form.filters button[type=submit]").click()
    asker.wait_for_url(lambda url: "expertise=flooding" in url and "advisers=1" in url)
    shoot(asker, "advisers on flooding")
    assert ADVISER_ADDRESS not in asker.content()

    # Ask for advice.
    asker.get_by_role("link", name="ขอคำปรึกษา", exact=True).first.click()
    form = asker.locator("main form:has(textarea[name=message])")
    form.locator("input[name=subject]").fill("บ่อหน่วงน้ำในเขตเมือง")
    form.locator("textarea[name=message]").fill("ป่าตองกำลังวางแผนบ่อหน่วงน้ำ หาดใหญ่ออกแบบอย่างไร")
    shoot(asker, "ask for advice")
    form.locator("button[type=submit]").click()
    asker.wait_for_url("**/members/advice/")
    shoot(asker, "my requests for advice")
    assert ADVISER_ADDRESS not in asker.content()

    # The adviser gets it by e-mail, with the member as Reply-To, and declines with one click.
    message = wait_for_mail(mail.outbox, 1)
    assert message.to == [ADVISER_ADDRESS] and message.reply_to == [member.email]
    # The text part lists "I have answered" first, then "decline".
    link = re.findall(r"https?://\S+/members/advice/reply/\S+", message.body)[1]
    page.goto("/" + link.split("/", 3)[-1])  # the adviser's own browser, not signed in
    shoot(page, "decline from the e-mail link")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert AdviceRequest.objects.get().status == AdviceRequest.Status.DECLINED

    # The member is told, without the adviser's address.
    notice = wait_for_mail(mail.outbox, 2)
    assert notice.to == [member.email]
    assert ADVISER_ADDRESS not in notice.body and "อนุชา หมัดหมาน" in notice.body
    asker.reload()
    assert "ที่ปรึกษาปฏิเสธ" in asker.content()
