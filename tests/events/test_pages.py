import pytest
from django.urls import reverse

from events.models import Event, Registration, Session
from tests.factories import OrganisationFactory, PersonFactory, topic

from .factories import EventFactory, PastEventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


def make_events(n, **kwargs):
    hosts = [OrganisationFactory(), OrganisationFactory()]
    events = []
    for _ in range(n):
        event = EventFactory(hosts=hosts, **kwargs)
        event.topics.add(topic())
        events.append(event)
    return events


@pytest.mark.parametrize("n", [1, 15])
@pytest.mark.parametrize("persona", [None, "outsider", "member", "editor", "coordinator"])
def test_upcoming_page_query_count_is_flat(
    n, persona, request, client_for, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona) if persona else None
    make_events(n)
    client = client_for(user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:upcoming"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card card-hover') == n


@pytest.mark.parametrize("url_name", ["events:past", "events:calendar"])
@pytest.mark.parametrize("n", [1, 15])
def test_past_and_calendar_query_counts_are_flat(
    url_name, n, client_for, member, django_assert_max_num_queries
):
    for _ in range(n):
        PastEventFactory(start=in_days(-1), end=in_days(-1, hour=17))
    client = client_for(member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_visibility_for_each_role(client_for, outsider, member, editor, coordinator):
    public = EventFactory(title_en="Open seminar")
    members_only = EventFactory(title_en="Members meeting", visibility=Event.Visibility.MEMBERS)
    draft = EventFactory(title_en="Draft plan", status=Event.Status.DRAFT)
    expected = {
        None: {"Open seminar"},
        outsider: {"Open seminar"},
        member: {"Open seminar", "Members meeting"},
        editor: {"Open seminar", "Members meeting"},
        coordinator: {"Open seminar", "Members meeting", "Draft plan"},
    }
    for user, titles in expected.items():
        client = client_for(user)
        page = client.get("/en/events/").content.decode()
        for event in (public, members_only, draft):
            shown = event.title_en in titles
            assert (event.title_en in page) is shown, (user, event.title_en)
            status = client.get(f"/en/events/{event.slug}/").status_code
            assert status == (200 if shown else 404), (user, event.title_en)


def test_filters_by_kind_region_and_topic(client):
    visit = EventFactory(title_th="ดูงานเชียงราย", kind=Event.Kind.STUDY_VISIT, region="north")
    visit.topics.add(topic())
    EventFactory(title_th="อบรมภาคใต้", kind=Event.Kind.TRAINING, region="south")
    url = reverse("events:upcoming")
    assert "อบรมภาคใต้" not in client.get(url, {"kind": "study_visit"}).content.decode()
    assert "ดูงานเชียงราย" not in client.get(url, {"region": "south"}).content.decode()
    page = client.get(url, {"topic": topic().slug}).content.decode()
    assert "ดูงานเชียงราย" in page and "อบรมภาคใต้" not in page


def test_detail_shows_agenda_hosts_seats_and_thai_dates(client, organisation):
    event = EventFactory(hosts=[organisation], capacity=3, title_th="เสวนาเมือง")
    Session.objects.create(
        event=event, day=event.start.date(), title_th="เปิดงาน", speakers_text="ผู้ว่าราชการ"
    )
    RegistrationFactory(event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "เปิดงาน" in page and "ผู้ว่าราชการ" in page
    assert organisation.name_th in page
    assert "2 " in page and str(event.start.year + 543) in page
    assert reverse("events:event_ics", args=[event.slug]) in page
    assert "social-plugins.line.me" in page


@pytest.mark.parametrize("persona", [None, "member", "editor", "coordinator"])
def test_detail_query_count_for_a_past_study_visit(
    persona, request, client_for, organisation, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona) if persona else None
    event = PastEventFactory(
        kind=Event.Kind.STUDY_VISIT,
        hosts=[organisation],
        host_city=organisation,
        report_summary_en="Went well",
        lessons_en="Lessons",
    )
    event.topics.add(topic())
    for i in range(5):
        session = Session.objects.create(event=event, day=event.start.date(), title_th=f"ช่วง {i}")
        session.speakers.add(PersonFactory())
        event.sites.create(name_th=f"จุด {i}")
        event.delegations.create(organisation=OrganisationFactory(), participants=i + 1)
        RegistrationFactory(
            event=event, status=Registration.Status.ATTENDED, organisation=organisation
        )
        event.pledges.create(person=PersonFactory(), action=f"Pledge {i}")
    client = client_for(user)
    with django_assert_max_num_queries(12):
        response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pledge 4" in page and "จุด 4" in page


def test_online_link_is_shown_to_registered_people_only(client_for, member, outsider):
    event = EventFactory(online_link="https://meet.example.org/room")
    assert (
        "meet.example.org/room"
        not in client_for(outsider).get(event.get_absolute_url()).content.decode()
    )
    RegistrationFactory(event=event, person=member.person)
    assert (
        "meet.example.org/room" in client_for(member).get(event.get_absolute_url()).content.decode()
    )
    waiting = RegistrationFactory(
        event=event, person=outsider.person, status=Registration.Status.WAITING
    )
    assert (
        waiting
        and "meet.example.org/room"
        not in client_for(outsider).get(event.get_absolute_url()).content.decode()
    )


def test_registration_list_is_for_organisers_and_coordinators_only(
    client_for, member, editor, coordinator, outsider, organisation
):
    event = EventFactory(hosts=[organisation])
    RegistrationFactory(event=event, diet="Halal food")
    url = reverse("events:registrations", args=[event.slug])
    for user in (outsider, member):
        assert client_for(user).get(url).status_code == 404
    for user in (editor, coordinator):
        response = client_for(user).get(url)
        assert response.status_code == 200 and "Halal food" in response.content.decode()
    assert "Halal food" not in client_for(member).get(event.get_absolute_url()).content.decode()


def test_editor_of_another_organisation_does_not_see_registrations(
    client_for, editor, other_organisation
):
    event = EventFactory(hosts=[other_organisation])
    assert (
        client_for(editor).get(reverse("events:registrations", args=[event.slug])).status_code
        == 404
    )


def test_organiser_approves_from_the_registration_list(client_for, editor, organisation, member):
    event = EventFactory(hosts=[organisation], requires_approval=True)
    registration = RegistrationFactory(event=event, status=Registration.Status.PENDING)
    client_for(member).post(
        reverse("events:decide", args=[event.slug, registration.pk]), {"decision": "approve"}
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    client_for(editor).post(
        reverse("events:decide", args=[event.slug, registration.pk]), {"decision": "approve"}
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_registration_list_query_count_is_flat(
    client_for, coordinator, django_assert_max_num_queries
):
    event = EventFactory()
    for _ in range(20):
        RegistrationFactory(event=event)
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("events:registrations", args=[event.slug])).status_code == 200


def test_calendar_month_view_places_events_on_their_days(client):
    event = EventFactory(title_th="ประชุมใหญ่", start=in_days(0, hour=9), end=in_days(0, hour=16))
    month = f"{event.start.year}-{event.start.month}"
    page = client.get(reverse("events:calendar"), {"month": month}).content.decode()
    assert "ประชุมใหญ่" in page
    assert client.get(reverse("events:calendar"), {"month": "garbage"}).status_code == 200


def test_home_page_shows_upcoming_public_events(client, django_assert_max_num_queries):
    make_events(6)
    EventFactory(title_th="ลับเฉพาะสมาชิก", visibility=Event.Visibility.MEMBERS)
    with django_assert_max_num_queries(12):
        page = client.get("/").content.decode()
    assert page.count("event-card") == 4
    assert "ลับเฉพาะสมาชิก" not in page


def test_my_events_needs_sign_in(client):
    assert client.get(reverse("events:mine")).status_code == 302
