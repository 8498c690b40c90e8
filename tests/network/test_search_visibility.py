"""Search never shows what just became members-only (issue 13), and a failing index task is retried."""

import logging

import pytest
from celery.exceptions import Retry

from events.models import Event
from knowledge.models import Resource
from network.celery import app as celery_app
from network.search import tasks
from network.search.index import index_object
from network.search.models import SearchEntry, SearchWord
from tests.events.factories import EventFactory
from tests.knowledge.factories import ResourceFactory, ThreadFactory

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/"


def titles(client, query: str) -> list[str]:
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return [r["entry"].title for r in response.context["found"]["results"]]


@pytest.fixture
def no_worker(monkeypatch):
    """Tasks are queued after commit but no worker runs them: what they were asked is recorded."""
    queued = []
    monkeypatch.setattr(
        tasks.update_search_entry, "delay_on_commit", lambda *args: queued.append(args)
    )
    return queued


def test_switching_a_resource_to_members_only_hides_it_before_any_worker_runs(
    client, client_for, member, no_worker, django_capture_on_commit_callbacks
):
    resource = ResourceFactory(title_en="Seawall plan", body_en="Confidential seawall costing")
    index_object(resource)
    assert titles(client, "seawall") == ["Seawall plan"]
    no_worker.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resource.visibility = "members"
        resource.save()
    assert no_worker == [("knowledge.Resource", resource.pk)]  # queued, not run
    client.logout()
    html = client.get(SEARCH, {"q": "seawall"}).text
    assert "Seawall plan" not in html
    assert "Confidential" not in html
    assert SearchEntry.objects.get(object_id=resource.pk).visibility == "members"
    # Its words are members-only words now: none is suggested to a visitor.
    assert SearchWord.objects.get(word="confidential").public_entries == 0
    assert titles(client_for(member), "seawall") == ["Seawall plan"]


def test_the_switch_is_part_of_the_transaction_that_saves_it(no_worker):
    resource = ResourceFactory(title_en="Seawall plan")
    index_object(resource)
    resource.visibility = "members"
    resource.save()  # still inside the test's transaction, nothing committed
    assert SearchEntry.objects.get(object_id=resource.pk).visibility == "members"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: setattr(r, "status", Resource.Status.DRAFT) or r.save(), id="unpublished"),
        pytest.param(lambda r: r.delete(), id="deleted"),
    ],
)  # fmt: skip
def test_an_unpublished_or_deleted_resource_disappears_at_once(client, no_worker, change):
    resource = ResourceFactory(title_en="Seawall plan")
    index_object(resource)
    change(resource)
    assert titles(client, "seawall") == []
    assert not SearchWord.objects.filter(word="seawall").exists()


def test_hidden_threads_and_members_only_events_are_hidden_at_once(client, no_worker):
    thread = ThreadFactory(title="Seawall question")
    event = EventFactory(title_en="Seawall seminar", title_th="Seawall seminar")
    index_object(thread)
    index_object(event)
    thread.is_hidden = True
    thread.save()
    event.visibility = Event.Visibility.MEMBERS
    event.save()
    assert titles(client, "seawall") == []


def test_making_a_resource_public_waits_for_the_refresh_with_its_current_text(client, no_worker):
    resource = ResourceFactory(title_en="Old secret title", visibility="members")
    index_object(resource)
    resource.title_en, resource.visibility = "New public title", "public"
    resource.save()
    # The stored entry still has the members-only title: it stays members-only until refreshed.
    assert titles(client, "title") == []
    index_object(resource)
    assert titles(client, "title") == ["New public title"]


def test_a_failing_index_task_is_logged_and_retried(monkeypatch, caplog):
    calls = []

    def flaky(label, pk):
        calls.append(pk)
        if len(calls) == 1:
            raise ConnectionError("database went away")

    monkeypatch.setattr("network.search.index.index_by_key", flaky)
    # As a worker would: the retry runs (at once, in eager mode) instead of raising.
    # (tests/conftest.py sets it back to True before every test)
    celery_app.conf.task_eager_propagates = False
    with caplog.at_level(logging.WARNING, logger="network.search.tasks"):
        result = tasks.update_search_entry.apply(args=("knowledge.Resource", 7))
    assert result.successful()
    assert calls == [7, 7]
    assert "Could not index knowledge.Resource #7 (attempt 1 of 6), retrying" in caplog.text


def test_an_index_task_that_keeps_failing_gives_up_with_an_error(monkeypatch, caplog):
    def broken(label, pk):
        raise ConnectionError("database went away")

    monkeypatch.setattr("network.search.index.index_by_key", broken)
    retries = []
    monkeypatch.setattr(
        tasks.update_search_entry, "retry", lambda **kw: retries.append(kw) or Retry()
    )
    with caplog.at_level(logging.WARNING, logger="network.search.tasks"):
        with pytest.raises(Retry):
            tasks.update_search_entry.apply(args=("knowledge.Resource", 7), throw=True)
        assert retries[0]["countdown"] == 10
        with pytest.raises(ConnectionError):
            tasks.update_search_entry.apply(
                args=("knowledge.Resource", 7), retries=tasks.MAX_RETRIES, throw=True
            )
    assert "gave up after 6 attempts" in caplog.text
    assert any(r.levelno == logging.ERROR for r in caplog.records)
