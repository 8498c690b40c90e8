"""Coordinators run the network in the admin, but cannot take over superusers' powers."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOLE = (
    "network.auth.CoordinatorBackend grants every members.* permission, members.User included, "
    "and members/admin.py UserAdmin does not restrict superuser fields or superusers' rows"
)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


@pytest.mark.xfail(strict=True, reason=HOLE)
def test_coordinator_cannot_set_a_superusers_password(client_for, coordinator, superuser):
    client = client_for(coordinator)
    url = f"/en/admin/members/user/{superuser.pk}/password/"
    client.post(url, {"password1": "taken-over-2568!", "password2": "taken-over-2568!"})
    superuser.refresh_from_db()
    assert not superuser.check_password("taken-over-2568!")


@pytest.mark.xfail(strict=True, reason=HOLE)
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
