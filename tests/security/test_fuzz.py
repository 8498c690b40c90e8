"""Hypothesis throws odd input at every public form and the search box: no 500, nothing echoed raw.

Each example mixes random text (Thai, Latin, markup characters, control characters) with a
script payload; the page must answer below 500 and must not contain the payload unescaped.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>fuzz(1)</script><img src=x onerror=fuzz(2)>'
RAW_MARKERS = ("<script>fuzz", "<img src=x onerror")

characters = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Zs", "Cc"),
    include_characters="<>\"'&%;/\\\u0e01\u0e34\u0e49\u0e4c",
    exclude_characters="\x00",  # NUL bytes get their own deterministic test below
)
text = st.text(characters, max_size=60)
fuzzed = st.one_of(
    text,
    text.map(lambda t: t + PAYLOAD),
    st.sampled_from(
        [
            PAYLOAD,
            "น้ำท่วม" + PAYLOAD,
            "การปรับตัวต่อการเปลี่ยนแปลงสภาพภูมิอากาศ",
            "' OR 1=1 --",
            "%' AND pg_sleep(1) --",
            "a" * 2000,
            "{{ 7*7 }}{% debug %}",
            "../../etc/passwd",
            "-1",
            "99999999999999999999",
        ]
    ),
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Public pages that read query parameters, with the parameters they (may) read.
GET_FORMS = {
    "/en/search/": ("q", "type", "page", "exact"),
    "/search/": ("q",),
    "/en/members/": ("q", "kind", "region", "province", "hazard", "topic", "page"),
    "/en/members/map/": ("q", "kind", "region", "hazard", "topic"),
    "/en/members/map/data.json": ("q", "kind", "region", "hazard", "topic"),
    "/en/events/": ("q", "kind", "region", "topic", "page"),
    "/en/events/past/": ("kind", "region", "topic", "page"),
    "/en/events/calendar/": ("month",),
    "/en/knowledge/": ("q", "kind", "topic", "tag", "region", "language", "year", "page"),
    "/en/knowledge/tags/": ("q",),
    "/en/knowledge/discussions/": ("kind", "topic", "page"),
}
POST_FORMS = {
    "/en/accounts/signup/": ("email", "password1", "password2"),
    "/en/accounts/login/": ("login", "password"),
    "/en/accounts/password/reset/": ("email",),
    "/en/admin/login/": ("username", "password"),
}


def field_values(name):
    if name in ("email", "login", "username"):
        # Well-formed addresses reach the account lookups, not only the form's validation.
        return st.one_of(st.emails(), fuzzed)
    return fuzzed


def assert_safe(response, sent):
    assert response.status_code < 500, sent
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, sent


@pytest.mark.parametrize("url", sorted(GET_FORMS))
def test_public_pages_survive_any_query(url):
    @FUZZ
    @given(st.dictionaries(st.sampled_from(GET_FORMS[url]), fuzzed, min_size=1))
    def check(params):
        response = Client().get(url, params)
        assert_safe(response, params)

    check()


def nul_cases():
    return [
        pytest.param(url, param, id=f"{url}?{param}")
        for url, params in sorted(GET_FORMS.items())
        for param in params
    ]


@pytest.mark.parametrize(("url", "param"), nul_cases())
def test_a_nul_byte_in_a_query_parameter_is_not_a_server_error(client, url, param):
    response = client.get(url, {param: "น้ำ\x00ท่วม"})
    assert response.status_code < 500


def test_a_nul_byte_anywhere_in_the_address_is_a_bad_request(client):
    response = client.get("/en/knowledge/discussions/", {"topic": "\x00"})
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.text and "Bad request" in response.text
    assert client.get("/en/search/", {"q\x00": "x"}).status_code == 400
    assert client.get("/en/members/%00/").status_code == 400


@pytest.mark.parametrize("url", sorted(POST_FORMS))
def test_public_forms_survive_any_post(url):
    @FUZZ
    @given(st.fixed_dictionaries({name: field_values(name) for name in POST_FORMS[url]}))
    def check(data):
        cache.clear()  # rate limits would otherwise answer 429 before the form is read
        response = Client().post(url, data)
        assert_safe(response, data)

    check()


@pytest.mark.parametrize("url", sorted(POST_FORMS))
def test_a_nul_byte_in_a_public_form_is_not_a_server_error(client, url):
    response = client.post(url, dict.fromkeys(POST_FORMS[url], "a\x00@example.org"))
    assert response.status_code < 500
