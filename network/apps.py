from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_site(sender, **kwargs):
    """allauth's e-mails name the Site: keep it in step with SITE_URL and SITE_NAME."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from django.apps import apps

        from members.panels import register_organisation_panel, register_person_panel

        from .health import admin as _health_admin  # noqa: F401 - registers its admin
        from .lib import pagecache
        from .recognition import admin as _recognition_admin  # noqa: F401
        from .recognition import panels

        pagecache.connect_signals()
        # E-mail bookkeeping no public page shows: queueing a confirmation for a registration
        # must not make the whole site stale (a scope no page declares but the default).
        for label in ("network.outboxmessage", "network.emailpreferences", "network.suppression"):
            pagecache.scoped(label)
        register_person_panel(panels.person_recognition)
        register_organisation_panel(panels.organisation_recognition)
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"))
