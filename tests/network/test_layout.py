"""The layout every page repeats (header, footer) is rendered once per process for each language,
menu section and kind of visitor ({% memo %}); what is the request's own goes into slots."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings

pytestmark = pytest.mark.django_db


def account_menu(html: str) -> str:
    return re.search(r'<ul class="dropdown-menu dropdown-menu-end">.*?</ul>', html, re.S)[0]


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S)[0]


def test_each_member_sees_their_own_address_in_the_account_menu(client, member, editor):
    client.force_login(member)
    assert "member@example.org" in account_menu(client.get("/about/").content.decode())
    client.force_login(editor)
    menu = account_menu(client.get("/about/").content.decode())
    assert "editor@example.org" in menu
    assert "member@example.org" not in menu


def test_the_search_box_keeps_each_requests_words_escaped(client):
    first = header(client.get("/search/", {"q": '<script>alert("x")</script>'}).content.decode())
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in first
    assert "<script>alert" not in first
    second = header(client.get("/search/", {"q": "น้ำท่วม"}).content.decode())
    assert 'value="น้ำท่วม"' in second
    assert header(client.get("/search/").content.decode()).count('value=""') == 1


def test_language_links_and_the_active_item_follow_the_page(client):
    events = header(client.get("/events/").content.decode())
    assert 'href="/en/events/" lang="en"' in events
    assert re.search(r'nav-link active" href="/events/"', events)
    members = header(client.get("/en/members/").content.decode())
    assert 'href="/members/" lang="th"' in members
    assert re.search(r'nav-link active" href="/en/members/"', members)
    assert "Members" in members and "สมาชิก" not in members.split("ไทย")[0]
    about = header(client.get("/about/").content.decode())
    assert re.search(r'nav-link active" href="/about/"', about)
    assert about.count("nav-link active") == 1


def test_coordinator_links_are_not_shown_to_the_next_member(client, coordinator, member):
    client.force_login(coordinator)
    html = header(client.get("/about/").content.decode())
    assert "/health/" in html and "/admin/" in html and "coordinator@example.org" in html
    client.force_login(member)
    html = header(client.get("/about/").content.decode())
    assert "/health/" not in html and "/admin/" not in html
    client.logout()
    html = header(client.get("/about/").content.decode())
    assert "My account" not in html and "บัญชีของฉัน" not in html
    assert "/accounts/login/" in html


def test_the_footer_follows_the_language_and_whether_one_is_signed_in(client, member):
    assert "/accounts/signup/" in client.get("/en/about/").content.decode().split("<footer")[1]
    client.force_login(member)
    footer = client.get("/en/about/").content.decode().split("<footer")[1]
    assert "/accounts/signup/" not in footer and "/accounts/logout/" in footer
    assert "Sign out" in footer


class Counter:
    def __init__(self):
        self.renders = 0

    def __str__(self):
        self.renders += 1
        return ""


def test_memo_renders_once_per_key_and_fills_slots_each_time():
    template = Template("{% memo key with name=name %}{{ counter }}[{{ name }}]{% endmemo %}")
    counter = Counter()
    assert template.render(Context({"key": 1, "name": "<a>", "counter": counter})) == "[&lt;a&gt;]"
    assert template.render(Context({"key": 1, "name": "b", "counter": counter})) == "[b]"
    assert template.render(Context({"key": 1, "name": None, "counter": counter})) == "[]"
    assert counter.renders == 1
    assert template.render(Context({"key": 2, "name": "c", "counter": counter})) == "[c]"
    assert counter.renders == 2


def test_a_slots_value_is_not_read_for_other_slots():
    template = Template("{% memo with a=a b=b %}{{ a }}|{{ b }}{% endmemo %}")
    assert template.render(Context({"a": "\ue000b\ue001", "b": "x"})) == "\ue000b\ue001|x"


def test_changed_settings_render_the_block_again():
    template = Template("{% memo %}{{ counter }}{% endmemo %}")
    counter = Counter()
    template.render(Context({"counter": counter}))
    with override_settings(SITE_URL="https://example.test"):
        template.render(Context({"counter": counter}))
    assert counter.renders == 2
