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
