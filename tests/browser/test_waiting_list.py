"""A member joins the waiting list of a full event and is promoted, by e-mail, when a seat frees."""

import pytest
from django.core import mail

from events.models import Event, Registration
from members.models import Membership
from tests.conftest import PASSWORD
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

from .conftest import shoot, wait_for_mail

pytestmark = pytest.mark.django_db(transaction=True)


def a_member(email, name_th, name_en, organisation):
    user = UserFactory(email=email)
    person = PersonFactory(user=user, name_th=name_th, name_en=name_en)
    MembershipFactory(person=person, organisation=organisation, role=Membership.Role.MEMBER)
    return user


def test_member_on_the_waiting_list_is_promoted_when_someone_cancels(page, open_page):
    city = OrganisationFactory(name_th="เทศบาลนครหาดใหญ่", name_en="Hat Yai City", slug="hat-yai")
    waiting = a_member("suda@hatyai.example.org", "สุดา ศรีสุข", "Suda Srisuk", city)
    seated = a_member("teera@hatyai.example.org", "ธีระ บุญมา", "Teera Boonma", city)
    event = EventFactory(
        title_th="ศึกษาดูงานชุมชนคูเต่า",
        title_en="Study visit to the Khu Tao community",
        slug="khu-tao-visit",
        kind=Event.Kind.STUDY_VISIT,
        capacity=1,
        hosts=[city],
    )
    RegistrationFactory(event=event, person=seated.person)

    member_page = open_page(waiting, PASSWORD)
    member_page.goto(f"/en/events/{event.slug}/")
    shoot(member_page, "the event is full")
    member_page.locator(f"form[action$='/events/{event.slug}/register/'] button").click()
    member_page.wait_for_load_state()
    assert member_page.get_by_text("You are on the waiting list.").count() >= 1
    shoot(member_page, "on the waiting list")
    mine = Registration.objects.get(event=event, person=waiting.person)
    assert mine.status == Registration.Status.WAITING
    told_waiting = wait_for_mail(mail.outbox, 1)
    assert told_waiting.to == [waiting.email]

    other = open_page(seated, PASSWORD)
    other.goto(f"/en/events/{event.slug}/")
    # Cancelling asks first: the first button only opens the question.
    other.locator("details.cancel-registration summary").click()
    other.locator(f"form[action$='/events/{event.slug}/cancel/'] button").click()
    other.wait_for_load_state()

    wait_for_mail(mail.outbox, 2)
    to_waiting = [m for m in mail.outbox[1:] if m.to == [waiting.email]]
    assert len(to_waiting) == 1, [(m.to, m.subject) for m in mail.outbox]
    promotion = to_waiting[0]
    assert event.title_en in promotion.body or event.title_th in promotion.body
    html = promotion.alternatives[0][0]
    assert f"/events/{event.slug}/" in html
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CONFIRMED

    member_page.reload()
    assert member_page.get_by_text("You are registered.").count() >= 1
    shoot(member_page, "promoted")
