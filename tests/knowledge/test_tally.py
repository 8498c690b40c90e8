"""The resource tally (how many resources per status and visibility) is kept by the database, so
the library's count is exact whatever wrote the resources, without counting them on each page."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from knowledge.models import Resource, ResourceTally

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

LIBRARY = "/en/knowledge/"


def tallied() -> dict:
    return {
        (t.status, t.visibility): t.resources for t in ResourceTally.objects.all() if t.resources
    }


def counted() -> dict:
    rows = Resource.objects.values_list("status", "visibility").annotate(n=Count("id")).order_by()
    return {(status, visibility): n for status, visibility, n in rows}


def test_every_kind_of_write_keeps_the_tally_exact():
    ResourceFactory.create_batch(3)
    ResourceFactory(visibility="members")
    draft = ResourceFactory(status=Resource.Status.DRAFT)
    assert tallied() == counted() == {("published", "public"): 3, ("published", "members"): 1,
                                      ("draft", "public"): 1}  # fmt: skip

    draft.status = Resource.Status.PUBLISHED  # a save
    draft.save()
    Resource.objects.filter(visibility="members").update(visibility="public")  # no signal
    Resource.objects.bulk_create(
        [Resource(title_en=f"Bulk {n}", slug=f"bulk-{n}", status="in_review") for n in range(5)]
    )
    Resource.objects.filter(slug="bulk-0").delete()
    Resource.objects.filter(status="published").update(title_en="Renamed")  # counts unchanged
    assert tallied() == counted() == {("published", "public"): 5, ("in_review", "public"): 4}


@pytest.mark.django_db(transaction=True)  # a TRUNCATE needs no pending foreign-key checks
def test_a_truncated_table_leaves_no_tally():
    ResourceFactory.create_batch(2)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE knowledge_resource CASCADE")
    assert tallied() == counted() == {}


def test_the_whole_library_is_counted_from_the_tally(client_for, member):
    ResourceFactory.create_batch(3)
    ResourceFactory(visibility="members")
    ResourceFactory(status=Resource.Status.DRAFT)
    for user, shown in ((None, 3), (member, 4)):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(LIBRARY, {"sort": "title"}).content.decode()
        assert f"{shown} resources" in html
        counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
        assert not counts, counts


def test_a_filtered_library_is_counted_as_filtered(client):
    ResourceFactory.create_batch(2, kind=Resource.Kind.RESEARCH)
    ResourceFactory()
    assert "2 resources" in client.get(LIBRARY, {"kind": "research"}).content.decode()
    assert "3 resources" in client.get(LIBRARY).content.decode()
