"""Redis taken away for real (a redis-server of the test's own, stopped mid-test): public pages
render from PostgreSQL, members stay signed in, sign-in limits hold, writes succeed and say so."""

import logging
import pickle

import pytest
from django.core.cache import cache
from django.db import connection

from events.models import Registration
from tests.conftest import PASSWORD
from tests.events.factories import EventFactory
from tests.knowledge.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/en/", "/knowledge/", "/events/", "/members/", "/search/?q=flood"]
TOO_MANY = "Too many failed login attempts"


def test_public_pages_render_from_the_database_when_redis_stops(client, cache_on, caplog):
    ResourceFactory(title_en="Flood walls for Hat Yai")
    assert client.get("/en/knowledge/").status_code == 200
    assert client.get("/en/knowledge/")["X-Page-Cache"] == "hit"  # Redis really in use

    cache_on.stop()
    with caplog.at_level(logging.WARNING, logger="network.cache"):
        for _ in range(3):
            for page in PUBLIC_PAGES:
                response = client.get(page)
                assert response.status_code == 200, page
        assert "Flood walls for Hat Yai" in client.get("/en/knowledge/").content.decode()
    # Dozens of failed cache operations, one log line (the next would come a minute later).
    reports = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(reports) == 1


def test_pages_use_the_cache_again_when_redis_is_back_and_show_writes_made_meanwhile(
    client, cache_on
):
    ResourceFactory(title_en="Mangrove restoration")
    client.get("/en/knowledge/")
    assert client.get("/en/knowledge/")["X-Page-Cache"] == "hit"

    cache_on.stop()
    ResourceFactory(title_en="Rain gardens in Udon Thani")  # could not make the page stale
    cache_on.start()  # (empty: no persistence) ...
    cache.set("pagecache:stale-marker", "x", 300)  # ... so plant something the outage made stale

    first = client.get("/en/knowledge/")
    assert "Rain gardens in Udon Thani" in first.content.decode()
    assert client.get("/en/knowledge/")["X-Page-Cache"] == "hit"


def test_keys_left_from_before_the_outage_are_deleted_when_redis_is_back(client, cache_on):
    cache.set("pagecache:before", "old page", 300)
    assert cache.get("pagecache:before") == "old page"
    # Redis unreachable for this process (its port closed) while the data survives elsewhere:
    # stop and start again with the same key put back, as a persisted Redis would.
    cache_on.stop()
    assert cache.get("pagecache:before") is None  # a miss, not an error
    cache_on.start()
    import redis

    raw = redis.Redis.from_url(cache_on.url)
    raw.set(cache.make_and_validate_key("pagecache:before"), pickle.dumps("stale"))
    raw.set("celery-queue-item", b"not ours")
    assert cache.get("pagecache:before") is None  # the first call back deleted what is stale
    assert raw.get("celery-queue-item") == b"not ours"  # only the cache's own keys


def test_a_signed_in_member_stays_signed_in_when_redis_stops(client, cache_on, member):
    client.force_login(member)
    assert client.get("/en/accounts/email/").status_code == 200
    cache_on.stop()
    response = client.get("/en/accounts/email/")
    assert response.status_code == 200  # not a redirect to the sign-in page
    assert member.email in response.content.decode()


def test_a_member_can_sign_in_while_redis_is_down(client, cache_on, member):
    cache_on.stop()
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_failed_sign_ins_are_counted_in_the_database_while_redis_is_down(
    client, cache_on, member
):
    cache_on.stop()
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": member.email, "password": "x"})
        assert response.status_code == 200
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM network_cache WHERE cache_key LIKE %s", ["%allauth:rl%"])
        assert cursor.fetchone()[0] > 0


def test_a_registration_succeeds_and_says_so_with_redis_cache_and_broker_down(
    committed_db, client, cache_on, broker_on, member, caplog
):
    """Real commits (``committed_db``): the task is sent after one, as in production."""
    event = EventFactory(capacity=10)
    broker_on(cache_on.url)
    client.force_login(member)
    cache_on.stop()
    response = client.post(f"/en/events/{event.slug}/register/", {}, follow=True)
    assert response.status_code == 200
    assert "You are registered" in response.content.decode()
    assert Registration.objects.filter(event=event, person__user=member).count() == 1
    assert any("Could not enqueue" in r.getMessage() for r in caplog.records)


def test_healthz_names_redis_when_it_is_down(client, cache_on):
    assert client.get("/healthz").json()["checks"]["redis"] == "ok"
    cache_on.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "down"}


def test_every_task_of_the_portal_enqueues_without_raising_into_the_request():
    from network.celery import ResilientTask
    from network.celery import app as celery_app

    celery_app.loader.import_default_modules()
    ours = {
        name: task
        for name, task in celery_app.tasks.items()
        if name.split(".")[0] in {"network", "members", "events", "knowledge"}
    }
    assert {"network.tasks.send_outbox_message", "network.tasks.deliver_outbox",
            "network.search.tasks.update_search_entry"} <= set(ours)  # fmt: skip
    assert all(isinstance(task, ResilientTask) for task in ours.values())
