"""One pagination for every list: page 2 shows the same selection as page 1."""

import re

import pytest
from django.http import QueryDict

from knowledge.models import Thread
from network.lib.pagination import paginate
from network.search.index import index_object
from tests.events.factories import EventFactory, PastEventFactory
from tests.factories import OrganisationFactory, topic
from tests.knowledge.factories import ResourceFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def page_links(response) -> list[str]:
    nav = re.search(r'<ul class="pagination.*?</ul>', response.content.decode(), re.S)
    assert nav, "the page shows no pagination"
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*)"', nav.group(0))]


def test_paginate_keeps_every_parameter_but_the_page():
    page = paginate(QueryDict("kind=question&topic=flooding&page=2&empty="), range(60), 25)
    assert list(page.object_list) == list(range(25, 50))
    assert page.query_string == "kind=question&topic=flooding"
    assert page.previous_url == "?kind=question&topic=flooding"
    assert page.next_url == "?kind=question&topic=flooding&page=3"
    assert [(link.number, link.current) for link in page.links] == [
        (1, False),
        (2, True),
        (3, False),
    ]


def test_paginate_shows_the_first_page_for_a_malformed_number_and_elides_long_ranges():
    assert paginate(QueryDict("page=abc"), range(10), 5).number == 1
    assert paginate(QueryDict("page=99"), range(10), 5).number == 2
    numbers = [link.number for link in paginate(QueryDict("page=10"), range(400), 10).links]
    assert numbers[:2] == [1, "…"] and numbers[-2:] == ["…", 40]
    assert [link.url for link in paginate(QueryDict(), range(3), 5).links] == []


def test_directory_page_two_keeps_the_filters(client):
    OrganisationFactory.create_batch(30, region="north")
    OrganisationFactory.create_batch(3, region="south")
    response = client.get("/en/members/", {"region": "north", "kind": "municipality"})
    assert "?region=north&kind=municipality&page=2" in page_links(response)
    second = client.get("/en/members/", {"region": "north", "kind": "municipality", "page": 2})
    assert second.context["page"].paginator.count == 30
    assert "?region=north&kind=municipality" in page_links(second)


def test_events_page_two_keeps_the_filters(client):
    EventFactory.create_batch(22, region="north")
    EventFactory(region="south")
    response = client.get("/en/events/", {"region": "north"})
    assert "?region=north&page=2" in page_links(response)
    PastEventFactory.create_batch(21, region="south", kind="study_visit")
    past = client.get("/en/events/past/", {"kind": "study_visit", "region": "south"})
    assert "?kind=study_visit&region=south&page=2" in page_links(past)


def test_library_page_two_keeps_the_filters(client):
    ResourceFactory.create_batch(21, kind="case_study", language="th")
    ResourceFactory(kind="document")
    response = client.get("/en/knowledge/", {"kind": "case_study", "sort": "title"})
    assert "?kind=case_study&sort=title&page=2" in page_links(response)
    second = client.get("/en/knowledge/", {"kind": "case_study", "sort": "title", "page": 2})
    assert second.context["page"].paginator.count == 21


def test_discussions_page_two_keeps_the_filters(client):
    flooding = topic("flooding")
    for kind, count in ((Thread.Kind.QUESTION, 26), (Thread.Kind.IDEA, 3)):
        for thread in ThreadFactory.create_batch(count, kind=kind):
            thread.topics.add(flooding)
    response = client.get("/en/knowledge/discussions/", {"kind": "question", "topic": "flooding"})
    assert "?kind=question&topic=flooding&page=2" in page_links(response)
    second = client.get(
        "/en/knowledge/discussions/", {"kind": "question", "topic": "flooding", "page": 2}
    )
    assert second.context["page"].paginator.count == 26
    assert len(second.context["threads"]) == 1


def test_search_page_two_keeps_the_words_and_the_type(client):
    for _ in range(21):
        index_object(ResourceFactory(title_en="Canal report", body_th="คลอง"))
    response = client.get("/en/search/", {"q": "canal", "type": "resource"})
    assert "?q=canal&type=resource&page=2" in page_links(response)
