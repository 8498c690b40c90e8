import pytest

from members.models import Organisation, Province
from tests.factories import OrganisationFactory, topic

pytestmark = pytest.mark.django_db


def test_directory_lists_active_organisations_but_not_applicants(client, organisation):
    OrganisationFactory(name_en="Pending Town", status=Organisation.Status.APPLICANT)
    response = client.get("/en/members/")
    assert response.status_code == 200
    assert "Chiang Rai City Municipality" in response.content.decode()
    assert "Pending Town" not in response.content.decode()


def test_directory_search_finds_thai_text(client, organisation, other_organisation):
    response = client.get("/members/", {"q": "หาดใหญ่"})
    html = response.content.decode()
    assert "เทศบาลนครหาดใหญ่" in html
    assert "เทศบาลนครเชียงราย" not in html


def test_directory_search_finds_english_names_case_insensitively(
    client, organisation, other_organisation
):
    html = client.get("/en/members/", {"q": "hat yai"}).content.decode()
    assert "Hat Yai City Municipality" in html
    assert "Chiang Rai City Municipality" not in html


def test_directory_filters_by_kind_region_province_hazard_and_topic(client):
    songkhla = Province.objects.get(code="songkhla")
    wanted = OrganisationFactory(
        name_en="Wanted University", kind=Organisation.Kind.ACADEMIC, region="south",
        province=songkhla, hazards=["flood"],
    )  # fmt: skip
    wanted.topics.add(topic("flooding"))
    OrganisationFactory(name_en="Other University", kind=Organisation.Kind.ACADEMIC, region="north")
    OrganisationFactory(
        name_en="Southern Town", region="south", province=songkhla, hazards=["flood"]
    )
    filters = {
        "kind": "academic", "region": "south", "province": "songkhla", "hazard": "flood",
        "topic": "flooding",
    }  # fmt: skip
    for name, value in filters.items():
        html = client.get("/en/members/", {name: value}).content.decode()
        assert "Wanted University" in html, name
    html = client.get("/en/members/", filters).content.decode()
    assert "Wanted University" in html
    assert "Other University" not in html
    assert "Southern Town" not in html


def test_directory_shows_counts_per_kind_ignoring_the_kind_filter(client):
    OrganisationFactory.create_batch(3)
    OrganisationFactory(kind=Organisation.Kind.ACADEMIC)
    response = client.get("/en/members/", {"kind": "academic"})
    counts = {kind: n for kind, _label, n in response.context["kind_counts"]}
    assert counts == {"municipality": 3, "academic": 1}
    assert response.context["page"].paginator.count == 1


def test_directory_paginates(client):
    OrganisationFactory.create_batch(30)
    first = client.get("/en/members/")
    second = client.get("/en/members/", {"page": 2})
    assert len(first.context["page"].object_list) == 24
    assert len(second.context["page"].object_list) == 6
    assert "?page=2" in first.content.decode()


def test_directory_ignores_an_unknown_filter_value(client, organisation):
    response = client.get("/en/members/", {"province": "atlantis", "kind": "spaceship"})
    assert response.status_code == 200
    assert "Chiang Rai City Municipality" in response.content.decode()


@pytest.mark.parametrize("count", [10, 200])
def test_directory_query_count_stays_flat(client, django_assert_max_num_queries, count):
    for org in OrganisationFactory.create_batch(count):
        org.topics.add(topic("flooding"))
    with django_assert_max_num_queries(10):
        response = client.get("/en/members/", {"topic": "flooding"})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_map_page_query_count_stays_flat(client, django_assert_max_num_queries, count):
    OrganisationFactory.create_batch(count, latitude=13.75, longitude=100.5)
    with django_assert_max_num_queries(6):
        assert client.get("/en/members/map/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/en/members/map/data.json").status_code == 200


def test_map_data_endpoint_lists_located_organisations_with_kind(client, organisation):
    organisation.latitude, organisation.longitude = 19.9071, 99.8310
    organisation.save()
    OrganisationFactory(name_en="Nowhere Town", latitude=None, longitude=None)
    OrganisationFactory(
        name_en="Applicant Town",
        latitude=13.7,
        longitude=100.5,
        status=Organisation.Status.APPLICANT,
    )
    data = client.get("/en/members/map/data.json").json()
    assert data["count"] == 1
    [row] = data["organisations"]
    assert row["name"] == "Chiang Rai City Municipality"
    assert row["kind"] == "municipality"
    assert row["lat"] == pytest.approx(19.9071)
    assert row["url"] == "/en/members/chiang-rai/"
    assert "email" not in row


def test_map_data_endpoint_applies_the_directory_filters(client, organisation):
    organisation.latitude, organisation.longitude = 19.9, 99.8
    organisation.save()
    OrganisationFactory(kind=Organisation.Kind.ACADEMIC, latitude=7.0, longitude=100.5)
    data = client.get("/en/members/map/data.json", {"kind": "academic"}).json()
    assert [row["kind"] for row in data["organisations"]] == ["academic"]


def test_map_page_passes_tiles_by_data_attribute_and_lists_organisations_as_html(
    client, organisation, settings
):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = client.get("/en/members/map/?kind=municipality").content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-endpoint="/en/members/map/data.json?kind=municipality"' in html
    assert "Chiang Rai City Municipality" in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "<script>" not in html


def test_network_structure_lists_groups_with_their_organisations(
    client, organisation, django_assert_max_num_queries
):
    from members.models import NetworkGroup

    group = NetworkGroup.objects.create(
        kind=NetworkGroup.Kind.REGIONAL_CENTRE, slug="centre-north", name_en="Northern centre",
        name_th="ศูนย์ประสานงานภาคเหนือ", lead=organisation,
    )  # fmt: skip
    group.organisations.add(organisation)
    with django_assert_max_num_queries(2):
        [loaded] = NetworkGroup.objects.structure()
        assert [o.slug for o in loaded.organisations.all()] == ["chiang-rai"]
        assert loaded.lead.slug == "chiang-rai"
    assert "Northern centre" in client.get("/en/members/").content.decode()
