"""Readable slugs for Thai-only titles; the old "resource-2" addresses keep working."""

import importlib

import pytest
from django.apps import apps

from knowledge.models import Resource
from knowledge.services import unique_resource_slug
from members.services import unique_slug
from network.lib.thai import slug_text
from tests.factories import OrganisationFactory
from tests.knowledge.factories import ResourceFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("network.migrations.0002_readable_slugs")


def test_the_english_title_wins_then_the_thai_title_romanised():
    assert slug_text("Flood handbook", "คู่มือน้ำท่วม") == "flood-handbook"
    assert slug_text("", "เทศบาลเมืองน่าน") == "thetbanmueang-nan"
    assert slug_text("", "") == ""


def test_thai_only_titles_get_readable_unique_slugs():
    assert unique_resource_slug("", "คู่มือน้ำท่วม") == "khumue-namthuam"
    ResourceFactory(slug="khumue-namthuam")
    assert unique_resource_slug("", "คู่มือน้ำท่วม") == "khumue-namthuam-2"
    assert unique_slug("", "เทศบาลเมืองน่าน") == "thetbanmueang-nan"


def test_old_fallback_slugs_are_renamed_and_redirect(client):
    resource = ResourceFactory(slug="resource-2", title_en="", title_th="คู่มือน้ำท่วม")
    org = OrganisationFactory(slug="organisation", name_en="", name_th="เทศบาลเมืองน่าน")
    kept = ResourceFactory(slug="flood-guide")
    migration.readable_slugs(apps, None)
    resource.refresh_from_db()
    org.refresh_from_db()
    kept.refresh_from_db()
    assert resource.slug == "khumue-namthuam"
    assert org.slug == "thetbanmueang-nan"
    assert kept.slug == "flood-guide"
    for old, new in [
        ("/knowledge/resource-2/", "/knowledge/khumue-namthuam/"),
        ("/en/knowledge/resource-2/", "/en/knowledge/khumue-namthuam/"),
        ("/members/organisation/", "/members/thetbanmueang-nan/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == new
    assert client.get("/en/knowledge/khumue-namthuam/").status_code == 200
    assert Resource.objects.filter(slug="resource-2").count() == 0
