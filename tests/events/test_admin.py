import csv
import io

import pytest
from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Event, Registration
from tests.factories import PersonFactory

from .factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def admin_client(client_for, coordinator):
    return client_for(coordinator)


def act(client, model, action, objects, **extra):
    url = reverse(f"admin:events_{model}_changelist")
    return client.post(
        url, {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    )


def test_change_list_shows_counts_without_n_plus_one(admin_client, django_assert_max_num_queries):
    for _ in range(10):
        event = EventFactory()
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Status.WAITING)
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("admin:events_event_changelist"))
    # confirmed · waiting · attended, on each of the ten rows
    assert response.content.decode().count("1 · 1 · 0") == 10


def test_outsider_cannot_open_the_events_admin(client_for, outsider):
    response = client_for(outsider).get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302


def test_export_csv_is_utf8_with_bom_and_thai(admin_client):
    event = EventFactory(title_th="ดูงานหาดใหญ่")
    RegistrationFactory(event=event, person=PersonFactory(name_th="สมศรี ใจดี"), diet="ฮาลาล")
    response = act(admin_client, "event", "export_csv", [event])
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert "ดูงานหาดใหญ่" in rows[1] and "สมศรี ใจดี" in rows[1] and "ฮาลาล" in rows[1]


def test_export_xlsx_keeps_thai_and_defuses_formulas(admin_client):
    event = EventFactory(title_th="ดูงานเชียงราย")
    RegistrationFactory(event=event, person=PersonFactory(name_th="=HYPERLINK(1)"))
    response = act(admin_client, "event", "export_xlsx", [event])
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert "ดูงานเชียงราย" in values and "'=HYPERLINK(1)" in values


def test_mark_attended_action(admin_client):
    event = EventFactory()
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    act(admin_client, "registration", "mark_attended", [confirmed, waiting])
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == (Status.ATTENDED, Status.WAITING)


def test_promote_from_waiting_list_action(admin_client):
    event = EventFactory(capacity=1)
    first = RegistrationFactory(event=event, status=Status.WAITING)
    second = RegistrationFactory(event=event, status=Status.WAITING)
    act(admin_client, "event", "promote_waiting", [event])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITING)


def test_email_registrants_action_asks_then_sends(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    form = act(admin_client, "event", "email_registrants", [event])
    assert form.status_code == 200 and b'name="subject"' in form.content
    with django_capture_on_commit_callbacks(execute=True):
        act(
            admin_client,
            "event",
            "email_registrants",
            [event],
            subject="Bus at 7",
            message="Meet at the hall.",
            send="1",
        )
    assert len(mailoutbox) == 1
    assert "Bus at 7" in mailoutbox[0].subject and "Meet at the hall." in mailoutbox[0].body


def test_email_registrants_previews_both_languages_with_the_recipient_count(
    admin_client, mailoutbox
):
    event = EventFactory(title_th="เสวนาน้ำท่วม", title_en="Flood seminar")
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.WAITING)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    response = act(
        admin_client,
        "event",
        "email_registrants",
        [event],
        subject="Bus at 7",
        message="Meet at the hall.",
        preview="1",
    )
    html = response.content.decode()
    assert "อีเมลนี้จะส่งถึงผู้รับ 2 คน" in html  # the admin speaks Thai at the root
    assert "Bus at 7 – เสวนาน้ำท่วม" in html and "Bus at 7 – Flood seminar" in html
    assert html.count("Meet at the hall.") >= 2 and 'name="send"' in html
    assert not mailoutbox


def test_duplicate_action_makes_a_draft_a_year_later(admin_client, organisation):
    event = EventFactory(hosts=[organisation], slug="annual-meeting")
    event.sessions.create(day=event.start.date(), title_th="เปิดงาน")
    act(admin_client, "event", "duplicate", [event])
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.status == Event.Status.DRAFT
    assert copy.start.year == event.start.year + 1
    assert list(copy.hosts.all()) == [organisation]
    assert copy.sessions.get().title_th == "เปิดงาน"
    assert copy.slug == f"annual-meeting-{event.start.year + 1}"


def test_publish_and_cancel_actions(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    draft = EventFactory(status=Event.Status.DRAFT)
    act(admin_client, "event", "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.PUBLISHED
    RegistrationFactory(event=draft)
    with django_capture_on_commit_callbacks(execute=True):
        act(admin_client, "event", "cancel", [draft])
    draft.refresh_from_db()
    assert draft.status == Event.Status.CANCELLED
    assert len(mailoutbox) == 1


def test_changing_the_date_in_the_admin_tells_registrants(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RegistrationFactory(event=event)
    url = reverse("admin:events_event_change", args=[event.pk])
    form = admin_form_data(admin_client, url)
    new_start = in_days(20)
    form.update(
        {
            "start_0": new_start.strftime("%Y-%m-%d"),
            "start_1": "09:00:00",
            "end_0": new_start.strftime("%Y-%m-%d"),
            "end_1": "16:00:00",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_0": "2020-01-01"}, "cannot end before it starts"),
        ({"capacity": "-5"}, "greater than or equal to 0"),
        (
            {"registration_closes_0": "2099-01-01", "registration_closes_1": "00:00:00"},
            "close before the event ends",
        ),
    ],
)
def test_admin_refuses_bad_dates_and_negative_capacity(admin_client, changes, message):
    event = EventFactory()
    url = "/en" + reverse("admin:events_event_change", args=[event.pk])
    form = admin_form_data(admin_client, url)
    form.update(changes)
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 50


def admin_form_data(client, url):
    """The change form's current values, as the browser would post them."""
    response = client.get(url)
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(field, forms.FileField) or value is None or value is False:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(field, forms.SplitDateTimeField):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = (
                local.strftime("%Y-%m-%d"),
                local.strftime("%H:%M:%S"),
            )
        else:
            data[name] = getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{key}"] = management[key].value()
    return data
