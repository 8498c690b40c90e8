"""Rate limits per IP count each visitor behind the documented proxy, and trust no forged header."""

import pytest

from network.lib.client_ip import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"
PROXY = "127.0.0.1"  # nginx on the same machine: every request's REMOTE_ADDR


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_logins(client, url, field, times, **headers):
    """Failed sign-ins for ``times`` different addresses, so only the limit per IP is reached."""
    for n in range(times):
        response = client.post(
            url,
            {field: f"nobody{n}@example.org", "password": "guess"},
            REMOTE_ADDR=PROXY,
            **headers,
        )
        assert response.status_code == 200


# The address itself


def test_without_a_proxy_configured_a_forged_forwarded_for_is_ignored(rf):
    request = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client_ip(request) == "198.51.100.9"


def test_behind_one_proxy_the_hop_the_proxy_appended_is_the_client(rf, behind_one_proxy):
    # The client wrote "203.0.113.1" itself; nginx appended the address it saw.
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.9")
    assert client_ip(request) == "198.51.100.9"


def test_behind_two_proxies_the_second_hop_from_the_right_is_the_client(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    request = rf.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.9, 10.0.0.2"
    )
    assert client_ip(request) == "198.51.100.9"


def test_a_header_set_by_the_proxy_wins_when_configured(rf, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="2001:db8:0:0::7", HTTP_X_FORWARDED_FOR="203.0.113.1"
    )
    assert client_ip(request) == "2001:db8::7"


@pytest.mark.parametrize("forwarded", ["", "not-an-address", " , ", "[2001:db8::1]:443, x"])
def test_a_request_that_did_not_pass_the_proxy_falls_back_to_the_peer(
    rf, behind_one_proxy, forwarded
):
    request = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == "198.51.100.9"


def test_addresses_with_ports_or_brackets_are_read(rf, behind_one_proxy):
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.9:51000")) == "198.51.100.9"
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="[2001:db8::1]:443")) == "2001:db8::1"


# The limits


@pytest.mark.parametrize(
    ("url", "field"), [("/en/accounts/login/", "login"), ("/en/admin/login/", "username")]
)
def test_behind_one_proxy_one_guesser_does_not_lock_out_everyone(
    client, behind_one_proxy, coordinator, url, field
):
    fail_logins(client, url, field, 20, HTTP_X_FORWARDED_FOR="203.0.113.66")
    guesser = client.post(
        url,
        {field: coordinator.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert TOO_MANY in guesser.content.decode()
    assert not signed_in(client)
    # Another visitor, through the same nginx, writing the guesser's address first.
    client.post(
        url,
        {field: coordinator.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.20",
    )
    assert signed_in(client)


@pytest.mark.parametrize(
    ("url", "field"), [("/en/accounts/login/", "login"), ("/en/admin/login/", "username")]
)
def test_without_a_proxy_a_guesser_cannot_escape_the_limit_with_forged_headers(
    client, coordinator, url, field
):
    for n in range(20):
        client.post(
            url,
            {field: f"nobody{n}@example.org", "password": "guess"},
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = client.post(
        url,
        {field: coordinator.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.9",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_behind_one_proxy_sign_up_is_limited_per_visitor(client, behind_one_proxy):
    def sign_up(n, visitor):
        return client.post(
            "/en/accounts/signup/",
            {
                "email": f"bot{n}@example.org",
                "password1": "a-long-pass-phrase-2557",
                "password2": "a-long-pass-phrase-2557",
            },
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor,
        ).status_code

    assert [sign_up(n, "203.0.113.66") for n in range(11)] == [302] * 10 + [429]
    assert sign_up(99, "198.51.100.20") == 302
