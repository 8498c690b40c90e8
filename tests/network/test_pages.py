import pytest

from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_home_is_thai_at_the_root_and_counts_members_by_kind(client):
    OrganisationFactory.create_batch(3, kind=Organisation.Kind.MUNICIPALITY)
    OrganisationFactory(kind=Organisation.Kind.ACADEMIC)
    OrganisationFactory(kind=Organisation.Kind.NGO, status=Organisation.Status.APPLICANT)

    response = client.get("/")

    assert response.status_code == 200
    assert response["Content-Language"] == "th"
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เทศบาล" in html  # the municipality count's Thai label
    assert response.context["members"]["total"] == 4  # the applicant is not counted yet


def test_home_in_english_under_en_prefix(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Upcoming events" in response.content.decode()


def test_language_switch_links_point_to_the_same_page(client):
    html = client.get("/en/about/").content.decode()
    assert 'href="/about/"' in html  # ไทย
    html = client.get("/about/").content.decode()
    assert 'href="/en/about/"' in html  # English


def test_home_query_budget(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(20)
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_unknown_page_is_a_friendly_404_in_the_visitors_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_about_page_tells_vision_goal_and_strategies_in_both_languages(client):
    english = client.get("/en/about/").content.decode()
    for heading in ("Vision", "Goal", "Communication", "Knowledge exchange", "Joint activities"):
        assert heading in english
    thai = client.get("/about/").content.decode()
    for heading in ("วิสัยทัศน์", "เป้าหมาย", "การสื่อสาร", "การแลกเปลี่ยนความรู้"):
        assert heading in thai
    assert "ศูนย์ประสานงานระดับภูมิภาค" in thai


def test_csrf_failure_page_explains_what_to_do(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()


def test_about_page_draws_the_structure_from_the_data(client, django_assert_max_num_queries):
    from django.core.management import call_command

    call_command("load_demo")
    with django_assert_max_num_queries(12):
        html = client.get("/en/about/").content.decode()
    assert "Regional coordination centre" in html
    assert "Chiang Rai" in html


@pytest.mark.parametrize(
    ("address", "thai", "english"),
    [("/", "/", "/en/"), ("/en/events/", "/events/", "/en/events/"), ("/about/", "/about/", "/en/about/")],
)
def test_every_page_names_itself_in_both_languages_for_search_engines(
    client, settings, address, thai, english
):
    html = client.get(address).text
    site = settings.SITE_URL
    assert f'<link rel="alternate" hreflang="th" href="{site}{thai}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{site}{english}">' in html


@pytest.mark.parametrize(
    "address", ["/", "/en/about/", "/en/members/", "/en/events/", "/en/knowledge/", "/en/search/?q=x"]
)
def test_link_checkers_may_ask_for_headers_only(client, address):
    response = client.head(address)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(("prefix", "name"), [("", "เครือข่ายเมืองรับมือ"), ("/en", "Thailand Urban")])
def test_page_titles_carry_the_site_name_in_the_pages_language(client, prefix, name):
    title = client.get(f"{prefix}/about/").content.decode().split("<title>")[1].split("</title>")[0]
    assert name in title
