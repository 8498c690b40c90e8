"""Accounts by django-allauth: sign-up with e-mail verification, login, reset, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from members.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def last_link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_sends_a_verification_email_whose_link_signs_the_person_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "newcomer@example.org",
                "password1": "a-long-pass-phrase-2557",
                "password2": "a-long-pass-phrase-2557",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    html = message.alternatives[0][0]
    link = last_link(message)
    assert "/accounts/confirm-email/" in link
    assert link in html  # the HTML part carries the same link

    # Unverified accounts cannot sign in yet.
    client.post(
        "/en/accounts/login/",
        {"login": "newcomer@example.org", "password": "a-long-pass-phrase-2557"},
    )
    assert "_auth_user_id" not in client.session

    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="newcomer@example.org").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(email="newcomer@example.org").pk)


def test_sign_up_form_keeps_the_email_when_passwords_differ(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "typo@example.org", "password1": "a-long-pass-phrase-2557", "password2": "other"},
    )
    assert response.status_code == 200
    assert 'value="typo@example.org"' in response.content.decode()
    assert not User.objects.filter(email="typo@example.org").exists()


def test_login_by_email_and_logout(client):
    UserFactory(email="somchai@example.org")
    response = client.post(
        "/accounts/login/", {"login": "SomChai@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
        unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Both addresses get a message, so the page reveals nothing; only the account holder's has a key.
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_password_reset_link_sets_a_new_password(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="forgetful@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "forgetful@example.org"})
    link = last_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"password1": "new-pass-phrase-2568", "password2": "new-pass-phrase-2568"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-pass-phrase-2568")


def test_sign_up_with_a_taken_address_looks_like_any_other_sign_up(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "taken@example.org",
                "password1": "a-long-pass-phrase-2557",
                "password2": "a-long-pass-phrase-2557",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert mail.outbox[0].to == ["taken@example.org"]  # "you already have an account"


def test_login_is_rate_limited_after_repeated_failures(client):
    UserFactory(email="target@example.org")
    for _ in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "target@example.org", "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_account_pages_render_in_thai(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="th">' in html
    assert "ลงชื่อเข้าใช้" in html
    html = client.get("/accounts/signup/").content.decode()
    assert "ลงทะเบียน" in html
