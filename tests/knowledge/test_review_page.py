"""A resource waiting for review is not ready to share or discuss."""

import pytest

from knowledge.models import Resource
from tests.factories import PersonFactory

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_resource_in_review_shows_no_share_buttons_comments_or_stray_dot(client_for, member):
    author = PersonFactory(name_en="Somchai Author")
    resource = ResourceFactory(
        status=Resource.Status.IN_REVIEW, created_by=member, published_on=None
    )
    resource.authors.add(author)
    html = client_for(member).get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert "Somchai Author" in html
    assert "social-plugins.line.me" not in html
    assert "share-links" not in html
    assert f"/en/knowledge/{resource.slug}/comment/" not in html
    meta = html.split("<h1>")[1].split("</p>")[0]
    assert " · " not in meta


def test_a_published_resource_still_has_share_buttons_and_comments(client_for, member):
    resource = ResourceFactory()
    html = client_for(member).get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert "social-plugins.line.me" in html
    assert f"/en/knowledge/{resource.slug}/comment/" in html
