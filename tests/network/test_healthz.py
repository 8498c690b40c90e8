from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_database_and_redis_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_healthz_names_redis_when_it_is_down(client):
    with mock.patch("network.views.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "down"}


def test_healthz_names_the_database_when_it_is_down(client):
    with mock.patch("network.views.connection.cursor", side_effect=OSError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: " in body and body.rstrip().endswith("/sitemap.xml")
