import pytest
from django.core import mail

from knowledge.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_coordinator_bulk_publishes_from_the_admin_and_authors_are_told(
    client_for, coordinator, member, django_capture_on_commit_callbacks
):
    waiting = ResourceFactory.create_batch(2, status=Resource.Status.IN_REVIEW, created_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            "/en/admin/knowledge/resource/",
            {"action": "publish_selected", "_selected_action": [r.pk for r in waiting]},
        )
    assert response.status_code == 302
    assert Resource.objects.filter(status=Resource.Status.PUBLISHED).count() == 2
    assert len(mail.outbox) == 2


def test_admin_lists_resources_with_review_filter(client_for, coordinator):
    ResourceFactory(status=Resource.Status.IN_REVIEW, title_en="Waiting in admin")
    response = client_for(coordinator).get("/en/admin/knowledge/resource/?status__exact=in_review")
    assert response.status_code == 200
    assert "Waiting in admin" in response.content.decode()


def test_members_cannot_open_the_admin(client_for, member):
    assert client_for(member).get("/en/admin/knowledge/resource/").status_code == 302
