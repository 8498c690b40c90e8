"""Sign-up does the same expensive work for a new address and for one that has an account.

Timing would tell an attacker which addresses have accounts; the slow step is hashing the
password, so the test counts hashes instead of measuring time.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail

from members.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-2557"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    encoded = 0

    def encode(self, password, salt):
        CountingHasher.encoded += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.encoded = 0
    return CountingHasher


def sign_up(client, email):
    return client.post(
        "/en/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_a_taken_address_costs_the_same_password_hashing_as_a_new_one(
    client, hashes, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@example.org")
    hashes.encoded = 0
    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(client, "new@example.org")
    for_new = hashes.encoded
    client.logout()
    hashes.encoded = 0
    with django_capture_on_commit_callbacks(execute=True):
        taken = sign_up(client, "taken@example.org")
    for_taken = hashes.encoded

    assert for_new == 1
    assert for_taken == for_new
    # And both answer alike, without a second account for the taken address.
    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert User.objects.get(email="new@example.org").check_password(PASSWORD)
    assert [m.to for m in mail.outbox] == [["new@example.org"], ["taken@example.org"]]


def test_an_invalid_sign_up_hashes_nothing_for_either_address(client, hashes):
    UserFactory(email="taken@example.org")
    hashes.encoded = 0
    for email in ("new@example.org", "taken@example.org"):
        response = client.post(
            "/en/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": "other"}
        )
        assert response.status_code == 200
    assert hashes.encoded == 0
