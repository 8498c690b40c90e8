import pytest
from django.urls import reverse

from events.models import Event, Pledge, PledgeUpdate, Registration

from .factories import EventFactory, PastEventFactory, PledgeFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_member_records_a_pledge_after_a_study_visit(client_for, member, organisation):
    event = PastEventFactory(kind=Event.Kind.STUDY_VISIT)
    response = client_for(member).post(
        reverse("events:pledge_create", args=[event.slug]),
        {
            "action": "Apply Hat Yai's multi-sector flood management",
            "organisation": organisation.pk,
            "due": "2027-06-30",
        },
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.person == member.person and pledge.organisation == organisation
    assert pledge.status == Pledge.Status.PLANNED
    page = client_for(member).get(event.get_absolute_url()).content.decode()
    assert "multi-sector flood management" in page


def test_pledges_before_the_event_are_refused(client_for, member):
    event = EventFactory()
    client_for(member).post(
        reverse("events:pledge_create", args=[event.slug]), {"action": "Too early"}
    )
    assert not Pledge.objects.exists()


def test_outsiders_cannot_record_pledges(client_for, outsider):
    event = PastEventFactory()
    client_for(outsider).post(
        reverse("events:pledge_create", args=[event.slug]), {"action": "Nope"}
    )
    assert not Pledge.objects.exists()


def test_owner_updates_status_and_the_history_is_kept(client_for, member):
    pledge = PledgeFactory(person=member.person)
    client_for(member).post(
        reverse("events:pledge_update", args=[pledge.pk]),
        {"status": "in_progress", "note": "Budget approved"},
    )
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.IN_PROGRESS
    assert PledgeUpdate.objects.filter(pledge=pledge, note="Budget approved").exists()


def test_someone_else_cannot_update_my_pledge(client_for, outsider, member):
    pledge = PledgeFactory(person=member.person)
    response = client_for(outsider).post(
        reverse("events:pledge_update", args=[pledge.pk]), {"status": "dropped"}
    )
    assert response.status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PLANNED


def test_person_and_organisation_pages_show_pledges_and_events(client, member, organisation):
    PastEventFactory(title_th="ดูงานที่เราจัด", hosts=[organisation])
    visited = PastEventFactory(title_th="ประชุมแลกเปลี่ยน")
    RegistrationFactory(
        event=visited,
        person=member.person,
        organisation=organisation,
        status=Registration.Status.ATTENDED,
    )
    PledgeFactory(
        person=member.person, organisation=organisation, event=visited, action="ฟื้นฟูคลองแบบแม่กกน้อย"
    )
    org_page = client.get(organisation.get_absolute_url()).content.decode()
    assert (
        "ดูงานที่เราจัด" in org_page and "ประชุมแลกเปลี่ยน" in org_page and "ฟื้นฟูคลองแบบแม่กกน้อย" in org_page
    )
    person_page = client.get(member.person.get_absolute_url())
    if person_page.status_code == 200:
        text = person_page.content.decode()
        assert "ฟื้นฟูคลองแบบแม่กกน้อย" in text and "ประชุมแลกเปลี่ยน" in text


def test_members_only_events_stay_off_public_panels(client, organisation):
    PastEventFactory(title_th="ประชุมลับ", hosts=[organisation], visibility=Event.Visibility.MEMBERS)
    assert "ประชุมลับ" not in client.get(organisation.get_absolute_url()).content.decode()


def test_my_events_page_lists_registrations_and_pledges(client_for, member):
    event = EventFactory(title_th="งานที่ลงทะเบียน")
    RegistrationFactory(event=event, person=member.person)
    PledgeFactory(person=member.person, action="ปลูกต้นไม้ริมคลอง")
    page = client_for(member).get(reverse("events:mine")).content.decode()
    assert "งานที่ลงทะเบียน" in page and "ปลูกต้นไม้ริมคลอง" in page
