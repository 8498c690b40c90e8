"""Organisation descriptions, bios and join messages: capped with a clear message, rendered once."""

import pytest

from members.models import JoinRequest, Organisation, Person
from network.lib import textlimits

from .test_editing import org_data

pytestmark = pytest.mark.django_db

TOO_LONG = "This text is too long"


@pytest.mark.parametrize("field", ["description_th", "description_en", "resilience_plans"])
def test_an_organisation_text_over_the_limit_is_refused_and_kept(
    client_for, editor, organisation, field
):
    text = "เกี่ยวกับเรา " + "d" * textlimits.LONG
    response = client_for(editor).post(
        f"/en/members/{organisation.slug}/edit/", org_data(organisation, **{field: text})
    )
    html = response.content.decode()
    assert TOO_LONG in html and "10,000" in html and text in html
    organisation.refresh_from_db()
    assert getattr(organisation, field) != text


def test_an_edited_description_is_rendered_once_and_shown(client_for, editor, organisation):
    response = client_for(editor).post(
        f"/en/members/{organisation.slug}/edit/",
        org_data(organisation, description_en="We keep **flood** storage [open](https://x.org)."),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert "<strong>flood</strong>" in organisation.description_html_en
    html = client_for(None).get(f"/en/members/{organisation.slug}/").content.decode()
    assert "<strong>flood</strong>" in html and 'rel="noopener noreferrer nofollow"' in html


def test_a_bio_over_the_limit_is_refused_and_kept(client_for, member):
    person = Person.objects.get(user=member)
    bio = "ประวัติ " + "b" * textlimits.MEDIUM
    response = client_for(member).post(
        f"/en/members/people/{person.pk}/edit/",
        {"name_en": "Malee M.", "contact_visibility": "members", "language": "en", "bio": bio},
    )
    html = response.content.decode()
    assert TOO_LONG in html and "5,000" in html and bio in html
    person.refresh_from_db()
    assert person.bio != bio


def test_a_bio_is_shown_from_its_stored_html(client_for, member):
    person = Person.objects.get(user=member)
    client_for(member).post(
        f"/en/members/people/{person.pk}/edit/",
        {"name_en": "Malee M.", "contact_visibility": "members", "language": "en",
         "bio": "Works on *heat* plans. <script>alert(1)</script>"},
    )  # fmt: skip
    person.refresh_from_db()
    assert person.bio_html == "<p>Works on <em>heat</em> plans. alert(1)</p>"
    html = client_for(member).get(person.get_absolute_url()).content.decode()
    assert "<em>heat</em>" in html and "<script>alert" not in html


def test_a_join_message_over_the_limit_is_refused_and_kept(client_for, outsider, organisation):
    message = "ขอเข้าร่วม " + "m" * textlimits.SHORT
    response = client_for(outsider).post(
        "/en/members/join/", {"organisation": organisation.pk, "message": message}
    )
    html = response.content.decode()
    assert TOO_LONG in html and "2,000" in html and message in html
    assert not JoinRequest.objects.exists()


def test_model_validation_refuses_over_long_text_outside_forms_too(organisation):
    from django.core.exceptions import ValidationError

    organisation.description_th = "x" * (textlimits.LONG + 1)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "description_th" in caught.value.message_dict
    assert Organisation.objects.get().description_th != organisation.description_th
