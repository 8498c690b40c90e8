"""PostgreSQL taken away for real: a connection terminated by the server (as a restart does), or
a server that does not answer. No request fails after the restart; during it visitors get a
friendly 503 in their language; a registration commits whole or the member is asked to retry."""

import time

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.db.models.signals import post_save
from django.test import Client

from events.models import Registration
from tests.events.factories import EventFactory

from .conftest import free_port


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request below reads PostgreSQL


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def terminate(pid: int) -> None:
    """What a PostgreSQL restart does to a connection: the server ends it."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            row = admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
            if row is None:
                return
            time.sleep(0.05)


def next_request() -> None:
    # A WSGI server sends request_started, whose close_old_connections() lets CONN_HEALTH_CHECKS
    # check the persistent connection again; the test client leaves that signal out.
    close_old_connections()


def test_the_first_request_after_the_server_dropped_the_connection_succeeds(committed_db, client):
    assert connection.settings_dict["CONN_HEALTH_CHECKS"]
    assert client.get("/en/about/").status_code == 200
    terminate(backend_pid())
    next_request()
    assert client.get("/en/about/").status_code == 200


def test_without_health_checks_that_request_would_have_failed(committed_db):
    # The control for the test above: the same outage, the check switched off.
    client = Client(raise_request_exception=False)
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()  # read when connecting
    try:
        assert client.get("/en/about/").status_code == 200
        terminate(backend_pid())
        next_request()
        assert client.get("/en/about/").status_code == 503
    finally:
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()


@pytest.fixture
def database_unreachable(committed_db):
    """Point the connection at a port where no PostgreSQL listens, then put it back."""
    saved = connection.settings_dict["PORT"], connection.settings_dict["HOST"]
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", free_port()
    yield
    connection.close()
    connection.settings_dict["PORT"], connection.settings_dict["HOST"] = saved


def test_during_the_outage_visitors_get_a_friendly_503_in_their_language(database_unreachable):
    client = Client(raise_request_exception=False)
    english = client.get("/en/events/")
    assert english.status_code == 503
    assert english["Retry-After"] == "30"
    page = english.content.decode()
    assert "The portal is back in a moment" in page
    assert "Traceback" not in page and "OperationalError" not in page
    thai = client.get("/events/")
    assert thai.status_code == 503
    assert "เว็บไซต์จะกลับมาให้บริการในอีกสักครู่" in thai.content.decode()
    assert 'lang="th"' in thai.content.decode()


def test_a_signed_in_member_also_gets_the_503_page(committed_db, member):
    client = Client(raise_request_exception=False)
    client.force_login(member)
    saved = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = free_port()
    try:
        response = client.get("/en/events/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = saved
    assert response.status_code == 503
    assert "The portal is back in a moment" in response.content.decode()


def test_a_registration_cut_off_by_a_restart_saves_nothing_and_asks_to_retry(committed_db, member):
    event = EventFactory(capacity=1)
    client = Client(raise_request_exception=False)
    client.force_login(member)

    def restart_mid_transaction(sender, instance, **kwargs):
        terminate(backend_pid())

    post_save.connect(restart_mid_transaction, sender=Registration, dispatch_uid="chaos")
    try:
        response = client.post(f"/en/events/{event.slug}/register/")
    finally:
        post_save.disconnect(sender=Registration, dispatch_uid="chaos")
    assert response.status_code == 503
    assert "it was not saved: please go back and send it again" in response.content.decode()

    next_request()
    assert Registration.objects.filter(event=event).count() == 0  # no row, no seat taken
    response = client.post(f"/en/events/{event.slug}/register/")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.status == Registration.Status.CONFIRMED  # the seat was still free
