"""A proposed organisation, once approved, stays unlisted until it has the basics."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from members.models import JoinRequest, Organisation, Province
from tests.events.test_admin import admin_form_data
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/members/"


def proposal(name_en="Nan Town Municipality", name_th="เทศบาลเมืองน่าน"):
    return JoinRequest.objects.create(
        person=PersonFactory(),
        proposed_name_th=name_th,
        proposed_name_en=name_en,
        proposed_kind="municipality",
        proposed_province=Province.objects.get(code="chiang-rai"),
    )


def change_url(org):
    with translation.override("en"):
        return reverse("admin:members_organisation_change", args=[org.pk])


def organisation_form(client, url):
    # The new editor's membership row is left alone: no inline forms are posted.
    data = admin_form_data(client, url)
    data.update({"memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0})
    return data


def approve_in_bulk(client, requests):
    with translation.override("en"):  # the English admin, whatever the last test left active
        url = reverse("admin:members_joinrequest_changelist")
    return client.post(
        url,
        {"action": "approve_requests", ACTION_CHECKBOX_NAME: [r.pk for r in requests]},
    )


def test_one_approved_proposal_leads_to_its_change_form_and_stays_unlisted(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    request = proposal()
    with django_capture_on_commit_callbacks(execute=True):
        response = approve_in_bulk(client_for(coordinator), [request])
    org = Organisation.objects.get(name_en="Nan Town Municipality")
    assert response["Location"].endswith(f"/admin/members/organisation/{org.pk}/change/")
    assert org.status == Organisation.Status.APPLICANT
    assert "Nan Town Municipality" not in client_for(None).get(DIRECTORY).content.decode()


def test_bulk_approval_links_every_new_organisation(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    requests = [proposal(), proposal("Pua Town Municipality", "เทศบาลเมืองปัว")]
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = approve_in_bulk(client, requests)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    for org in Organisation.objects.filter(status=Organisation.Status.APPLICANT):
        assert f"/admin/members/organisation/{org.pk}/change/" in page
    assert "stay out of the public directory until they have a description" in page


def test_admin_refuses_to_list_an_organisation_without_the_basics(client_for, coordinator):
    client = client_for(coordinator)
    approve_in_bulk(client, [proposal()])
    org = Organisation.objects.get(name_en="Nan Town Municipality")
    url = change_url(org)
    form = organisation_form(client, url)
    form["status"] = Organisation.Status.ACTIVE
    response = client.post(url, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A listed organisation needs a description" in html
    assert "A listed organisation needs a location on the map" in html
    org.refresh_from_db()
    assert org.status == Organisation.Status.APPLICANT


def test_completing_it_in_the_admin_lists_it(client_for, coordinator):
    client = client_for(coordinator)
    approve_in_bulk(client, [proposal()])
    org = Organisation.objects.get(name_en="Nan Town Municipality")
    url = change_url(org)
    form = organisation_form(client, url)
    form.update(
        {"description_th": "เทศบาลเมืองในจังหวัดน่าน", "latitude": "18.78", "longitude": "100.77"}
    )
    response = client.post(url, form)
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "errorlist" in line
    ]
    org.refresh_from_db()
    assert org.status == Organisation.Status.ACTIVE
    assert "Nan Town Municipality" in client_for(None).get(DIRECTORY).content.decode()


def test_the_new_editor_completing_it_on_the_site_lists_it(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    request = proposal()
    with django_capture_on_commit_callbacks(execute=True):
        approve_in_bulk(client_for(coordinator), [request])
    org = Organisation.objects.get(name_en="Nan Town Municipality")
    editor = client_for(request.person.user)
    form = {
        "name_th": org.name_th,
        "name_en": org.name_en,
        "kind": org.kind,
        "description_th": "เทศบาลเมืองในจังหวัดน่าน",
        "province": org.province_id,
        "latitude": "18.78",
        "longitude": "100.77",
    }
    response = editor.post(f"/en/members/{org.slug}/edit/", form)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Organisation.Status.ACTIVE


def test_other_applicants_are_not_listed_by_an_edit(client_for, coordinator):
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(
        status=Organisation.Status.APPLICANT,
        description_th="มีคำอธิบาย",
        latitude="19.9",
        longitude="99.8",
    )
    client = client_for(coordinator)
    url = change_url(org)
    assert client.post(url, organisation_form(client, url)).status_code == 302
    org.refresh_from_db()
    assert org.status == Organisation.Status.APPLICANT
