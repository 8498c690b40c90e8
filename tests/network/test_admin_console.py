"""The admin as a Thai console: B.E. dates shown and accepted, autocomplete pickers, Thai strings."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event
from members.models import Organisation
from network.lib.admin import EraDateField, EraSplitDateTimeField
from network.lib.datefields import to_common_era
from tests.events.factories import EventFactory, in_days
from tests.events.test_admin import admin_form_data
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def thai(name, *args, **kwargs):
    """The Thai address of an admin page, whatever language an earlier test left active."""
    with translation.override("th"):
        return reverse(name, args=args or None, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/05/2570", dt.date(2027, 5, 15)),
        ("15/05/2027", dt.date(2027, 5, 15)),
        ("2570-05-15", dt.date(2027, 5, 15)),
        ("06/03/2557", dt.date(2014, 3, 6)),
    ],
)
def test_date_inputs_accept_both_eras(typed, expected):
    with translation.override("th"):
        assert EraDateField().clean(typed) == expected


def test_a_nonsense_date_is_a_form_error_not_a_crash():
    field = EraSplitDateTimeField()
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            field.clean(["31/02/2570", "09:00"])
        assert error.value.messages == ["Enter a valid date."]


def test_only_buddhist_era_years_are_converted():
    assert to_common_era("01/01/2400") == "01/01/1857"
    assert to_common_era("01/01/2399") == "01/01/2399"
    assert to_common_era("12/12/12") == "12/12/12"


def test_event_form_shows_buddhist_era_and_saves_a_buddhist_era_date(client_for, coordinator):
    client = client_for(coordinator)
    event = EventFactory(start=in_days(10), end=in_days(10) + dt.timedelta(hours=6))
    url = thai("admin:events_event_change", event.pk)  # Thai: the default language
    html = client.get(url).content.decode()
    start = timezone.localtime(event.start)
    assert f'value="{start:%d/%m}/{start.year + 543}"' in html
    assert "พ.ศ." in html  # the hint under the date
    form = admin_form_data(client, url)
    form.update(
        {
            "start_0": "15/05/2570",
            "start_1": "09:00:00",
            "end_0": "16/05/2570",
            "end_1": "16:00:00",
        }
    )
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert timezone.localtime(event.start).date() == dt.date(2027, 5, 15)


def test_event_list_is_newest_first_with_buddhist_era_dates(
    client_for, coordinator, django_assert_max_num_queries
):
    older = EventFactory(title_th="งานเก่า", start=timezone.make_aware(dt.datetime(2014, 3, 6, 9)))
    newer = EventFactory(title_th="งานใหม่", start=in_days(30))
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        html = client.get(thai("admin:events_event_changelist")).content.decode()
    assert html.index(newer.title_th) < html.index(older.title_th)
    assert "6 มี.ค. 2557" in html
    assert "2014" not in html.split('id="result_list"')[1].split("</table>")[0]
    # The year filter lists Buddhist-Era years.
    assert ">2557</a>" in html


def test_host_city_autocomplete_offers_municipalities_only(client_for, coordinator):
    city = OrganisationFactory(name_en="Chiang Rai Test City")
    OrganisationFactory(name_en="Chiang Rai Test University", kind=Organisation.Kind.ACADEMIC)
    client = client_for(coordinator)

    def names(field):
        params = {"app_label": "events", "model_name": "event", "field_name": field}
        response = client.get(thai("admin:autocomplete"), {**params, "term": "Chiang Rai"})
        return [item["id"] for item in response.json()["results"]]

    assert names("host_city") == [str(city.pk)]
    assert len(names("hosts")) == 2


def test_event_form_uses_autocomplete_for_organisations_people_and_topics(client_for, coordinator):
    event = EventFactory(kind=Event.Kind.STUDY_VISIT)
    html = client_for(coordinator).get(thai("admin:events_event_change", event.pk))
    html = html.content.decode()
    for name in ("hosts", "co_organisers", "topics", "host_city"):
        assert f'name="{name}"' in html
        assert f'data-field-name="{name}"' in html  # select2 autocomplete, not a number box
    assert 'data-field-name="speakers"' in html
    assert 'data-field-name="organisation"' in html  # delegations
    assert "vForeignKeyRawIdAdminField" not in html


def test_admin_reads_in_thai_including_upstream_strings(client_for, coordinator):
    client = client_for(coordinator)
    EventFactory()
    html = client.get(thai("admin:events_event_changelist")).content.decode()
    assert "แสดงจำนวน" in html  # "Show counts"
    assert "Show counts" not in html
    index = client.get(thai("admin:index")).content.decode()
    assert "Taggit" not in index
    assert "แท็ก" in index
    # Periodic tasks are set up once by whoever deploys; coordinators do not see them.
    assert "Periodic" not in index
    assert "ไม่ว่าง" not in index  # upstream's "busy" for "None available"
    assert "ยังไม่มีรายการ" in index
    assert client.get("/admin/django_celery_beat/periodictask/").status_code == 403
    js = client.get("/admin/jsi18n/").content.decode()
    assert "%(sel)s of %(cnt)s selected" in js
    assert (
        "\\u0e40\\u0e25\\u0e37\\u0e2d\\u0e01\\u0e41\\u0e25\\u0e49\\u0e27" in js or "เลือกแล้ว" in js
    )


def test_saved_message_is_thai(client_for, coordinator):
    client = client_for(coordinator)
    org = OrganisationFactory(description_th="เทศบาลทดสอบ")
    url = thai("admin:members_organisation_change", org.pk)
    form = admin_form_data(client, url)
    response = client.post(url, form, follow=True)
    assert "เรียบร้อยแล้ว" in response.content.decode()
    assert "was changed successfully" not in response.content.decode()


@pytest.mark.parametrize("language", ["th", "en"])
def test_date_inputs_read_day_month_year_in_every_language(language):
    with translation.override(language):
        assert EraDateField().clean("05/06/2027") == dt.date(2027, 6, 5)
        assert EraDateField().clean("15/05/2570") == dt.date(2027, 5, 15)


def test_what_only_a_superuser_sees_reads_in_thai_too(client_for):
    from tests.factories import UserFactory

    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    client = client_for(root)
    index = client.get("/admin/").content.decode()
    assert "งานตามกำหนดเวลา" in index
    assert "Periodic Tasks" not in index and "Crontabs" not in index
    tasks = client.get("/admin/django_celery_beat/periodictask/").content.decode()
    assert "เปิดใช้งานที่เลือก" in tasks and "Enable selected tasks" not in tasks
    assert "Last Run Datetime" not in tasks
    user = client.get(f"/admin/members/user/{root.pk}/change/").content.decode()
    assert "ระบบไม่เก็บรหัสผ่านไว้ตามที่พิมพ์" in user
    assert "Raw passwords are not stored" not in user
    assert "A user will get all permissions" not in user
