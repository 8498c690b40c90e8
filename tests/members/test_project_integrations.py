"""Joint projects beyond their own pages: site search, the sitemap, the organisation page, the
digest, the tie graph, and outputs linked to the library."""

import datetime as dt

import pytest
from django.utils import timezone

from members.models import Project, ProjectOutput, ProjectPartner
from network import digests
from network.health import graph
from network.tasks import deliver_outbox
from tests.factories import OrganisationFactory
from tests.knowledge.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def make(lead, **kwargs):
    defaults = {
        "slug": "heat-plan",
        "title_th": "แผนรับมือความร้อนร่วมกัน",
        "title_en": "Heat plan together",
    }
    return Project.objects.create(lead=lead, **{**defaults, **kwargs})


def test_site_search_finds_public_projects_and_members_only_ones_for_members(
    client_for, organisation, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make(organisation, summary_en="Shade trees along the canals.")
        make(
            organisation,
            slug="quiet",
            title_th="โครงการภายใน",
            title_en="Internal canal survey",
            visibility=Project.Visibility.MEMBERS,
        )

    def titles(client, query):
        response = client.get("/en/search/", {"q": query})
        return [r["entry"].title for r in response.context["found"]["results"]]

    assert "Heat plan together" in titles(client_for(None), "canals")
    assert "Internal canal survey" not in titles(client_for(None), "canal survey")
    assert "Internal canal survey" in titles(client_for(member), "canal survey")


def test_the_sitemap_lists_public_projects_only(client, organisation):
    make(organisation)
    make(organisation, slug="quiet", visibility=Project.Visibility.MEMBERS)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/projects/heat-plan/" in xml and "/projects/quiet/" not in xml
    assert "/projects/</loc>" in xml


def test_the_organisation_page_shows_projects_it_leads_or_joins(
    client_for, organisation, other_organisation, member, django_assert_max_num_queries
):
    led = make(organisation)
    joined = make(other_organisation, slug="other", title_en="Mangroves with Hat Yai")
    ProjectPartner.objects.create(project=joined, organisation=organisation)
    make(organisation, slug="quiet", title_en="Internal one", visibility=Project.Visibility.MEMBERS)
    page = client_for(None).get(f"/en/members/{organisation.slug}/").content.decode()
    assert led.title_en in page and "Mangroves with Hat Yai" in page
    assert "Internal one" not in page
    assert (
        "Internal one"
        in client_for(member).get(f"/en/members/{organisation.slug}/").content.decode()
    )


def test_the_digest_announces_new_projects_looking_for_partners(member, outsider, mailoutbox):
    at = timezone.make_aware(dt.datetime(2026, 11, 30, 7, 0))
    open_call = make(member.person.memberships.get().organisation, status=Project.Status.PARTNERS)
    internal = make(
        open_call.lead,
        slug="quiet",
        title_th="โครงการภายในหาภาคี",
        status=Project.Status.PARTNERS,
        visibility=Project.Visibility.MEMBERS,
    )
    Project.objects.filter(pk__in=[open_call.pk, internal.pk]).update(
        created=at - dt.timedelta(days=2)
    )
    digests.send_digests(frequency="weekly", at=at)
    deliver_outbox()
    to_outsider = next(m for m in mailoutbox if m.to == [outsider.email])
    to_member = next(m for m in mailoutbox if m.to == [member.email])
    for part in (to_outsider.body, to_outsider.alternatives[0][0]):
        assert "แผนรับมือความร้อนร่วมกัน" in part and "โครงการภายในหาภาคี" not in part
        assert "โครงการใหม่ที่กำลังหาภาคี" in part
    assert "โครงการภายในหาภาคี" in to_member.body


def test_partners_of_one_project_are_tied_in_the_graph(organisation, other_organisation):
    third = OrganisationFactory()
    project = make(organisation)
    for org in (other_organisation, third):
        ProjectPartner.objects.create(project=project, organisation=org)
    second = make(organisation, slug="second")
    ProjectPartner.objects.create(project=second, organisation=other_organisation)
    ProjectPartner.objects.create(project=second, organisation=organisation)  # the lead again
    weights = {(a, b): weight for a, b, weight, *_ in graph.tie_rows(timezone.now())}
    key = tuple(sorted([organisation.pk, other_organisation.pk]))
    assert weights[key] == 2
    assert len(weights) == 3
    tied, _ = graph.tie_graph(graph.organisation_nodes(), timezone.now())
    assert sorted(max(tied.components(), key=len)) == sorted(
        [organisation.pk, other_organisation.pk, third.pk]
    )


def test_outputs_link_library_resources_the_viewer_may_read(
    client_for, organisation, editor, member
):
    project = make(organisation)
    open_guide = ResourceFactory(title_en="Heat guide", visibility="public")
    internal = ResourceFactory(title_en="Internal heat notes", visibility="members")
    for resource in (open_guide, internal):
        resource.organisations.add(organisation)
    form = client_for(editor).get("/en/projects/heat-plan/edit/").content.decode()
    assert "Heat guide" in form and "Internal heat notes" in form
    ProjectOutput.objects.create(project=project, resource=open_guide)
    ProjectOutput.objects.create(project=project, resource=internal)
    public = client_for(None).get("/en/projects/heat-plan/").content.decode()
    assert "Heat guide" in public and "Internal heat notes" not in public
    assert (
        "Internal heat notes" in client_for(member).get("/en/projects/heat-plan/").content.decode()
    )


def test_a_funding_call_page_lists_the_projects_applying_that_the_reader_may_see(
    client_for, organisation, member
):
    from members.models import FundingApplication
    from tests.knowledge.factories import FundingCallFactory

    call = FundingCallFactory(slug="heat-grant")
    FundingApplication.objects.create(project=make(organisation), call=call, outcome="submitted")
    quiet = make(organisation, slug="quiet", title_en="Internal bid", visibility="members")
    FundingApplication.objects.create(project=quiet, call=call)
    page = client_for(None).get("/en/funding/heat-grant/").content.decode()
    assert "Heat plan together" in page and "Applied, waiting for the decision" in page
    assert "Internal bid" not in page
    assert "Internal bid" in client_for(member).get("/en/funding/heat-grant/").content.decode()
