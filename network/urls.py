from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .admin_login import RateLimitedAdminAuthenticationForm
from .outbox import views as outbox_views
from .sitemaps import SITEMAPS

admin.site.site_header = _("Thai City Climate Network")
admin.site.site_title = _("Network admin")
# The left-hand model list takes 270 px of a 1280 px screen from every list and form; coordinators
# move between sections through the index and the breadcrumbs instead.
admin.site.enable_nav_sidebar = False
# The admin login counts failed attempts with allauth's limits (network/admin_login.py).
admin.site.login_form = RateLimitedAdminAuthenticationForm

# A database outage answers a friendly 503 in the visitor's language (network/views.py).
handler500 = "network.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("search/", views.search, name="search"),
    path("members/", include("members.urls")),
    path("projects/", include("members.project_urls")),
    path("events/", include("events.urls")),
    path("knowledge/", include("knowledge.urls")),
    path("surveys/", include("knowledge.survey_urls")),
    path("funding/", include("knowledge.funding_urls")),
    path("accounts/preferences/", outbox_views.preferences, name="preferences"),
    path("network/health/", include("network.health.urls")),
    path("recognition/", include("network.recognition.urls")),
    path("accounts/", include("allauth.urls")),
    path("unsubscribe/<str:token>/", outbox_views.unsubscribe, name="unsubscribe"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.BENCH_VIEWS:
    from . import bench

    urlpatterns += [
        path("bench/hello", bench.hello, name="bench_hello"),
        path("bench/fortunes", bench.fortunes, name="bench_fortunes"),
    ]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
