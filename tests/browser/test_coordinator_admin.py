"""A coordinator signs into the admin, creates an event with two sessions, publishes it and
exports its registrations."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event
from tests.conftest import PASSWORD
from tests.events.factories import RegistrationFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

from .conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_creates_publishes_and_exports_an_event_in_the_admin(page):
    OrganisationFactory(name_th="เทศบาลนครอุดรธานี", name_en="Udon Thani City", slug="udon-thani")
    coordinator = UserFactory(email="chanida@tei.example.org", is_coordinator=True, is_staff=True)
    PersonFactory(user=coordinator, name_th="ชนิดา ผู้ประสานงาน", name_en="Chanida Coordinator")
    day = timezone.localdate() + dt.timedelta(days=30)

    # The admin's own login form (rate-limited like the site's).
    page.goto("/en/admin/")
    page.wait_for_url("**/admin/login/**")
    page.locator("input[name=username]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    shoot(page, "admin login")
    page.locator("form#login-form [type=submit]").click()
    page.wait_for_url("**/en/admin/")

    page.goto("/en/admin/events/event/add/")
    page.locator("select[name=kind]").select_option("exchange")
    page.locator("input[name=title_th]").fill("เวทีแลกเปลี่ยนเรียนรู้การจัดการน้ำ ครั้งที่ 4")
    page.locator("input[name=title_en]").fill("Fourth exchange meeting on water management")
    page.locator("input[name=start_0]").fill(day.isoformat())
    page.locator("input[name=start_1]").fill("09:00")
    page.locator("input[name=end_0]").fill((day + dt.timedelta(days=1)).isoformat())
    page.locator("input[name=end_1]").fill("16:00")
    page.locator("input[name=venue_name]").fill("ศาลาว่าการเทศบาลนครอุดรธานี")
    page.locator("input[name=capacity]").fill("80")
    sessions = page.locator("#sessions-group")
    for number, (title_th, title_en, offset) in enumerate(
        [
            ("ถอดบทเรียนน้ำท่วมหาดใหญ่", "Lessons from the Hat Yai floods", 0),
            ("ลงพื้นที่หนองประจักษ์", "Field visit to Nong Prajak", 1),
        ]
    ):
        sessions.locator(".add-row a").click()
        page.locator(f"input[name=sessions-{number}-day]").fill(
            (day + dt.timedelta(days=offset)).isoformat()
        )
        page.locator(f"input[name=sessions-{number}-start_time]").fill("09:30")
        page.locator(f"input[name=sessions-{number}-end_time]").fill("12:00")
        page.locator(f"input[name=sessions-{number}-title_th]").fill(title_th)
        page.locator(f"input[name=sessions-{number}-title_en]").fill(title_en)
    shoot(page, "new event with two sessions")
    # The sessions inline fits a 1280 px screen: nothing scrolls sideways.
    widths = page.evaluate(
        "[document.querySelector('#sessions-group').scrollWidth,"
        " document.querySelector('#sessions-group').clientWidth,"
        " document.documentElement.scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= 1280, widths
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/en/admin/events/event/")
    # The slug was filled in from the English title by the admin's script.
    event = Event.objects.get(slug="fourth-exchange-meeting-on-water-management")
    assert event.status == Event.Status.DRAFT
    assert event.sessions.count() == 2

    # Publish from the list with the admin action.
    page.locator(f"input[name=_selected_action][value='{event.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    shoot(page, "published")

    # Two members register; the coordinator exports the list.
    for name_en in ("Wilai Kaewmanee", "Prasert Thongkham"):
        RegistrationFactory(event=event, person=PersonFactory(name_en=name_en))
    page.reload()
    page.locator(f"input[name=_selected_action][value='{event.pk}']").check()
    page.locator("select[name=action]").select_option("export_csv")
    with page.expect_download() as download:
        page.locator("button[name=index]").click()
    exported = download.value.path().read_text(encoding="utf-8-sig")
    assert "Wilai Kaewmanee" in exported
    assert "Prasert Thongkham" in exported

    # The published event is on the public site with its agenda.
    page.goto(f"/en/events/{event.slug}/")
    assert page.get_by_text("Field visit to Nong Prajak").count() >= 1
    shoot(page, "public event page")
