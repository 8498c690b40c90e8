import xml.etree.ElementTree as ET

import pytest

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_rss_feed_parses_and_lists_public_published_resources(client):
    ResourceFactory(title_en="Public guide", summary_en="Read <me> & learn")
    ResourceFactory(title_en="Members guide", visibility="members")
    ResourceFactory(title_en="Draft guide", status="draft")
    response = client.get("/en/knowledge/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own output
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Public guide"]
    assert channel.find("item").findtext("description") == "Read <me> & learn"


def test_atom_feed_parses_and_can_show_news_alone(client):
    ResourceFactory(title_en="Network news", kind="news")
    ResourceFactory(title_en="A toolkit", kind="toolkit")
    root = ET.fromstring(client.get("/en/knowledge/feed/atom/?kind=news").content)  # noqa: S314 - our own output
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["Network news"]


def test_sitemap_is_valid_xml_with_public_pages_only(client):
    public = ResourceFactory()
    members_only = ResourceFactory(visibility="members")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert any(loc.endswith(f"/knowledge/{public.slug}/") for loc in locations)
    assert any(loc.endswith(f"/en/knowledge/{public.slug}/") for loc in locations)
    assert not any(members_only.slug in loc for loc in locations)
    for page in ("/about/", "/members/", "/events/", "/knowledge/"):
        assert any(loc.endswith(page) for loc in locations), page
