"""Recognition: points and levels from known activity, badges, honours and the honour roll."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Delegation, Event, Pledge, Registration
from knowledge.models import Resource
from members.models import JoinRequest, Person
from network.recognition.models import Contribution, Honour, Standing
from network.recognition.points import rebuild
from network.recognition.rules import LEVELS, level_for
from tests.events.factories import EventFactory, PastEventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from tests.knowledge.factories import ReplyFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_person(organisation):
    """Two resources (2 × 10), a helpful answer (5), three events attended (3 × 2): 31 points."""
    person = PersonFactory(name_en="Pranee Active", name_th="ปราณี ขยัน")
    MembershipFactory(person=person, organisation=organisation)
    for _ in range(2):
        ResourceFactory(created_by=person.user).authors.add(person)
    ReplyFactory(author=person.user, is_helpful=True)
    ReplyFactory(author=person.user, is_helpful=False)  # not marked: no points
    for _ in range(3):
        RegistrationFactory(
            event=PastEventFactory(), person=person, status=Registration.Status.ATTENDED
        )
    RegistrationFactory(event=PastEventFactory(), person=person)  # confirmed, not attended
    ResourceFactory(created_by=person.user, status=Resource.Status.DRAFT)  # not published
    return person


def test_points_and_level_come_from_known_activity(active_person):
    rebuild()
    standing = Standing.objects.get(person=active_person)
    assert standing.points == 31
    assert level_for(standing.points).number == standing.level == 1
    actions = sorted(
        Contribution.objects.filter(person=active_person).values_list("action", flat=True)
    )
    assert actions == ["attended"] * 3 + ["helpful_answer"] + ["resource"] * 2
    assert set(standing.badges) == {"first_resource", "helpful"}


def test_every_point_names_the_record_it_comes_from(active_person):
    rebuild()
    reply = active_person.user.replies.get(is_helpful=True)
    line = Contribution.objects.get(person=active_person, action="helpful_answer")
    assert line.source == f"knowledge.reply:{reply.pk}"
    assert line.points == 5


def test_points_are_recomputed_from_records_and_never_drift(active_person):
    first = rebuild()
    assert rebuild() == first  # the same records give the same ledger
    Resource.objects.filter(authors=active_person).first().delete()
    rebuild()
    assert Standing.objects.get(person=active_person).points == 21
    assert Contribution.objects.filter(person=active_person, action="resource").count() == 1


def test_organisations_earn_hosting_visits_pledges_and_new_members(
    organisation, other_organisation
):
    for _ in range(3):
        PastEventFactory(hosts=[organisation])
    EventFactory(hosts=[organisation])  # not held yet: no points
    visit = PastEventFactory(kind=Event.Kind.STUDY_VISIT, host_city=other_organisation)
    lead = PersonFactory()
    Delegation.objects.create(event=visit, organisation=organisation, lead=lead)
    Pledge.objects.create(
        event=visit, person=lead, organisation=organisation, action="Build a retention pond",
        status=Pledge.Status.DONE,
    )  # fmt: skip
    newcomer = PersonFactory()
    JoinRequest.objects.create(
        person=newcomer, organisation=organisation, status=JoinRequest.Status.APPROVED,
        decided_at=timezone.now(),
    )  # fmt: skip
    rebuild()
    standing = Standing.objects.get(organisation=organisation)
    assert standing.points == 3 * 20 + 5 + 8 + 10
    assert standing.level == 2  # Active partner from 50 points
    assert {"host_city", "delegate", "pledge_kept", "door_opener"} <= set(standing.badges)
    assert "host_city" in Standing.objects.get(organisation=other_organisation).badges
    lead_standing = Standing.objects.get(person=lead)
    assert lead_standing.points == 5 + 8
    assert {"delegate", "pledge_kept"} <= set(lead_standing.badges)


def test_proposing_a_new_organisation_brings_it_in(organisation):
    founder = PersonFactory()
    JoinRequest.objects.create(
        person=founder, organisation=organisation, proposed_name_th="ชุมชนริมน้ำ",
        status=JoinRequest.Status.APPROVED,
    )  # fmt: skip
    rebuild()
    assert Standing.objects.get(person=founder).points == 10
    assert "door_opener" in Standing.objects.get(person=founder).badges


def test_levels_have_thai_and_english_names():
    from django.utils import translation

    with translation.override("th"):
        thai = [str(level.name) for level in LEVELS]
    with translation.override("en"):
        english = [str(level.name) for level in LEVELS]
    assert english[1:] == ["Contributor", "Active partner", "Network builder", "Network champion"]
    assert all(t != e for t, e in zip(thai, english, strict=True))
    assert [level_for(p).number for p in (0, 9, 10, 49, 50, 150, 400, 10_000)] == [
        0,
        0,
        1,
        1,
        2,
        3,
        4,
        4,
    ]


def test_bridge_builder_badge_for_ties_to_three_other_kinds(organisation):
    from tests.network.test_health_metrics import meeting, org

    meeting(
        organisation,
        org("uni", kind="academic"),
        org("ngo", kind="ngo"),
        org("firm", kind="private"),
    )
    rebuild()
    assert "bridge_builder" in Standing.objects.get(organisation=organisation).badges


def test_rebuild_command_prints_a_summary(capsys, active_person):
    call_command("rebuild_recognition")
    out = capsys.readouterr().out
    assert "6 contributions, 31 points" in out


# --- pages ---------------------------------------------------------------------------------------


@pytest.fixture
def roll(active_person, organisation):
    for _ in range(3):
        PastEventFactory(hosts=[organisation])
    hidden = PersonFactory(
        name_en="Hidden Hathai", contact_visibility=Person.ContactVisibility.HIDDEN
    )
    for _ in range(2):
        ResourceFactory(created_by=hidden.user).authors.add(hidden)
    Honour.objects.create(
        organisation=organisation, kind=Honour.Kind.PLAQUE, title_th="โล่เกียรติยศเมืองต้นแบบ",
        title_en="Model city plaque", citation_th="เป็นเจ้าภาพการศึกษาดูงาน",
        citation_en="For hosting the network's study visits.", awarded_on=dt.date(2025, 6, 12),
    )  # fmt: skip
    Honour.objects.create(
        person=hidden, title_th="เข็มเชิดชูเกียรติ", title_en="Pin of honour for Hathai",
        citation_th="ผู้เขียน", awarded_on=dt.date(2025, 6, 12), kind=Honour.Kind.PIN,
    )  # fmt: skip
    rebuild()
    return hidden


def test_honour_roll_lists_people_and_organisations_by_level(
    client, roll, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        html = client.get("/en/recognition/").content.decode()
    assert "Pranee Active" in html and "Chiang Rai City Municipality" in html
    assert "Active partner" in html and "Contributor" in html
    assert "Model city plaque" in html and "For hosting the network" in html
    assert "12 June 2025" in html
    thai = client.get("/recognition/").content.decode()
    assert "โล่เกียรติยศเมืองต้นแบบ" in thai and "12 มิถุนายน 2568" in thai


def test_honour_roll_respects_people_who_show_their_details_to_nobody(client, roll):
    html = client.get("/en/recognition/").content.decode()
    assert "Hidden Hathai" not in html
    assert "Pin of honour for Hathai" not in html
    assert Standing.objects.get(person=roll).level == 1  # ranked, just not shown


def test_honour_roll_query_count_is_flat(client, roll, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as few:
        client.get("/en/recognition/?a")
    for n in range(25):
        extra = OrganisationFactory(slug=f"extra-{n}")
        PastEventFactory(hosts=[extra])
        Honour.objects.create(organisation=extra, title_th=f"เกียรติบัตร {n}", citation_th="ขอบคุณ",
                              awarded_on=dt.date(2025, 1, 1), kind=Honour.Kind.CERTIFICATE)  # fmt: skip
    rebuild()
    with django_assert_max_num_queries(12) as many:
        client.get("/en/recognition/?b")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_person_and_organisation_pages_show_level_badges_and_honours(client, roll, active_person):
    person_html = client.get(f"/en/members/people/{active_person.pk}/").content.decode()
    assert "Contributor" in person_html and "31 contribution points" in person_html
    assert "First resource" in person_html and "Helpful answer" in person_html
    org_html = client.get("/en/members/chiang-rai/").content.decode()
    assert "Host city" in org_html and "Model city plaque" in org_html


def test_hidden_people_keep_their_recognition_to_themselves(client_for, roll, coordinator):
    url = f"/en/members/people/{roll.pk}/"
    assert "Pin of honour" not in client_for(None).get(url).content.decode()
    assert "Pin of honour" in client_for(roll.user).get(url).content.decode()
    assert "Pin of honour" in client_for(coordinator).get(url).content.decode()


def test_person_page_query_budget_with_recognition(
    client, roll, active_person, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get(f"/en/members/people/{active_person.pk}/").status_code == 200


def test_coordinator_awards_an_honour_in_the_admin(client_for, coordinator, organisation):
    client = client_for(coordinator)
    response = client.post(
        "/en/admin/network/honour/add/",
        {"organisation": organisation.pk, "kind": "pin", "title_th": "เข็มเชิดชูเกียรติ",
         "title_en": "Pin of honour", "citation_th": "ผู้ริเริ่มเครือข่ายชุมชน",
         "citation_en": "", "awarded_on": "2026-03-06"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    honour = Honour.objects.get()
    assert honour.awarded_by == coordinator
    assert honour.organisation == organisation


def test_an_honour_needs_exactly_one_recipient(client_for, coordinator):
    response = client_for(coordinator).post(
        "/en/admin/network/honour/add/",
        {"kind": "pin", "title_th": "เข็ม", "citation_th": "ขอบคุณ", "awarded_on": "2026-03-06"},
    )
    assert response.status_code == 200
    assert not Honour.objects.exists()


def test_the_ledger_is_read_only_in_the_admin(client_for, coordinator, active_person):
    rebuild()
    client = client_for(coordinator)
    assert client.get("/en/admin/network/contribution/").status_code == 200
    assert client.get("/en/admin/network/contribution/add/").status_code == 403


def test_about_page_lists_the_handbooks_seven_components(client):
    html = client.get("/en/about/").content.decode()
    start = html.index("real-network-components")
    items = html[start : html.index("</ol>", start)].count("<li>")
    assert items == 7
    thai = client.get("/about/").content.decode()
    assert "พึ่งพา" in thai


def test_demo_network_shows_a_believable_roll_and_dashboard(client, client_for, coordinator):
    call_command("load_demo")
    html = client.get("/en/recognition/").content.decode()
    assert "Chiang Rai City Municipality" in html and "Hat Yai City Municipality" in html
    assert "Plaque of honour: study-visit host city" in html
    levels = set(Standing.objects.on_roll().values_list("level", flat=True))
    assert len(levels) >= 3
    assert Standing.objects.on_roll().people().count() >= 5
    # Sombat chose to show his details to nobody: ranked, never listed.
    hidden = Person.objects.get(name_en="Sombat Phon-asa")
    assert hidden.contact_visibility == Person.ContactVisibility.HIDDEN
    assert "Sombat" not in html
    dashboard = client_for(coordinator).get("/en/network/health/").content.decode()
    assert "Thailand Environment Institute" in dashboard
    assert "The next meeting should go to" in dashboard


def test_only_example_honours_are_marked_as_examples(client, organisation, other_organisation):
    Honour.objects.create(
        organisation=organisation, kind=Honour.Kind.PLAQUE, title_th="โล่จริง", title_en="Real plaque",
        citation_th="ขอบคุณ", awarded_on=dt.date(2025, 6, 12),
    )  # fmt: skip
    html = client.get("/en/recognition/").content.decode()
    assert "Real plaque" in html and "Example for the demo" not in html
    Honour.objects.create(
        organisation=other_organisation, kind=Honour.Kind.PIN, title_th="เข็มตัวอย่าง",
        title_en="Sample pin", citation_th="ตัวอย่าง", awarded_on=dt.date(2025, 6, 12),
        is_example=True,
    )  # fmt: skip
    html = client.get("/en/recognition/?again").content.decode()
    assert html.count("example-badge") == 1  # on the sample pin only
    assert "Example for the demo" in html and "the network has not awarded them" in html
    thai = client.get("/recognition/?again").content.decode()
    assert thai.count("example-badge") == 1 and "ตัวอย่างสำหรับการสาธิต" in thai
