"""Search refreshes are recorded in PostgreSQL with the change and swept when the queue lost
them: a changed object is never left unindexed, nor found by people who may no longer see it."""

import datetime as dt

import psycopg
import pytest
from django.db import connection, transaction
from django.utils import timezone

from network.search.models import PendingIndex, SearchEntry
from network.search.tasks import sweep_pending_index
from tests.knowledge.factories import ResourceFactory

from .conftest import free_port


def age_pending_rows(minutes=10):
    PendingIndex.objects.update(requested=timezone.now() - dt.timedelta(minutes=minutes))


def entry_of(resource):
    return SearchEntry.objects.filter(object_id=resource.pk, kind="resource").first()


@pytest.mark.django_db
def test_a_change_is_recorded_with_the_write_and_cleared_by_its_task(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resource = ResourceFactory(title_en="Seawall maintenance")
    assert PendingIndex.objects.filter(
        model_label="knowledge.Resource", object_id=resource.pk
    ).exists()
    for callback in callbacks:
        callback()  # the task, run eagerly
    assert entry_of(resource) is not None
    assert not PendingIndex.objects.exists()


@pytest.mark.django_db
def test_a_write_that_rolls_back_records_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        ResourceFactory()
        raise RuntimeError
    assert not PendingIndex.objects.exists()


def test_a_change_made_while_the_broker_is_down_is_hidden_then_swept(
    committed_db, client, broker_on, member
):
    resource = ResourceFactory(title_en="Khu Tao community flood map", visibility="public")
    assert entry_of(resource).visibility == "public"  # indexed by the eager task

    broker_on(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    resource.visibility = "members"
    resource.save()
    # The queue could not take the refresh: the old public entry is gone, the need is recorded.
    assert entry_of(resource) is None
    assert PendingIndex.objects.filter(object_id=resource.pk).exists()
    assert "Khu Tao community flood map" not in client.get("/en/search/?q=Khu+Tao").content.decode()

    age_pending_rows()  # the broker is back (eager again) and the beat runs the sweep
    broker_on.restore()
    assert sweep_pending_index() == 1
    assert entry_of(resource).visibility == "members"
    assert not PendingIndex.objects.exists()
    assert "Khu Tao community flood map" not in client.get("/en/search/?q=Khu+Tao").content.decode()
    client.force_login(member)
    assert "Khu Tao community flood map" in client.get("/en/search/?q=Khu+Tao").content.decode()


@pytest.mark.django_db
def test_the_sweep_leaves_recent_rows_to_the_tasks_already_queued():
    PendingIndex.objects.create(model_label="knowledge.Resource", object_id=1, requested=timezone.now())
    assert sweep_pending_index() == 0
    assert PendingIndex.objects.count() == 1


@pytest.mark.django_db
def test_a_swept_row_for_a_deleted_object_removes_its_entry():
    resource = ResourceFactory()
    SearchEntry.objects.filter(object_id=resource.pk).delete()
    from network.search.index import index_object

    index_object(resource)
    pk = resource.pk
    resource.delete()
    age_pending_rows()
    assert sweep_pending_index() == 1
    assert not SearchEntry.objects.filter(object_id=pk, kind="resource").exists()


def test_two_sweeps_at_once_never_refresh_the_same_row(committed_db):
    resources = [ResourceFactory() for _ in range(3)]
    PendingIndex.objects.all().delete()
    for resource in resources:
        PendingIndex.objects.create(
            model_label="knowledge.Resource",
            object_id=resource.pk,
            requested=timezone.now() - dt.timedelta(minutes=10),
        )
    # Another sweep (a second beat) holds one row, on its own connection to PostgreSQL.
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        other.execute(
            "SELECT 1 FROM search_pendingindex WHERE object_id = %s FOR UPDATE",
            [resources[0].pk],
        )
        assert sweep_pending_index() == 2
        remaining = list(PendingIndex.objects.values_list("object_id", flat=True))
        assert remaining == [resources[0].pk]
    assert sweep_pending_index() == 1
    assert sweep_pending_index() == 0
