"""Absolute links (og:url, hreflang, the language switch) point at the configured site only."""

import re

import pytest

pytestmark = pytest.mark.django_db

SITE = "https://thaicity-climate.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def head_links(html: str) -> dict[str, str]:
    found = {
        "og:url": re.search(r'<meta property="og:url" content="([^"]*)"', html).group(1),
        "og:image": re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1),
    }
    for language in ("th", "en"):
        found[f"hreflang {language}"] = re.search(
            rf'<link rel="alternate" hreflang="{language}" href="([^"]*)"', html
        ).group(1)
    return found


def language_switch(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" lang="(?:th|en)" hreflang=', html)


@pytest.mark.parametrize("path", ["//evil.example/en/events/", "/\\evil.example/en/events/"])
def test_a_404_for_a_path_naming_another_host_links_only_to_the_site(client, path):
    # The test client would read "//evil.example" as a host; PATH_INFO is what the server gets.
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    html = response.text
    for name, url in head_links(html).items():
        assert url.startswith(f"{SITE}/"), (name, url)
    for href in language_switch(html):
        assert href.startswith("/") and not href.startswith(("//", "/\\")), href
    assert "://evil.example" not in html
    assert '"//evil.example' not in html


def test_a_normal_page_links_to_the_site_whatever_host_was_asked(client):
    response = client.get("/en/events/", HTTP_HOST="localhost")
    assert response.status_code == 200
    links = head_links(response.text)
    assert links["og:url"] == f"{SITE}/en/events/"
    assert links["hreflang th"] == f"{SITE}/events/"
    assert links["hreflang en"] == f"{SITE}/en/events/"
    assert links["og:image"] == f"{SITE}/static/img/og-default.png"
    assert language_switch(response.text) == ["/events/", "/en/events/"]
    assert "http://localhost" not in response.text
