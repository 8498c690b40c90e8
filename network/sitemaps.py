"""``/sitemap.xml``: the public pages, in Thai and English."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class StaticPagesSitemap(PublicSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "about",
            "members:directory",
            "members:people",
            "events:upcoming",
            "knowledge:library",
            "knowledge:discussions",
            "projects:list",
            "funding:list",
            "funding:archive",
            "recognition:roll",
        ]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        from members.models import Organisation

        return Organisation.objects.listed().order_by("pk").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class EventSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        from events.models import Event

        return Event.objects.published().public().order_by("pk").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class ResourceSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        from knowledge.models import Resource

        return Resource.objects.published().public().order_by("pk").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class ProjectSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        from members.models import Project

        return Project.objects.public().order_by("pk").only("slug", "updated")


class FundingCallSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        from knowledge.models import FundingCall

        return FundingCall.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "organisations": OrganisationSitemap,
    "events": EventSitemap,
    "resources": ResourceSitemap,
    "projects": ProjectSitemap,
    "funding": FundingCallSitemap,
}
