import icalendar
import pytest
from django.urls import reverse

from events.models import CalendarToken, Event, Registration

from .factories import EventFactory, PastEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def summaries(cal):
    return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))


def test_event_ics_parses_with_the_event(client):
    event = EventFactory(title_en="Heat seminar", title_th="เสวนาความร้อน")
    cal = parse(client.get(reverse("events:event_ics", args=[event.slug])))
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "เสวนาความร้อน"
    assert vevent.decoded("DTEND") == event.end


def test_public_feed_has_public_announced_events_only(client):
    EventFactory(title_th="สาธารณะ")
    PastEventFactory(title_th="ที่ผ่านมา")
    EventFactory(title_th="ร่าง", status=Event.Status.DRAFT)
    EventFactory(title_th="สมาชิก", visibility=Event.Visibility.MEMBERS)
    cal = parse(client.get(reverse("events:calendar_ics")))
    assert summaries(cal) == sorted(["สาธารณะ", "ที่ผ่านมา"])


def test_members_only_event_ics_is_404_for_outsiders(client_for, outsider):
    event = EventFactory(visibility=Event.Visibility.MEMBERS)
    assert (
        client_for(outsider).get(reverse("events:event_ics", args=[event.slug])).status_code == 404
    )


def test_online_link_is_in_the_ics_only_for_registered_people(client_for, member, outsider):
    event = EventFactory(online_link="https://meet.example.org/secret")
    RegistrationFactory(event=event, person=member.person)
    mine = client_for(member).get(reverse("events:event_ics", args=[event.slug])).content
    theirs = client_for(outsider).get(reverse("events:event_ics", args=[event.slug])).content
    assert b"meet.example.org/secret" in mine
    assert b"meet.example.org/secret" not in theirs


def test_personal_feed_lists_my_events_behind_a_secret_token(client, client_for, member):
    mine = EventFactory(title_th="ของฉัน", visibility=Event.Visibility.MEMBERS)
    EventFactory(title_th="ไม่ใช่ของฉัน")
    cancelled = EventFactory(title_th="ยกเลิกแล้ว")
    RegistrationFactory(event=mine, person=member.person)
    RegistrationFactory(event=cancelled, person=member.person, status=Registration.Status.CANCELLED)
    page = client_for(member).get(reverse("events:mine"))
    token = CalendarToken.objects.get(user=member).token
    assert token in page.content.decode()
    client.logout()
    cal = parse(client.get(reverse("events:personal_ics", args=[token])))
    assert summaries(cal) == ["ของฉัน"]
    assert client.get(reverse("events:personal_ics", args=["not-a-token"])).status_code == 404
