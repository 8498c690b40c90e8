"""The demo network states what the handbook says and marks what is approximate."""

import datetime as dt

import pytest
from django.core.management import call_command

from events.models import Delegation, Event
from knowledge.models import Resource
from members.models import NetworkGroup, Organisation
from network.homepage import member_counts
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo")


def test_partner_networks_are_not_counted_as_members():
    OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    OrganisationFactory(kind=Organisation.Kind.NETWORK)
    counts = member_counts()
    assert counts["total"] == 1
    assert counts["partners"] == 1
    assert Organisation.Kind.NETWORK not in [kind for kind, _, _ in counts["by_kind"]]


def test_home_page_says_partners_are_not_members(client, demo):
    html = client.get("/en/").content.decode()
    assert "partner networks we work with (not counted as members)" in html


def test_no_invented_groups_and_the_centres_belong_to_the_municipal_network(demo):
    assert not NetworkGroup.objects.exists()
    learning = Organisation.objects.get(slug="municipal-learning-network")
    assert learning.kind == Organisation.Kind.NETWORK
    for city in ("Nakhon Pathom", "Klaeng", "Khon Kaen", "Chiang Rai", "Songkhla"):
        assert city in learning.description_en
    # The other network's centres are not made members of this one.
    assert not Organisation.objects.filter(
        slug__in=["nakhon-pathom", "klaeng", "khon-kaen", "songkhla", "deqp"]
    ).exists()


def test_no_join_dates_or_populations_the_handbook_does_not_give(demo):
    assert not Organisation.objects.filter(joined_on__isnull=False).exists()
    assert not Organisation.objects.filter(population__isnull=False).exists()


def test_dates_are_in_order(demo):
    visits = {e.slug: e for e in Event.objects.filter(kind=Event.Kind.STUDY_VISIT)}
    chiang_rai = visits["chiang-rai-study-visit-2014"]
    hat_yai = visits["hat-yai-study-visit-2014"]
    for slug in ("udon-thani-m-brace-city-resilience", "phuket-m-brace-tourism-city"):
        # Their summaries speak of the 2014 visits.
        assert Resource.objects.get(slug=slug).published_on > hat_yai.end.date()
    third = Event.objects.get(slug="exchange-meeting-3")
    assert (
        Resource.objects.get(slug="exchange-meetings-conclusions").published_on > third.end.date()
    )
    khu_tao = Event.objects.get(slug="udon-thani-community-visit-khu-tao")
    assert Resource.objects.get(slug="khu-tao-community-exchange").published_on > khu_tao.end.date()
    meetings = list(Event.objects.filter(kind=Event.Kind.EXCHANGE).order_by("slug"))
    assert [m.start for m in meetings] == sorted(m.start for m in meetings)
    # The handbook (dated June 2015) already reports the third meeting and the Khu Tao visit.
    handbook = Resource.objects.get(slug="handbook-7-tei-network-activities-and-strategy")
    assert third.end.date() < handbook.published_on
    assert khu_tao.end.date() < handbook.published_on
    assert chiang_rai.start < hat_yai.start


def test_nothing_beyond_the_handbook_stated_as_fact(demo):
    chiang_rai = Organisation.objects.get(slug="chiang-rai")
    assert "flood storage" not in chiang_rai.description_en
    hat_yai_visit = Event.objects.get(slug="hat-yai-study-visit-2014")
    assert not hat_yai_visit.sites.filter(name_en__icontains="warning").exists()
    assert not Delegation.objects.filter(participants__gt=1).exists()
    for n in (1, 2, 3):
        meeting = Event.objects.get(slug=f"exchange-meeting-{n}")
        assert not meeting.hosts.exists()
        assert "approximate" in meeting.description_en
    khu_tao = Event.objects.get(slug="udon-thani-community-visit-khu-tao")
    assert khu_tao.host_city is None
    assert not khu_tao.co_organisers.filter(slug="hat-yai").exists()


def test_khu_tao_is_in_one_place(demo):
    community = Organisation.objects.get(slug="khu-tao")
    visit = Event.objects.get(slug="udon-thani-community-visit-khu-tao")
    assert (visit.latitude, visit.longitude) == (community.latitude, community.longitude)


def test_a_past_event_lists_delegations_without_made_up_head_counts(client, demo):
    visit = Event.objects.get(slug="chiang-rai-study-visit-2014")
    html = client.get(f"/en/events/{visit.slug}/").content.decode()
    assert "1 participant" not in html


def test_upcoming_demo_events_are_hosted_by_members():
    call_command("load_demo")
    upcoming = Event.objects.filter(start__gte=dt.datetime.now(dt.UTC))
    assert upcoming.exists()
    for event in upcoming:
        assert event.hosts.exclude(kind=Organisation.Kind.NETWORK).exists()


def test_demo_honours_are_marked_as_examples_in_thai_and_english(client, demo):
    from network.recognition.models import Honour

    assert Honour.objects.exists()
    assert not Honour.objects.filter(is_example=False).exists()
    english = client.get("/en/recognition/").content.decode()
    assert english.count("Example for the demo") >= Honour.objects.count()
    assert "the network has not awarded them" in english
    thai = client.get("/recognition/").content.decode()
    assert thai.count("ตัวอย่างสำหรับการสาธิต") >= Honour.objects.count()
    assert "เครือข่ายไม่ได้มอบการยกย่องเหล่านี้จริง" in thai
    # The organisation page shows the same marker next to its honour.
    hat_yai = client.get("/en/members/hat-yai/").content.decode()
    assert "Example for the demo" in hat_yai


def test_demo_honour_citations_keep_to_the_handbook(demo):
    from network.recognition.models import Honour

    citations = " ".join(Honour.objects.values_list("citation_en", flat=True))
    assert "6–7 March 2014" in citations and "12–13 June 2014" in citations
    assert "Mae Kok Noi" in citations and "Udon Thani" in citations
    for invented in ("library", "first study visit", "flood preparedness"):
        assert invented not in citations
