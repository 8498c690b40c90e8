"""The coordinators' dashboard: who may see it, what it shows, exports, nudges, computation."""

import csv
import io

import networkx as nx
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from members.models import Membership, Person
from network.celery import app as celery_app
from network.health.compute import compute_and_store
from network.health.models import HealthSnapshot, Nudge
from tests.factories import MembershipFactory, PersonFactory

from .test_health_metrics import meeting, org

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/network/health/"


@pytest.fixture
def small_network(organisation, other_organisation):
    meeting(organisation, other_organisation)
    return compute_and_store()


def test_dashboard_shows_the_stored_figures_in_both_languages(
    client_for, coordinator, small_network
):
    html = client_for(coordinator).get(DASHBOARD).content.decode()
    for heading in ("The seven components of a real network", "Participation", "Quiet members",
                    "Interaction and reciprocity", "Ties between organisations",
                    "Calendar rotation between regions"):  # fmt: skip
        assert heading in html
    assert "Chiang Rai City Municipality" in html
    assert 'id="tie-graph-data"' in html and "cytoscape.min.js" in html
    thai = client_for(coordinator).get("/network/health/").content.decode()
    assert "องค์ประกอบ" in thai
    assert "เทศบาลนครเชียงราย" in thai


def test_dashboard_renders_from_the_stored_snapshot_without_computing(
    client_for, coordinator, small_network
):
    figures = small_network.figures
    figures["participation"]["people_30"] = 4242
    HealthSnapshot.objects.filter(pk=small_network.pk).update(figures=figures)
    html = client_for(coordinator).get(DASHBOARD).content.decode()
    assert "4242" in html
    assert HealthSnapshot.objects.count() == 1


def test_dashboard_before_any_computation_says_how_to_compute(client_for, coordinator):
    html = client_for(coordinator).get(DASHBOARD).content.decode()
    assert "have not been computed yet" in html
    assert "compute_network_health" in html


def test_dashboard_query_count_stays_flat_as_the_network_grows(
    client_for, coordinator, django_assert_max_num_queries
):
    compute_and_store()
    client = client_for(coordinator)
    with django_assert_max_num_queries(12) as small:
        assert client.get(DASHBOARD).status_code == 200
    for n in range(30):
        organisation = org(f"grown-{n}", region=["north", "south", "east"][n % 3])
        MembershipFactory(organisation=organisation)
        if n % 2:
            meeting(organisation, org(f"partner-{n}", kind="academic"))
    compute_and_store()
    with django_assert_max_num_queries(12) as large:
        assert client.get(DASHBOARD).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("persona", ["outsider", "member", "editor"])
def test_dashboard_and_exports_are_refused_to_everyone_but_coordinators(
    persona, request, client_for, small_network
):
    client = client_for(request.getfixturevalue(persona))
    for url in (DASHBOARD, "/network/health/graph.graphml", "/network/health/ties.csv"):
        assert client.get(url).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, small_network):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_graphml_export_parses_with_networkx(client_for, coordinator, small_network):
    response = client_for(coordinator).get("/network/health/graph.graphml")
    assert response["Content-Type"] == "application/graphml+xml"
    assert "attachment" in response["Content-Disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content))
    labels = {data["label"] for _node, data in graph.nodes(data=True)}
    assert {"Chiang Rai City Municipality", "Hat Yai City Municipality"} <= labels
    assert graph.number_of_edges() == 1
    ((_a, _b, data),) = graph.edges(data=True)
    assert data["weight"] == 1 and data["events"] == 1


def test_csv_exports_list_every_tie_and_organisation(client_for, coordinator, small_network):
    client = client_for(coordinator)
    ties = list(
        csv.reader(
            io.StringIO(client.get("/en/network/health/ties.csv").content.decode("utf-8-sig"))
        )
    )
    assert ties[0][:5] == ["source_slug", "source_name", "target_slug", "target_name", "weight"]
    assert {ties[1][0], ties[1][2]} == {"chiang-rai", "hat-yai"}
    orgs = list(
        csv.reader(
            io.StringIO(client.get("/network/health/organisations.csv").content.decode("utf-8-sig"))
        )
    )
    assert {row[0] for row in orgs[1:]} == {"chiang-rai", "hat-yai"}


def test_csv_exports_escape_names_a_spreadsheet_would_run(
    client_for, coordinator, organisation, other_organisation
):
    organisation.name_en = '=HYPERLINK("https://evil.example","Click")'
    organisation.save()
    meeting(organisation, other_organisation)
    compute_and_store()
    client = client_for(coordinator)
    for url in ("/en/network/health/ties.csv", "/en/network/health/organisations.csv"):
        cells = [cell for row in csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))) for cell in row]
        assert "'=HYPERLINK(\"https://evil.example\",\"Click\")" in cells, url
        assert not any(cell.startswith("=") for cell in cells), url


def test_exports_before_any_computation_are_not_found(client_for, coordinator):
    assert client_for(coordinator).get("/network/health/graph.graphml").status_code == 404


def test_recompute_button_stores_new_figures(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post("/en/network/health/recompute/")
    assert response.status_code == 302
    assert HealthSnapshot.objects.count() == 1


def test_command_computes_stores_and_prints_one_line(capsys, organisation):
    call_command("compute_network_health")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "organisations" in out and "computed in" in out
    snapshot = HealthSnapshot.objects.get()
    assert snapshot.summary == out.strip()[:300]
    assert snapshot.figures["participation"]["organisations_total"] == 1


def test_computation_is_on_the_beat_schedule_and_registered():
    from django_celery_beat.models import PeriodicTask

    tasks = set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert "network.health.tasks.compute_network_health" in tasks
    assert "network.recognition.tasks.rebuild_recognition" in tasks
    celery_app.loader.import_default_modules()
    assert tasks <= set(celery_app.tasks)


# --- nudges -------------------------------------------------------------------------------------


@pytest.fixture
def quiet_person(organisation):
    person = PersonFactory(name_en="Quiet Somsak", name_th="สมศักดิ์ เงียบ", language="en")
    MembershipFactory(person=person, organisation=organisation)
    return person


@pytest.fixture
def nudge(django_capture_on_commit_callbacks):
    """POST a nudge and run what waits for the commit (the e-mail task), as in production."""

    def post(client, kind, pk):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/en/network/health/nudge/", {"kind": kind, "pk": pk})

    return post


def test_nudge_sends_one_personal_email_per_quarter(nudge, client_for, coordinator, quiet_person):
    client = client_for(coordinator)
    response = nudge(client, "person", quiet_person.pk)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [quiet_person.user.email]
    assert message.reply_to == [coordinator.email]
    assert "We miss you" in message.subject
    assert "Dear Quiet Somsak" in message.body
    assert "/en/events/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Dear Quiet Somsak" in html and "Chanida Coordinator" in html

    again = nudge(client, "person", quiet_person.pk)
    assert len(mail.outbox) == 1
    assert "already nudged" in client.get(again["Location"]).content.decode()
    assert Nudge.objects.get().sent_at is not None


def test_nudge_to_an_organisation_goes_to_its_focal_point_in_thai(
    nudge, client_for, coordinator, organisation
):
    focal = PersonFactory(name_th="วิไล จุดประสาน", language="th")
    MembershipFactory(person=focal, organisation=organisation, is_focal_point=True)
    MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR)
    nudge(client_for(coordinator), "organisation", organisation.pk)
    (message,) = mail.outbox
    assert message.to == [focal.user.email]
    assert "เรียน คุณวิไล จุดประสาน" in message.body
    assert "เทศบาลนครเชียงราย" in message.body
    assert "เทศบาลนครเชียงราย" in message.alternatives[0][0]
    assert Nudge.objects.get().organisation == organisation


def test_nudge_without_an_address_says_so(nudge, client_for, coordinator):
    person = Person.objects.create(name_en="No Mail")
    client = client_for(coordinator)
    response = nudge(client, "person", person.pk)
    assert "no e-mail address" in client.get(response["Location"]).content.decode()
    assert not mail.outbox and not Nudge.objects.exists()


@pytest.mark.parametrize("data", [{"kind": "person", "pk": "x"}, {"kind": "robot", "pk": 1}, {}])
def test_bad_nudge_requests_are_refused_without_an_error(client_for, coordinator, data):
    response = client_for(coordinator).post("/en/network/health/nudge/", data)
    assert response.status_code == 302
    assert not mail.outbox


@pytest.mark.parametrize("persona", ["outsider", "member", "editor"])
def test_only_coordinators_nudge(nudge, persona, request, client_for, quiet_person):
    response = nudge(client_for(request.getfixturevalue(persona)), "person", quiet_person.pk)
    assert response.status_code == 403
    assert not mail.outbox


def test_quiet_list_marks_who_was_nudged_this_quarter(nudge, client_for, coordinator, quiet_person):
    compute_and_store()
    client = client_for(coordinator)
    nudge(client, "person", quiet_person.pk)
    html = client.get(DASHBOARD).content.decode()
    assert "nudged this quarter" in html


def test_nudge_email_reads_naturally_in_thai(
    quiet_person, coordinator, django_capture_on_commit_callbacks
):
    from network.health.emails import send_nudge_email

    quiet_person.language = "th"
    quiet_person.save()
    made = Nudge.objects.create(person=quiet_person, period="2026-Q4", sent_by=coordinator)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert send_nudge_email(made)
    assert not send_nudge_email(made)  # the outbox holds one nudge per person and quarter
    (message,) = mail.outbox
    assert message.subject.startswith("เรา")
    assert "ด้วยความเคารพ" in message.body


def test_search_engines_skip_the_dashboard_and_find_the_honour_roll(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /network/health/" in robots and "Disallow: /en/network/health/" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/recognition/</loc>" in sitemap
    assert 'href="/recognition/"' in client.get("/").content.decode()  # the footer links it


def test_coordinators_find_the_dashboard_in_their_account_menu(client_for, coordinator, member):
    assert "/en/network/health/" in client_for(coordinator).get("/en/").content.decode()
    assert "/network/health/" not in client_for(member).get("/en/").content.decode()
