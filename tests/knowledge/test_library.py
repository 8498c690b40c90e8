import pytest
from django.urls import reverse

from knowledge.models import Resource
from members.models import Topic

from ..factories import OrganisationFactory, topic
from .factories import CommentFactory, ResourceFactory

pytestmark = pytest.mark.django_db

LIBRARY = "/en/knowledge/"


def test_public_sees_public_published_resources_only(client):
    ResourceFactory(title_en="Open flood guide")
    ResourceFactory(title_en="Members flood notes", visibility="members")
    ResourceFactory(title_en="Draft flood plan", status=Resource.Status.DRAFT)
    html = client.get(LIBRARY).content.decode()
    assert "Open flood guide" in html
    assert "Members flood notes" not in html
    assert "Draft flood plan" not in html


def test_members_also_see_members_only_resources(client_for, member):
    ResourceFactory(title_en="Members flood notes", visibility="members")
    ResourceFactory(title_en="Draft flood plan", status=Resource.Status.IN_REVIEW)
    html = client_for(member).get(LIBRARY).content.decode()
    assert "Members flood notes" in html
    assert "Draft flood plan" not in html


def test_outsider_does_not_see_members_only_resources(client_for, outsider):
    ResourceFactory(title_en="Members flood notes", visibility="members")
    assert "Members flood notes" not in client_for(outsider).get(LIBRARY).content.decode()


def test_library_filters_by_kind_topic_tag_region_city_language_and_year(client, organisation):
    water = topic("water-management")
    case = ResourceFactory(title_en="Case A", kind="case_study", regions=["north"], language="en")
    case.topics.add(water)
    case.tags.add("canals")
    case.cities.add(organisation)
    Resource.objects.filter(pk=case.pk).update(published_on="2014-03-07")
    ResourceFactory(title_en="Other B", kind="news", regions=["south"], language="th")
    for query in (
        "kind=case_study",
        "topic=water-management",
        "tag=canals",
        "region=north",
        f"city={organisation.slug}",
        "language=en",
        "year=2014",
    ):
        html = client.get(f"{LIBRARY}?{query}").content.decode()
        assert "Case A" in html, query
        assert "Other B" not in html, query


def test_library_ignores_nonsense_filters(client):
    ResourceFactory(title_en="Still here")
    response = client.get(f"{LIBRARY}?kind=nothing&year=abc&sort=<script>&page=-3&topic=%27")
    assert response.status_code == 200
    assert "Still here" in response.content.decode()
    assert client.get(f"{LIBRARY}?kind=%00").status_code == 400  # network.middleware


def test_library_sorts_by_title(client):
    ResourceFactory(title_th="ข", title_en="B second")
    ResourceFactory(title_th="ก", title_en="A first")
    html = client.get(f"{LIBRARY}?sort=title").content.decode()
    assert html.index("A first") < html.index("B second")


@pytest.mark.parametrize("rows", [2, 30])
def test_library_query_count_is_flat_in_the_number_of_resources(
    client_for, member, organisation, django_assert_max_num_queries, rows
):
    topics = list(Topic.objects.all()[:3])
    for _ in range(rows):
        resource = ResourceFactory(topics=topics)
        resource.organisations.add(organisation)
    client = client_for(member)
    with django_assert_max_num_queries(10):
        assert client.get(LIBRARY).status_code == 200
    client = client_for(None)
    with django_assert_max_num_queries(8):
        assert client.get(LIBRARY).status_code == 200


def test_resource_page_shows_text_files_og_tags_and_share_links(client):
    resource = ResourceFactory(
        title_en="Mae Kok Noi restoration",
        summary_en="Green space that stores flood water.",
        body_en="**Canals** restored",
        kind="case_study",
        lessons_en="Work with *every* sector",
    )
    html = client.get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert '<meta property="og:title" content="Mae Kok Noi restoration">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "Green space that stores flood water." in html
    assert "<strong>Canals</strong>" in html
    assert "<em>every</em>" in html
    assert (
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Fen%2Fknowledge%2F"
        in html
    )
    assert "https://social-plugins.line.me/lineit/share?url=" in html
    assert "https://x.com/intent/post?url=" in html
    assert '<script src="https://' not in html


def test_resource_page_lists_related_resources_with_the_same_topic(client):
    flood = topic("flooding")
    resource = ResourceFactory(topics=[flood])
    ResourceFactory(title_en="Related flood study", topics=[flood])
    ResourceFactory(title_en="Unrelated heat study", topics=[topic("heat")])
    html = client.get(f"/en/knowledge/{resource.slug}/").content.decode()
    assert "Related flood study" in html
    assert "Unrelated heat study" not in html


def test_members_only_resource_is_404_to_public_and_outsiders(client_for, outsider, member):
    resource = ResourceFactory(visibility="members", title_en="Secret plan")
    assert client_for(None).get(resource.get_absolute_url()).status_code == 404
    assert client_for(outsider).get(resource.get_absolute_url()).status_code == 404
    assert (
        "Secret plan" in client_for(member).get(f"/en/knowledge/{resource.slug}/").content.decode()
    )


def test_draft_is_404_to_other_members_but_visible_to_its_poster(client_for, member, outsider):
    draft = ResourceFactory(status=Resource.Status.DRAFT, created_by=outsider)
    assert client_for(member).get(draft.get_absolute_url()).status_code == 404
    assert client_for(outsider).get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("comments", [1, 15])
def test_resource_page_query_count_is_flat(
    client_for, member, django_assert_max_num_queries, comments
):
    resource = ResourceFactory(topics=[topic("flooding")])
    resource.tags.add("a", "b")
    for _ in range(comments):
        CommentFactory(resource=resource)
        ResourceFactory(topics=[topic("flooding")])
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get(resource.get_absolute_url()).status_code == 200


def test_hidden_comments_are_not_shown(client):
    resource = ResourceFactory()
    CommentFactory(resource=resource, body="Visible remark")
    CommentFactory(resource=resource, body="Rude remark", is_hidden=True)
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "Visible remark" in html and "Rude remark" not in html


def test_member_comments_on_a_resource(client_for, member):
    resource = ResourceFactory()
    response = client_for(member).post(
        reverse("knowledge:comment", kwargs={"slug": resource.slug}), {"body": "Great *work*"}
    )
    assert response.status_code == 302
    assert resource.comments.get().author == member


def test_outsider_cannot_comment_and_nothing_is_stored(client_for, outsider):
    resource = ResourceFactory()
    response = client_for(outsider).post(
        reverse("knowledge:comment", kwargs={"slug": resource.slug}), {"body": "Spam"}
    )
    assert response.status_code == 403
    assert not resource.comments.exists()


def test_organisation_and_person_pages_list_their_resources(client, organisation, editor):
    resource = ResourceFactory(title_en="Published by the city")
    resource.organisations.add(organisation)
    resource.authors.add(editor.person)
    ResourceFactory(title_en="Members only by the city", visibility="members").organisations.add(
        organisation
    )
    org_html = client.get(f"/en/members/{organisation.slug}/").content.decode()
    assert "Published by the city" in org_html
    assert "Members only by the city" not in org_html
    person_html = client.get(f"/en/members/people/{editor.person.pk}/").content.decode()
    assert "Published by the city" in person_html


def test_home_page_shows_latest_public_resources(client):
    ResourceFactory(title_en="Fresh public guide")
    ResourceFactory(title_en="Fresh members guide", visibility="members")
    html = client.get("/en/").content.decode()
    assert "Fresh public guide" in html
    assert "Fresh members guide" not in html


def test_other_organisations_resources_do_not_change_a_city_page(client):
    other = OrganisationFactory()
    ResourceFactory(title_en="Not ours").organisations.add(other)
    org = OrganisationFactory()
    assert "Not ours" not in client.get(f"/en/members/{org.slug}/").content.decode()


def test_the_years_filter_lists_the_years_each_audience_may_read(member, client_for):
    import datetime as dt

    ResourceFactory(published_on=dt.date(2014, 3, 6))
    ResourceFactory(published_on=dt.date(2019, 12, 31))
    ResourceFactory(published_on=dt.date(2021, 1, 1), visibility="members")
    ResourceFactory(published_on=dt.date(2023, 5, 1), status=Resource.Status.DRAFT)
    ResourceFactory(published_on=None)
    assert Resource.objects.published_years(members=False) == [2019, 2014]
    assert Resource.objects.published_years(members=True) == [2021, 2019, 2014]
    html = client_for(member).get(LIBRARY).content.decode()
    assert 'value="2021"' in html and 'value="2023"' not in html


def test_an_empty_library_has_no_years():
    assert Resource.objects.published_years(members=True) == []
