"""Password guessing is limited on the site's login, the admin login and password reset."""

import pytest
from django.core import mail

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_site_login(client, email, times):
    for _ in range(times):
        response = client.post("/en/accounts/login/", {"login": email, "password": "guess"})
        assert response.status_code == 200


def fail_admin_login(client, email, times):
    for _ in range(times):
        response = client.post("/en/admin/login/", {"username": email, "password": "guess"})
        assert response.status_code == 200


def test_site_login_refuses_even_the_right_password_after_five_failures(client, coordinator):
    fail_site_login(client, coordinator.email, 5)
    response = client.post(
        "/en/accounts/login/", {"login": coordinator.email, "password": PASSWORD}
    )
    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_admin_login_refuses_even_the_right_password_after_five_failures(client, coordinator):
    fail_admin_login(client, coordinator.email, 5)
    response = client.post(
        "/en/admin/login/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_guesses_cannot_be_spread_over_the_site_and_admin_logins(client, coordinator):
    fail_site_login(client, coordinator.email, 3)
    fail_admin_login(client, coordinator.email.upper(), 2)
    response = client.post(
        "/en/admin/login/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_admin_login_still_lets_a_coordinator_in_and_keeps_members_out(client, coordinator, member):
    response = client.post(
        "/en/admin/login/?next=/en/admin/", {"username": member.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert not signed_in(client)
    response = client.post(
        "/en/admin/login/?next=/en/admin/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_a_successful_login_does_not_reset_the_failure_count(client, coordinator):
    fail_admin_login(client, coordinator.email, 4)
    client.post("/en/admin/login/", {"username": coordinator.email, "password": PASSWORD})
    client.logout()
    fail_admin_login(client, coordinator.email, 1)
    response = client.post(
        "/en/admin/login/", {"username": coordinator.email, "password": PASSWORD}
    )
    assert TOO_MANY in response.content.decode()


def test_password_reset_stops_sending_mail_for_an_address_after_three_requests(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="target@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.post("/en/accounts/password/reset/", {"email": "target@example.org"})
            assert response.status_code == 302
        response = client.post("/en/accounts/password/reset/", {"email": "target@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_password_reset_limits_requests_from_one_address_over_many_emails(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/en/accounts/password/reset/", {"email": f"p{n}@example.org"}).status_code
            for n in range(6)
        ]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


def test_sign_up_is_limited_per_address(client):
    statuses = [
        client.post(
            "/en/accounts/signup/",
            {
                "email": f"bot{n}@example.org",
                "password1": "a-long-pass-phrase-2557",
                "password2": "a-long-pass-phrase-2557",
            },
        ).status_code
        for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
