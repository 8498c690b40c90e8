"""Related resources on a resource page: the right ones, from a bounded, indexed query."""

import pytest
from django.db import connection

from knowledge.models import Resource

from ..factories import topic
from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def related_titles(client, resource):
    return [r.title_en for r in client.get(resource.get_absolute_url()).context["related"]]


def test_related_share_a_topic_and_are_published_and_visible(client_for, member):
    flood, heat = topic("flooding"), topic("heat")
    resource = ResourceFactory(title_en="Main", topics=[flood, heat])
    ResourceFactory(title_en="Flood study", topics=[flood])
    ResourceFactory(title_en="Heat study", topics=[heat])
    ResourceFactory(title_en="Both", topics=[flood, heat])
    ResourceFactory(title_en="Members flood", topics=[flood], visibility="members")
    ResourceFactory(title_en="Draft flood", topics=[flood], status=Resource.Status.DRAFT)
    ResourceFactory(title_en="Elsewhere", topics=[topic("urban-governance")])

    public = related_titles(client_for(None), resource)
    assert sorted(public) == ["Both", "Flood study", "Heat study"]  # "Both" once, not twice
    members = related_titles(client_for(member), resource)
    assert sorted(members) == ["Both", "Flood study", "Heat study", "Members flood"]


def test_at_most_four_the_most_recently_added_shown_newest_published_first(client):
    flood = topic("flooding")
    resource = ResourceFactory(topics=[flood])
    made = [
        ResourceFactory(title_en=f"Study {n}", topics=[flood], published_on=f"2020-01-{n + 1:02d}")
        for n in range(8)
    ]
    titles = related_titles(client, resource)
    assert titles == [r.title_en for r in reversed(made[-4:])]


def test_a_resource_without_topics_has_no_related_and_no_query_for_them(client):
    resource = ResourceFactory()
    assert related_titles(client, resource) == []


@pytest.mark.parametrize("others", [2, 40])
def test_the_page_query_count_does_not_grow_with_the_library(
    client, django_assert_max_num_queries, others
):
    flood, heat = topic("flooding"), topic("heat")
    resource = ResourceFactory(topics=[flood, heat])
    for n in range(others):
        ResourceFactory(topics=[flood if n % 2 else heat])
    with django_assert_max_num_queries(10):
        assert client.get(resource.get_absolute_url()).status_code == 200


def test_each_topic_is_read_newest_first_from_its_index():
    """The index the per-topic LIMIT walks: (topic_id, resource_id DESC) on the through table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["knowledge_resource_topics_topic_newest"],
        )
        (definition,) = cursor.fetchone()
    assert "(topic_id, resource_id DESC)" in definition
