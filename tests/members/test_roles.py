"""The role memberships give a user is kept in the cache, and forgotten when what it comes from
changes: a membership, its organisation, the person, the user."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.access import role_of
from members.models import Membership, Organisation, User
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    """The user as the next request loads it: nothing remembered on the object."""
    return User.objects.get(pk=user.pk)


def test_the_role_is_read_from_the_cache_on_the_next_request():
    user = MembershipFactory(role=Membership.Role.EDITOR).person.user
    assert role_of(fresh(user)) == User.Role.EDITOR
    again = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert role_of(again) == User.Role.EDITOR
    assert len(queries) == 0


def test_a_new_membership_gives_its_role_at_once():
    person = PersonFactory()
    assert role_of(fresh(person.user)) == User.Role.PUBLIC
    MembershipFactory(person=person)
    assert role_of(fresh(person.user)) == User.Role.MEMBER


def test_a_removed_membership_takes_its_role_away():
    membership = MembershipFactory()
    user = membership.person.user
    assert role_of(fresh(user)) == User.Role.MEMBER
    membership.delete()
    assert role_of(fresh(user)) == User.Role.PUBLIC


def test_a_changed_role_in_the_organisation_shows_at_once():
    membership = MembershipFactory()
    user = membership.person.user
    assert role_of(fresh(user)) == User.Role.MEMBER
    membership.role = Membership.Role.EDITOR
    membership.save()
    assert role_of(fresh(user)) == User.Role.EDITOR


def test_an_organisation_that_leaves_takes_its_members_roles_away():
    membership = MembershipFactory()
    user = membership.person.user
    assert role_of(fresh(user)) == User.Role.MEMBER
    organisation = membership.organisation
    organisation.status = Organisation.Status.ALUMNI
    organisation.save()
    assert role_of(fresh(user)) == User.Role.PUBLIC


def test_coordinator_and_deactivated_accounts_come_from_the_user_row():
    user = MembershipFactory().person.user
    assert role_of(fresh(user)) == User.Role.MEMBER
    User.objects.filter(pk=user.pk).update(is_coordinator=True)  # no signal: still read at once
    assert role_of(fresh(user)) == User.Role.COORDINATOR
    User.objects.filter(pk=user.pk).update(is_coordinator=False, is_active=False)
    assert role_of(fresh(user)) == User.Role.PUBLIC


def test_a_member_page_asks_no_membership_query_once_the_role_is_known(client):
    user = MembershipFactory().person.user
    client.force_login(user)
    client.get("/about/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/about/").status_code == 200
    assert not [q for q in queries if "members_membership" in q["sql"]]
