from pathlib import Path

import pytest

from members.models import Membership, Organisation, Person
from members.panels import Panel, _organisation_panels, register_organisation_panel
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"

CONTACT = {
    "email": "somchai.contact@example.org",
    "phone": "+66 81 234 5678",
    "line_id": "somchai-line",
}


@pytest.fixture
def contact_person(organisation):
    def make(visibility):
        person = PersonFactory(name_en="Somchai Contact", contact_visibility=visibility, **CONTACT)
        MembershipFactory(person=person, organisation=organisation)
        return person

    return make


def shows_contact(html):
    found = [value in html for value in CONTACT.values()]
    assert all(found) or not any(found), found
    return all(found)


@pytest.mark.parametrize(
    ("persona", "visibility", "visible"),
    [
        (None, "members", False),
        ("outsider", "members", False),
        ("member", "members", True),
        ("editor", "members", True),
        ("coordinator", "members", True),
        (None, "public", True),
        ("outsider", "public", True),
        ("member", "hidden", False),
        ("coordinator", "hidden", False),
    ],
)
def test_contact_details_follow_the_persons_visibility_for_each_role(
    request, client_for, contact_person, persona, visibility, visible
):
    person = contact_person(visibility)
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for url in (f"/en/members/people/{person.pk}/", "/en/members/chiang-rai/"):
        assert shows_contact(client.get(url).content.decode()) is visible, url


def test_people_always_see_their_own_hidden_contact_details(client_for, organisation):
    person = PersonFactory(contact_visibility="hidden", **CONTACT)
    html = client_for(person.user).get(f"/en/members/people/{person.pk}/").content.decode()
    assert shows_contact(html)


def test_organisation_email_and_phone_are_for_members_only(client_for, organisation, member):
    organisation.email, organisation.phone = "office@chiangrai.example.org", "053-711-333"
    organisation.address = "Chiang Rai city hall"
    organisation.save()
    public_html = client_for(None).get("/en/members/chiang-rai/").content.decode()
    assert "office@chiangrai.example.org" not in public_html
    assert "053-711-333" not in public_html
    assert "Chiang Rai city hall" in public_html
    member_html = client_for(member).get("/en/members/chiang-rai/").content.decode()
    assert "office@chiangrai.example.org" in member_html


def test_applicant_organisation_is_a_404_to_the_public(client, db):
    OrganisationFactory(slug="pending-town", status=Organisation.Status.APPLICANT)
    assert client.get("/en/members/pending-town/").status_code == 404


def test_organisation_page_renders_registered_panels(client, organisation, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]

    def panel(request, org):
        return Panel(
            title="Events hosted",
            template="tests_members/panel.html",
            context={"things": [f"Study visit in {org.name_en}"]},
        )

    register_organisation_panel(panel)
    try:
        html = client.get("/en/members/chiang-rai/").content.decode()
    finally:
        _organisation_panels.remove(panel)
    assert "Events hosted" in html
    assert "Study visit in Chiang Rai City Municipality" in html


@pytest.mark.parametrize("count", [2, 30])
def test_organisation_page_query_count_stays_flat(
    client_for, member, organisation, django_assert_max_num_queries, count
):
    for person in PersonFactory.create_batch(count):
        MembershipFactory(person=person, organisation=organisation)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get("/en/members/chiang-rai/").status_code == 200
    person = Person.objects.get(user=member)
    with django_assert_max_num_queries(12):
        assert client.get(f"/en/members/people/{person.pk}/").status_code == 200


def test_organisation_page_shows_share_links_and_city_profile(client, organisation):
    organisation.hazards = ["flood", "heat"]
    organisation.population = 69000
    organisation.save()
    html = client.get("/en/members/chiang-rai/").content.decode()
    assert "facebook.com/sharer" in html and "line.me" in html and "x.com/intent" in html
    assert "Flood" in html and "Heat" in html and "69,000" in html


def test_editor_sees_edit_links_but_member_does_not(client_for, member, editor):
    assert (
        "/en/members/chiang-rai/edit/"
        in client_for(editor).get("/en/members/chiang-rai/").content.decode()
    )
    assert (
        "/en/members/chiang-rai/edit/"
        not in client_for(member).get("/en/members/chiang-rai/").content.decode()
    )


def test_my_profile_redirects_to_own_person_page(client_for, member):
    person = Person.objects.get(user=member)
    response = client_for(member).get("/en/members/me/")
    assert response["Location"] == f"/en/members/people/{person.pk}/"
    assert Membership.objects.filter(person=person).exists()


def test_ask_to_join_link_is_offered_to_signed_in_people_outside_the_organisation(
    client_for, outsider, member, organisation
):
    link = f"/en/members/join/?organisation={organisation.pk}"
    assert link in client_for(outsider).get("/en/members/chiang-rai/").content.decode()
    assert link not in client_for(member).get("/en/members/chiang-rai/").content.decode()
    assert link not in client_for(None).get("/en/members/chiang-rai/").content.decode()


def test_editor_page_query_count_includes_pending_requests_flag(
    client_for, editor, outsider, organisation, django_assert_max_num_queries
):
    from members.models import JoinRequest

    JoinRequest.objects.create(person=outsider.person, organisation=organisation)
    client = client_for(editor)
    with django_assert_max_num_queries(12):
        response = client.get("/en/members/chiang-rai/")
    assert "/en/members/requests/" in response.content.decode()
