"""Tag suggestions come only from resources the requester may read."""

import pytest

from knowledge.models import Resource

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

URL = "/en/knowledge/tags/"


def suggested(client, prefix="f"):
    return client.get(URL, {"q": prefix}).json()["tags"]


@pytest.fixture
def tagged(member):
    ResourceFactory().tags.add("flood-public")
    ResourceFactory(visibility="members").tags.add("flood-members-only")
    ResourceFactory(status=Resource.Status.DRAFT, created_by=member).tags.add("flood-draft")
    ResourceFactory(status=Resource.Status.IN_REVIEW, created_by=member).tags.add("flood-review")
    ResourceFactory(status=Resource.Status.ARCHIVED).tags.add("flood-archived")


@pytest.mark.parametrize("persona", [None, "outsider"])
def test_the_public_gets_tags_of_public_published_resources_only(
    request, client_for, tagged, persona
):
    user = request.getfixturevalue(persona) if persona else None
    assert suggested(client_for(user)) == ["flood-public"]


def test_members_also_get_members_only_tags_but_not_others_drafts(client_for, tagged, editor):
    assert suggested(client_for(editor)) == ["flood-members-only", "flood-public"]


def test_the_poster_gets_the_tags_of_their_own_unpublished_work(client_for, tagged, member):
    assert suggested(client_for(member)) == [
        "flood-draft", "flood-members-only", "flood-public", "flood-review",
    ]  # fmt: skip


def test_a_tag_on_a_public_and_a_hidden_resource_is_suggested_once(client):
    ResourceFactory().tags.add("heat")
    ResourceFactory(visibility="members").tags.add("heat")
    assert suggested(client, "he") == ["heat"]


def test_suggestions_query_count_is_flat(client_for, member, django_assert_max_num_queries):
    for n in range(30):
        ResourceFactory().tags.add(f"flood-{n}")
    client = client_for(member)
    with django_assert_max_num_queries(6):
        assert len(suggested(client)) == 15
