"""The benchmark's baseline views exist only when BENCH_VIEWS=1, and the fortunes page escapes."""

import importlib

import pytest
from django.urls import clear_url_caches

from network import urls
from network.models import Fortune

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_views(settings):
    settings.BENCH_VIEWS = True
    clear_url_caches()
    importlib.reload(urls)
    yield
    settings.BENCH_VIEWS = False
    clear_url_caches()
    importlib.reload(urls)


def test_baseline_views_are_not_routed_by_default(client):
    assert client.get("/bench/hello").status_code == 404
    assert client.get("/bench/fortunes").status_code == 404


def test_hello_answers_plain_text(bench_views, client):
    response = client.get("/bench/hello")
    assert response.status_code == 200
    assert response.content == b"Hello, World!"


def test_fortunes_is_one_query_sorted_and_escaped(bench_views, client, django_assert_num_queries):
    Fortune.objects.create(message='<script>alert("This should not be shown.");</script>')
    Fortune.objects.create(message="フレームワークのベンチマーク")
    Fortune.objects.create(message="A computer scientist is someone who fixes things.")
    with django_assert_num_queries(1):
        response = client.get("/bench/fortunes")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;This should not be shown.&quot;);&lt;/script&gt;" in html
    order = [  # sorted by the raw message: "<" comes before "A"
        html.index("&lt;script&gt;"),
        html.index("A computer scientist"),
        html.index("Additional fortune added at request time."),
        html.index("フレームワーク"),
    ]
    assert order == sorted(order)
