"""An event's page body is shared by everyone in a role and kept until the event changes; the
registration box, pledges and organisers' links stay each visitor's own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from events.access import may_see
from events.models import Event, Registration
from members.models import Membership
from tests.factories import MembershipFactory, UserFactory

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def english(event) -> str:
    return f"/en/events/{event.slug}/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_members_next_view_reads_the_event_and_their_own_rows_only(
    member, organisation, django_assert_max_num_queries
):
    event = EventFactory(hosts=[organisation], description_en="Bring **boots**")
    client = signed_in(member)
    client.get(english(event))
    # The user, the member's registration (the event is kept), their memberships for the form.
    with django_assert_max_num_queries(3):
        html = client.get(english(event)).content.decode()
    assert "<strong>boots</strong>" in html


def test_each_member_sees_their_own_registration_on_the_shared_page(member, organisation):
    other = MembershipFactory(organisation=organisation).person.user
    event = EventFactory(hosts=[organisation])
    RegistrationFactory(event=event, person=member.person)
    registered = signed_in(member).get(english(event)).content.decode()
    not_yet = signed_in(other).get(english(event)).content.decode()
    assert "You are registered." in registered
    assert "You are registered." not in not_yet
    assert f"/en/events/{event.slug}/register/" in not_yet


def test_a_registration_shows_on_the_next_view(member, organisation):
    other = MembershipFactory(organisation=organisation).person.user
    event = EventFactory(hosts=[organisation])
    client = signed_in(member)
    assert "You are registered." not in client.get(english(event)).content.decode()
    signed_in(other).get(english(event))
    Registration.objects.create(event=event, person=member.person, status="confirmed")
    assert "You are registered." in client.get(english(event)).content.decode()


def test_only_editors_of_a_host_see_the_organisers_link(member, editor, organisation):
    event = EventFactory(hosts=[organisation])
    registrations = f"/en/events/{event.slug}/registrations/"
    assert registrations in signed_in(editor).get(english(event)).content.decode()
    assert registrations not in signed_in(member).get(english(event)).content.decode()
    elsewhere = MembershipFactory(role=Membership.Role.EDITOR).person.user
    assert registrations not in signed_in(elsewhere).get(english(event)).content.decode()


def test_a_changed_description_shows_at_once(member, organisation):
    event = EventFactory(hosts=[organisation], description_en="Old plan")
    client = signed_in(member)
    assert "Old plan" in client.get(english(event)).content.decode()
    event.description_en = "New plan"
    event.save()
    assert "New plan" in client.get(english(event)).content.decode()


def test_a_kept_event_is_still_shown_only_to_those_who_may_see_it(
    client, member, coordinator, organisation
):
    members_only = EventFactory(hosts=[organisation], visibility=Event.Visibility.MEMBERS)
    draft = EventFactory(hosts=[organisation], status=Event.Status.DRAFT)
    assert signed_in(member).get(english(members_only)).status_code == 200
    assert signed_in(coordinator).get(english(draft)).status_code == 200
    assert client.get(english(members_only)).status_code == 404
    assert signed_in(UserFactory()).get(english(members_only)).status_code == 404
    assert signed_in(member).get(english(draft)).status_code == 404
    assert client.get("/en/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("status", Event.Status.values)
@pytest.mark.parametrize("visibility", Event.Visibility.values)
def test_may_see_agrees_with_the_visible_events_query(
    status, visibility, member, coordinator, organisation
):
    event = EventFactory(hosts=[organisation], status=status, visibility=visibility)
    for user in (AnonymousUser(), UserFactory(), member, coordinator):
        listed = Event.objects.visible_to(user).filter(pk=event.pk).exists()
        assert may_see(user, event) == listed, (user, status, visibility)
