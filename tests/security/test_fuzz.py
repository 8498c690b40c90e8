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
# Well-formed months from year 0 to far past 9999 reach the date arithmetic, not only the parser.
months = st.one_of(
    st.builds(
        "{}-{}".format,
        st.integers(min_value=-10, max_value=10**25),
        st.integers(min_value=-1, max_value=14),
    ),
    st.sampled_from(["9999-12", "1-1", "99999999999999999999-1", "1950-1", "2100-12"]),
)
# Text around the database's column lengths (100, 150, 200 characters) and past them.
long_text = st.text(characters, min_size=90, max_size=260)
PARAM_VALUES = {"month": st.one_of(months, fuzzed)}
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
    return PARAM_VALUES.get(name, fuzzed)


def assert_safe(response, sent):
    assert response.status_code < 500, sent
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, sent


@pytest.mark.parametrize("url", sorted(GET_FORMS))
def test_public_pages_survive_any_query(url):
    values = {name: field_values(name) for name in GET_FORMS[url]}

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=values).filter(bool))
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


# Forms of signed-in people, with the persona that may post them and the fields fuzzed (the others
# get a valid value, so the fuzzed ones reach the services and the database).
SIGNED_IN_POST_FORMS = {
    "/en/members/join/": (
        "outsider",
        {"proposed_kind": "ngo", "message": "Hello"},
        ("proposed_name_th", "proposed_name_en", "proposed_kind", "organisation", "message"),
    ),
    "/en/knowledge/new/": (
        "coordinator",
        {"kind": "document", "language": "th", "visibility": "public", "submit": "1"},
        ("title_th", "title_en", "summary_en", "tags", "external_url", "published_on"),
    ),
}


def signed_in_values(name):
    special = {
        "tags": st.one_of(long_text, st.just("\ufb03" * 40), fuzzed),
        "proposed_kind": st.one_of(st.just("ngo"), fuzzed),
    }
    return special.get(name, st.one_of(long_text, fuzzed))


@pytest.mark.parametrize("url", sorted(SIGNED_IN_POST_FORMS))
def test_signed_in_forms_survive_any_post(request, client_for, url):
    from knowledge.models import Resource
    from members.models import JoinRequest

    persona, valid, fuzzed_fields = SIGNED_IN_POST_FORMS[url]
    client = client_for(request.getfixturevalue(persona))

    @FUZZ
    @given(st.fixed_dictionaries({name: signed_in_values(name) for name in fuzzed_fields}))
    def check(data):
        cache.clear()  # the posting allowance would otherwise answer 429 before the form is read
        JoinRequest.objects.all().delete()  # so does the daily allowance of join requests
        Resource.objects.all().delete()
        response = client.post(url, {**valid, **data})
        assert_safe(response, data)

    check()


# Markdown members write: odd text and pathological syntax, posted then shown (rendered on save).
markdown_syntax = st.lists(
    st.sampled_from(["[", "]", "(", ")", "*", "_", "`", ">", "<", "!", "|", "-", "~", "\n", " "]),
    max_size=30,
).map("".join)
markdown_fuzz = st.one_of(
    fuzzed,
    st.tuples(markdown_syntax, st.integers(1, 400)).map(lambda pair: pair[0] * pair[1]),
    st.sampled_from(["[" * 20_000, "*a" * 5_000, "> " * 3_000, PAYLOAD + "[x](javascript:fuzz(3))"]),
)


def test_member_markdown_forms_survive_any_text(member, client_for):
    from tests.knowledge.factories import ResourceFactory, ThreadFactory

    thread, resource = ThreadFactory(), ResourceFactory()
    client = client_for(member)
    targets = [
        (f"/en/knowledge/discussions/{thread.pk}/reply/", thread.get_absolute_url()),
        (f"/en/knowledge/{resource.slug}/comment/", f"/en/knowledge/{resource.slug}/"),
    ]

    @FUZZ
    @given(markdown_fuzz)
    def check(body):
        cache.clear()  # posting limits of new members would answer 429 first
        preview = client.post("/en/knowledge/preview/", {"text": body})
        assert preview.status_code < 500, body
        assert 'href="javascript' not in preview.json().get("html", ""), body
        for action, page in targets:
            assert_safe(client.post(action, {"body": body}), body)
            assert_safe(client.get(page), body)

    check()


# Forwarded-for headers: whatever a client writes, the rate limits get a real address and the
# sign-in answers.

forwarded_for = st.lists(
    st.one_of(st.ip_addresses().map(str), fuzzed), min_size=0, max_size=4
).map(", ".join)


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_any_forwarded_for_gives_an_address_and_never_a_server_error(proxies):
    import ipaddress

    from django.test import RequestFactory, override_settings

    from network.lib.client_ip import client_ip

    @FUZZ
    @given(forwarded_for, st.one_of(st.none(), st.ip_addresses().map(str), fuzzed))
    def check(header, real_ip):
        extra = {"HTTP_X_FORWARDED_FOR": header, "REMOTE_ADDR": "127.0.0.1"}
        if real_ip is not None:
            extra["HTTP_X_REAL_IP"] = real_ip
        ipaddress.ip_address(client_ip(RequestFactory().get("/", **extra)))
        response = Client().post(
            "/en/accounts/login/", {"login": "nobody@example.org", "password": "x"}, **extra
        )
        assert_safe(response, header)

    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=proxies):
        check()
    with override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"):
        check()


def test_no_path_makes_the_page_link_to_another_host():
    import re
    from urllib.parse import urlsplit

    hosts = st.from_regex(r"[a-z0-9.-]{1,20}\.[a-z]{2,6}", fullmatch=True)
    prefixes = st.sampled_from(["//", "///", "/\\", "\\\\", "/\\/", "//\\"])

    @FUZZ
    @given(prefixes, hosts, st.sampled_from(["", "en/", "en/events/", "events/"]))
    def check(prefix, host, rest):
        response = Client().get("/", PATH_INFO=f"{prefix}{host}/{rest}")
        assert_safe(response, (prefix, host))
        html = response.content.decode()
        links = re.findall(r'(?:content|href)="((?:https?:)?//[^"]*)"', html)
        assert links  # og:url and hreflang at least
        for url in links:
            assert urlsplit(url).netloc != host, url

    check()
