import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def sync_site(sender, **kwargs):
    """allauth's e-mails name the Site: keep it in step with SITE_URL and SITE_NAME."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )


def new_release(sender, **kwargs):
    """Every release runs ``migrate``: pages and fragments cached by the previous release's
    templates are stale from here on, so a changed layout shows at once instead of mixing with
    old fragments for up to ``PAGE_CACHE_SECONDS``."""
    from .lib import pagecache

    try:
        pagecache.content_changed()
    except Exception:  # noqa: BLE001 - Redis not reachable: nothing cached to make stale there
        logger.warning("The page cache could not be marked stale after migrate.")


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
        post_migrate.connect(new_release, sender=self, dispatch_uid="pagecache-new-release")
