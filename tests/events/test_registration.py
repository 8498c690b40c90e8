import datetime as dt

import pytest
from django.urls import reverse

from events import services
from events.models import Event, Registration
from tests.factories import MembershipFactory, PersonFactory

from .factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


def people(n, organisation=None):
    result = []
    for _ in range(n):
        person = PersonFactory()
        if organisation is not None:
            MembershipFactory(person=person, organisation=organisation)
        result.append(person)
    return result


def test_it_confirms_while_seats_are_left_then_puts_people_on_the_waiting_list():
    event = EventFactory(capacity=2)
    a, b, c = people(3)
    assert services.register(event=event, person=a).status == Status.CONFIRMED
    assert services.register(event=event, person=b).status == Status.CONFIRMED
    assert services.register(event=event, person=c).status == Status.WAITING


def test_it_moves_first_waitlisted_person_up_on_cancel(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    first, second, third = people(3)
    seat = services.register(event=event, person=first)
    w1 = services.register(event=event, person=second)
    w2 = services.register(event=event, person=third)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=seat)
    w1.refresh_from_db()
    w2.refresh_from_db()
    assert (w1.status, w2.status) == (Status.CONFIRMED, Status.WAITING)
    recipients = {m.to[0]: m.subject for m in mailoutbox}
    assert second.user.email in recipients and third.user.email not in recipients
    assert first.user.email in recipients


def test_promotion_follows_the_order_people_joined_the_waiting_list():
    event = EventFactory(capacity=2)
    holders = people(2)
    waiting = people(3)
    regs = [services.register(event=event, person=p) for p in holders]
    for p in waiting:
        services.register(event=event, person=p)
    for reg in regs:
        services.cancel_registration(registration=reg)
    statuses = [Registration.objects.get(event=event, person=p).status for p in waiting]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_registering_twice_is_refused_and_changes_nothing():
    event = EventFactory()
    person = PersonFactory()
    services.register(event=event, person=person)
    with pytest.raises(services.AlreadyRegistered):
        services.register(event=event, person=person)
    assert Registration.objects.filter(event=event).count() == 1


def test_a_cancelled_person_can_register_again_at_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    a, b = people(2)
    reg = services.register(event=event, person=a)
    services.cancel_registration(registration=reg)
    services.register(event=event, person=b)
    again = services.register(event=event, person=a)
    assert again.pk == reg.pk and again.status == Status.WAITING


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"registration_closes": in_days(-1)}, services.RegistrationClosed),
        ({"registration_opens": in_days(2)}, services.RegistrationClosed),
        ({"status": Event.Status.CANCELLED}, services.EventNotOpen),
        ({"status": Event.Status.DRAFT}, services.EventNotOpen),
        ({"start": in_days(-3), "end": in_days(-2)}, services.EventNotOpen),
    ],
)
def test_registration_is_refused_when_closed_cancelled_draft_or_over(changes, error):
    event = EventFactory(**changes)
    with pytest.raises(error):
        services.register(event=event, person=PersonFactory())
    assert not Registration.objects.exists()


def test_members_only_event_refuses_outsiders_but_accepts_members(outsider, member):
    event = EventFactory(visibility=Event.Visibility.MEMBERS)
    with pytest.raises(services.MembersOnly):
        services.register(event=event, person=outsider.person)
    assert services.register(event=event, person=member.person).status == Status.CONFIRMED


def test_approval_flow_keeps_people_pending_until_an_organiser_decides(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(requires_approval=True, capacity=1)
    a, b, c = people(3)
    ra, rb, rc = (services.register(event=event, person=p) for p in (a, b, c))
    assert {ra.status, rb.status, rc.status} == {Status.PENDING}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.approve_registration(registration=ra).status == Status.CONFIRMED
        assert services.approve_registration(registration=rb).status == Status.WAITING
        assert services.decline_registration(registration=rc).status == Status.CANCELLED
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert "ลงทะเบียน" in subjects[a.user.email]  # people without a language get Thai
    assert len(mailoutbox) == 3
    with pytest.raises(services.EventError):
        services.approve_registration(registration=ra)


def test_member_registers_in_one_step_from_the_event_page(
    client_for, member, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            reverse("events:register", args=[event.slug]),
            {"organisation": organisation.pk, "diet": "vegetarian"},
            follow=True,
        )
    registration = Registration.objects.get(event=event, person__user=member)
    assert registration.status == Status.CONFIRMED
    assert registration.organisation == organisation and registration.diet == "vegetarian"
    assert len(mailoutbox) == 1
    assert response.status_code == 200


def test_registering_twice_from_the_page_shows_a_message(client_for, member):
    event = EventFactory()
    client = client_for(member)
    client.post(reverse("events:register", args=[event.slug]))
    response = client.post(reverse("events:register", args=[event.slug]), follow=True)
    assert "คุณลงทะเบียนกิจกรรมนี้ไว้แล้ว" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_outsider_posting_to_a_members_only_event_gets_404(client_for, outsider):
    event = EventFactory(visibility=Event.Visibility.MEMBERS)
    response = client_for(outsider).post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_anonymous_register_redirects_to_sign_in(client):
    event = EventFactory()
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_cancel_from_the_page_frees_the_seat_for_the_first_waiting(client_for, member):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, person=member.person, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    response = client_for(member).post(reverse("events:cancel", args=[event.slug]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_outsider_cannot_cancel_someone_elses_registration(client_for, outsider):
    event = EventFactory()
    reg = RegistrationFactory(event=event)
    client_for(outsider).post(reverse("events:cancel", args=[event.slug]))
    reg.refresh_from_db()
    assert reg.status == Status.CONFIRMED


def test_register_link_opened_by_get_shows_the_event_and_registers_nobody(client_for, member):
    event = EventFactory()
    response = client_for(member).get(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    assert response["Location"] == f"{event.get_absolute_url()}#take-part"
    assert not Registration.objects.exists()


def test_capacity_raise_then_promote_fills_new_seats():
    event = EventFactory(capacity=0)
    waiting = [services.register(event=event, person=p) for p in people(3)]
    assert {w.status for w in waiting} == {Status.WAITING}
    Event.objects.filter(pk=event.pk).update(capacity=2)
    promoted = services.promote_waiting_list(event=event)
    assert [r.pk for r in promoted] == [w.pk for w in waiting[:2]]


def test_event_end_is_after_start_in_the_factory():
    event = EventFactory()
    assert event.end - event.start == dt.timedelta(hours=7)
