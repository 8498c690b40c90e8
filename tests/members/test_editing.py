from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Membership, Organisation, Person
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def org_data(organisation, **changes):
    data = {
        "name_th": organisation.name_th, "name_en": organisation.name_en, "kind": organisation.kind,
        "municipality_level": organisation.municipality_level, "region": organisation.region,
        "province": organisation.province_id, "description_en": "Flood storage in the Mae Kok Noi.",
    }  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def png(size=(1200, 800), mode="RGB"):
    buffer = BytesIO()
    Image.new(mode, size, "green").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def member_membership(member, organisation):
    return Membership.objects.get(person__user=member, organisation=organisation)


def write_urls(organisation, membership):
    return [
        (f"/en/members/{organisation.slug}/edit/", org_data(organisation, name_en="Hacked")),
        (f"/en/members/{organisation.slug}/people/{membership.pk}/role/", {"role": "editor"}),
        (f"/en/members/{organisation.slug}/people/{membership.pk}/remove/", {}),
    ]


@pytest.mark.parametrize("persona", ["outsider", "member", "other_editor"])
def test_non_editors_cannot_use_any_write_url(
    request, client_for, organisation, other_organisation, member_membership, persona
):
    if persona == "other_editor":
        user = PersonFactory().user
        MembershipFactory(person=user.person, organisation=other_organisation, role="editor")
    else:
        user = request.getfixturevalue(persona)
    client = client_for(user)
    for url, data in write_urls(organisation, member_membership):
        assert client.post(url, data).status_code in (403, 404), url
    assert client.get(f"/en/members/{organisation.slug}/edit/").status_code == 403
    assert client.get(f"/en/members/{organisation.slug}/people/").status_code == 403
    organisation.refresh_from_db()
    assert organisation.name_en == "Chiang Rai City Municipality"
    member_membership.refresh_from_db()
    assert member_membership.role == "member"


def test_anonymous_visitors_are_sent_to_sign_in_by_write_urls(
    client, organisation, member_membership
):
    for url, data in write_urls(organisation, member_membership):
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["editor", "coordinator"])
def test_editor_and_coordinator_edit_the_organisation_profile(
    request, client_for, organisation, persona
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/en/members/chiang-rai/edit/").status_code == 200
    response = client.post(
        "/en/members/chiang-rai/edit/",
        org_data(organisation, hazards=["flood", "drought"], population="69000"),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_en == "Flood storage in the Mae Kok Noi."
    assert organisation.hazards == ["flood", "drought"]


def test_editor_promotes_and_removes_people(client_for, editor, organisation, member_membership):
    client = client_for(editor)
    assert "Malee Member" in client.get("/en/members/chiang-rai/people/").content.decode()
    client.post(f"/en/members/chiang-rai/people/{member_membership.pk}/role/", {"role": "editor"})
    member_membership.refresh_from_db()
    assert member_membership.role == "editor"
    client.post(f"/en/members/chiang-rai/people/{member_membership.pk}/remove/")
    assert not Membership.objects.filter(pk=member_membership.pk).exists()


def test_the_last_editor_cannot_be_removed_or_demoted(client_for, editor, organisation):
    membership = Membership.objects.get(person__user=editor)
    client = client_for(editor)
    client.post(f"/en/members/chiang-rai/people/{membership.pk}/role/", {"role": "member"})
    response = client.post(f"/en/members/chiang-rai/people/{membership.pk}/remove/", follow=True)
    assert "at least one editor" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_a_duplicate_name_is_refused_with_a_link_to_the_existing_one(
    client_for, editor, organisation, other_organisation
):
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/",
        org_data(organisation, name_en="  hat YAI city  municipality"),
    )
    assert response.status_code == 200
    assert '<a href="/en/members/hat-yai/">' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name_en == "Chiang Rai City Municipality"


@pytest.mark.parametrize(("lat", "lng"), [("48.85", "2.35"), ("13.7", "120.0"), ("13.7", "")])
def test_coordinates_outside_thailand_are_refused(client_for, editor, organisation, lat, lng):
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/", org_data(organisation, latitude=lat, longitude=lng)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.latitude is None


def test_logo_is_resized_and_reencoded(client_for, editor, organisation):
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/", {**org_data(organisation), "logo": png((1200, 800))}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    with Image.open(organisation.logo.path) as image:
        assert max(image.size) == 512
        assert image.format == "PNG"


def test_a_file_that_is_not_an_image_is_refused(client_for, editor, organisation):
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/", {**org_data(organisation), "logo": fake}
    )
    assert response.status_code == 200
    assert "not an image" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_logo_over_the_size_limit_is_refused(client_for, editor, organisation):
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1))
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/", {**org_data(organisation), "logo": big}
    )
    assert "larger than 2 MB" in response.content.decode()


def test_an_image_with_too_many_pixels_is_refused(client_for, editor, organisation, settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    response = client_for(editor).post(
        "/en/members/chiang-rai/edit/", {**org_data(organisation), "logo": png((200, 200))}
    )
    assert "too many pixels" in response.content.decode()


def test_members_edit_their_own_profile_and_visibility(client_for, member):
    person = Person.objects.get(user=member)
    client = client_for(member)
    response = client.post(f"/en/members/people/{person.pk}/edit/", {
        "name_en": "Malee M.", "contact_visibility": "public", "language": "en",
        "email": "malee@example.org",
    })  # fmt: skip
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.contact_visibility == "public" and person.name_en == "Malee M."


@pytest.mark.parametrize("persona", [None, "outsider", "editor"])
def test_others_cannot_edit_someone_elses_profile(request, client_for, member, persona):
    person = Person.objects.get(user=member)
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    response = client.post(
        f"/en/members/people/{person.pk}/edit/",
        {"name_en": "Changed", "contact_visibility": "public", "language": "en"},
    )
    assert response.status_code in (302, 403)
    if user is None:
        assert "/accounts/login/" in response["Location"]
    person.refresh_from_db()
    assert person.name_en == "Malee Member"


def test_edit_page_query_count(client_for, editor, organisation, django_assert_max_num_queries):
    client = client_for(editor)
    with django_assert_max_num_queries(12):
        assert client.get("/en/members/chiang-rai/edit/").status_code == 200
    assert Organisation.objects.count() == 1
