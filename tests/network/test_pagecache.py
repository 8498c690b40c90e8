"""Public pages kept whole for anonymous visitors, and made stale by any change."""

import pytest
from django.contrib import messages

from events.models import Event
from network.lib import pagecache
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/members/"


def test_a_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    OrganisationFactory(name_en="Udon Thani City Municipality", slug="udon-thani")
    first = client.get(DIRECTORY)
    assert first[pagecache.HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(DIRECTORY)
    assert second[pagecache.HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]


def test_a_saved_row_makes_the_page_fresh_again(client):
    client.get(DIRECTORY)
    OrganisationFactory(name_en="Phuket City Municipality", slug="phuket")
    response = client.get(DIRECTORY)
    assert response[pagecache.HEADER] == "miss"
    assert "Phuket City Municipality" in response.text


def test_a_deleted_row_makes_the_page_fresh_again(client):
    organisation = OrganisationFactory(name_en="Patong Town Municipality", slug="patong")
    assert "Patong Town Municipality" in client.get(DIRECTORY).text
    organisation.delete()
    assert "Patong Town Municipality" not in client.get(DIRECTORY).text


def test_a_write_that_sends_no_signal_is_announced(client):
    client.get(DIRECTORY)
    pagecache.content_changed()
    assert client.get(DIRECTORY)[pagecache.HEADER] == "miss"


def test_signing_in_does_not_empty_the_cache(client, member):
    client.get(DIRECTORY)
    member.last_login = member.date_joined
    member.save(update_fields=["last_login"])
    assert client.get(DIRECTORY)[pagecache.HEADER] == "hit"


def test_each_language_and_query_has_its_own_page(client):
    OrganisationFactory(name_th="เทศบาลนครภูเก็ต", name_en="Phuket City Municipality", slug="phuket")
    client.get(DIRECTORY)
    thai = client.get("/members/")
    assert thai[pagecache.HEADER] == "miss"
    assert "เทศบาลนครภูเก็ต" in thai.text
    assert client.get(DIRECTORY, {"region": "south"})[pagecache.HEADER] == "miss"


def test_signed_in_members_always_get_a_fresh_page(client_for, member):
    client = client_for(member)
    client.get(DIRECTORY)
    response = client.get(DIRECTORY)
    assert pagecache.HEADER not in response
    assert member.email not in client_for(None).get(DIRECTORY).text


def test_an_anonymous_page_with_a_form_is_not_kept(client):
    """A CSRF token belongs to one visitor; the sign-in page is never shared."""
    client.get("/en/accounts/login/")
    assert pagecache.HEADER not in client.get("/en/accounts/login/")


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client):
    client.get(DIRECTORY)
    client.cookies["messages"] = "pending"
    assert pagecache.HEADER not in client.get(DIRECTORY)


def test_a_view_that_adds_a_message_is_not_kept(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.http import HttpResponse

    @pagecache.public_page
    def view(request):
        messages.info(request, "Welcome")
        return HttpResponse("page")

    request = rf.get("/en/somewhere/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    view(request)
    assert pagecache.HEADER not in view(request)


def test_a_members_page_seen_by_a_member_is_not_shown_to_the_public(client_for, member):
    event = EventFactory(title_en="Members meeting", visibility=Event.Visibility.MEMBERS)
    address = f"/en/events/{event.slug}/"
    assert client_for(member).get(address).status_code == 200
    assert client_for(None).get(address).status_code != 200


def test_turned_off_with_zero_seconds(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(DIRECTORY)
    assert pagecache.HEADER not in client.get(DIRECTORY)


# Fragments shared by everyone in one role: signed-in pages skip their heavy part when cached.


def test_signed_in_pages_reuse_their_shared_fragments(
    client_for, member, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(3)
    client = client_for(member)
    for address in ("/en/", DIRECTORY):
        first = client.get(address)
        with django_assert_max_num_queries(3):  # the user, their memberships, nothing else
            second = client.get(address)
        assert second.content == first.content


def test_shared_fragments_follow_writes(client_for, member):
    client = client_for(member)
    client.get(DIRECTORY)
    OrganisationFactory(name_en="Thung Song Town Municipality", slug="thung-song")
    assert "Thung Song Town Municipality" in client.get(DIRECTORY).text


def test_shared_fragments_are_kept_per_role(client_for, member):
    event = EventFactory(title_en="Members meeting", visibility=Event.Visibility.MEMBERS)
    assert event.title_en in client_for(member).get("/en/").text
    assert event.title_en not in client_for(None).get("/en/").text
    assert event.title_en in client_for(member).get("/en/").text


def test_a_members_search_is_kept_for_members_only(
    client_for, member, django_assert_max_num_queries
):
    from network.search.index import index_object
    from tests.knowledge.factories import ResourceFactory

    secret = ResourceFactory(title_en="Flood drill notes", visibility="members")
    index_object(secret)
    client = client_for(member)
    assert "Flood drill notes" in client.get("/en/search/", {"q": "flood"}).text
    with django_assert_max_num_queries(3):
        assert "Flood drill notes" in client.get("/en/search/", {"q": "flood"}).text
    assert "Flood drill notes" not in client_for(None).get("/en/search/", {"q": "flood"}).text


def test_a_bulk_job_announces_one_change_at_the_end(client):
    client.get(DIRECTORY)
    with pagecache.one_change():
        OrganisationFactory(name_en="Hat Yai City Municipality", slug="hat-yai")
        assert client.get(DIRECTORY)[pagecache.HEADER] == "hit"  # nothing announced yet
    response = client.get(DIRECTORY)
    assert response[pagecache.HEADER] == "miss"
    assert "Hat Yai City Municipality" in response.text


def test_a_remembered_fact_is_computed_again_after_a_change(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert pagecache.remember("answer", compute) == 1
    assert pagecache.remember("answer", compute) == 1
    pagecache.content_changed()
    assert pagecache.remember("answer", compute) == 2


# Bounded: the cache shares Redis with sessions and the broker.


def stored_keys() -> int:
    from django.core.cache import cache

    return cache._cache.get_client().dbsize()


def test_a_query_with_a_parameter_the_page_does_not_read_is_not_kept(client):
    client.get(DIRECTORY)
    before = stored_keys()
    response = client.get(DIRECTORY, {"utm_source": "crawler"})
    assert response.status_code == 200
    assert pagecache.HEADER not in response
    assert pagecache.HEADER not in client.get(DIRECTORY, {"utm_source": "crawler"})
    assert stored_keys() == before


def test_known_parameters_in_any_order_share_one_page(client):
    assert client.get(f"{DIRECTORY}?region=south&kind=academic")[pagecache.HEADER] == "miss"
    assert client.get(f"{DIRECTORY}?kind=academic&region=south")[pagecache.HEADER] == "hit"


def test_a_crawler_with_random_query_strings_cannot_grow_the_cache_without_bound(client, settings):
    import uuid

    settings.PAGE_CACHE_MAX_PAGES = 5
    OrganisationFactory(name_en="Udon Thani City Municipality", slug="udon-thani")
    client.get(DIRECTORY)
    baseline = stored_keys()
    for _ in range(40):
        junk = uuid.uuid4().hex
        assert client.get(DIRECTORY, {junk: junk}).status_code == 200
        assert client.get(DIRECTORY, {"q": junk}).status_code == 200
        assert client.get("/en/search/", {"q": junk}).status_code == 200
        assert client.get("/en/events/calendar/", {"month": junk}).status_code == 200
    # Each window stores at most PAGE_CACHE_MAX_PAGES pages or fragments (plus its counter).
    assert stored_keys() <= baseline + settings.PAGE_CACHE_MAX_PAGES + 1


def test_the_budget_is_renewed_every_window(client, settings, monkeypatch):
    import time

    settings.PAGE_CACHE_MAX_PAGES = 2  # the directory's page and its shared fragment
    now = time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: now)
    assert client.get(DIRECTORY, {"region": "south"})[pagecache.HEADER] == "miss"
    assert pagecache.HEADER not in client.get(DIRECTORY, {"region": "north"})  # over budget
    assert client.get(DIRECTORY, {"region": "south"})[pagecache.HEADER] == "hit"
    monkeypatch.setattr(pagecache.time, "time", lambda: now + settings.PAGE_CACHE_SECONDS)
    assert client.get(DIRECTORY, {"region": "north"})[pagecache.HEADER] == "miss"


def test_signed_in_fragments_with_unknown_parameters_are_not_kept(client_for, member):
    client = client_for(member)
    client.get(DIRECTORY)
    before = stored_keys()
    for n in range(5):
        assert client.get(DIRECTORY, {f"junk{n}": "1"}).status_code == 200
    assert stored_keys() == before


# Scopes: frequent writes (comments, registrations, resource edits) make stale only the pages that
# show them, not the whole site.

LIBRARY = "/en/knowledge/"


def page_of(obj) -> str:
    from django.utils import translation

    with translation.override("en"):
        return obj.get_absolute_url()


@pytest.fixture
def two_resources(db):
    from tests.knowledge.factories import ResourceFactory

    OrganisationFactory(name_en="Thung Song Town Municipality", slug="thung-song-town")
    return ResourceFactory(title_en="Flood map of Hat Yai"), ResourceFactory(title_en="Heat plan")


def cached(client, *addresses):
    for address in addresses:
        client.get(address)
    return {address: client.get(address)[pagecache.HEADER] for address in addresses}


def test_editing_a_resource_renews_its_page_and_the_library_but_not_the_directory(
    client, two_resources
):
    a, b = two_resources
    addresses = (page_of(a), page_of(b), LIBRARY, DIRECTORY)
    assert set(cached(client, *addresses).values()) == {"hit"}
    a.body_en = "Where the water rose in 2010, street by street."
    a.save()
    assert {address: client.get(address)[pagecache.HEADER] for address in addresses} == {
        page_of(a): "miss",
        LIBRARY: "miss",
        page_of(b): "hit",
        DIRECTORY: "hit",
    }
    assert "street by street" in client.get(page_of(a)).text


def test_the_home_page_is_renewed_when_a_card_it_shows_changes_not_by_a_comment(
    client, two_resources, member
):
    from knowledge import services

    a, _b = two_resources
    cached(client, "/en/")
    services.comment(user=member, resource=a, body="Useful for our district.")
    assert client.get("/en/")[pagecache.HEADER] == "hit"
    a.summary_en = "Where the water rose in 2010, street by street."
    a.save()
    response = client.get("/en/")
    assert response[pagecache.HEADER] == "miss"
    assert "street by street" in response.text


def test_a_comment_renews_only_its_resources_page(client, two_resources, member):
    from knowledge import services

    a, b = two_resources
    addresses = (page_of(a), page_of(b), LIBRARY, DIRECTORY)
    cached(client, *addresses)
    services.comment(user=member, resource=a, body="We used this map in Udon Thani.")
    assert {address: client.get(address)[pagecache.HEADER] for address in addresses} == {
        page_of(a): "miss",
        page_of(b): "hit",
        LIBRARY: "hit",
        DIRECTORY: "hit",
    }
    assert "We used this map in Udon Thani." in client.get(page_of(a)).text


def test_a_renamed_resource_renews_the_pages_that_name_it(client, two_resources):
    """Another resource's page may list it among related resources."""
    a, b = two_resources
    cached(client, page_of(b), DIRECTORY)
    a.title_en = "Flood map of Hat Yai, 2010"
    a.save()
    assert client.get(page_of(b))[pagecache.HEADER] == "miss"
    assert client.get(DIRECTORY)[pagecache.HEADER] == "hit"


def test_a_resource_made_members_only_leaves_the_cached_pages(client, two_resources):
    a, _b = two_resources
    assert client.get(page_of(a)).status_code == 200
    a.visibility = "members"
    a.save()
    assert client.get(page_of(a)).status_code == 404
    assert a.title_en not in client.get(LIBRARY).text


def test_a_new_address_renews_the_old_one(client, two_resources):
    a, _b = two_resources
    old = page_of(a)
    assert client.get(old).status_code == 200
    a.slug = "hat-yai-flood-map"
    a.save()
    assert client.get(old).status_code == 404


def test_a_deleted_resource_leaves_every_page_that_showed_it(client, two_resources):
    a, b = two_resources
    old = page_of(a)
    cached(client, old, page_of(b), LIBRARY)
    a.delete()
    assert client.get(old).status_code == 404
    assert client.get(page_of(b))[pagecache.HEADER] == "miss"
    assert "Flood map of Hat Yai" not in client.get(LIBRARY).text


def test_changing_a_resources_topics_renews_its_page(client, two_resources):
    from tests.factories import topic

    a, b = two_resources
    cached(client, page_of(a), page_of(b))
    flooding = topic("flooding")
    a.topics.add(flooding)
    assert client.get(page_of(a))[pagecache.HEADER] == "miss"
    assert flooding.name_en in client.get(page_of(a)).text


def test_a_registration_renews_its_events_page_only(client, member):
    from events import services
    from members.models import Person

    one, other = (
        EventFactory(title_en="Hat Yai exchange"),
        EventFactory(title_en="Udon study visit"),
    )
    addresses = (page_of(one), page_of(other), DIRECTORY)
    cached(client, *addresses)
    services.register(event=one, person=Person.objects.get(user=member))
    assert {address: client.get(address)[pagecache.HEADER] for address in addresses} == {
        page_of(one): "miss",
        page_of(other): "hit",
        DIRECTORY: "hit",
    }


def test_a_page_that_does_not_say_what_it_shows_follows_every_scope(client, two_resources, member):
    from knowledge import services

    a, _b = two_resources
    client.get("/en/about/")
    services.comment(user=member, resource=a, body="Shared at the annual meeting.")
    assert client.get("/en/about/")[pagecache.HEADER] == "miss"


def test_signed_in_directory_keeps_its_fragment_when_a_resource_is_commented(
    client_for, member, two_resources, django_assert_max_num_queries
):
    from knowledge import services

    a, _b = two_resources
    client = client_for(member)
    client.get(DIRECTORY)
    services.comment(user=member, resource=a, body="Thank you for the map.")
    with django_assert_max_num_queries(3):  # the user, their memberships: the fragment is kept
        client.get(DIRECTORY)


def test_a_new_resource_renews_the_pages_that_may_list_it(client, two_resources):
    from tests.knowledge.factories import ResourceFactory

    _a, b = two_resources
    event = EventFactory(title_en="Hat Yai exchange")
    cached(client, page_of(b), page_of(event), DIRECTORY)
    ResourceFactory(title_en="Exchange report", event=event)
    assert client.get(page_of(b))[pagecache.HEADER] == "miss"
    assert client.get(page_of(event))[pagecache.HEADER] == "miss"
    assert client.get(DIRECTORY)[pagecache.HEADER] == "hit"


def test_a_release_makes_every_cached_page_stale(client, two_resources):
    """Each release runs migrate: a cached page or fragment never mixes two releases' templates."""
    from django.core.management.sql import emit_post_migrate_signal

    cached(client, DIRECTORY, LIBRARY)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert {address: client.get(address)[pagecache.HEADER] for address in (DIRECTORY, LIBRARY)} == {
        DIRECTORY: "miss",
        LIBRARY: "miss",
    }
