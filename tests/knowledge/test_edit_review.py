"""Changing a published resource follows the same review rule as posting one: the text of a
member who still needs review never reaches the public before a coordinator has checked it."""

import pytest
from django.core import mail
from django.urls import reverse

from knowledge import services
from knowledge.models import Resource

from .factories import ResourceFactory
from .test_posting import form_data, html_part

pytestmark = pytest.mark.django_db


def edit(client, resource, **extra):
    return client.post(
        reverse("knowledge:edit", kwargs={"slug": resource.slug}),
        form_data(title_en="Changed title", **extra),
    )


def test_edit_of_published_resource_by_member_in_review_goes_back_to_review(
    client_for, member, coordinator, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(created_by=member, title_en="Checked title")
    assert services.needs_review(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client_for(member), resource)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.IN_REVIEW
    assert resource.title_en == "Changed title"
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "/knowledge/review/" in message.body and "/knowledge/review/" in html_part(message)
    # The unchecked text is off the site for everyone but its author and the coordinators.
    url = resource.get_absolute_url()
    assert client_for(None).get(url).status_code == 404
    assert "Changed title" not in client_for(None).get("/en/knowledge/").content.decode()
    assert client_for(member).get(url).status_code == 200
    assert "Changed title" in client_for(coordinator).get("/en/knowledge/review/").content.decode()


def test_draft_button_on_published_resource_keeps_the_change_off_the_site(
    client_for, member, coordinator
):
    resource = ResourceFactory(created_by=member)
    data = form_data(title_en="Changed title")
    del data["submit"]
    data["draft"] = "1"
    client_for(member).post(reverse("knowledge:edit", kwargs={"slug": resource.slug}), data)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.DRAFT
    assert mail.outbox == []
    assert client_for(None).get(resource.get_absolute_url()).status_code == 404


def test_editor_in_review_changing_an_organisation_resource_sends_it_to_review(
    client_for, editor, organisation, coordinator
):
    resource = ResourceFactory(created_by=coordinator)
    resource.organisations.add(organisation)
    edit(client_for(editor), resource)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.IN_REVIEW


def test_trusted_member_edit_stays_published(client_for, member, coordinator):
    resource, *_ = ResourceFactory.create_batch(services.TRUSTED_AFTER_PUBLISHED, created_by=member)
    edit(client_for(member), resource)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert resource.title_en == "Changed title"
    assert mail.outbox == []


def test_coordinator_edit_stays_published(client_for, coordinator, member):
    resource = ResourceFactory(created_by=member)
    edit(client_for(coordinator), resource)
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED


def test_republished_resource_keeps_its_first_publication_date(client_for, member, coordinator):
    resource = ResourceFactory(created_by=member, published_on="2014-03-06")
    edit(client_for(member), resource, published_on="2014-03-06")
    resource.refresh_from_db()
    assert resource.status == Resource.Status.IN_REVIEW
    client_for(coordinator).post(reverse("knowledge:publish", kwargs={"slug": resource.slug}))
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert str(resource.published_on) == "2014-03-06"


def test_edit_form_warns_a_member_in_review_that_changes_unpublish(client_for, member):
    resource = ResourceFactory(created_by=member)
    url = reverse("knowledge:edit", kwargs={"slug": resource.slug})
    html = client_for(member).get(url).content.decode()
    assert "it leaves the site until a coordinator has checked your changes" in html
    ResourceFactory(created_by=member)  # now trusted
    html = client_for(member).get(url).content.decode()
    assert "it leaves the site until a coordinator" not in html
