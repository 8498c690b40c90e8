"""Nobody learns whether an address has an account from sign-up, login or password reset."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {"password1": "a-long-pass-phrase-2557", "password2": "a-long-pass-phrase-2557"}


def page_text(response) -> str:
    """The page without what legitimately differs between two requests (tokens, nonces, echoes)."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(r"[\w.+-]+@example\.org", "ADDRESS", html)


@pytest.fixture
def known(db):
    return UserFactory(email="known@example.org")


def test_sign_up_with_a_known_address_answers_like_a_new_one(
    client, known, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post("/en/accounts/signup/", {"email": known.email, **SIGN_UP})
        client.logout()
        fresh = client.post("/en/accounts/signup/", {"email": "fresh@example.org", **SIGN_UP})
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    # Each address is told by e-mail, where only its owner reads the difference.
    assert sorted(m.to[0] for m in mail.outbox) == ["fresh@example.org", "known@example.org"]


def test_login_failure_reads_the_same_for_a_known_and_an_unknown_address(client, known):
    wrong = client.post("/en/accounts/login/", {"login": known.email, "password": "nope"})
    unknown = client.post(
        "/en/accounts/login/", {"login": "stranger@example.org", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert page_text(wrong) == page_text(unknown)


def test_admin_login_failure_reads_the_same_for_a_known_and_an_unknown_address(client, known):
    wrong = client.post("/en/admin/login/", {"username": known.email, "password": "nope"})
    unknown = client.post(
        "/en/admin/login/", {"username": "stranger@example.org", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert page_text(wrong) == page_text(unknown)


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(
    client, known, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for_known = client.post("/en/accounts/password/reset/", {"email": known.email})
        for_unknown = client.post("/en/accounts/password/reset/", {"email": "stranger@example.org"})
    assert for_known.status_code == for_unknown.status_code == 302
    assert for_known["Location"] == for_unknown["Location"]
    done = client.get(for_known["Location"])
    assert done.status_code == 200
    assert [m.to for m in mail.outbox] == [[known.email], ["stranger@example.org"]]
