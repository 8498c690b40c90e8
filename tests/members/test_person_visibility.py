"""A person's page is public only when the network vouches for the person, so nobody can publish
a page that calls themselves an official of the network."""

import pytest

from members.models import JoinRequest, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CLAIM = "Official coordinator of the network"


def page(client, person):
    return client.get(f"/en/members/people/{person.pk}/")


@pytest.fixture
def self_styled(db):
    return PersonFactory(name_en="Sak Selfstyled", position=CLAIM, bio="I speak for the network.")


@pytest.mark.parametrize("persona", [None, "outsider", "member", "editor"])
def test_a_profile_without_an_approved_membership_is_a_404_to_others(
    request, client_for, self_styled, persona
):
    user = request.getfixturevalue(persona) if persona else None
    response = page(client_for(user), self_styled)
    assert response.status_code == 404
    assert CLAIM not in response.content.decode()


def test_its_owner_and_coordinators_still_see_it(client_for, self_styled, coordinator):
    assert CLAIM in page(client_for(self_styled.user), self_styled).content.decode()
    assert CLAIM in page(client_for(coordinator), self_styled).content.decode()


def test_membership_of_an_applicant_organisation_does_not_make_it_public(client, self_styled):
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    MembershipFactory(person=self_styled, organisation=applicant)
    assert page(client, self_styled).status_code == 404


@pytest.mark.parametrize("status", [Organisation.Status.ACTIVE, Organisation.Status.ALUMNI])
def test_approved_membership_makes_the_page_public(client, self_styled, status):
    MembershipFactory(person=self_styled, organisation=OrganisationFactory(status=status))
    assert page(client, self_styled).status_code == 200


def test_coordinators_and_people_entered_without_an_account_are_public(client, coordinator):
    assert page(client, coordinator.person).status_code == 200
    speaker = PersonFactory(user=None, name_en="Guest Speaker")
    assert page(client, speaker).status_code == 200


def test_editors_deciding_a_request_see_the_applicant(
    client_for, self_styled, editor, organisation
):
    client = client_for(editor)
    JoinRequest.objects.create(person=self_styled, organisation=organisation)
    assert page(client, self_styled).status_code == 200
    JoinRequest.objects.update(status=JoinRequest.Status.DECLINED)
    assert page(client, self_styled).status_code == 404


def test_a_hidden_page_is_not_kept_for_the_public_once_approved(client, self_styled, organisation):
    assert page(client, self_styled).status_code == 404
    MembershipFactory(person=self_styled, organisation=organisation)
    assert page(client, self_styled).status_code == 200


def test_person_page_query_count(client_for, member, django_assert_max_num_queries):
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert page(client, member.person).status_code == 200
