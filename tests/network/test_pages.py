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
    assert response.context["member_total"] == 4  # the applicant is not counted yet


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
