"""Joint projects at /projects/: who sees and changes what, joining, reports, reminders, e-mails."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from members.models import (
    BudgetLine,
    FundingApplication,
    Membership,
    Milestone,
    ProgressReport,
    Project,
    ProjectJoinRequest,
    ProjectPartner,
)
from network.outbox.models import OutboxMessage
from network.reminders import send_reminders
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.knowledge.factories import FundingCallFactory

pytestmark = pytest.mark.django_db


def make_project(lead, **kwargs):
    n = Project.objects.count()
    defaults = {
        "slug": f"project-{n}",
        "title_th": f"โครงการทดสอบ {n}",
        "title_en": f"Test project {n}",
        "summary_en": "Flood **early warning** together.",
        "status": Project.Status.PARTNERS,
    }
    return Project.objects.create(lead=lead, **{**defaults, **kwargs})


@pytest.fixture
def project(organisation):
    return make_project(organisation, slug="flood-warning", title_en="Flood warning together")


@pytest.fixture
def members_only(organisation):
    return make_project(
        organisation,
        slug="members-only",
        title_en="Quiet project",
        visibility=Project.Visibility.MEMBERS,
    )


@pytest.fixture
def other_editor(other_organisation):
    user = UserFactory(email="other-editor@example.org")
    person = PersonFactory(user=user, name_en="Orn Other", name_th="อร อื่น")
    MembershipFactory(person=person, organisation=other_organisation, role=Membership.Role.EDITOR)
    return user


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


# --- reading ----------------------------------------------------------------------------------


def test_the_list_shows_public_projects_to_everyone_and_members_only_ones_to_members(
    client_for, project, members_only, member, outsider
):
    for user in (None, outsider):
        page = client_for(user).get("/en/projects/").content.decode()
        assert "Flood warning together" in page and "Quiet project" not in page
    page = client_for(member).get("/en/projects/").content.decode()
    assert "Flood warning together" in page and "Quiet project" in page


def test_the_list_filters_by_status_topic_and_region(client, organisation):
    from tests.factories import topic

    flood = make_project(organisation, title_en="Flood one", regions=["north"])
    flood.topics.add(topic("flooding"))
    make_project(organisation, title_en="Running one", status=Project.Status.RUNNING)
    page = client.get("/en/projects/?topic=flooding").content.decode()
    assert "Flood one" in page and "Running one" not in page
    page = client.get("/en/projects/?status=running").content.decode()
    assert "Running one" in page and "Flood one" not in page
    page = client.get("/en/projects/?region=north").content.decode()
    assert "Flood one" in page and "Running one" not in page
    assert client.get("/en/projects/?status=nonsense&page=x").status_code == 200


def test_a_members_only_project_is_a_404_to_the_public_and_outsiders(
    client_for, members_only, outsider, member
):
    assert client_for(None).get("/en/projects/members-only/").status_code == 404
    assert client_for(outsider).get("/en/projects/members-only/").status_code == 404
    assert client_for(member).get("/en/projects/members-only/").status_code == 200


def _fill(project, n, organisation):
    from tests.factories import topic

    for i in range(n):
        partner = OrganisationFactory()
        ProjectPartner.objects.create(project=project, organisation=partner, role="data")
        BudgetLine.objects.create(project=project, funder=f"Funder {i}", amount=1000 * (i + 1))
        Milestone.objects.create(
            project=project, title_th=f"หมุด {i}", due=dt.date(2027, 1, 1) + dt.timedelta(days=i)
        )
        ProgressReport.objects.create(project=project, text=f"Report {i}", spent=100 * i)
        FundingApplication.objects.create(
            project=project, call=FundingCallFactory(), outcome="submitted"
        )
    project.topics.add(topic("flooding"), topic("heat"))


@pytest.mark.parametrize("persona", [None, "member", "editor"])
def test_the_list_and_a_project_page_take_few_queries_however_much_they_hold(
    client_for, organisation, persona, request, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    small = make_project(organisation, slug="small")
    _fill(small, 1, organisation)
    big = make_project(organisation, slug="big")
    _fill(big, 8, organisation)
    for _i in range(15):
        make_project(organisation)
    for url in ("/en/projects/", "/en/projects/small/", "/en/projects/big/"):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
    page = client.get("/en/projects/big/").content.decode()
    assert "Funder 7" in page and "36,000" in page


def test_reports_and_spending_are_for_members_only(client_for, project, member, outsider):
    ProgressReport.objects.create(project=project, text="Secret progress", spent=Decimal("500"))
    for user in (None, outsider):
        assert (
            "Secret progress"
            not in client_for(user).get("/en/projects/flood-warning/").content.decode()
        )
    assert (
        "Secret progress" in client_for(member).get("/en/projects/flood-warning/").content.decode()
    )


# --- creating and editing -----------------------------------------------------------------------


def new_project_data(**extra):
    data = {
        "title_th": "ระบบเตือนภัยน้ำท่วมร่วมกัน",
        "title_en": "Shared flood warning",
        "summary_th": "",
        "summary_en": "Cities and a university share river gauges.",
        "status": "partners",
        "start": "01/06/2570",
        "end": "",
        "visibility": "public",
        "report_every_months": "3",
        "regions": ["north"],
    }
    for prefix, row in (
        ("budget", {"funder": "Thailand Science Research and Innovation", "amount": "250000"}),
        ("milestones", {"title_th": "ติดตั้งเครื่องวัด", "due": "30/09/2570", "status": "planned"}),
        ("people", {}),
        ("funding", {"outcome": "planned"}),  # an untouched row, as a browser sends it
    ):
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
        data.update({f"{prefix}-0-{k}": v for k, v in row.items()})
    data.update(extra)
    return data


def test_only_editors_of_an_organisation_may_start_a_project(client_for, outsider, member):
    assert client_for(None).get("/en/projects/new/").status_code == 302
    for user in (outsider, member):
        client = client_for(user)
        assert client.get("/en/projects/new/").status_code == 403
        assert client.post("/en/projects/new/", new_project_data()).status_code == 403
    assert not Project.objects.exists()


def test_an_editor_starts_a_project_led_by_their_organisation(client_for, editor, organisation):
    response = client_for(editor).post("/en/projects/new/", new_project_data(lead=organisation.pk))
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/projects/{project.slug}/"
    )
    assert project.lead == organisation and project.start == dt.date(2027, 6, 1)
    assert project.budget_lines.get().amount == 250000
    assert project.milestones.get().due == dt.date(2027, 9, 30)
    assert project.created_by == editor


def test_the_lead_cannot_be_an_organisation_the_editor_does_not_edit(
    client_for, editor, other_organisation
):
    response = client_for(editor).post(
        "/en/projects/new/", new_project_data(lead=other_organisation.pk)
    )
    assert response.status_code == 200 and not Project.objects.exists()


def test_a_form_with_errors_keeps_the_text(client_for, editor, organisation):
    response = client_for(editor).post(
        "/en/projects/new/", new_project_data(lead=organisation.pk, title_th="", end="01/01/2560")
    )
    assert response.status_code == 200
    assert "Cities and a university share river gauges." in response.content.decode()
    assert not Project.objects.exists()


def test_editing_is_refused_to_everyone_but_the_leads_editors(
    client_for, project, members_only, outsider, member, other_editor
):
    data = new_project_data(title_en="Hijacked")
    assert client_for(None).post("/en/projects/flood-warning/edit/", data).status_code == 302
    for user in (outsider, member, other_editor):
        assert client_for(user).post("/en/projects/flood-warning/edit/", data).status_code == 403
    assert client_for(outsider).post("/en/projects/members-only/edit/", data).status_code == 404
    project.refresh_from_db()
    assert project.title_en == "Flood warning together"


def test_the_leads_editor_and_coordinators_edit(client_for, project, editor, coordinator):
    for user, title in ((editor, "Renamed by editor"), (coordinator, "Renamed by coordinator")):
        response = client_for(user).post(
            "/en/projects/flood-warning/edit/", new_project_data(title_en=title)
        )
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.title_en == title
    assert project.budget_lines.count() == 2


# --- joining ------------------------------------------------------------------------------------


def test_asking_to_join_needs_an_organisation(client_for, project, outsider):
    client = client_for(outsider)
    assert client.get("/en/projects/flood-warning/join/").status_code == 403
    assert client.post("/en/projects/flood-warning/join/", {"message": "hi"}).status_code == 403
    assert client_for(None).post("/en/projects/flood-warning/join/").status_code == 302
    assert not ProjectJoinRequest.objects.exists()


def test_the_lead_cannot_join_its_own_project(client_for, project, editor):
    assert client_for(editor).get("/en/projects/flood-warning/join/").status_code == 403


def test_a_member_organisation_joins_and_the_lead_accepts(
    client_for,
    project,
    editor,
    other_editor,
    other_organisation,
    django_capture_on_commit_callbacks,
):
    for user in (editor, other_editor):
        user.person.language = "en"
        user.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(other_editor).post(
            "/en/projects/flood-warning/join/",
            {"organisation": other_organisation.pk, "message": "We run the river gauges."},
        )
    assert response.status_code == 302
    join_request = ProjectJoinRequest.objects.get()
    assert join_request.status == "pending"
    lead_page = client_for(editor).get("/en/projects/flood-warning/").content.decode()
    assert "1 organisation asks to join this project." in lead_page
    requests_page = client_for(editor).get("/en/projects/flood-warning/requests/").content.decode()
    assert "We run the river gauges." in requests_page
    [notice] = mail.outbox
    assert notice.to == ["editor@example.org"]
    assert "Hat Yai City Municipality" in notice.subject
    assert "We run the river gauges." in notice.body and "/projects/flood-warning/" in notice.body
    assert "We run the river gauges." in html_part(notice)

    # A second request while the first waits changes nothing.
    client_for(other_editor).post(
        "/en/projects/flood-warning/join/",
        {"organisation": other_organisation.pk, "message": "Again"},
    )
    assert ProjectJoinRequest.objects.count() == 1

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(editor).post(
            f"/en/projects/requests/{join_request.pk}/decide/", {"decision": "accept"}
        )
    assert response.status_code == 302
    assert ProjectPartner.objects.filter(project=project, organisation=other_organisation).exists()
    [decision] = mail.outbox
    assert decision.to == ["other-editor@example.org"]
    assert "Welcome to" in decision.subject
    assert "is now a partner" in decision.body and "is now a partner" in html_part(decision)
    # Now a partner: no more "we want to join" for that organisation.
    assert client_for(other_editor).get("/en/projects/flood-warning/join/").status_code == 403


def test_only_the_lead_decides_a_join_request(
    client_for, project, member, outsider, other_editor, other_organisation
):
    join_request = ProjectJoinRequest.objects.create(
        project=project, organisation=other_organisation, requested_by=other_editor, message="x"
    )
    for user in (outsider, member, other_editor):
        response = client_for(user).post(
            f"/en/projects/requests/{join_request.pk}/decide/", {"decision": "accept"}
        )
        assert response.status_code == 404
    assert (
        client_for(None).post(f"/en/projects/requests/{join_request.pk}/decide/").status_code == 302
    )
    for user in (outsider, member, other_editor):
        assert client_for(user).get("/en/projects/flood-warning/requests/").status_code == 403
    assert client_for(None).get("/en/projects/flood-warning/requests/").status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "pending" and not ProjectPartner.objects.exists()


@pytest.mark.parametrize(
    ("language", "subject", "accepted", "declined"),
    [
        ("en", "wants to join", "is now a partner", "declined the request"),
        ("th", "ขอเข้าร่วม", "เป็นภาคีของ", "ปฏิเสธคำขอ"),
    ],
)
def test_project_emails_are_in_the_recipients_language_in_both_parts(
    project,
    editor,
    other_editor,
    other_organisation,
    language,
    subject,
    accepted,
    declined,
    django_capture_on_commit_callbacks,
):
    from members import project_services

    for user in (editor, other_editor):
        user.person.language = language
        user.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = project_services.request_to_join_project(
            project=project, organisation=other_organisation, user=other_editor, message="m"
        )
        project_services.decide_project_join_request(
            join_request=first, accept=True, decided_by=editor
        )
    notice, decision = mail.outbox
    assert subject in notice.subject
    assert "/projects/flood-warning/" in notice.body and "/projects/flood-warning/" in html_part(
        notice
    )
    assert accepted in decision.body and accepted in html_part(decision)
    ProjectPartner.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = project_services.request_to_join_project(
            project=project, organisation=other_organisation, user=other_editor, message="m"
        )
        project_services.decide_project_join_request(
            join_request=second, accept=False, decided_by=editor
        )
    decision = mail.outbox[-1]
    assert declined in decision.body and declined in html_part(decision)
    if language == "th":
        assert "/en/" not in notice.body and "/en/" not in html_part(notice)


# --- progress reports ---------------------------------------------------------------------------


def pdf(name="report.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
    )


def test_a_progress_report_is_refused_to_all_but_the_lead(
    client_for, project, outsider, member, other_editor
):
    data = {"text": "Done a lot", "spent": "100"}
    for user in (outsider, member, other_editor):
        assert client_for(user).post("/en/projects/flood-warning/report/", data).status_code == 403
    assert not ProgressReport.objects.exists()


def test_the_lead_reports_with_milestones_spending_and_a_checked_attachment(
    client_for, project, editor, member, outsider
):
    milestone = Milestone.objects.create(
        project=project, title_th="เครื่องวัด", due=dt.date(2027, 1, 1)
    )
    client = client_for(editor)
    refused = client.post(
        "/en/projects/flood-warning/report/",
        {
            "text": "Gauges installed.",
            "spent": "120000",
            f"milestone_{milestone.pk}": "done",
            "attachments": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00", "application/pdf"),
        },
    )
    assert refused.status_code == 200 and "Gauges installed." in refused.content.decode()
    assert not ProgressReport.objects.exists()
    response = client.post(
        "/en/projects/flood-warning/report/",
        {
            "text": "Gauges installed.",
            "spent": "120000",
            f"milestone_{milestone.pk}": "done",
            "attachments": pdf(),
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert report.spent == 120000 and report.milestone_status[0]["status"] == "done"
    milestone.refresh_from_db()
    assert milestone.status == "done"
    attachment = report.attachments.get()
    url = attachment.get_absolute_url()
    assert client_for(None).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    download = client_for(member).get(url)
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


# --- reminders and the coordinators' overview ---------------------------------------------------


def test_a_due_report_is_reminded_once_and_an_overdue_one_once_more(
    project, editor, django_capture_on_commit_callbacks
):
    editor.person.language = "en"
    editor.person.save()
    project.status = Project.Status.RUNNING
    project.report_every_months = 3
    project.start = dt.date(2027, 1, 10)
    project.save()
    due_day = timezone.make_aware(dt.datetime(2027, 4, 10, 9))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(at=due_day - dt.timedelta(days=1)).sent == 0
        assert send_reminders(at=due_day).sent == 1
        assert send_reminders(at=due_day + dt.timedelta(days=3)).sent == 0
        assert send_reminders(at=due_day + dt.timedelta(days=14)).sent == 1
        assert send_reminders(at=due_day + dt.timedelta(days=20)).sent == 0
    due, overdue = mail.outbox
    assert due.to == ["editor@example.org"] and "is due" in due.subject
    assert "/projects/flood-warning/report/" in due.body
    assert "Overdue" in overdue.subject and "has not been written" in html_part(overdue)
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == {"reminder.project_report_due", "reminder.project_report_overdue"}
    # A report written moves the next due date one interval on: nothing more is sent.
    report = ProgressReport.objects.create(project=project, text="x", spent=0)
    ProgressReport.objects.filter(pk=report.pk).update(created=due_day + dt.timedelta(days=21))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(at=due_day + dt.timedelta(days=30)).sent == 0
        # …until the next interval is up.
        assert send_reminders(at=due_day + dt.timedelta(days=21 + 92)).sent == 1


def test_report_reminders_in_thai_show_the_buddhist_era(
    project, editor, django_capture_on_commit_callbacks
):
    editor.person.language = "th"
    editor.person.save()
    Project.objects.filter(pk=project.pk).update(
        status="running", report_every_months=1, start=dt.date(2027, 1, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(at=timezone.make_aware(dt.datetime(2027, 2, 2, 9)))
    [message] = mail.outbox
    assert "2570" in message.body and "2570" in html_part(message)
    assert "รายงานความคืบหน้า" in message.subject


def test_the_overview_of_reports_and_spending_is_for_coordinators(
    client_for, project, coordinator, editor, member, django_assert_max_num_queries
):
    assert client_for(None).get("/en/projects/overdue/").status_code == 302
    for user in (member, editor):
        assert client_for(user).get("/en/projects/overdue/").status_code == 403
    Project.objects.filter(pk=project.pk).update(
        status="running", report_every_months=1, start=dt.date(2020, 1, 1)
    )
    BudgetLine.objects.create(project=project, funder="TSRI", amount=200000)
    report = ProgressReport.objects.create(project=project, text="x", spent=50000)
    old = timezone.make_aware(dt.datetime(2020, 2, 1, 9))
    ProgressReport.objects.filter(pk=report.pk).update(created=old)
    for _i in range(5):
        make_project(project.lead, status="running", report_every_months=3)
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/en/projects/overdue/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Flood warning together" in page and "Overdue" in page
    assert "200,000" in page and "50,000" in page and ">25<" in page


def test_a_long_or_odd_file_name_is_kept_short_and_safe(client_for, project, editor):
    response = client_for(editor).post(
        "/en/projects/flood-warning/report/",
        {
            "text": "Files",
            "spent": "0",
            "attachments": pdf("ร" * 150 + '"<x>/..' + "a" * 150 + ".PDF"),
        },
    )
    assert response.status_code == 302
    attachment = ProgressReport.objects.get().attachments.get()
    assert len(attachment.filename) <= 130 and attachment.filename.endswith(".pdf")
    assert "/" not in attachment.filename and '"' not in attachment.filename
    assert len(attachment.file.name) < 100


def test_a_project_records_the_funding_call_it_applies_to_and_the_outcome(
    client_for, project, editor
):
    call = FundingCallFactory(title_en="Urban heat grant")
    data = new_project_data(
        **{
            "funding-TOTAL_FORMS": "1",
            "funding-INITIAL_FORMS": "0",
            "funding-0-call": str(call.pk),
            "funding-0-outcome": "awarded",
            "funding-0-amount_awarded": "150000",
        }
    )
    assert client_for(editor).post("/en/projects/flood-warning/edit/", data).status_code == 302
    application = FundingApplication.objects.get()
    assert application.call == call and application.outcome == "awarded"
    page = client_for(None).get("/en/projects/flood-warning/").content.decode()
    assert "Urban heat grant" in page and "Funded" in page and "150,000" in page
    # Only published calls can be chosen.
    hidden = FundingCallFactory(status="proposed")
    data["funding-0-call"] = str(hidden.pk)
    response = client_for(editor).post("/en/projects/flood-warning/edit/", data)
    assert response.status_code == 200


def test_an_editor_starts_a_project_from_a_funding_call_with_the_call_chosen(
    client_for, editor, member, outsider
):
    call = FundingCallFactory(title_en="Urban heat grant", slug="urban-heat")
    link = "/projects/new/?call=urban-heat"
    # The link on the call's page is for those who may start a project, and only on open calls.
    for user in (None, outsider, member):
        assert link not in client_for(user).get("/en/funding/urban-heat/").content.decode()
    assert link in client_for(editor).get("/en/funding/urban-heat/").content.decode()
    closed = FundingCallFactory(slug="closed", deadline=timezone.now() - dt.timedelta(days=2))
    page = client_for(editor).get(f"/en/funding/{closed.slug}/").content.decode()
    assert "?call=closed" not in page
    # The form opens with the call chosen in the first application row...
    form = client_for(editor).get("/en" + link).content.decode()
    select = form.split('id="id_funding-0-call"')[1].split("</select>")[0]
    assert f'<option value="{call.pk}" selected>' in select
    # ...and what a crawler or a stale link sends instead is ignored, never an error.
    hidden = FundingCallFactory(status="proposed", slug="hidden")
    for odd in ("hidden", "no-such-call", "x" * 300, ""):
        response = client_for(editor).get(f"/en/projects/new/?call={odd}")
        assert response.status_code == 200
        content = response.content.decode()
        select = content.split('id="id_funding-0-call"')[1].split("</select>")[0]
        assert "selected" not in select.replace('value="" selected', "")
        assert f'value="{hidden.pk}"' not in select  # a proposed call is never offered
    # Outsiders still cannot open the form, with or without the call.
    assert client_for(outsider).get("/en" + link).status_code == 403


def test_the_header_menu_links_to_the_joint_projects(client_for):
    page = client_for(None).get("/en/").content.decode()
    header = page.split('id="site-nav"')[1].split("</ul>")[0]
    assert 'href="/en/projects/"' in header and ">Projects</a>" in header
    page = client_for(None).get("/projects/").content.decode()
    header = page.split('id="site-nav"')[1].split("</ul>")[0]
    assert 'nav-link active" href="/projects/">โครงการร่วม</a>' in header
