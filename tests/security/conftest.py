import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The security tests create many accounts; a fast hasher keeps them quick. Login behaviour
    # does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
