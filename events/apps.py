from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from members.panels import register_organisation_panel, register_person_panel

        from . import panels

        register_organisation_panel(panels.organisation_events)
        register_person_panel(panels.person_events)

        # A registration changes its event's page (seats left) and the pages that show every
        # scope, not the directory nor other events' pages (network/lib/pagecache.py, "scopes").
        from network.lib import pagecache

        pagecache.scoped(
            "events.registration", lambda registration: [pagecache.object_scope(registration.event)]
        )
