"""Coordinators run the network in the admin, but cannot take over superusers' powers."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


def test_coordinator_cannot_set_a_superusers_password(client_for, coordinator, superuser):
    client = client_for(coordinator)
    url = f"/en/admin/members/user/{superuser.pk}/password/"
    client.post(url, {"password1": "taken-over-2568!", "password2": "taken-over-2568!"})
    superuser.refresh_from_db()
    assert not superuser.check_password("taken-over-2568!")


def test_coordinator_cannot_make_themselves_a_superuser(client_for, coordinator):
    client = client_for(coordinator)
    client.post(
        f"/en/admin/members/user/{coordinator.pk}/change/",
        {
            "email": coordinator.email,
            "is_active": "on",
            "is_coordinator": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    coordinator.refresh_from_db()
    assert not coordinator.is_superuser


def test_coordinator_cannot_reach_django_groups_and_permissions(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/en/admin/auth/group/").status_code == 403
    assert client.get("/en/admin/auth/group/add/").status_code == 403


def test_coordinator_cannot_point_a_superusers_email_elsewhere(client_for, coordinator, superuser):
    """Changing the address and then resetting the password would be the same takeover."""
    from allauth.account.models import EmailAddress

    address, _ = EmailAddress.objects.get_or_create(user=superuser, email=superuser.email)
    client = client_for(coordinator)
    response = client.post(
        f"/en/admin/account/emailaddress/{address.pk}/change/",
        {"user": superuser.pk, "email": "attacker@example.org", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    address.refresh_from_db()
    assert address.email == "root@example.org"


def test_coordinator_still_looks_up_accounts_and_edits_profiles(client_for, coordinator, superuser):
    client = client_for(coordinator)
    assert client.get("/en/admin/members/user/").status_code == 200
    assert client.get(f"/en/admin/members/user/{superuser.pk}/change/").status_code == 200
    assert client.get("/en/admin/members/user/add/").status_code == 403
    assert client.get("/en/admin/members/person/add/").status_code == 200


# Periodic tasks make the worker run any task with any arguments: the superuser's alone.


def periodic_task_form(schedule) -> dict:
    return {
        "name": "Mail anyone",
        "regtask": "",
        "task": "network.tasks.send_email_message",
        "interval": schedule.pk,
        "args": "[]",
        "kwargs": '{"subject": "Hi", "body": "x", "to": ["victim@example.org"]}',
        "enabled": "on",
        "priority": "",
        "queue": "",
        "exchange": "",
        "routing_key": "",
        "headers": "{}",
        "expire_seconds": "",
        "description": "",
    }


@pytest.fixture
def schedule(db):
    from django_celery_beat.models import IntervalSchedule

    return IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)


def test_coordinator_cannot_add_a_periodic_task(client_for, coordinator, schedule):
    from django_celery_beat.models import PeriodicTask

    client = client_for(coordinator)
    assert client.get("/en/admin/django_celery_beat/periodictask/add/").status_code == 403
    response = client.post(
        "/en/admin/django_celery_beat/periodictask/add/", periodic_task_form(schedule)
    )
    assert response.status_code == 403
    assert not PeriodicTask.objects.filter(name="Mail anyone").exists()


def test_coordinator_cannot_change_or_delete_a_periodic_task_or_its_schedules(
    client_for, coordinator, schedule
):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.create(
        name="Weekly digest", task="network.tasks.send_digests", interval=schedule
    )
    client = client_for(coordinator)
    base = "/en/admin/django_celery_beat"
    form = periodic_task_form(schedule) | {"name": "Weekly digest"}
    assert client.post(f"{base}/periodictask/{task.pk}/change/", form).status_code == 403
    task.refresh_from_db()
    assert task.task == "network.tasks.send_digests"
    assert client.post(f"{base}/periodictask/{task.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(
        f"{base}/intervalschedule/{schedule.pk}/change/", {"every": 5, "period": "seconds"}
    ).status_code == 403
    assert client.get(f"{base}/intervalschedule/add/").status_code == 403
    assert client.get(f"{base}/crontabschedule/add/").status_code == 403
    assert PeriodicTask.objects.filter(pk=task.pk).exists()


def test_coordinator_does_not_see_the_schedule(client_for, coordinator, schedule):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.create(name="Weekly digest", task="x", interval=schedule)
    client = client_for(coordinator)
    assert client.get("/en/admin/django_celery_beat/periodictask/").status_code == 403
    page = client.get(f"/en/admin/django_celery_beat/periodictask/{task.pk}/change/")
    assert page.status_code == 403
    assert "Periodic" not in client.get("/en/admin/").text


def test_superuser_still_manages_periodic_tasks(client_for, superuser, schedule):
    from django_celery_beat.models import PeriodicTask

    client = client_for(superuser)
    form = periodic_task_form(schedule) | {"name": "Nightly check", "task": "", "kwargs": "{}"}
    form["regtask"] = "celery.backend_cleanup"
    response = client.post("/en/admin/django_celery_beat/periodictask/add/", form)
    assert response.status_code == 302, response.content[:2000]
    assert PeriodicTask.objects.filter(name="Nightly check").exists()
